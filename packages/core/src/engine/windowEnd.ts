import type { TimeWindow } from '../model/types';
import { windowStart } from './calendar';

/**
 * End (unix seconds) of the window that contains `at`: `at` itself for a rolling window; for a
 * calendar window the next period's start. `window.seconds` is only nominal there (a month
 * counts 30 days), so the next start is found a little past it: months, quarters and years
 * differ from their nominal length by at most 3 days, days and weeks by a daylight-saving hour.
 */
export function windowEnd(window: TimeWindow, at: number): number {
  if (window.isRolling !== false) return at;
  const start = windowStart(window, at);
  const slack = Math.min(4 * 86_400, window.seconds / 2);
  return windowStart(window, start + window.seconds + slack);
}
