import type { BurndownPoint } from './types';

/**
 * The budget left at `t` when it is spent evenly through the window: 1 at `windowStart`, 0 at
 * `windowEnd` (from `windowEnd()`: a calendar month's real end, not its nominal 30 days, so the
 * line of a 31-day month still reaches 0 on the 1st of the next one).
 */
export function evenSpendRemaining(windowStart: number, windowEnd: number, t: number): number {
  if (!(windowEnd > windowStart)) {
    throw new RangeError(
      `even spend needs windowEnd (${windowEnd}) after windowStart (${windowStart})`,
    );
  }
  return 1 - (t - windowStart) / (windowEnd - windowStart);
}

/** The even-spend line as its two ends, for charts that draw a straight line between points. */
export function evenSpendLine(windowStart: number, windowEnd: number): BurndownPoint[] {
  return [
    { t: windowStart, remaining: evenSpendRemaining(windowStart, windowEnd, windowStart) },
    { t: windowEnd, remaining: evenSpendRemaining(windowStart, windowEnd, windowEnd) },
  ];
}
