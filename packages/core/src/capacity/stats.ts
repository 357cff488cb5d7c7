/**
 * Small robust-statistics kit for the capacity model. Everything works on typed arrays and
 * copies before sorting, so callers' arrays are never reordered.
 */

/** Normal-consistency factor: MAD * 1.4826 estimates sigma for Gaussian data. */
export const MAD_TO_SIGMA = 1.4826;

/** Huber's tuning constant: 95 % efficiency at the normal model. */
export const HUBER_K = 1.345;

/** Quantile of an ascending array, linear interpolation between order statistics (type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo]!;
  return a + (sorted[hi]! - a) * (pos - lo);
}

export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

export function quantile(values: ArrayLike<number>, q: number): number {
  return quantileSorted(sortedCopy(values), q);
}

export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** Median absolute deviation from the median (not scaled). */
export function mad(values: ArrayLike<number>): number {
  const m = median(values);
  const dev = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) dev[i] = Math.abs(values[i]! - m);
  return median(dev);
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return values.length ? s / values.length : NaN;
}

export interface Line {
  intercept: number;
  slope: number;
}

/**
 * Weighted least squares for y = a + b x. Centred sums keep the arithmetic stable when x is
 * large (unix seconds). A zero-variance x gives slope 0 and the weighted mean as intercept.
 */
export function weightedLine(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  w?: ArrayLike<number>,
): Line {
  const n = x.length;
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    sw += wi;
    sx += wi * x[i]!;
    sy += wi * y[i]!;
  }
  if (!(sw > 0)) return { intercept: NaN, slope: NaN };
  const mx = sx / sw;
  const my = sy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    const dx = x[i]! - mx;
    sxx += wi * dx * dx;
    sxy += wi * dx * (y[i]! - my);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { intercept: my - slope * mx, slope };
}

export interface HuberLine extends Line {
  /** Final robust scale of the residuals (MAD * 1.4826). */
  scale: number;
  /** Final IRLS weights in (0, 1]; 1 for points within k scales of the line. */
  weights: Float64Array;
  iterations: number;
}

/**
 * Huber M-estimate of y = a + b x by iteratively reweighted least squares, the scale
 * re-estimated from the MAD of the residuals at each step (as statsmodels' RLM does). Huber's
 * loss is convex, so the answer does not depend on the start; starting from the least-squares
 * line only costs iterations. Points further than k scales from the line get weight k·s/|r|:
 * their influence grows linearly, not quadratically, which is what keeps gross outliers from
 * dragging the line.
 */
export function huberLine(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  opts: { k?: number; maxIterations?: number; tolerance?: number } = {},
): HuberLine {
  const k = opts.k ?? HUBER_K;
  const maxIterations = opts.maxIterations ?? 50;
  const tol = opts.tolerance ?? 1e-10;
  const n = x.length;
  const w = new Float64Array(n).fill(1);
  const r = new Float64Array(n);
  let line = weightedLine(x, y);
  let scale = 0;
  let it = 0;
  let yScale = 0;
  for (let i = 0; i < n; i++) yScale = Math.max(yScale, Math.abs(y[i]!));
  const exactTol = 1e-9 * (yScale || 1);
  for (; it < maxIterations; it++) {
    for (let i = 0; i < n; i++) r[i] = y[i]! - line.intercept - line.slope * x[i]!;
    scale = MAD_TO_SIGMA * mad(r);
    // At least half the points lie on a line (to rounding): the others are outliers of an exact
    // line. IRLS would only creep towards it geometrically; fit the points on it directly.
    if (!(scale > exactTol)) {
      for (let i = 0; i < n; i++) w[i] = Math.abs(r[i]!) <= 10 * exactTol ? 1 : 0;
      const exact = weightedLine(x, y, w);
      for (let i = 0; i < n; i++) r[i] = y[i]! - exact.intercept - exact.slope * x[i]!;
      return { ...exact, scale: MAD_TO_SIGMA * mad(r), weights: w, iterations: it + 1 };
    }
    const c = k * scale;
    for (let i = 0; i < n; i++) {
      const a = Math.abs(r[i]!);
      w[i] = a <= c ? 1 : c / a;
    }
    const next = weightedLine(x, y, w);
    const moved =
      Math.abs(next.intercept - line.intercept) + Math.abs(next.slope - line.slope) * spread(x);
    line = next;
    if (moved <= tol * (Math.abs(line.intercept) + scale)) {
      it++;
      break;
    }
  }
  return { ...line, scale, weights: w, iterations: it };
}

function spread(x: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi > lo ? hi - lo : 1;
}

/**
 * Theil–Sen line: median of pairwise slopes, intercept the median of y - slope x. Quadratic in
 * the number of points, so it is used on aggregated series (one point a day), not raw samples.
 * Breakdown point 29 %: a few abnormal days do not tilt the trend.
 */
export function theilSen(x: ArrayLike<number>, y: ArrayLike<number>): Line {
  const n = x.length;
  if (n === 0) return { intercept: NaN, slope: NaN };
  const slopes: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = x[j]! - x[i]!;
      if (dx !== 0) slopes.push((y[j]! - y[i]!) / dx);
    }
  }
  const slope = slopes.length ? median(slopes) : 0;
  const off = new Float64Array(n);
  for (let i = 0; i < n; i++) off[i] = y[i]! - slope * x[i]!;
  return { intercept: median(off), slope };
}
