import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  nabWindowIndices,
  parseNabTimestamp,
  type NabProfileName,
  type NabWindow,
} from '@headroom/core';

/**
 * The whole NAB corpus (`nab-full` in the reference folder): 58 labelled files with their
 * windows, and the published `numenta` results, read as NAB reads them (every row, in file
 * order, windows by the first row carrying each edge's timestamp).
 */

/** The repository's root: the first folder up from here with yarn.lock (sources or dist/). */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'yarn.lock'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no yarn.lock above ${__dirname}`);
    dir = up;
  }
  return dir;
}

/** A folder of the reference data beside the repository, or under HEADROOM_REFERENCE_DIR. */
export function referenceFolder(name: string): string {
  const root =
    process.env.HEADROOM_REFERENCE_DIR ?? resolve(repositoryRoot(), '..', 'shared', 'reference');
  return join(root, name);
}

export const NAB_FULL = 'nab-full';

/** The 5 files of the reference subset `nab` (all realAWSCloudwatch). */
export const NAB_SUBSET = [
  'realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv',
  'realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv',
  'realAWSCloudwatch/ec2_cpu_utilization_c6585a.csv',
  'realAWSCloudwatch/elb_request_count_8c0756.csv',
  'realAWSCloudwatch/rds_cpu_utilization_cc0c53.csv',
] as const;

export interface NabCorpusFile {
  /** `<category>/<file>.csv`, NAB's key. */
  readonly key: string;
  /** Timestamps as written (unix seconds, UTC); they may repeat or step back. */
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  readonly windows: NabWindow[];
}

/** `timestamp,value,...` columns of a NAB CSV, by header name. */
export function csvColumns(path: string): Map<string, string[]> {
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  const header = lines[0]!.split(',').map(h => h.trim());
  const columns = new Map(header.map(h => [h, [] as string[]]));
  for (const [n, line] of lines.slice(1).entries()) {
    const cells = line.split(',');
    if (cells.length !== header.length) {
      throw new Error(`${path}:${n + 2}: ${cells.length} cells, the header has ${header.length}`);
    }
    header.forEach((h, k) => columns.get(h)!.push(cells[k]!.trim()));
  }
  return columns;
}

function column(columns: Map<string, string[]>, name: string, path: string): string[] {
  const c = columns.get(name);
  if (c === undefined) throw new Error(`${path}: no column ${name}`);
  return c;
}

function numbers(texts: string[], path: string, name: string): Float64Array {
  return Float64Array.from(texts, (t, i) => {
    const v = Number(t);
    if (t === '' || !Number.isFinite(v)) throw new Error(`${path}:${i + 2}: ${name} "${t}"`);
    return v;
  });
}

function json<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Every data file's key, sorted. */
export function nabKeys(dir = referenceFolder(NAB_FULL)): string[] {
  return readdirSync(join(dir, 'data'), { recursive: true, encoding: 'utf8' })
    .filter(f => f.endsWith('.csv'))
    .map(f => f.split('\\').join('/'))
    .sort();
}

/** Loads the corpus (or the given keys of it). */
export function loadNabCorpus(
  keys?: readonly string[],
  dir = referenceFolder(NAB_FULL),
): NabCorpusFile[] {
  const windows = json<Record<string, [string, string][]>>(
    join(dir, 'labels', 'combined_windows.json'),
  );
  return (keys ?? nabKeys(dir)).map(key => {
    const path = join(dir, 'data', key);
    const columns = csvColumns(path);
    const timestamps = Float64Array.from(column(columns, 'timestamp', path), parseNabTimestamp);
    const values = numbers(column(columns, 'value', path), path, 'value');
    const edges = windows[key];
    if (edges === undefined) throw new Error(`${key}: not in labels/combined_windows.json`);
    return {
      key,
      timestamps,
      values,
      windows: nabWindowIndices(
        timestamps,
        edges.map(([a, b]) => [parseNabTimestamp(a), parseNabTimestamp(b)] as const),
        key,
      ),
    };
  });
}

function resultPath(dir: string, detector: string, key: string): string {
  const [category, file] = key.split('/') as [string, string];
  return join(dir, 'results', detector, category, `${detector}_${file}`);
}

/** A published detector's per-row anomaly_score for a file (same rows as the data file). */
export function publishedRowScores(
  detector: string,
  key: string,
  dir = referenceFolder(NAB_FULL),
): Float64Array {
  const path = resultPath(dir, detector, key);
  return numbers(column(csvColumns(path), 'anomaly_score', path), path, 'anomaly_score');
}

export interface PublishedFileScore {
  readonly score: number;
  readonly tp: number;
  readonly tn: number;
  readonly fp: number;
  readonly fn: number;
  readonly total: number;
}

/** results/<detector>/<detector>_<profile>_scores.csv: per file, and the `Totals` row. */
export function publishedFileScores(
  detector: string,
  profile: NabProfileName,
  dir = referenceFolder(NAB_FULL),
): { files: Map<string, PublishedFileScore>; totals: PublishedFileScore } {
  const path = join(dir, 'results', detector, `${detector}_${profile}_scores.csv`);
  const c = csvColumns(path);
  const files = new Map<string, PublishedFileScore>();
  let totals: PublishedFileScore | undefined;
  column(c, 'File', path).forEach((file, i) => {
    const row = {
      score: Number(c.get('Score')![i]),
      tp: Number(c.get('TP')![i]),
      tn: Number(c.get('TN')![i]),
      fp: Number(c.get('FP')![i]),
      fn: Number(c.get('FN')![i]),
      total: Number(c.get('Total_Count')![i]),
    };
    if (c.get('Detector')![i] === 'Totals') totals = row;
    else files.set(file, row);
  });
  if (totals === undefined) throw new Error(`${path}: no Totals row`);
  return { files, totals };
}

/** config/thresholds.json: the threshold NAB's optimiser chose for a detector and profile. */
export function publishedThreshold(
  detector: string,
  profile: NabProfileName,
  dir = referenceFolder(NAB_FULL),
): number {
  const t = json<Record<string, Record<string, { threshold: number }>>>(
    join(dir, 'config', 'thresholds.json'),
  );
  return t[detector]![profile]!.threshold;
}

/** results/final_results.json: a detector's normalised corpus score. */
export function publishedNormalisedScore(
  detector: string,
  profile: NabProfileName,
  dir = referenceFolder(NAB_FULL),
): number {
  const r = json<Record<string, Record<string, number>>>(
    join(dir, 'results', 'final_results.json'),
  );
  return r[detector]![profile]!;
}
