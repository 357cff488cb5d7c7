import type { Slo } from '../model/types';
import { budgetRatio } from './burnrate';
import { windowStart } from './calendar';
import { clampBad, lastIndexAtOrBefore, lastIndexAtOrBeforeFrom, windowCounts } from './series';
import type { BurndownPoint, BurndownSeries, PreparedSeries } from './types';

/** Default burndown resolution: 720 points per window, never finer than a minute. */
export function defaultBurndownStep(windowSeconds: number): number {
  return Math.max(60, windowSeconds / 720);
}

/**
 * Remaining budget through the current window: points every `stepSeconds` from the window start
 * to `at` (and `at` itself as the last point), remaining(t) = 1 - bad(start, t] / allowed, where
 * allowed = (1 - objective) * total(start, at]. The last point therefore equals the evaluation's
 * `budget.remaining`. NaN everywhere when the window has no traffic. The sample index only moves
 * forward, by galloping search, so a few hundred points over tens of thousands of samples cost a
 * few comparisons each instead of a walk over every sample (two, where samples are evenly spaced).
 */
export function burndown(
  slo: Slo,
  series: PreparedSeries,
  options: { at?: number; stepSeconds?: number } = {},
): BurndownSeries {
  const ts = series.timestamps;
  const at = options.at ?? lastTimestamp(ts, slo.name);
  const start = windowStart(slo.window, at);
  const step = options.stepSeconds ?? defaultBurndownStep(slo.window.seconds);
  if (!(step > 0)) throw new RangeError(`burndown stepSeconds must be positive, got ${step}`);

  const span = at - start;
  const steps = span > 0 ? Math.floor(span / step) : 0;
  const count = steps + (start + steps * step < at ? 2 : 1);
  const timestamps = new Float64Array(count);
  const remaining = new Float64Array(count);

  const allowed = budgetRatio(slo.objective.target) * windowCounts(series, start, at).total;
  const base = lastIndexAtOrBefore(ts, start);
  const badBase = base < 0 ? 0 : series.badPrefix[base]!;
  const totalBase = base < 0 ? 0 : series.totalPrefix[base]!;

  const evenStep = ts.length > 1 ? (ts[ts.length - 1]! - ts[0]!) / (ts.length - 1) : undefined;
  let j = base;
  for (let i = 0; i < count; i++) {
    const t = i === count - 1 ? at : start + i * step;
    timestamps[i] = t;
    if (!(allowed > 0)) {
      remaining[i] = NaN;
      continue;
    }
    j = lastIndexAtOrBeforeFrom(ts, t, j, evenStep);
    if (j <= base) {
      remaining[i] = 1;
      continue;
    }
    const total = series.totalPrefix[j]! - totalBase;
    const bad = clampBad(series.badPrefix[j]! - badBase, total);
    remaining[i] = 1 - bad / allowed;
  }
  return { timestamps, remaining };
}

/** The burndown as objects for JSON and charts; NaN (no traffic) becomes null. */
export function burndownPoints(b: BurndownSeries): BurndownPoint[] {
  const points: BurndownPoint[] = new Array(b.timestamps.length);
  for (let i = 0; i < b.timestamps.length; i++) {
    const r = b.remaining[i]!;
    points[i] = { t: b.timestamps[i]!, remaining: Number.isNaN(r) ? null : r };
  }
  return points;
}

export function lastTimestamp(timestamps: Float64Array, sloName: string): number {
  const last = timestamps[timestamps.length - 1];
  if (last === undefined) {
    throw new Error(`SLO "${sloName}": the series has no samples; pass options.at`);
  }
  return last;
}
