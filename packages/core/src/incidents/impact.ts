import { budgetRatio } from '../engine/burnrate';
import { errorRatio, lastIndexAtOrBefore } from '../engine/series';
import type { PreparedSeries } from '../engine/types';

/** The error ratio that defines impact: over the last minute, at each sample. */
export const IMPACT_RATIO_WINDOW_SECONDS = 60;
/** Mitigation needs the 1-minute ratio within the allowed ratio for this long. */
export const MITIGATION_RUN_SECONDS = 300;
/** How far before detection a run of impact is looked for when the ratio is fine at detection. */
export const DEFAULT_IMPACT_LOOKBACK_SECONDS = 3600;

/** true above the allowed ratio, false within it, null without traffic (no evidence either way). */
function breaching(series: PreparedSeries, i: number, allowed: number): boolean | null {
  const ratio = errorRatio(series, series.timestamps[i]!, IMPACT_RATIO_WINDOW_SECONDS);
  return ratio === null ? null : ratio > allowed;
}

/**
 * Impact start: the earliest sample time from which the 1-minute error ratio stayed above the
 * allowed ratio (1 − objective) up to detection. When the ratio is back within it at detection
 * (a short burst that a slow-burn alert caught later), the last run of impact that began within
 * `lookbackSeconds` before detection counts. undefined when the counters show no impact then.
 */
export function impactStart(
  series: PreparedSeries,
  objective: number,
  detectedAt: number,
  lookbackSeconds = DEFAULT_IMPACT_LOOKBACK_SECONDS,
): number | undefined {
  const allowed = budgetRatio(objective);
  const ts = series.timestamps;
  let i = lastIndexAtOrBefore(ts, detectedAt);
  while (i >= 0 && ts[i]! >= detectedAt - lookbackSeconds && breaching(series, i, allowed) !== true)
    i--;
  if (i < 0 || ts[i]! < detectedAt - lookbackSeconds) return undefined;
  while (i > 0 && breaching(series, i - 1, allowed) === true) i--;
  return ts[i]!;
}

/**
 * Mitigation: the start of the first run of at least five minutes (`runSeconds`), after `from`
 * (the impact start), in which every 1-minute error ratio is within the allowed ratio. A sample without
 * traffic breaks a run (recovery is not proven by silence). undefined while the counters do
 * not yet show such a run.
 */
export function mitigationTime(
  series: PreparedSeries,
  objective: number,
  from: number,
  runSeconds = MITIGATION_RUN_SECONDS,
): number | undefined {
  const allowed = budgetRatio(objective);
  const ts = series.timestamps;
  let runStart = -1;
  for (let i = Math.max(0, lastIndexAtOrBefore(ts, from) + 1); i < ts.length; i++) {
    if (breaching(series, i, allowed) === false) {
      if (runStart < 0) runStart = i;
      if (ts[i]! - ts[runStart]! >= runSeconds) return ts[runStart]!;
    } else {
      runStart = -1;
    }
  }
  return undefined;
}
