import type { CostGrain } from '@headroom/plugin-headroom-common';

/** Months shown at month grain, the current one included. */
export const MONTHS_SHOWN = 6;
/** Days shown at day grain, today included. */
export const DAYS_SHOWN = 30;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The start of the range a card or page shows (UTC date, inclusive): the first day of the month
 * `MONTHS_SHOWN - 1` months back, or `DAYS_SHOWN - 1` days back. The end is left to the backend
 * (now).
 */
export function costRangeStart(grain: CostGrain, now: Date): string {
  if (grain === 'month') {
    return isoDay(
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (MONTHS_SHOWN - 1), 1)),
    );
  }
  return isoDay(
    new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (DAYS_SHOWN - 1)),
    ),
  );
}

/** True when `date` (the backend's `YYYY-MM` or `YYYY-MM-DD`) is the period that holds `now`. */
export function isCurrentPeriod(date: string, grain: CostGrain, now: Date): boolean {
  const today = isoDay(now);
  return grain === 'month' ? date === today.slice(0, 7) : date === today;
}

/**
 * Where the data of a card really starts: the range's start, or the first period with cost when
 * the bill starts later (a bill from November is not "since July").
 */
export function dataStart(from: string, items: readonly { date: string }[]): string {
  const first = items.reduce<string | undefined>(
    (min, i) => (min === undefined || i.date < min ? i.date : min),
    undefined,
  );
  return first !== undefined && first > from.slice(0, first.length) ? first : from;
}
