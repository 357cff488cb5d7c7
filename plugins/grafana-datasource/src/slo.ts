import {
  burndown,
  evaluateSlo,
  formatIssue,
  prepareSeries,
  sloFromObject,
  windowStart,
  type BurndownSeries,
  type CounterSamples,
  type Slo,
  type SloEvaluation,
} from '@headroom/core';
import { fetchCounterSamples, type PrometheusClient } from '@headroom/prometheus';
import type { SloWithStatus } from './api/types';

/** The engine's SLO from a stored record: its OpenSLO definition, with owner and line of business. */
export function toCoreSlo(record: SloWithStatus): Slo {
  const where = `SLO "${record.name}" of ${record.entityRef}`;
  const parsed = sloFromObject(record.definition, where);
  if (parsed.issues.length > 0) {
    throw new Error(`${where}: the stored definition is not valid: ${parsed.issues.map(formatIssue).join('; ')}`);
  }
  const slo =
    parsed.slos.find((s) => s.name === record.name) ?? (parsed.slos.length === 1 ? parsed.slos[0] : undefined);
  if (!slo) {
    throw new Error(`${where}: the stored definition holds no SLO named "${record.name}"`);
  }
  return {
    ...slo,
    displayName: slo.displayName ?? record.displayName ?? undefined,
    owner: record.ownerRef ?? slo.owner,
    lineOfBusiness: record.lineOfBusiness ?? slo.lineOfBusiness,
  };
}

/** Fine resolution near the evaluation time: divides every standard burn window (5m and up). */
export const FINE_STEP_SECONDS = 60;

/**
 * Resolutions for one SLO's counters: burn rates need `FINE_STEP_SECONDS` samples over the
 * longest alert window; the budget over the whole SLO window needs only its two ends, and the
 * burndown one sample per step. Both grids are multiples of the fine step, so window edges at
 * whole minutes fall on samples and the counts are exact.
 */
export function samplePlan(slo: Slo, at: number, burndownStepSeconds: number) {
  const end = Math.floor(at / FINE_STEP_SECONDS) * FINE_STEP_SECONDS;
  const start = windowStart(slo.window, end);
  const longestAlertWindow = Math.max(259_200, ...slo.alerting.windows.map((w) => w.longWindowSeconds));
  const fineStart = Math.max(start, end - longestAlertWindow) - FINE_STEP_SECONDS;
  const coarseStep = Math.max(
    FINE_STEP_SECONDS,
    Math.round(burndownStepSeconds / FINE_STEP_SECONDS) * FINE_STEP_SECONDS
  );
  return { end, start, fineStart, coarseStep };
}

/** Coarse samples before `fineStart` followed by the fine ones: one sorted series. */
export function mergeSamples(coarse: CounterSamples, fine: CounterSamples): CounterSamples {
  const fineStart = fine.timestamps.length > 0 ? fine.timestamps[0]! : Infinity;
  let n = 0;
  while (n < coarse.timestamps.length && coarse.timestamps[n]! < fineStart) {
    n++;
  }
  const len = n + fine.timestamps.length;
  const out: CounterSamples = {
    timestamps: new Float64Array(len),
    events: new Float64Array(len),
    total: new Float64Array(len),
    kind: fine.kind,
  };
  out.timestamps.set(coarse.timestamps.subarray(0, n));
  out.events.set(coarse.events.subarray(0, n));
  out.total.set(coarse.total.subarray(0, n));
  out.timestamps.set(fine.timestamps, n);
  out.events.set(fine.events, n);
  out.total.set(fine.total, n);
  return out;
}

export interface SloResult {
  record: SloWithStatus;
  slo: Slo;
  evaluation: SloEvaluation;
  burndown: BurndownSeries;
}

/**
 * Reads one SLO's counters from Prometheus and computes its numbers with the engine: the same
 * functions the backend's evaluations use, at `at` (unix seconds).
 */
export async function evaluateRecord(
  client: PrometheusClient,
  record: SloWithStatus,
  at: number,
  burndownStepSeconds: number,
  signal?: AbortSignal
): Promise<SloResult> {
  const slo = toCoreSlo(record);
  const plan = samplePlan(slo, at, burndownStepSeconds);
  const opts = signal ? { signal } : {};
  const [coarse, fine] = await Promise.all([
    fetchCounterSamples(client, slo, plan.start - plan.coarseStep, plan.fineStart, plan.coarseStep, opts),
    fetchCounterSamples(client, slo, plan.fineStart, plan.end, FINE_STEP_SECONDS, opts),
  ]);
  const series = prepareSeries(mergeSamples(coarse, fine));
  const evaluation = evaluateSlo(slo, series, { at: plan.end });
  const b = burndown(slo, series, { at: plan.end, stepSeconds: plan.coarseStep });
  return { record, slo, evaluation, burndown: b };
}
