import { burndown, burndownPoints, evaluateSlo, prepareSeries, type Slo } from '@headroom/core';
import { planSloSamples, readPlannedSamples, type PrometheusClient } from '@headroom/prometheus';
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
  const plan = planSloSamples(slo, now.getTime() / 1000, stepSeconds);
  const series = prepareSeries(await readPlannedSamples(client, slo, plan));
  const record = toEvaluationRecord(evaluateSlo(slo, series, { at: plan.at }));
  return {
    evaluatedAt: record.evaluatedAt.toISOString(),
    sli: record.sli,
    budgetRemaining: record.budgetRemaining,
    burnRates: record.burnRates,
    alertState: record.alertState,
    timeToExhaustionSeconds: record.timeToExhaustionSeconds,
    burndown: burndownPoints(burndown(slo, series, { at: plan.at })),
  };
}
