import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../program';
import type { Console } from '../io/console';

const { referenceDir } = require('../../../../test/reference') as {
  referenceDir: (...parts: string[]) => string;
};

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

  it('reads zone-less timestamps as UTC and keeps a repeated or earlier one in file order', async () => {
    const text =
      'timestamp,value\n2014-03-09 01:55:00,1\n2014-03-09 03:00:00,2\n2014-03-09 03:00:00,3\n' +
      '2014-03-09 02:00:00,4\n2014-03-09 03:05:00,5\n';
    const same = file('same.csv', text);
    const { code, out, err } = await anomalies(same, '--format', 'json');
    expect(code).toBe(0);
    const rows = JSON.parse(out) as { timestamp: string; value: number; anomaly_score: number }[];
    expect(rows.map(r => [r.timestamp, r.value])).toEqual([
      ['2014-03-09 01:55:00', 1],
      ['2014-03-09 03:00:00', 2],
      ['2014-03-09 03:00:00', 3],
      ['2014-03-09 02:00:00', 4],
      ['2014-03-09 03:05:00', 5],
    ]);
    expect(rows.every(r => typeof r.anomaly_score === 'number')).toBe(true);
    expect(err).toBe(
      `${same}:4: 2 row(s) with a timestamp not after the previous row's (first: 2014-03-09 03:00:00) kept in file order and scored right after it`,
    );
    // Zone-less is UTC: the same rows written with Z score the same.
    const utc = file('utc.csv', text.replace(/ (\d\d:\d\d:\d\d)/g, 'T$1Z'));
    const scored = JSON.parse((await anomalies(utc, '--format', 'json')).out) as typeof rows;
    expect(scored.map(r => r.anomaly_score)).toEqual(rows.map(r => r.anomaly_score));
  });

  it('reads every file of the NAB corpus as it is, one score per row', async () => {
    const data = referenceDir('nab-full', 'data');
    const files = readdirSync(data, { recursive: true, encoding: 'utf8' })
      .filter(f => f.endsWith('.csv'))
      .sort();
    expect(files).toHaveLength(58);
    const noted: string[] = [];
    for (const f of files) {
      const path = join(data, f);
      const { code, out, err } = await anomalies(path);
      expect([f, code]).toEqual([f, 0]);
      const input = readFileSync(path, 'utf8').trimEnd().split('\n');
      const lines = out.trimEnd().split('\n');
      expect([f, lines.length]).toEqual([f, input.length]);
      // Every row echoed in file order (cells trimmed: some values end in spaces), with a score.
      for (let i = 1; i < input.length; i++) {
        const at = lines[i]!.lastIndexOf(',');
        const cells = input[i]!.split(',').map(c => c.trim());
        if (lines[i]!.slice(0, at) !== cells.join(',') || !(lines[i]!.length > at + 1)) {
          throw new Error(`${f}:${i + 1}: "${lines[i]}" does not echo "${input[i]}" with a score`);
        }
      }
      if (err !== '') noted.push(f);
    }
    // The 8 files whose timestamps repeat or step back (see the reference README).
    expect(noted).toEqual([
      'realAWSCloudwatch/ec2_disk_write_bytes_1ef3de.csv',
      'realAWSCloudwatch/ec2_network_in_5abac7.csv',
      'realAdExchange/exchange-2_cpc_results.csv',
      'realAdExchange/exchange-2_cpm_results.csv',
      'realKnownCause/ec2_request_latency_system_failure.csv',
      'realKnownCause/machine_temperature_system_failure.csv',
      'realTraffic/occupancy_t4013.csv',
      'realTraffic/speed_t4013.csv',
    ]);
  }, 120_000);

  it.each([
    ['a missing file', null, /error: .*nope\.csv.*no such file/],
    ['a wrong header', 'time,cost\n1,2\n', /bad\.csv:1: the header must be "timestamp,value"/],
    [
      'a bad timestamp',
      'timestamp,value\n1704067200,1\nyesterday,2\n',
      /bad\.csv:3: timestamp "yesterday"/,
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
