import type { Slo } from '../model/types';
import { evaluateAlerts } from './alerts';
import { budgetStatus } from './budget';
import { lastTimestamp } from './burndown';
import { burnRate, STANDARD_BURN_WINDOWS } from './burnrate';
import { windowStart } from './calendar';
import { windowLabel } from './durations';
import { timeToExhaustion } from './exhaustion';
import { windowCounts } from './series';
import type { BurnRate, EvaluateOptions, PreparedSeries, SloEvaluation } from './types';

export const DEFAULT_EXHAUSTION_WINDOW_SECONDS = 3600;

/** Burn windows reported by default: the standard ones plus the SLO's own window, ascending. */
export function defaultBurnWindows(slo: Slo): number[] {
  const windows = [...STANDARD_BURN_WINDOWS];
  if (!windows.includes(slo.window.seconds)) windows.push(slo.window.seconds);
  return windows.sort((a, b) => a - b);
}

/**
 * The earliest instant `evaluateSlo(slo, series, { at, ...options })` counts from: the window's
 * start, or further back for its longest look-back (burn windows, the SLO's own window among
 * them, so a calendar month evaluated on the 2nd still looks 30 days back; alert windows; the
 * exhaustion window). A count over (from, at] starts at the last sample at or before `from`, so
 * whoever reads samples must read from at least one sample before this instant.
 */
export function evaluationStart(
  slo: Slo,
  at: number,
  options: Omit<EvaluateOptions, 'at'> = {},
): number {
  const lookback = Math.max(
    ...(options.burnWindows ?? defaultBurnWindows(slo)),
    ...slo.alerting.windows.map(w => Math.max(w.longWindowSeconds, w.shortWindowSeconds)),
    options.exhaustionWindowSeconds ?? DEFAULT_EXHAUSTION_WINDOW_SECONDS,
  );
  return Math.min(windowStart(slo.window, at), at - lookback);
}

/**
 * Every number shown for an SLO at one instant: SLI, budget and time to exhaustion over the
 * current window (calendar-aligned windows start at the current period's start), burn rates over
 * rolling windows ending at `at`, and the alert state.
 */
export function evaluateSlo(
  slo: Slo,
  series: PreparedSeries,
  options: EvaluateOptions = {},
): SloEvaluation {
  const at = options.at ?? lastTimestamp(series.timestamps, slo.name);
  const objective = slo.objective.target;
  const start = windowStart(slo.window, at);
  const { bad, total } = windowCounts(series, start, at);
  const budget = budgetStatus(objective, bad, total);

  const burnRates: BurnRate[] = (options.burnWindows ?? defaultBurnWindows(slo)).map(w => ({
    window: windowLabel(w),
    windowSeconds: w,
    rate: burnRate(series, at, w, objective),
  }));

  const exhaustionWindow = options.exhaustionWindowSeconds ?? DEFAULT_EXHAUSTION_WINDOW_SECONDS;
  const currentBurn = burnRate(series, at, exhaustionWindow, objective);

  return {
    at,
    objective,
    windowSeconds: slo.window.seconds,
    windowStart: start,
    sli: total > 0 ? (total - bad) / total : null,
    goodEvents: total - bad,
    totalEvents: total,
    budget,
    burnRates,
    alerts: evaluateAlerts(slo, series, at),
    timeToExhaustionSeconds: timeToExhaustion(budget.remaining, currentBurn, slo.window.seconds),
  };
}
