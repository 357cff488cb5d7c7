import {
  burndown,
  burndownPoints,
  evaluateSlo,
  prepareSeries,
  windowStart,
  type Slo,
} from '@headroom/core';
import { fetchCounterSamples, type PrometheusClient } from '@headroom/prometheus';
import type { SloPreview } from '@headroom/plugin-headroom-common';
import { toEvaluationRecord } from './SloEvaluator';

/**
 * Evaluates `slo` at `now` on the counters Prometheus holds, with the same reads and maths as
 * the scheduled evaluation, plus the burndown through the window. Nothing is stored; a failed
 * Prometheus query throws.
 */
export async function previewSlo(
  client: PrometheusClient,
  slo: Slo,
  now: Date,
  stepSeconds: number,
): Promise<SloPreview> {
  const end = Math.floor(now.getTime() / 1000);
  const start = Math.min(windowStart(slo.window, end), end - slo.window.seconds) - stepSeconds;
  const samples = await fetchCounterSamples(client, slo, start, end, stepSeconds);
  const series = prepareSeries(samples);
  const record = toEvaluationRecord(evaluateSlo(slo, series, { at: end }));
  return {
    evaluatedAt: record.evaluatedAt.toISOString(),
    sli: record.sli,
    budgetRemaining: record.budgetRemaining,
    burnRates: record.burnRates,
    alertState: record.alertState,
    timeToExhaustionSeconds: record.timeToExhaustionSeconds,
    burndown: burndownPoints(burndown(slo, series, { at: end })),
  };
}
