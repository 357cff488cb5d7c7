/**
 * The Numenta Anomaly Benchmark's scoring rules (NAB v1.1: sweeper, scorer, optimiser, runner
 * normalisation), so a detector's per-row scores can be scored exactly as NAB scores them.
 *
 * A file has labelled anomaly windows (inclusive row ranges). Every row at or above the threshold
 * is a detection. Inside a window only the earliest detection counts, rewarded by a scaled sigmoid
 * of its position (earlier is better); a window without a detection costs `fnWeight`. Every
 * detection outside a window costs `fpWeight`, less when it falls just after a window. The first
 * 15 % of a file (at most 750 rows) is a probationary period that is not scored.
 */

export interface NabCostMatrix {
  readonly tpWeight: number;
  readonly fpWeight: number;
  readonly fnWeight: number;
}

export type NabProfileName = 'standard' | 'reward_low_FP_rate' | 'reward_low_FN_rate';

/** NAB's config/profiles.json (tnWeight is 1.0 everywhere and never used). */
export const NAB_PROFILES: Readonly<Record<NabProfileName, NabCostMatrix>> = {
  standard: { tpWeight: 1.0, fpWeight: 0.11, fnWeight: 1.0 },
  reward_low_FP_rate: { tpWeight: 1.0, fpWeight: 0.22, fnWeight: 1.0 },
  reward_low_FN_rate: { tpWeight: 1.0, fpWeight: 0.11, fnWeight: 2.0 },
};

export const NAB_PROBATIONARY_PERCENT = 0.15;

/** An anomaly window as inclusive row indices of the file. */
export interface NabWindow {
  readonly start: number;
  readonly end: number;
}

export interface NabFileScore {
  readonly score: number;
  /** Detections inside windows (rows, not windows). */
  readonly tp: number;
  readonly tn: number;
  readonly fp: number;
  /** Rows inside windows without a detection. */
  readonly fn: number;
  /** Rows in the file, probationary ones included (NAB's Total_Count). */
  readonly total: number;
}

/** A file to score: one anomaly score per row and its windows. */
export interface NabScoredFile {
  readonly scores: ArrayLike<number>;
  readonly windows: readonly NabWindow[];
}

/**
 * 2·sigmoid(-5y) − 1: +0.98661 at the left edge of a window (y = −1), 0 at its right edge,
 * falling to −1 for false positives far after it (y ≥ 3, NAB's cut-off).
 */
export function nabScaledSigmoid(y: number): number {
  if (y >= 3.0) return -1.0;
  return 2 / (1 + Math.exp(5 * y)) - 1.0;
}

/** Rows at the start of a file that NAB never scores: min(floor(15 % of rows), 750). */
export function nabProbationaryLength(rows: number): number {
  return Math.min(Math.floor(NAB_PROBATIONARY_PERCENT * rows), NAB_PROBATIONARY_PERCENT * 5000);
}

const OUTSIDE = -1;
const PROBATIONARY = -2;

interface Sweep {
  /** What a detection on this row would add (positive in a window, negative outside). */
  readonly weights: Float64Array;
  /** Index of the row's window, OUTSIDE, or PROBATIONARY. */
  readonly windowOf: Int32Array;
}

function checkWindows(rows: number, windows: readonly NabWindow[]): void {
  let previousEnd = -1;
  for (const [k, w] of windows.entries()) {
    if (
      !Number.isInteger(w.start) ||
      !Number.isInteger(w.end) ||
      w.start <= previousEnd ||
      w.end < w.start ||
      w.end >= rows
    ) {
      throw new RangeError(
        `windows[${k}] = [${w.start}, ${w.end}] must be ordered, disjoint row indices within 0..${rows - 1}`,
      );
    }
    previousEnd = w.end;
  }
}

/** The per-row sweep score of NAB's sweeper (calcSweepScore), weighted by the cost matrix. */
function sweep(rows: number, windows: readonly NabWindow[], cost: NabCostMatrix): Sweep {
  checkWindows(rows, windows);
  const weights = new Float64Array(rows);
  const windowOf = new Int32Array(rows);
  const maxTp = nabScaledSigmoid(-1.0);
  const probation = nabProbationaryLength(rows);
  let next = 0;
  let current: NabWindow | undefined;
  let previous: NabWindow | undefined;
  for (let i = 0; i < rows; i++) {
    if (current === undefined && next < windows.length && windows[next]!.start === i) {
      current = windows[next]!;
      next++;
    }
    if (current !== undefined) {
      const width = current.end - current.start + 1;
      weights[i] = (nabScaledSigmoid(-(current.end - i + 1) / width) * cost.tpWeight) / maxTp;
      windowOf[i] = next - 1;
    } else {
      // Before any window NAB uses position 3.0, the full false-positive cost.
      const position =
        previous === undefined
          ? 3.0
          : Math.abs(previous.end - i) / (previous.end - previous.start + 1 - 1);
      weights[i] = nabScaledSigmoid(position) * cost.fpWeight;
      windowOf[i] = OUTSIDE;
    }
    if (i < probation) windowOf[i] = PROBATIONARY;
    if (current !== undefined && i === current.end) {
      previous = current;
      current = undefined;
    }
  }
  return { weights, windowOf };
}

