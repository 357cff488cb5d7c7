import type {
  CapacityInput,
  CapacityRecommendation,
  CapacityComparison,
  FitQuality,
  CapacityVerdict,
  ResidualSummary,
} from './types';

/** Hours in an average month (8,760 / 12), the convention of cloud price sheets. */
export const HOURS_PER_MONTH = 730;

/**
 * Spikes are a finding from this share of samples on: Gaussian noise puts 0.02 % beyond the
 * spike threshold by chance, a cron job every hour on 5-minute samples 8 %.
 */
const MIN_SPIKE_SHARE = 0.002;

const RANK: Record<FitQuality, number> = { good: 0, poor: 1, insufficient: 2 };

function fmt(v: number, digits = 4): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : String(v);
}

function check(ok: boolean, field: string, value: unknown, expected: string): void {
  if (!ok) {
    throw new RangeError(`recommendCapacity: ${field} must be ${expected}, got ${String(value)}`);
  }
}

/**
 * Utilisation the latency objective allows for an M/M/1 queue: response time is exponential
 * with mean S / (1 - ρ), so P(T > L) = exp(-(1 - ρ) L / S). Mean objective: ρ ≤ 1 - S / L;
 * percentile p: ρ ≤ 1 - S ln(1 / (1 - p)) / L.
 */
export function latencyUtilisationCap(
  serviceTimeSeconds: number,
  objectiveSeconds: number,
  percentile?: number,
): number {
  const factor = percentile === undefined ? 1 : Math.log(1 / (1 - percentile));
  return 1 - (serviceTimeSeconds * factor) / objectiveSeconds;
}

/**
 * Capacity to serve the forecast peak: needed = (baseline + perUnit × peak + margin) / utilisation,
 * where the margin combines, in quadrature (independent errors), the usage residual quantile at
 * high driver and the forecast band times the per-unit cost, and the utilisation is the target
 * capped by what the latency objective allows. Compared with current requests and limits and with
 * the N-fold reservation it replaces.
 */
