import {
  grownPeak,
  HOURS_PER_MONTH,
  recommendCapacity,
  type PeakForecast,
  type ResidualSummary,
  type ResourceFit,
} from '@headroom/core';
import type { AssessmentInputs, AssessmentRecommendation, AssessmentResult } from './types';

const DAYS_PER_MONTH = 30;

/** Core's: the peak a compound monthly growth gives after `months`. */
export { grownPeak } from '@headroom/core';

/** Four significant digits, as core's explanations print: 2438.4563253954625 → 2438. */
function significant(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v);
}

function residuals(p: number): ResidualSummary {
  return { n: 0, sigma: 0, p50: 0, p95: p, p99: p };
}

/**
 * A service with no history yet: the team's declared line (baseline + perUnit × driver) and
 * declared peak stand in for core's fit and forecast, so the recommendation follows exactly the
 * same arithmetic as one made from data. Both are marked 'poor' with the reason, because nothing
 * was measured — unless the inputs say they were fitted from measured history, with the
 * qualities of that fit. With `current`, the recommendation compares with what runs today.
 */
export function assessCapacity(
  inputs: AssessmentInputs,
  at: Date,
): { result: AssessmentResult; recommendation: AssessmentRecommendation } {
  const { usage } = inputs;
  const peak = grownPeak(inputs.expectedPeak, inputs.growthPerMonth, inputs.horizonMonths);
  const upper = peak * (1 + inputs.peakUncertainty);
  const from = at.getTime() / 1000;
  const to = from + inputs.horizonMonths * DAYS_PER_MONTH * 86400;
  const declared = 'declared by the team before the service had usage history, not measured';
  const fitted = 'fitted from measured usage and driver history by the caller (see the note)';
  const { measured } = inputs;

  const meanUse = usage.baseline + usage.perUnit * inputs.expectedPeak;
  const fit: ResourceFit = {
    baseline: usage.baseline,
    perUnit: usage.perUnit,
    n: 0,
    rSquared: NaN,
    robustRSquared: NaN,
    residuals: residuals(usage.noise),
    highDriverResiduals: residuals(usage.noise),
    spreadRatio: NaN,
    driver: {
      min: 0,
      p5: 0,
      median: inputs.expectedPeak,
      p95: inputs.expectedPeak,
      max: inputs.expectedPeak,
      mean: inputs.expectedPeak,
    },
    usage: { min: usage.baseline, median: meanUse, max: meanUse, mean: meanUse },
    structuralBreak: null,
    quality: measured?.fitQuality ?? 'poor',
    reasons: [`the usage line is ${measured ? fitted : declared}`],
    notes: [],
  };
  const forecast: PeakForecast = {
    peak,
    upper,
    peakAt: to,
    modelPeak: peak,
    historicalPeak: NaN,
    from,
    to,
    seasonality: 'none',
    mode: 'multiplicative',
    trend: { levelAtEnd: inputs.expectedPeak, slopePerDay: 0 },
    peakResiduals: { days: 0, p50: 0, p95: 0, quantile: 0.95, atQuantile: 0 },
    seasonalStrength: 0,
    curve: { timestamps: new Float64Array(0), values: new Float64Array(0) },
    quality: measured?.forecastQuality ?? 'poor',
    reasons: [
      `the peak is ${measured ? fitted : declared}: ${significant(inputs.expectedPeak)} ${inputs.driver} growing ` +
        `${significant(inputs.growthPerMonth * 100)} % a month for ${inputs.horizonMonths} months`,
    ],
    explanation: [],
  };

  const capacity = recommendCapacity({
    fit,
    forecast,
    unit: usage.unit,
    targetUtilisation: inputs.targetUtilisation,
    ...(inputs.latency ? { latency: inputs.latency } : {}),
    ...(inputs.pricePerUnitHour !== undefined ? { pricePerUnitHour: inputs.pricePerUnitHour } : {}),
    ...(inputs.currency ? { currency: inputs.currency } : {}),
    ...(inputs.current ? { current: inputs.current } : {}),
  });

  const recommendation: AssessmentRecommendation = {
    unit: usage.unit,
    needed: capacity.needed,
    replicas:
      inputs.requestPerReplica === undefined
        ? null
        : Math.max(1, Math.ceil(capacity.needed / inputs.requestPerReplica - 1e-9)),
    requestPerReplica: inputs.requestPerReplica ?? null,
    monthlyCost:
      inputs.pricePerUnitHour === undefined
        ? null
        : capacity.needed * inputs.pricePerUnitHour * HOURS_PER_MONTH,
    currency: inputs.currency ?? null,
  };
  return {
    result: {
      driverPeakNow: inputs.expectedPeak,
      driverPeakAtHorizon: peak,
      driverUpperAtHorizon: upper,
      capacity,
    },
    recommendation,
  };
}
