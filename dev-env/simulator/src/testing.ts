// Helpers for the tests: a reader for the exposition formats this package writes.

import { Writable } from 'node:stream';

/** `name{labels}` → value, for every sample line; timestamps (OpenMetrics) are returned apart. */
export function parseSamples(text: string): {
  values: Map<string, number>;
  timestamps: Set<number>;
} {
  const values = new Map<string, number>();
  const timestamps = new Set<number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)(?: (\S+))?$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    values.set(match[1]!, Number(match[2]));
    if (match[3] !== undefined) timestamps.add(Number(match[3]));
  }
  return { values, timestamps };
}

/** Samples of the last timestamp of an OpenMetrics text. */
export function lastTimestampSamples(text: string): { t: number; values: Map<string, number> } {
  let last = -Infinity;
  const byTime = new Map<number, Map<string, number>>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    const t = Number(line.slice(space + 1));
    const rest = line.slice(0, space);
    const valueSpace = rest.lastIndexOf(' ');
    let values = byTime.get(t);
    if (!values) byTime.set(t, (values = new Map()));
    values.set(rest.slice(0, valueSpace), Number(rest.slice(valueSpace + 1)));
    last = Math.max(last, t);
  }
  return { t: last, values: byTime.get(last) ?? new Map() };
}

/** A writable stream that keeps what it is given, as text. */
export function collectingStream(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}
