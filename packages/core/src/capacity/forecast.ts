import { MAD_TO_SIGMA, mad, median, quantile, theilSen } from './stats';
import type { FitQuality, ForecastOptions, PeakForecast, PeakSeasonality } from './types';

const DAY = 86400;
const WEEK = 7 * DAY;
/** Profile resolution: 15 minutes for a daily cycle, 1 hour for a weekly one. */
const BINS: Record<Exclude<PeakSeasonality, 'none'>, { period: number; bins: number }> = {
  daily: { period: DAY, bins: 96 },
  weekly: { period: WEEK, bins: 168 },
};
/** Trend and profile are re-estimated in turn; three rounds settle to well below the noise. */
const ROUNDS = 4;
/** 'auto' takes a longer cycle only when it cuts the remainder's robust sigma by this factor. */
const DAILY_GAIN = 0.8;
const WEEKLY_GAIN = 0.85;
const MAX_CURVE_POINTS = 50_000;

interface Decomposition {
  seasonality: PeakSeasonality;
  trend: { a: number; b: number; t0: number };
  /** Seasonal factor (multiplicative) or offset (additive) per bin; empty for 'none'. */
  profile: Float64Array;
  period: number;
  fitted: Float64Array;
  /** Robust sigma of v - fitted. */
  sigma: number;
  seasonalStrength: number;
  dailyMeans: number;
  multiplicative: boolean;
}

function fmt(v: number, digits = 3): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : String(v);
}

