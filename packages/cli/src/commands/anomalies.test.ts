import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../program';
import type { Console } from '../io/console';

function capture(): Console & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: t => stdout.push(t), err: t => stderr.push(t) };
}

const dir = mkdtempSync(join(tmpdir(), 'headroom-anomalies-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const T0 = 1704067200; // 2024-01-01T00:00:00Z
const STEP = 300;

/** Four days of 5-minute points: a daily cycle of ±40 around 100, small deterministic noise. */
function seriesRows(days: number): [string, number][] {
  const rows: [string, number][] = [];
  for (let i = 0; i < (days * 86400) / STEP; i++) {
    const t = new Date((T0 + i * STEP) * 1000).toISOString().replace('.000Z', 'Z');
    const wobble = ((i * 7919) % 13) / 13 - 0.5;
    rows.push([
      t,
      Math.round((100 + 40 * Math.sin((2 * Math.PI * i) / 288) + 2 * wobble) * 1000) / 1000,
    ]);
  }
  return rows;
}

const csv = (rows: [string, number | string][]) =>
  `timestamp,value\n${rows.map(([t, v]) => `${t},${v}`).join('\n')}\n`;

async function anomalies(path: string, ...extra: string[]) {
  const io = capture();
  const code = await run(['anomalies', '--series', path, ...extra], io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('\n') };
}

describe('headroom anomalies', () => {
  const rows = seriesRows(5);
  const spikeAt = 4 * 288 + 120;
  rows[spikeAt]![1] = rows[spikeAt]![1] + 30;
  const path = file('cost.csv', csv(rows));

  it('writes timestamp,value,anomaly_score for every input row, in order', async () => {
    const { code, out } = await anomalies(path);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('timestamp,value,anomaly_score');
    expect(lines).toHaveLength(rows.length + 1);
    lines.slice(1).forEach((line, i) => {
      const [t, v, s] = line.split(',');
      expect(t).toBe(rows[i]![0]);
      expect(Number(v)).toBe(rows[i]![1]);
      expect(Number(s)).toBeGreaterThanOrEqual(0);
      expect(Number(s)).toBeLessThanOrEqual(1);
    });
    // The first day is the warm-up.
    expect(lines.slice(1, 289).every(l => l.endsWith(',0'))).toBe(true);
    const scores = lines.slice(1).map(l => Number(l.split(',')[2]));
    expect(scores[spikeAt]).toBeGreaterThan(0.5);
    expect(Math.max(...scores.slice(3 * 288, 4 * 288))).toBeLessThan(0.5);
  });

  it('scores a prefix exactly as it scored those rows in the full file', async () => {
    const full = (await anomalies(path)).out.trimEnd().split('\n');
    const prefix = file('prefix.csv', csv(rows.slice(0, spikeAt - 10)));
    const part = (await anomalies(prefix)).out.trimEnd().split('\n');
    expect(part).toEqual(full.slice(0, spikeAt - 10 + 1));
  });

  it('writes JSON with --format json, a missing value getting no score', async () => {
    const gap = file(
      'gap.csv',
      'timestamp,value\n1704067200,1\n1704067500,\n1704067800,NaN\n1704068100,2.5\n',
    );
    const { code, out } = await anomalies(gap, '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual([
      { timestamp: '1704067200', value: 1, anomaly_score: 0 },
      { timestamp: '1704067500', value: null, anomaly_score: null },
      { timestamp: '1704067800', value: null, anomaly_score: null },
      { timestamp: '1704068100', value: 2.5, anomaly_score: 0 },
    ]);
  });

  it.each([
    ['a missing file', null, /error: .*nope\.csv.*no such file/],
    ['a wrong header', 'time,cost\n1,2\n', /bad\.csv:1: the header must be "timestamp,value"/],
    [
      'a bad timestamp',
      'timestamp,value\n1704067200,1\nyesterday,2\n',
      /bad\.csv:3: timestamp "yesterday"/,
    ],
    [
      'a timestamp going back',
      'timestamp,value\n1704067200,1\n1704067100,2\n',
      /bad\.csv:3: .*not after/,
    ],
    [
      'a value that is not a number',
      'timestamp,value\n1704067200,12 USD\n',
      /bad\.csv:2: value "12 USD"/,
    ],
    [
      'a row with three cells',
      'timestamp,value\n1704067200,1,2\n',
      /bad\.csv:2: expected 2 columns/,
    ],
    ['no rows', 'timestamp,value\n', /bad\.csv: no rows/],
  ])('exits 2 with one line naming file and line for %s', async (_, text, message) => {
    const path = text === null ? join(dir, 'nope.csv') : file('bad.csv', text);
    const { code, out, err } = await anomalies(path);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toMatch(message);
  });

  it('rejects an unknown --format', async () => {
    const { code, err } = await anomalies(path, '--format', 'xml');
    expect(code).toBe(2);
    expect(err).toMatch(/--format/);
  });
});
