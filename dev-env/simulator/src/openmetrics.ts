// The backfill: the simulated history as OpenMetrics text for
// `promtool tsdb create-blocks-from openmetrics`, streamed so memory stays flat however long
// the span.
//
// Samples are written time-major (every series at one timestamp, then the next), so families
// interleave. promtool 2.42 accepts this (it needs `# TYPE` lines, a timestamp on every sample
// and the final `# EOF`), and it lets one forward walk of the counters produce the whole file.

import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

import { CounterClock } from './counters';
import { FAMILY_LIST, emitSamples, formatValue } from './exposition';
import { SimulationContext, epochOf } from './model';

export interface HistorySpan {
  /** First timestamp, Unix seconds. */
  from: number;
  /** Last timestamp (included when on the step grid), Unix seconds. */
  to: number;
  /** Seconds between samples. */
  step: number;
}

export interface HistoryStats {
  timestamps: number;
  samples: number;
  bytes: number;
}

export function validateSpan(ctx: SimulationContext, span: HistorySpan): void {
  const { from, to, step } = span;
  if (!Number.isInteger(step) || step <= 0)
    throw new Error(`step must be a positive whole number of seconds, got ${step}`);
  if (!Number.isFinite(from) || !Number.isFinite(to))
    throw new Error(`from and to must be Unix seconds, got ${from} and ${to}`);
  if (to < from) throw new Error(`to (${to}) is before from (${from})`);
  if (from < epochOf(ctx)) {
    throw new Error(
      `from (${from}) is before the simulation epoch ${epochOf(ctx)}: the history can reach at most 45 days before the anchor`,
    );
  }
}

/** Header lines: one `# HELP` and `# TYPE` per family. */
export function openMetricsHeader(): string {
  return FAMILY_LIST.map(f => `# HELP ${f.name} ${f.help}\n# TYPE ${f.name} ${f.type}\n`).join('');
}

/** Writes the history to `out` and resolves when every byte is handed over (not closed). */
export async function writeHistory(
  ctx: SimulationContext,
  span: HistorySpan,
  out: Writable,
): Promise<HistoryStats> {
  validateSpan(ctx, span);
  const clock = new CounterClock(ctx);
  const stats: HistoryStats = { timestamps: 0, samples: 0, bytes: 0 };
  const write = async (chunk: string) => {
    stats.bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>(resolve => out.once('drain', resolve));
  };

  await write(openMetricsHeader());
  let chunk = '';
  for (let t = span.from; t <= span.to; t += span.step) {
    const stamp = ` ${t}\n`;
    emitSamples(ctx, clock.at(t), t, (_family, name, labels, value) => {
      chunk += name + labels + ' ' + formatValue(value) + stamp;
      stats.samples++;
    });
    stats.timestamps++;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk + '# EOF\n');
  return stats;
}

/** Writes the history to a file. */
export async function writeHistoryFile(
  ctx: SimulationContext,
  span: HistorySpan,
  path: string,
): Promise<HistoryStats> {
  const out = createWriteStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    out.once('open', () => resolve());
    out.once('error', reject);
  });
  await opened;
  const stats = await writeHistory(ctx, span, out);
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
  return stats;
}
