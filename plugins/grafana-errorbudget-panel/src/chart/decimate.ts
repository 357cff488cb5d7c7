/**
 * Reduces a series to what a chart `width` pixels wide can show: per pixel column the first,
 * minimum, maximum and last value (M4 aggregation). Drawing these four per column gives the same
 * pixels as drawing every point, for any number of points.
 */
export interface Columns {
  /** Columns with at least one finite value have `count[c] > 0`. */
  count: Uint32Array;
  first: Float64Array;
  min: Float64Array;
  max: Float64Array;
  last: Float64Array;
}

export function decimate(
  times: ArrayLike<number>,
  values: ArrayLike<number | null | undefined>,
  tMin: number,
  tMax: number,
  width: number
): Columns {
  const w = Math.max(1, Math.floor(width));
  const cols: Columns = {
    count: new Uint32Array(w),
    first: new Float64Array(w),
    min: new Float64Array(w).fill(Infinity),
    max: new Float64Array(w).fill(-Infinity),
    last: new Float64Array(w),
  };
  const span = tMax - tMin;
  if (!(span > 0)) return cols;
  const scale = w / span;
  const n = Math.min(times.length, values.length);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    const t = times[i]!;
    if (t < tMin || t > tMax) continue;
    let c = Math.floor((t - tMin) * scale);
    if (c >= w) c = w - 1;
    if (cols.count[c] === 0) cols.first[c] = v;
    cols.count[c]!++;
    if (v < cols.min[c]!) cols.min[c] = v;
    if (v > cols.max[c]!) cols.max[c] = v;
    cols.last[c] = v;
  }
  return cols;
}

/** Smallest and largest finite value, or null when there is none. */
export function extent(values: ArrayLike<number | null | undefined>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}
