import { brentRoot } from './brent';
import { normalQuantile } from './normal';
import { averageRanks } from './ranks';

/**
 * Two-sample Mann-Whitney (Wilcoxon rank-sum) test with the confidence interval and
 * Hodges-Lehmann estimate of the location shift x − y, by the normal approximation with
 * continuity and tie corrections: the numbers of R's `wilcox.test(x, y, conf.int = TRUE,
 * exact = FALSE)` and of Kayenta's judge, which calls it with x = experiment, y = control.
 */
export interface MannWhitneyResult {
  /** Lower end of the interval for the shift x − y. */
  ciLower: number;
  ciUpper: number;
  /** Hodges-Lehmann estimate of the shift x − y. */
  estimate: number;
}

/**
 * The standardised rank statistic of x − mu against y, minus `quantile`: decreasing in mu, so
 * its root for a quantile z is where the shifted samples sit exactly at z.
 * Throws when every observation is tied (no variance to standardise by).
 */
export function wilcoxonDiff(
  mu: number,
  quantile: number,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): number {
  const nx = x.length;
  const ny = y.length;
  const pooled = new Float64Array(nx + ny);
  for (let i = 0; i < nx; i++) pooled[i] = x[i]! - mu;
  for (let j = 0; j < ny; j++) pooled[nx + j] = y[j]!;
  const { ranks, tieSum } = averageRanks(pooled);
  let rankSumX = 0;
  for (let i = 0; i < nx; i++) rankSumX += ranks[i]!;
  const dz = rankSumX - (nx * (nx + 1)) / 2 - (nx * ny) / 2;
  const correction = Math.sign(dz) * 0.5;
  const n = nx + ny;
  const sigma = Math.sqrt(((nx * ny) / 12) * (n + 1 - tieSum / (n * (n - 1))));
  if (sigma === 0) {
    throw new RangeError('cannot compute a confidence interval when all observations are tied');
  }
  return (dz - correction) / sigma - quantile;
}

function minMax(v: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    if (v[i]! < lo) lo = v[i]!;
    if (v[i]! > hi) hi = v[i]!;
  }
  return [lo, hi];
}

/** x and y must be non-empty and free of NaN; confidenceLevel in (0, 1). */
export function mannWhitneyUTest(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  confidenceLevel = 0.95,
): MannWhitneyResult {
  if (x.length === 0 || y.length === 0) {
    throw new RangeError('mannWhitneyUTest needs at least one value in each sample');
  }
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
    throw new RangeError(`confidenceLevel must be in (0, 1), got ${confidenceLevel}`);
  }
  const [xMin, xMax] = minMax(x);
  const [yMin, yMax] = minMax(y);
  const muMin = xMin - yMax;
  const muMax = xMax - yMin;
  const f = (q: number) => (mu: number) => wilcoxonDiff(mu, q, x, y);
  // An end already past the quantile is the interval's end: the shift cannot go further.
  const root = (q: number) => {
    const fLower = f(q)(muMin);
    const fUpper = f(q)(muMax);
    if (fLower <= 0) return muMin;
    if (fUpper >= 0) return muMax;
    return brentRoot(f(q), muMin, muMax, fLower, fUpper);
  };
  const z = normalQuantile((1 - confidenceLevel) / 2);
  return {
    ciLower: root(-z),
    ciUpper: root(z),
    estimate: brentRoot(f(0), muMin, muMax, f(0)(muMin), f(0)(muMax)),
  };
}