export function recommendCapacity(input: CapacityInput): CapacityRecommendation {
  const { fit, forecast, unit, targetUtilisation } = input;
  check(
    targetUtilisation > 0 && targetUtilisation <= 1,
    'targetUtilisation',
    targetUtilisation,
    'in (0, 1]',
  );
  const marginQuantile = input.marginQuantile ?? 0.95;
  check(
    marginQuantile === 0.95 || marginQuantile === 0.99,
    'marginQuantile',
    marginQuantile,
    '0.95 or 0.99',
  );
  const tolerance = input.tolerance ?? 0.1;
  check(tolerance >= 0 && tolerance < 1, 'tolerance', tolerance, 'in [0, 1)');
  if (input.nFold !== undefined) check(input.nFold > 0, 'nFold', input.nFold, 'a positive number');
  if (input.pricePerUnitHour !== undefined) {
    check(
      input.pricePerUnitHour >= 0,
      'pricePerUnitHour',
      input.pricePerUnitHour,
      'a non-negative number',
    );
  }
  const current = input.current;
  if (current) {
    check(
      Number.isInteger(current.replicas) && current.replicas > 0,
      'current.replicas',
      current.replicas,
      'a positive integer',
    );
    check(current.requests >= 0, 'current.requests', current.requests, 'a non-negative number');
    if (current.limits !== undefined) {
      check(current.limits >= 0, 'current.limits', current.limits, 'a non-negative number');
    }
  }
  if (!Number.isFinite(fit.baseline) || !Number.isFinite(fit.perUnit)) {
    throw new Error(`recommendCapacity: the fit has no coefficients (${fit.reasons.join('; ')})`);
  }
  if (!Number.isFinite(forecast.peak) || !Number.isFinite(forecast.upper)) {
    throw new Error(`recommendCapacity: the forecast has no peak (${forecast.reasons.join('; ')})`);
  }

  let latencyCap: number | null = null;
  if (input.latency) {
    const { serviceTimeSeconds: s, objectiveSeconds: l, percentile: p } = input.latency;
    check(s > 0, 'latency.serviceTimeSeconds', s, 'a positive number');
    check(l > 0, 'latency.objectiveSeconds', l, 'a positive number');
    if (p !== undefined) check(p > 0 && p < 1, 'latency.percentile', p, 'in (0, 1)');
    latencyCap = latencyUtilisationCap(s, l, p);
    if (!(latencyCap > 0)) {
      throw new RangeError(
        `recommendCapacity: latency.objectiveSeconds (${l}) cannot be met at any utilisation ` +
          `with serviceTimeSeconds ${s}${p === undefined ? '' : ` at p${fmt(100 * p)}`}`,
      );
    }
  }

  const explanation: string[] = [];
  const u = unit;
  const driverPeak = forecast.peak;
  const usageAtPeak = fit.baseline + fit.perUnit * driverPeak;
  explanation.push(
    `driver peak ${fmt(driverPeak)} forecast around ${new Date(forecast.peakAt * 1000).toISOString()} ` +
      `(horizon to ${new Date(forecast.to * 1000).toISOString()}; upper band ${fmt(forecast.upper)})`,
    `usage at peak = baseline ${fmt(fit.baseline)} + ${fmt(fit.perUnit)} ${u} per unit × ${fmt(driverPeak)} ` +
      `= ${fmt(usageAtPeak)} ${u}`,
  );

  const key = marginQuantile === 0.95 ? 'p95' : 'p99';
  // The bulk's quantile: the raw one jumps onto short spikes once they pass 5 % of samples.
  const robust = (s: ResidualSummary) => s.bulk?.[key] ?? s[key];
  const overall = robust(fit.residuals);
  const high = fit.highDriverResiduals.n > 0 ? robust(fit.highDriverResiduals) : -Infinity;
  const usageMargin = Math.max(0, overall, high);
  const spikeInfo = fit.residuals.spikes;
  const spikes =
    spikeInfo && spikeInfo.share >= MIN_SPIKE_SHARE
      ? {
          samples: spikeInfo.n,
          share: spikeInfo.share,
          height: spikeInfo.p95,
          burst: usageAtPeak + spikeInfo.p95,
        }
      : null;
  explanation.push(
    `usage margin ${fmt(usageMargin)} ${u}: the ${key} of the fit's residuals ` +
      (high > overall
        ? `over the top quarter of driver values (${fmt(high)}; ${fmt(overall)} over all), where the peak lies`
        : `over all samples (${fmt(overall)}; ${fmt(high)} over the top quarter of driver values)`) +
      (spikes ? ', short spikes left out' : ''),
  );
  if (spikes) {
    explanation.push(
      `short spikes: ${spikes.samples} samples (${fmt(100 * spikes.share, 3)} %) rise up to ${fmt(spikes.height)} ${u} ` +
        `above the fit (p95): requests need not reserve for them; limits should allow a burst to ` +
        `${fmt(spikes.burst)} ${u} at the peak (${u === 'cores' ? 'or they are throttled' : 'or they are killed'})`,
    );
  }
  const forecastMargin = Math.max(0, fit.perUnit) * (forecast.upper - forecast.peak);
  explanation.push(
    `forecast margin ${fmt(forecastMargin)} ${u} = ${fmt(Math.max(0, fit.perUnit))} × ` +
      `(upper ${fmt(forecast.upper)} - peak ${fmt(driverPeak)}): the driver may peak higher`,
  );
  const margin = Math.hypot(usageMargin, forecastMargin);
  explanation.push(
    `margin = √(${fmt(usageMargin)}² + ${fmt(forecastMargin)}²) = ${fmt(margin)} ${u}: usage noise and forecast ` +
      `error are independent, so they add in quadrature rather than stack`,
  );

  const utilisation =
    latencyCap === null ? targetUtilisation : Math.min(targetUtilisation, latencyCap);
  if (latencyCap !== null) {
    const l = input.latency!;
    explanation.push(
      `the latency objective ${l.percentile === undefined ? 'mean' : `p${fmt(100 * l.percentile)}`} ≤ ` +
        `${l.objectiveSeconds} s with ${l.serviceTimeSeconds} s of work allows utilisation ${fmt(latencyCap)} ` +
        `(M/M/1 queue); target ${targetUtilisation}: using ${fmt(utilisation)}`,
    );
  } else {
    explanation.push(`target utilisation ${targetUtilisation} at the peak`);
  }
  const needed = Math.max(0, (usageAtPeak + margin) / utilisation);
  explanation.push(
    `needed = (${fmt(usageAtPeak)} + ${fmt(margin)}) / ${fmt(utilisation)} = ${fmt(needed)} ${u}` +
      (current
        ? `, ${fmt(needed / current.replicas)} ${u} per replica over ${current.replicas} replicas`
        : ''),
  );

  const price = input.pricePerUnitHour;
  const money = (diff: number) => (price === undefined ? null : diff * price * HOURS_PER_MONTH);
  const moneyText = (m: number | null) =>
    m === null
      ? ''
      : `; ${m >= 0 ? 'spare' : 'missing'} capacity worth ${fmt(Math.abs(m))}${input.currency ? ` ${input.currency}` : ''} ` +
        `a month at ${price} per ${u === 'cores' ? 'core' : 'GiB'}-hour × ${HOURS_PER_MONTH} h`;
  const compare = (provisioned: number): CapacityComparison => {
    const difference = provisioned - needed;
    const relative = needed > 0 ? difference / needed : provisioned > 0 ? Infinity : 0;
    const verdict: CapacityVerdict =
      relative > tolerance
        ? 'over-provisioned'
        : relative < -tolerance
          ? 'under-provisioned'
          : 'right-sized';
    return { provisioned, difference, relative, verdict, monthlyCost: money(difference) };
  };
  const describe = (c: CapacityComparison) =>
    `${c.verdict}: ${c.difference >= 0 ? '+' : ''}${fmt(c.difference)} ${u} ` +
    `(${c.relative >= 0 ? '+' : ''}${fmt(100 * c.relative, 3)} % of needed; within ±${fmt(100 * tolerance, 3)} % is right-sized)` +
    moneyText(c.monthlyCost);

  let currentCmp: CapacityRecommendation['current'] = null;
  if (current) {
    const c = compare(current.requests * current.replicas);
    const limitsProvisioned = (current.limits ?? Infinity) * current.replicas;
    // Limits must hold the peak with its margin, and the short spikes' burst.
    const limitsNeeded = Math.max(usageAtPeak + margin, spikes?.burst ?? -Infinity);
    const limitsShortfall = Math.max(0, limitsNeeded - limitsProvisioned);
    currentCmp = { ...c, limitsProvisioned, limitsShortfall };
    explanation.push(
      `current requests ${fmt(current.requests)} × ${current.replicas} replicas = ${fmt(c.provisioned)} ${u}: ${describe(c)}`,
    );
    if (current.limits !== undefined) {
      explanation.push(
        limitsShortfall > 0
          ? `limits ${fmt(current.limits)} × ${current.replicas} = ${fmt(limitsProvisioned)} ${u} are ` +
              `${fmt(limitsShortfall)} ${u} below the peak use with ${spikes && spikes.burst > usageAtPeak + margin ? 'its spikes' : 'margin'} (${fmt(limitsNeeded)}): ` +
              (u === 'cores'
                ? 'expect throttling at the peak'
                : 'expect out-of-memory kills at the peak')
          : `limits ${fmt(limitsProvisioned)} ${u} cover the peak use with ${spikes && spikes.burst > usageAtPeak + margin ? 'its spikes' : 'margin'} (${fmt(limitsNeeded)})`,
      );
    }
  }

  let nFoldCmp: CapacityRecommendation['nFold'] = null;
  if (input.nFold !== undefined) {
    const averageUse = fit.usage.mean;
    const c = compare(input.nFold * averageUse);
    nFoldCmp = { ...c, n: input.nFold, averageUse };
    explanation.push(
      `${input.nFold}-fold reservation of average use ${fmt(averageUse)} = ${fmt(c.provisioned)} ${u}: ${describe(c)}`,
    );
  }

  const quality = RANK[fit.quality] >= RANK[forecast.quality] ? fit.quality : forecast.quality;
  const reasons = [
    ...fit.reasons.map(r => `fit: ${r}`),
    ...forecast.reasons.map(r => `forecast: ${r}`),
  ];
  if (quality !== 'good') {
    explanation.push(`the ${quality} inputs make this a rough figure: ${reasons.join('; ')}`);
  }

  return {
    unit,
    needed,
    neededPerReplica: current ? needed / current.replicas : null,
    components: {
      driverPeak,
      usageAtPeak,
      usageMargin,
      forecastMargin,
      margin,
      utilisation,
      latencyUtilisationCap: latencyCap,
    },
    spikes,
    current: currentCmp,
    nFold: nFoldCmp,
    quality,
    reasons,
    explanation,
  };
}