/** Scores one file at one threshold, as NAB's scorer does (a detection is score >= threshold). */
export function nabScoreFile(
  scores: ArrayLike<number>,
  windows: readonly NabWindow[],
  cost: NabCostMatrix,
  threshold: number,
): NabFileScore {
  const rows = scores.length;
  const { weights, windowOf } = sweep(rows, windows, cost);
  const best = new Float64Array(windows.length).fill(-cost.fnWeight);
  let fpScore = 0;
  let tp = 0;
  let tn = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < rows; i++) {
    const w = windowOf[i]!;
    if (w === PROBATIONARY) continue;
    const detected = scores[i]! >= threshold;
    if (w === OUTSIDE) {
      if (detected) {
        fp++;
        fpScore += weights[i]!;
      } else tn++;
    } else if (detected) {
      tp++;
      if (weights[i]! > best[w]!) best[w] = weights[i]!;
    } else fn++;
  }
  let score = fpScore;
  for (const b of best) score += b;
  return { score, tp, tn, fp, fn, total: rows };
}

export interface NabCorpusScore {
  /** Per file, in the order given. */
  readonly files: NabFileScore[];
  /** Sum of the files' scores (NAB's `Totals` row). */
  readonly score: number;
  /** NAB's 0–100 scale: 0 never fires, 100 finds every window at its left edge, no false alarm. */
  readonly normalised: number;
}

/** Scores a corpus at one threshold and normalises it as NAB's runner does. */
export function nabScoreCorpus(
  files: readonly NabScoredFile[],
  cost: NabCostMatrix,
  threshold: number,
): NabCorpusScore {
  const scored = files.map(f => nabScoreFile(f.scores, f.windows, cost, threshold));
  const windows = files.reduce((n, f) => n + f.windows.length, 0);
  const score = scored.reduce((sum, f) => sum + f.score, 0);
  return {
    files: scored,
    score,
    normalised: nabNormalisedScore(score, nabNullScore(windows, cost), windows * cost.tpWeight),
  };
}

/**
 * The threshold that maximises the summed score over the files (NAB's optimiser, done exactly:
 * every distinct score is tried). Ties go to the highest threshold, the one with fewest detections.
 */
export function nabOptimiseThreshold(
  files: readonly NabScoredFile[],
  cost: NabCostMatrix,
): { threshold: number; score: number } {
  let points = 0;
  for (const f of files) points += f.scores.length;
  const score = new Float64Array(points);
  const weight = new Float64Array(points);
  const window = new Int32Array(points);
  let windows = 0;
  let k = 0;
  for (const f of files) {
    const s = sweep(f.scores.length, f.windows, cost);
    for (let i = 0; i < f.scores.length; i++) {
      const w = s.windowOf[i]!;
      // A NaN score is never a detection, so it never changes the sum.
      if (w === PROBATIONARY || Number.isNaN(f.scores[i]!)) continue;
      score[k] = f.scores[i]!;
      weight[k] = s.weights[i]!;
      window[k] = w === OUTSIDE ? OUTSIDE : windows + w;
      k++;
    }
    windows += f.windows.length;
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => score[b]! - score[a]!);
  const best = new Float64Array(windows).fill(-cost.fnWeight);
  let windowSum = -cost.fnWeight * windows;
  let fpSum = 0;
  // Above every score nothing is detected.
  let result = { threshold: k > 0 ? score[order[0]!]! + 1 : 1, score: windowSum };
  for (let j = 0; j < k; j++) {
    const i = order[j]!;
    const w = window[i]!;
    if (w === OUTSIDE) fpSum += weight[i]!;
    else if (weight[i]! > best[w]!) {
      windowSum += weight[i]! - best[w]!;
      best[w] = weight[i]!;
    }
    const last = j === k - 1 || score[order[j + 1]!]! !== score[i]!;
    if (last && fpSum + windowSum > result.score) {
      result = { threshold: score[i]!, score: fpSum + windowSum };
    }
  }
  return result;
}

/**
 * NAB's normalised score: 100 · (S − S_null) / (S_perfect − S_null), where S_perfect is the
 * number of windows times tpWeight and S_null the score of a detector that never fires.
 */
export function nabNormalisedScore(score: number, nullScore: number, perfectScore: number): number {
  return (100 * (score - nullScore)) / (perfectScore - nullScore);
}

/** The score of a detector that never fires: every window missed. */
export function nabNullScore(windows: number, cost: NabCostMatrix): number {
  return -cost.fnWeight * windows;
}

/** A NAB timestamp (`2014-02-26 13:45:00` or with `.000000`), read as UTC; unix seconds. */
export function parseNabTimestamp(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(text.trim());
  if (!m) throw new RangeError(`"${text}" is not a NAB timestamp (YYYY-MM-DD hh:mm:ss)`);
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return ms / 1000 + (m[7] ? Number(m[7]) : 0);
}

/**
 * Turns windows given as [first, last] timestamps into row indices. NAB finds window edges by
 * exact timestamp match, so an edge that is not a row's timestamp is an error; where a timestamp
 * repeats, the edge is its first row (NAB's sweeper enters and leaves a window at the first row
 * carrying the edge's timestamp).
 */
export function nabWindowIndices(
  timestamps: ArrayLike<number>,
  windows: readonly (readonly [number, number])[],
  file = 'series',
): NabWindow[] {
  const index = new Map<number, number>();
  for (let i = 0; i < timestamps.length; i++) {
    if (!index.has(timestamps[i]!)) index.set(timestamps[i]!, i);
  }
  return windows.map(([from, to], k) => {
    const start = index.get(from);
    const end = index.get(to);
    if (start === undefined || end === undefined) {
      throw new RangeError(
        `${file}: window ${k} edge ${start === undefined ? from : to} is not a row timestamp`,
      );
    }
    return { start, end };
  });
}
