/**
 * The times a series' rows are scored at when its timestamps do not always increase.
 *
 * Real exports repeat or step back a timestamp now and then (a daylight-saving hour stamped
 * twice, a clock corrected, two samples in one second): 8 of the 58 NAB files do. NAB scores
 * row by row, so every row keeps its place in file order and gets a score. A row whose timestamp
 * is not after the previous row's is scored as following that row at once: at the previous
 * row's scoring time plus `ROW_TIME_NUDGE` seconds (1 ms, so it stays in the same time-of-day
 * and hour-of-week bucket). Rows after it with later timestamps are scored at their own.
 */
export const ROW_TIME_NUDGE = 0.001;

export interface RowTimes {
  /** Strictly increasing scoring times, one per row (unix seconds). */
  readonly times: Float64Array;
  /** Row indices whose timestamp was not after the previous row's. */
  readonly adjusted: number[];
}

export function rowTimes(timestamps: ArrayLike<number>): RowTimes {
  const times = new Float64Array(timestamps.length);
  const adjusted: number[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i]!;
    if (!Number.isFinite(t)) throw new RangeError(`row ${i}: timestamp ${t} is not a number`);
    if (t > previous) previous = t;
    else {
      previous += ROW_TIME_NUDGE;
      adjusted.push(i);
    }
    times[i] = previous;
  }
  return { times, adjusted };
}
