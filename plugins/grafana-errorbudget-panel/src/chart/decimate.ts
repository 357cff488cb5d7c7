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
  if (!(span > 0)) {
    return cols;
  }
  const scale = w / span;
  const n = Math.min(times.length, values.length);
  const { count: cCount, first: cFirst, min: cMin, max: cMax, last: cLast } = cols;
  // Time fields are sorted, so consecutive points mostly share a column: the column's aggregates
  // stay in locals until a point falls outside its time span [lo, hi).
  let col = -1;
  let lo = Infinity;
  let hi = -Infinity;
  let count = 0;
  let first = 0;
  let min = 0;
  let max = 0;
  let last = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number' || v - v !== 0) {
      continue;
    } // null, NaN, ±Infinity
    const t = times[i]!;
    if (t < lo || t >= hi) {
      if (t < tMin || t > tMax) {
        continue;
      }
      if (count > 0) {
        if (cCount[col] === 0) {
          cFirst[col] = first;
        }
        cCount[col] += count;
        if (min < cMin[col]!) {
          cMin[col] = min;
        }
        if (max > cMax[col]!) {
          cMax[col] = max;
        }
        cLast[col] = last;
      }
      col = Math.min(w - 1, Math.floor((t - tMin) * scale));
      lo = tMin + col / scale;
      // The last column ends at tMax itself: a point at tMax comes back here and is kept, one
      // after it is dropped. A column flushed twice merges (count adds, min/max compare).
      hi = col === w - 1 ? tMax : tMin + (col + 1) / scale;
      // Rounding at the edges: the point belongs to the column computed from it.
      if (t < lo) {
        lo = t;
      }
      count = 0;
    }
    if (count === 0) {
      first = min = max = v;
    } else if (v < min) {
      min = v;
    } else if (v > max) {
      max = v;
    }
    last = v;
    count++;
  }
  if (count > 0) {
    if (cCount[col] === 0) {
      cFirst[col] = first;
    }
    cCount[col] += count;
    if (min < cMin[col]!) {
      cMin[col] = min;
    }
    if (max > cMax[col]!) {
      cMax[col] = max;
    }
    cLast[col] = last;
  }
  return cols;
}

/** Smallest and largest value over the columns, or null when every column is empty. */
export function columnsExtent(cols: Columns): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let c = 0; c < cols.count.length; c++) {
    if (cols.count[c] === 0) {
      continue;
    }
    if (cols.min[c]! < lo) {
      lo = cols.min[c]!;
    }
    if (cols.max[c]! > hi) {
      hi = cols.max[c]!;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Smallest and largest finite value, or null when there is none. */
export function extent(values: ArrayLike<number | null | undefined>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) {
      continue;
    }
    if (v < lo) {
      lo = v;
    }
    if (v > hi) {
      hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}
