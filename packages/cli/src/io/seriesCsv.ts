import { parse } from 'csv-parse/sync';
import type { CounterSamples } from '@headroom/core';
import { InputError } from '../errors';
import { parseTime } from './time';

/**
 * Reads cumulative counter samples from CSV text with the header `timestamp,good,total` or
 * `timestamp,bad,total`. Timestamps are RFC 3339 or unix seconds and must increase strictly.
 * An empty cell or `NaN` is a missing sample (a gap); anything else that is not a number is an
 * error naming the file, line and column.
 */
export function parseSeriesCsv(text: string, file: string): CounterSamples {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as unknown as typeof rows;
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
  const header = rows[0]?.record.map(h => h.toLowerCase());
  if (
    !header ||
    header.length !== 3 ||
    header[0] !== 'timestamp' ||
    header[2] !== 'total' ||
    (header[1] !== 'good' && header[1] !== 'bad')
  ) {
    throw new InputError(
      `${file}:1: the header must be "timestamp,good,total" or "timestamp,bad,total" (found "${rows[0]?.record.join(',') ?? ''}")`,
    );
  }
  const kind = header[1] as 'good' | 'bad';
  const n = rows.length - 1;
  const timestamps = new Float64Array(n);
  const events = new Float64Array(n);
  const total = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const { record, info } = rows[i + 1]!;
    const line = info.lines;
    if (record.length !== 3) {
      throw new InputError(
        `${file}:${line}: expected 3 columns (timestamp,${kind},total), found ${record.length}`,
      );
    }
    const t = parseTime(record[0]!);
    if (t === undefined) {
      throw new InputError(
        `${file}:${line}: timestamp "${record[0]}" is not RFC 3339 or unix seconds`,
      );
    }
    if (i > 0 && t <= timestamps[i - 1]!) {
      throw new InputError(
        `${file}:${line}: timestamp ${record[0]} is not after the previous sample's`,
      );
    }
    timestamps[i] = t;
    events[i] = counterCell(record[1]!, file, line, kind);
    total[i] = counterCell(record[2]!, file, line, 'total');
  }
  if (n === 0) throw new InputError(`${file}: no samples after the header`);
  return { timestamps, events, total, kind };
}

function counterCell(cell: string, file: string, line: number, column: string): number {
  if (cell === '' || cell.toLowerCase() === 'nan') return Number.NaN;
  const v = Number(cell);
  if (!Number.isFinite(v) || v < 0) {
    throw new InputError(
      `${file}:${line}: ${column} "${cell}" is not a counter value (a number >= 0, or empty for a gap)`,
    );
  }
  return v;
}