function iso(t: number): string {
  return new Date(t * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Forecasts the driver's peak over the horizon after the last sample: a robust linear trend
 * (Theil–Sen on daily means of the deseasonalised series) times (or plus) a daily or weekly
 * profile (per-bin medians), re-estimated in turn. The model's peak is then lifted by how much
 * actual daily maxima exceeded the model's daily maxima in the history: the median excess for
 * the expected peak, the `peakQuantile` excess for the upper band.
 * Phases are UTC: a daily cycle in local time moves by an hour across a DST change.
 */
export function forecastPeak(
  timestamps: Float64Array,
  driver: Float64Array,
  options: ForecastOptions,
): PeakForecast {
  if (timestamps.length !== driver.length) {
    throw new Error(
      `forecastPeak: driver has ${driver.length} values but timestamps has ${timestamps.length}`,
    );
  }
  const horizon = options.horizonSeconds;
  if (!(horizon > 0) || !Number.isFinite(horizon)) {
    throw new RangeError(`forecastPeak: horizonSeconds must be a positive number, got ${horizon}`);
  }
  const q = options.peakQuantile ?? 0.95;
  if (!(q > 0.5 && q < 1)) {
    throw new RangeError(`forecastPeak: peakQuantile must be in (0.5, 1), got ${q}`);
  }
  const requested = options.seasonality ?? 'auto';
  const trendKind = options.trend ?? 'linear';

  const ts: number[] = [];
  const vs: number[] = [];
  let prev = -Infinity;
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i]!;
    if (!Number.isFinite(t) || t < prev) {
      throw new Error(
        Number.isFinite(t)
          ? `forecastPeak: timestamps must not decrease: timestamps[${i}] = ${t} < ${prev}`
          : `forecastPeak: timestamps[${i}] is not a finite number (${t})`,
      );
    }
    prev = t;
    if (Number.isFinite(driver[i])) {
      ts.push(t);
      vs.push(driver[i]!);
    }
  }
  const n = ts.length;
  if (n === 0) throw new Error('forecastPeak: driver has no finite samples');
  const t = Float64Array.from(ts);
  const v = Float64Array.from(vs);
  const tStart = t[0]!;
  const tEnd = t[n - 1]!;
  const span = tEnd - tStart;
  const steps = new Float64Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) steps[i - 1] = t[i]! - t[i - 1]!;
  const dt = n > 1 ? Math.max(1, median(steps)) : 1;
  let historicalPeak = -Infinity;
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    historicalPeak = Math.max(historicalPeak, v[i]!);
    min = Math.min(min, v[i]!);
  }
  const multiplicative = min >= 0 && median(v) > 0;
  const mode = multiplicative ? 'multiplicative' : 'additive';

  const reasons: string[] = [];
  const explanation: string[] = [];
  // Seasonalities the history can support: at least two full cycles.
  const fits = (s: PeakSeasonality) =>
    span >= 2 * (s === 'weekly' ? WEEK : s === 'daily' ? DAY : 0);
  const linear = trendKind === 'linear' && span >= 2 * DAY;
  const decompose = (s: PeakSeasonality) => decomposition(t, v, s, dt, linear, multiplicative);

  let chosen: Decomposition;
  if (requested === 'auto') {
    const none = decompose('none');
    chosen = none;
    const daily = fits('daily') ? decompose('daily') : null;
    if (daily && daily.sigma < DAILY_GAIN * none.sigma) chosen = daily;
    const weekly = fits('weekly') ? decompose('weekly') : null;
    if (weekly && weekly.sigma < WEEKLY_GAIN * chosen.sigma) chosen = weekly;
    explanation.push(
      `seasonality ${chosen.seasonality} chosen automatically: remainder robust sigma ` +
        [none, daily, weekly]
          .filter((d): d is Decomposition => d !== null)
          .map(d => `${fmt(d.sigma)} (${d.seasonality})`)
          .join(', '),
    );
  } else {
    let s: PeakSeasonality = requested;
    if (s === 'weekly' && span < WEEK) s = 'daily';
    if (s === 'daily' && span < DAY) s = 'none';
    if (s !== requested) {
      reasons.push(
        `${requested} seasonality needs at least one full cycle of history; ` +
          `${fmt(span / DAY)} days available, so ${s} is used`,
      );
    } else if (!fits(s)) {
      reasons.push(
        `only ${fmt(span / DAY)} days of history: a ${s} profile from fewer than two cycles ` +
          `repeats one cycle's accidents`,
      );
    }
    chosen = decompose(s);
    explanation.push(`seasonality ${chosen.seasonality} as requested`);
  }
  if (span < DAY) {
    reasons.push(
      `less than a day of history (${fmt(span / 3600)} h): no trend or cycle can be told apart`,
    );
  }
  if (horizon > span) {
    reasons.push(
      `the horizon (${fmt(horizon / DAY)} days) is longer than the history (${fmt(span / DAY)} days)`,
    );
  }

  const { trend } = chosen;
  const model = (x: number): number => modelAt(chosen, x);
  explanation.push(
    linear
      ? `trend: Theil–Sen over ${chosen.dailyMeans} daily means of the deseasonalised driver, ` +
          `level ${fmt(trend.a + trend.b * (tEnd - trend.t0))} at the last sample, ` +
          `${trend.b >= 0 ? '+' : ''}${fmt(trend.b * DAY)} per day`
      : `trend: none (${trendKind === 'none' ? 'as requested' : 'less than two days of history'}), level ${fmt(trend.a)}`,
  );

  // The model over the horizon, on the profile's bin centres, where its maxima lie.
  const curveT: number[] = [];
  const step =
    chosen.seasonality === 'none' ? horizon / 100 : chosen.period / chosen.profile.length;
  const stride = Math.max(1, Math.ceil(horizon / step / MAX_CURVE_POINTS));
  let first = Math.floor(tEnd / step) * step;
  while (first <= tEnd) first += step;
  for (let x = first; x < tEnd + horizon; x += step * stride) curveT.push(x);
  curveT.push(tEnd + horizon);
  const curveTimes = Float64Array.from(curveT);
  const curveValues = curveTimes.map(model);
  let modelPeak = -Infinity;
  let peakAt = tEnd + horizon;
  curveValues.forEach((y, i) => {
    if (y > modelPeak) {
      modelPeak = y;
      peakAt = curveTimes[i]!;
    }
  });

  // How far daily maxima rose above the model's maxima on the same days.
  const window = span >= 3 * DAY ? DAY : Math.max(dt, span / 3);
  const excess: number[] = [];
  const minSamples = Math.max(3, Math.floor((0.5 * window) / dt));
  let i = 0;
  while (i < n) {
    const w0 = Math.floor(t[i]! / window) * window;
    let actual = -Infinity;
    let fitted = -Infinity;
    let count = 0;
    for (; i < n && t[i]! < w0 + window; i++) {
      actual = Math.max(actual, v[i]!);
      fitted = Math.max(fitted, chosen.fitted[i]!);
      count++;
    }
    if (count < minSamples) continue;
    if (multiplicative) {
      if (fitted > 0) excess.push(actual / fitted - 1);
    } else {
      excess.push(actual - fitted);
    }
  }
  const p50 = excess.length ? median(excess) : 0;
  const p95 = excess.length ? quantile(excess, 0.95) : 0;
  const atQ = excess.length ? quantile(excess, q) : 0;
  if (excess.length < 7) {
    reasons.push(
      `only ${excess.length} complete ${window === DAY ? 'days' : 'windows'} to measure how far peaks exceed the model; ` +
        `the band is rough`,
    );
  }
  const lift = (e: number) => (multiplicative ? modelPeak * (1 + e) : modelPeak + e);
  const peak = lift(p50);
  const upper = Math.max(peak, lift(atQ));
  const unitOfExcess = (e: number) => (multiplicative ? `${fmt(100 * e, 2)} %` : fmt(e));
  explanation.push(
    `model peak ${fmt(modelPeak)} at ${iso(peakAt)} within ${fmt(horizon / DAY)} days after ${iso(tEnd)}`,
    `daily maxima exceeded the model's by ${unitOfExcess(p50)} (median) and ${unitOfExcess(atQ)} ` +
      `(p${fmt(100 * q)}) over ${excess.length} ${window === DAY ? 'days' : 'windows'}: ` +
      `expected peak ${fmt(peak)}, upper ${fmt(upper)} (${mode})`,
    `historical peak ${fmt(historicalPeak)}: the forecast is ${fmt(100 * Math.abs(peak / historicalPeak - 1), 2)} % ` +
      `${peak >= historicalPeak ? 'above' : 'below'} it`,
  );

  const quality: FitQuality =
    n < 10 || span < DAY ? 'insufficient' : reasons.length ? 'poor' : 'good';
  return {
    peak,
    upper,
    peakAt,
    modelPeak,
    historicalPeak,
    from: tEnd,
    to: tEnd + horizon,
    seasonality: chosen.seasonality,
    mode,
    trend: { levelAtEnd: trend.a + trend.b * (tEnd - trend.t0), slopePerDay: trend.b * DAY },
    peakResiduals: { days: excess.length, p50, p95, quantile: q, atQuantile: atQ },
    seasonalStrength: chosen.seasonalStrength,
    curve: { timestamps: curveTimes, values: curveValues },
    quality,
    reasons,
    explanation,
  };
}

