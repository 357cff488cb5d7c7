import {
  evaluationStart,
  windowEnd,
  windowStart,
  type CounterSamples,
  type EvaluateOptions,
  type Slo,
} from '@headroom/core';
import type { PrometheusClient, RequestOptions } from './client';
import { fetchCounterSamples } from './samples';

/** What to read from Prometheus to evaluate one SLO at one instant, and the window it shows. */
export interface SamplePlan {
  /** The evaluation instant: the requested one floored to the step, the last sample read. */
  at: number;
  /** The SLO window that contains `at` (calendar windows in their time zone). */
  windowStart: number;
  /** `at` for a rolling window; a calendar period's real end (the next period's start). */
  windowEnd: number;
  /** First and last sample instants (unix seconds) of the range read, every `stepSeconds`. */
  start: number;
  end: number;
  stepSeconds: number;
}

/**
 * The one answer to "which samples show this SLO at `instant`", for every surface that reads
 * counters (scheduled evaluation, preview, burndown, the CLI, the Grafana datasource), so that
 * they read the same samples and show the same numbers.
 *
 * - The instant is floored to the step: the numbers are those of the last sample read, and a
 *   window edge on the grid is counted exactly (a resolution dividing 5 minutes keeps every
 *   standard burn window, and whole-minute calendar starts, on the grid).
 * - The range starts one step before `evaluationStart` (the window start, or further back for the
 *   longest burn or alert window: 30 days for a calendar month evaluated on its 2nd day), because
 *   a count over (from, at] starts from the last sample at or before `from`.
 * - One resolution over the whole range: reading the far part more coarsely would lose what a
 *   counter gained between a coarse sample and a reset, and the budget would change with it.
 */
export function planSloSamples(
  slo: Slo,
  instant: number,
  resolutionSeconds: number,
  options: Omit<EvaluateOptions, 'at'> = {},
): SamplePlan {
  if (!(Number.isInteger(resolutionSeconds) && resolutionSeconds > 0)) {
    throw new RangeError(
      `SLO "${slo.name}" of service "${slo.service}": the sample resolution must be a whole number of seconds above 0, got ${resolutionSeconds}`,
    );
  }
  if (!Number.isFinite(instant)) {
    throw new RangeError(
      `SLO "${slo.name}" of service "${slo.service}": the evaluation instant must be a unix time in seconds, got ${instant}`,
    );
  }
  const at = Math.floor(instant / resolutionSeconds) * resolutionSeconds;
  return {
    at,
    windowStart: windowStart(slo.window, at),
    windowEnd: windowEnd(slo.window, at),
    start: evaluationStart(slo, at, options) - resolutionSeconds,
    end: at,
    stepSeconds: resolutionSeconds,
  };
}

/** The counter samples a plan names, ready for `prepareSeries`. */
export function readPlannedSamples(
  client: PrometheusClient,
  slo: Slo,
  plan: SamplePlan,
  opts: RequestOptions = {},
): Promise<CounterSamples> {
  return fetchCounterSamples(client, slo, plan.start, plan.end, plan.stepSeconds, opts);
}
