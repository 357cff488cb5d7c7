import { AnomalyEventDetector, parseNabTimestamp, rowTimes } from '@headroom/core';
import { parse } from 'csv-parse/sync';
import { EXIT_OK, InputError } from '../errors';
import type { Console } from '../io/console';
import { readText } from '../io/sloFiles';
import { parseTime } from '../io/time';

export interface AnomaliesOptions {
  series: string;
  format: 'csv' | 'json';
}

interface Row {
  /** The timestamp as written in the file, echoed back unchanged. */
  readonly timestamp: string;
  readonly t: number;
  readonly valueText: string;
  readonly value: number;
  /** Line in the file (the header is line 1). */
  readonly line: number;
}

/** `2014-07-01 00:00:00` (NAB's form, no zone) as UTC. */
function zoneless(text: string): number | undefined {
  try {
    return parseNabTimestamp(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads a `timestamp,value` CSV. Timestamps are RFC 3339, unix seconds, or `YYYY-MM-DD hh:mm:ss`
 * without a zone (NAB's files), read as UTC. Rows stay in file order whatever their timestamps:
 * a repeated or earlier timestamp is kept (see `rowTimes`). An empty value or `NaN` is a missing
 * point; anything else that is not a number is an error naming the file and line.
 */
export function parseValueCsv(text: string, file: string): Row[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
  const header = records[0]?.record.map(h => h.toLowerCase());
  if (!header || header.length !== 2 || header[0] !== 'timestamp' || header[1] !== 'value') {
    throw new InputError(
      `${file}:1: the header must be "timestamp,value" (found "${records[0]?.record.join(',') ?? ''}")`,
    );
  }
  const rows: Row[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== 2) {
      throw new InputError(
        `${file}:${line}: expected 2 columns (timestamp,value), found ${record.length}`,
      );
    }
    const [timestamp, valueText] = record as [string, string];
    const t = parseTime(timestamp) ?? zoneless(timestamp);
    if (t === undefined) {
      throw new InputError(
        `${file}:${line}: timestamp "${timestamp}" is not RFC 3339, unix seconds or YYYY-MM-DD hh:mm:ss (UTC)`,
      );
    }
    let value = Number.NaN;
    if (valueText !== '' && valueText.toLowerCase() !== 'nan') {
      value = Number(valueText);
      if (!Number.isFinite(value)) {
        throw new InputError(
          `${file}:${line}: value "${valueText}" is not a number (or empty for a missing point)`,
        );
      }
    }
    rows.push({ timestamp, t, valueText, value, line });
  }
  if (rows.length === 0) throw new InputError(`${file}: no rows after the header`);
  return rows;
}

/**
 * `headroom anomalies`: scores every row of a series, in order, with the streaming event detector
 * (a score of at least 0.5 marks the row where an anomaly starts); a row's score depends only on
 * the rows before it and itself. A missing value gets no score. A
 * row whose timestamp is not after the previous row's is scored as following it at once, and
 * said so on stderr (the exit code stays 0).
 */
export function anomaliesCommand(opts: AnomaliesOptions, io: Console): number {
  const rows = parseValueCsv(readText(opts.series), opts.series);
  const { times, adjusted } = rowTimes(rows.map(r => r.t));
  const detector = new AnomalyEventDetector();
  const scores = rows.map((r, i) => detector.update(times[i]!, r.value));
  if (adjusted.length > 0) {
    const first = rows[adjusted[0]!]!;
    io.err(
      `${opts.series}:${first.line}: ${adjusted.length} row(s) with a timestamp not after the previous row's (first: ${first.timestamp}) kept in file order and scored right after it`,
    );
  }
  if (opts.format === 'json') {
    const out = rows.map((r, i) => ({
      timestamp: r.timestamp,
      value: Number.isNaN(r.value) ? null : r.value,
      anomaly_score: Number.isNaN(scores[i]!) ? null : round(scores[i]!),
    }));
    io.out(JSON.stringify(out, null, 2));
  } else {
    const lines = ['timestamp,value,anomaly_score'];
    rows.forEach((r, i) => {
      const s = scores[i]!;
      lines.push(
        `${csvCell(r.timestamp)},${csvCell(r.valueText)},${Number.isNaN(s) ? '' : round(s)}`,
      );
    });
    io.out(`${lines.join('\n')}\n`);
  }
  return EXIT_OK;
}

/** Six decimals: finer than any threshold anyone sets, and stable across platforms. */
function round(score: number): number {
  return Math.round(score * 1e6) / 1e6;
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