function profileAt(d: Decomposition, x: number): number {
  const nb = d.profile.length;
  const width = d.period / nb;
  // Linear between bin centres (multiples of the bin width), wrapping around the cycle.
  const pos = (((x % d.period) + d.period) % d.period) / width;
  const lo = Math.floor(pos);
  const frac = pos - lo;
  const a = d.profile[((lo % nb) + nb) % nb]!;
  const b = d.profile[(((lo + 1) % nb) + nb) % nb]!;
  return a + (b - a) * frac;
}

function modelAt(d: Decomposition, x: number): number {
  const level = d.trend.a + d.trend.b * (x - d.trend.t0);
  if (d.seasonality === 'none') return level;
  const s = profileAt(d, x);
  return d.multiplicative ? level * s : level + s;
}

function decomposition(
  t: Float64Array,
  v: Float64Array,
  seasonality: PeakSeasonality,
  dt: number,
  linear: boolean,
  multiplicative: boolean,
): Decomposition {
  const n = t.length;
  const t0 = t[0]!;
  const spec = seasonality === 'none' ? null : BINS[seasonality];
  const period = spec ? spec.period : 0;
  const nb = spec ? Math.max(1, Math.min(spec.bins, Math.floor(period / dt))) : 0;
  const d: Decomposition = {
    seasonality,
    trend: { a: median(v), b: 0, t0 },
    profile: new Float64Array(nb).fill(multiplicative ? 1 : 0),
    period,
    fitted: new Float64Array(n),
    sigma: NaN,
    seasonalStrength: 0,
    dailyMeans: 0,
    multiplicative,
  };
  const level = (x: number) => d.trend.a + d.trend.b * (x - t0);
  const deseason = new Float64Array(n);
  for (let round = 0; round < ROUNDS; round++) {
    if (spec) {
      const perBin: number[][] = Array.from({ length: nb }, () => []);
      const width = period / nb;
      for (let i = 0; i < n; i++) {
        const x = t[i]!;
        const l = level(x);
        if (multiplicative && !(l > 0)) continue;
        // Bins are centred on multiples of their width, so samples on a regular grid sit on centres.
        const bin = Math.round((((x % period) + period) % period) / width) % nb;
        perBin[bin]!.push(multiplicative ? v[i]! / l : v[i]! - l);
      }
      const raw = perBin.map(values => (values.length ? median(values) : NaN));
      fillCircular(raw, multiplicative ? 1 : 0);
      const avg = raw.reduce((s, x) => s + x, 0) / nb;
      for (let b = 0; b < nb; b++) {
        d.profile[b] = multiplicative ? (avg > 0 ? raw[b]! / avg : 1) : raw[b]! - avg;
      }
    }
    for (let i = 0; i < n; i++) {
      const x = t[i]!;
      if (!spec) deseason[i] = v[i]!;
      else {
        const s = profileAt(d, x);
        deseason[i] = multiplicative ? (s > 0 ? v[i]! / s : v[i]!) : v[i]! - s;
      }
    }
    if (linear) {
      const days: number[] = [];
      const means: number[] = [];
      const minSamples = Math.max(1, Math.floor((0.5 * DAY) / dt));
      let i = 0;
      while (i < n) {
        const day = Math.floor((t[i]! - t0) / DAY);
        let st = 0;
        let sv = 0;
        let c = 0;
        for (; i < n && Math.floor((t[i]! - t0) / DAY) === day; i++) {
          st += t[i]! - t0;
          sv += deseason[i]!;
          c++;
        }
        if (c >= minSamples) {
          days.push(st / c);
          means.push(sv / c);
        }
      }
      const line = theilSen(days, means);
      d.trend = { a: line.intercept, b: line.slope, t0 };
      d.dailyMeans = days.length;
    } else {
      d.trend = { a: median(deseason), b: 0, t0 };
    }
    if (!spec) break;
  }
  const r = new Float64Array(n);
  const detrended = new Float64Array(n);
  let ssr = 0;
  let ssd = 0;
  let md = 0;
  for (let i = 0; i < n; i++) {
    const x = t[i]!;
    d.fitted[i] = modelAt(d, x);
    r[i] = v[i]! - d.fitted[i]!;
    detrended[i] = v[i]! - level(x);
    md += detrended[i]!;
  }
  md /= n;
  for (let i = 0; i < n; i++) {
    ssr += r[i]! * r[i]!;
    ssd += (detrended[i]! - md) ** 2;
  }
  d.sigma = MAD_TO_SIGMA * mad(r);
  d.seasonalStrength = spec && ssd > 0 ? Math.min(1, Math.max(0, 1 - ssr / ssd)) : 0;
  return d;
}

/** Empty bins take the linear interpolation of their nearest filled neighbours, around the cycle. */
function fillCircular(values: number[], fallback: number): void {
  const nb = values.length;
  const filled = values.map((x, i) => (Number.isFinite(x) ? i : -1)).filter(i => i >= 0);
  if (filled.length === 0) {
    values.fill(fallback);
    return;
  }
  for (let b = 0; b < nb; b++) {
    if (Number.isFinite(values[b])) continue;
    let before = b;
    let back = 0;
    do {
      before = (before - 1 + nb) % nb;
      back++;
    } while (!Number.isFinite(values[before]));
    let after = b;
    let ahead = 0;
    do {
      after = (after + 1) % nb;
      ahead++;
    } while (!Number.isFinite(values[after]));
    const a = values[before]!;
    const c = values[after]!;
    values[b] = a + ((c - a) * back) / (back + ahead);
  }
}
