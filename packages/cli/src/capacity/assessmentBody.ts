import {
  grownPeak,
  type CapacityRecommendation,
  type FitQuality,
  type LatencyHeadroom,
  type PeakForecast,
} from '@headroom/core';
import { InputError } from '../errors';

const SECONDS_PER_MONTH = 30 * 86400;

/**
 * The backend's inputs for one resource, so that its declared-line arithmetic gives the same
 * answer as the fit: the usage margin becomes `noise` (the backend uses it as the residual
 * quantile), the forecast band `peakUncertainty`, and the trend a monthly growth from which the
 * peak today is the forecast peak discounted over the horizon (core's `grownPeak`, the function
 * the backend grows it back with). The horizon is stored in whole months (at least one), the
 * backend's grain.
 */
export function assessmentBody(a: {
  driver: string;
  forecast: PeakForecast;
  horizonSeconds: number;
  targetUtilisation: number;
  recommendation: CapacityRecommendation;
  fit: { baseline: number; perUnit: number; quality: FitQuality };
  requestPerReplica?: number | undefined;
  /** What runs today, per replica: lets the backend give the verdict. */
  current?: { replicas: number; requests: number } | undefined;
  latency?: LatencyHeadroom;
  note: string;
}) {
  const { forecast, recommendation: r } = a;
  const { levelAtEnd, slopePerDay } = forecast.trend;
  const growth =
    levelAtEnd > 0 && Number.isFinite(slopePerDay)
      ? Math.min(10, Math.max(-0.9, (slopePerDay * 30) / levelAtEnd))
      : 0;
  const horizonMonths = Math.min(60, Math.max(1, Math.round(a.horizonSeconds / SECONDS_PER_MONTH)));
  const expectedPeak = grownPeak(forecast.peak, growth, -horizonMonths);
  if (!(expectedPeak > 0)) {
    throw new InputError(
      `the driver's forecast peak is ${forecast.peak}: an assessment needs a positive peak`,
    );
  }
  const inputs: Record<string, unknown> = {
    driver: a.driver,
    expectedPeak,
    growthPerMonth: growth,
    horizonMonths,
    peakUncertainty: Math.min(10, Math.max(0, forecast.upper / forecast.peak - 1)),
    usage: {
      unit: r.unit,
      // A fitted line can cross zero below the observed load; the backend takes no negative
      // coefficients, and zero only adds capacity.
      baseline: Math.max(0, a.fit.baseline),
      perUnit: Math.max(0, a.fit.perUnit),
      noise: r.components.usageMargin,
    },
    targetUtilisation: a.targetUtilisation,
  };
  if (a.latency) {
    inputs.latency = {
      serviceTimeSeconds: a.latency.serviceTimeSeconds,
      objectiveSeconds: a.latency.objectiveSeconds,
      ...(a.latency.percentile === undefined ? {} : { percentile: a.latency.percentile }),
    };
  }
  if (a.requestPerReplica !== undefined && a.requestPerReplica > 0) {
    inputs.requestPerReplica = a.requestPerReplica;
  }
  if (a.current) inputs.current = { replicas: a.current.replicas, requests: a.current.requests };
  // Fitted from measured history, not declared: the backend keeps these qualities.
  inputs.measured = { fitQuality: a.fit.quality, forecastQuality: forecast.quality };
  return { inputs, note: a.note };
}
