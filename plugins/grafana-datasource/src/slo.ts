import {
  burndown,
  evaluateSlo,
  formatIssue,
  prepareSeries,
  sloFromObject,
  type BurndownSeries,
  type Slo,
  type SloEvaluation,
} from '@headroom/core';
import { planSloSamples, readPlannedSamples, type PrometheusClient } from '@headroom/prometheus';
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

/**
 * Resolution of the counters read: the backend's default (`headroom.evaluation.stepSeconds`) and
 * the CLI's (`--step`), so that all three read the same samples and show the same numbers. It
 * divides every standard burn window (5m and up) and puts whole-minute window edges on samples.
 */
export const SAMPLE_STEP_SECONDS = 60;

export interface SloResult {
  record: SloWithStatus;
  slo: Slo;
  evaluation: SloEvaluation;
  burndown: BurndownSeries;
  /** Unix seconds: the evaluation instant for a rolling window, a calendar period's real end. */
  windowEnd: number;
}

/** The burndown's step: the requested one rounded to whole samples, at least one sample. */
export function burndownStep(requestedSeconds: number): number {
  return Math.max(SAMPLE_STEP_SECONDS, Math.round(requestedSeconds / SAMPLE_STEP_SECONDS) * SAMPLE_STEP_SECONDS);
}

/**
 * Reads one SLO's counters from Prometheus and computes its numbers with the engine: the samples
 * the sample plan names and the functions the backend's evaluations use, at `at` (unix seconds)
 * floored to the sample step.
 */
export async function evaluateRecord(
  client: PrometheusClient,
  record: SloWithStatus,
  at: number,
  burndownStepSeconds: number,
  signal?: AbortSignal
): Promise<SloResult> {
  const slo = toCoreSlo(record);
  const plan = planSloSamples(slo, at, SAMPLE_STEP_SECONDS);
  const samples = await readPlannedSamples(client, slo, plan, signal ? { signal } : {});
  const series = prepareSeries(samples);
  const evaluation = evaluateSlo(slo, series, { at: plan.at });
  const b = burndown(slo, series, { at: plan.at, stepSeconds: burndownStep(burndownStepSeconds) });
  return { record, slo, evaluation, burndown: b, windowEnd: plan.windowEnd };
}
