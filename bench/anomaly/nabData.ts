import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nabWindowIndices, parseNabTimestamp, type NabWindow } from '@headroom/core';

/** The reference folder beside the repository, or HEADROOM_REFERENCE_DIR. */
export function nabDir(): string {
  const root =
    process.env.HEADROOM_REFERENCE_DIR ??
    resolve(__dirname, '..', '..', '..', '..', 'shared', 'reference');
  return join(root, 'nab');
}

export const NAB_FILES = [
  'ec2_cpu_utilization_24ae8d',
  'ec2_cpu_utilization_825cc2',
  'ec2_cpu_utilization_c6585a',
  'elb_request_count_8c0756',
  'rds_cpu_utilization_cc0c53',
] as const;

export interface NabFile {
  readonly name: string;
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  readonly windows: NabWindow[];
  /** Row indices of the labelled anomalies (window centres). */
  readonly labels: number[];
}

function csvColumns(path: string): Map<string, string[]> {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const columns = new Map(header.map(h => [h, [] as string[]]));
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    header.forEach((h, k) => columns.get(h)!.push(cells[k]!));
  }
  return columns;
}

export function loadNabFile(name: string): NabFile {
  const dir = nabDir();
  const columns = csvColumns(join(dir, 'data', `${name}.csv`));
  const timestamps = Float64Array.from(columns.get('timestamp')!, parseNabTimestamp);
  const values = Float64Array.from(columns.get('value')!, Number);
  const key = `realAWSCloudwatch/${name}.csv`;
  const windowsJson = JSON.parse(
    readFileSync(join(dir, 'labels', 'combined_windows.subset.json'), 'utf8'),
  ) as Record<string, [string, string][]>;
  const labelsJson = JSON.parse(
    readFileSync(join(dir, 'labels', 'combined_labels.subset.json'), 'utf8'),
  ) as Record<string, string[]>;
  const windows = nabWindowIndices(
    timestamps,
    windowsJson[key]!.map(([a, b]) => [parseNabTimestamp(a), parseNabTimestamp(b)] as const),
    name,
  );
  const index = new Map(Array.from(timestamps, (t, i) => [t, i]));
  const labels = labelsJson[key]!.map(s => index.get(parseNabTimestamp(s))!);
  return { name, timestamps, values, windows, labels };
}

/** A published detector's per-row anomaly_score for a file. */
export function publishedScores(detector: string, name: string): Float64Array {
  const columns = csvColumns(join(nabDir(), 'results', detector, `${detector}_${name}.csv`));
  return Float64Array.from(columns.get('anomaly_score')!, Number);
}

/** Published per-file scores (results/<detector>/<detector>_<profile>_scores.csv). */
export function publishedFileScore(detector: string, profile: string, name: string): number {
  const columns = csvColumns(
    join(nabDir(), 'results', detector, `${detector}_${profile}_scores.csv`),
  );
  const files = columns.get('File')!;
  const k = files.indexOf(`realAWSCloudwatch/${name}.csv`);
  return Number(columns.get('Score')![k]);
}

export function publishedThreshold(detector: string, profile: string): number {
  const json = JSON.parse(
    readFileSync(join(nabDir(), 'config', 'thresholds.json'), 'utf8'),
  ) as Record<string, Record<string, { threshold: number; score: number }>>;
  return json[detector]![profile]!.threshold;
}

/** Normalised corpus score of a published detector (results/final_results.json). */
export function publishedCorpusScore(detector: string, profile: string): number {
  const json = JSON.parse(
    readFileSync(join(nabDir(), 'results', 'final_results.json'), 'utf8'),
  ) as Record<string, Record<string, number>>;
  return json[detector]![profile]!;
}
