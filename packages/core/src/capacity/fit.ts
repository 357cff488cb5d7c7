import { huberLine, mad, MAD_TO_SIGMA, mean, quantileSorted, sortedCopy } from './stats';
import type { FitOptions, ResidualSummary, ResourceFit, StructuralBreak } from './types';

const DEFAULTS: Required<FitOptions> = {
  minPoints: 30,
  minRSquared: 0.6,
  flatSpread: 0.05,
  minDriverRange: 0.2,
  maxSpreadRatio: 2,
  minBreakGain: 0.25,
  minBreakShift: 0.05,
};

/** Residuals beyond this many robust sigmas count as outliers in the notes. */
const OUTLIER_SIGMAS = 3;
/** Break search works on residuals clipped at this many sigmas, so spikes do not pose as breaks. */
const BREAK_CLIP_SIGMAS = 2.5;

/**
 * Residuals more than this many robust sigmas above the median are short spikes (a cron job, a
 * GC pause), not noise: at 3.5 sigmas Gaussian noise leaves 0.02 % of samples behind.
 */
export const SPIKE_SIGMAS = 3.5;

function summarise(values: Float64Array): ResidualSummary {
  const sorted = sortedCopy(values);
  const n = values.length;
  const sigma = MAD_TO_SIGMA * mad(values);
  const p50 = quantileSorted(sorted, 0.5);
  const p95 = quantileSorted(sorted, 0.95);
  const p99 = quantileSorted(sorted, 0.99);
  if (!(sigma > 0)) {
    return { n, sigma, p50, p95, p99, bulk: { p95, p99 }, spikes: noSpikes() };
  }
  // The bulk: residuals within SPIKE_SIGMAS of the median. Its quantiles move little whatever
  // the share of spikes, where the raw p95 jumps onto the spikes once they pass 5 % of samples.
  let lo = 0;
  while (lo < n && sorted[lo]! < p50 - SPIKE_SIGMAS * sigma) lo++;
  let hi = n;
  while (hi > lo && sorted[hi - 1]! > p50 + SPIKE_SIGMAS * sigma) hi--;
  const bulk = sorted.subarray(lo, hi);
  const spikes = sorted.subarray(hi);
  return {
    n,
    sigma,
    p50,
    p95,
    p99,
    bulk: { p95: quantileSorted(bulk, 0.95), p99: quantileSorted(bulk, 0.99) },
    spikes:
      spikes.length === 0
        ? noSpikes()
        : {
            n: spikes.length,
            share: spikes.length / n,
            p50: quantileSorted(spikes, 0.5),
            p95: quantileSorted(spikes, 0.95),
            max: spikes[spikes.length - 1]!,
          },
  };
}

function noSpikes(): NonNullable<ResidualSummary['spikes']> {
  return { n: 0, share: 0, p50: NaN, p95: NaN, max: NaN };
}

function fmt(v: number, digits = 3): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : String(v);
}

function pct(v: number): string {
  return `${fmt(100 * v, 2)} %`;
}

/**
 * Fits usage = baseline + perUnit × driver (robust, Huber IRLS) and says how far to trust it.
 * `driver` and `usage` are aligned samples in time order (the break search needs the order);
 * pairs where either is NaN or infinite are skipped.
 */
export function fitResourceModel(
  driver: Float64Array,
  usage: Float64Array,
  options: FitOptions = {},
): ResourceFit {
  if (driver.length !== usage.length) {
    throw new Error(
      `fitResourceModel: usage has ${usage.length} values but driver has ${driver.length}`,
    );
  }
  const opts = { ...DEFAULTS, ...options };
  const idx: number[] = [];
  for (let i = 0; i < driver.length; i++) {
    if (Number.isFinite(driver[i]) && Number.isFinite(usage[i])) idx.push(i);
  }
  const n = idx.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  idx.forEach((src, j) => {
    x[j] = driver[src]!;
    y[j] = usage[src]!;
  });

  const xs = sortedCopy(x);
  const ys = sortedCopy(y);
  const driverStats = {
    min: n ? xs[0]! : NaN,
    p5: quantileSorted(xs, 0.05),
    median: quantileSorted(xs, 0.5),
    p95: quantileSorted(xs, 0.95),
    max: n ? xs[n - 1]! : NaN,
    mean: mean(x),
  };
  const usageStats = {
    min: n ? ys[0]! : NaN,
    median: quantileSorted(ys, 0.5),
    max: n ? ys[n - 1]! : NaN,
    mean: mean(y),
  };

  const reasons: string[] = [];
  const notes: string[] = [];
  const empty: ResidualSummary = { n: 0, sigma: NaN, p50: NaN, p95: NaN, p99: NaN };
  if (n < 2 || !(driverStats.max > driverStats.min)) {
    reasons.push(
      n < 2
        ? `only ${n} valid (driver, usage) pair${n === 1 ? '' : 's'}: a line needs at least 2`
        : `the driver is constant (${fmt(driverStats.min)}): usage cannot be split into baseline and per-unit cost`,
    );
    return {
      baseline: NaN,
      perUnit: NaN,
      n,
      rSquared: NaN,
      robustRSquared: NaN,
      residuals: n ? { ...empty } : empty,
      highDriverResiduals: empty,
      spreadRatio: NaN,
      driver: driverStats,
      usage: usageStats,
      structuralBreak: null,
      quality: 'insufficient',
      reasons,
      notes,
    };
  }

  const line = huberLine(x, y);
  const baseline = line.intercept;
  const perUnit = line.slope;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = y[i]! - baseline - perUnit * x[i]!;

  const rSquared = rSquaredOf(y, r);
  const robustRSquared = rSquaredOf(y, r, line.weights);
  const residuals = summarise(r);

  const x75 = quantileSorted(xs, 0.75);
  const x33 = quantileSorted(xs, 1 / 3);
  const x67 = quantileSorted(xs, 2 / 3);
  const high: number[] = [];
  const upperThird: number[] = [];
  const lowerThird: number[] = [];
  for (let i = 0; i < n; i++) {
    if (x[i]! >= x75) high.push(r[i]!);
    if (x[i]! >= x67) upperThird.push(r[i]!);
    if (x[i]! <= x33) lowerThird.push(r[i]!);
  }
  const highDriverResiduals = summarise(Float64Array.from(high));
  const sHigh = MAD_TO_SIGMA * mad(upperThird);
  const sLow = MAD_TO_SIGMA * mad(lowerThird);
  const spreadRatio = sLow > 0 ? sHigh / sLow : sHigh > 0 ? Infinity : 1;

  const structuralBreak = findBreak(
    x,
    y,
    r,
    residuals.sigma,
    idx,
    opts,
    Math.abs(usageStats.median),
  );

  // Quality checks, each with the numbers that decided it.
  if (n < opts.minPoints) {
    reasons.push(`only ${n} valid (driver, usage) pairs; at least ${opts.minPoints} are needed`);
  }
  const level = Math.abs(usageStats.median);
  const relSpread = level > 0 ? residuals.sigma / level : Infinity;
  if (robustRSquared < opts.minRSquared) {
    if (relSpread >= opts.flatSpread) {
      reasons.push(
        `the driver explains only ${pct(Math.max(0, robustRSquared))} of the variation of usage ` +
          `(robust R² ${fmt(robustRSquared)} < ${opts.minRSquared}); residual sigma is ${pct(relSpread)} of median usage`,
      );
    } else {
      notes.push(
        `usage is flat (residual sigma ${pct(relSpread)} of median usage): the driver explains little ` +
          `(robust R² ${fmt(robustRSquared)}) because there is little to explain; the baseline carries the capacity`,
      );
    }
  }
  const driverRange =
    driverStats.median !== 0
      ? (driverStats.p95 - driverStats.p5) / Math.abs(driverStats.median)
      : Infinity;
  if (driverRange < opts.minDriverRange) {
    reasons.push(
      `the driver varies too little (p5–p95 ${fmt(driverStats.p5)}–${fmt(driverStats.p95)}, ` +
        `${pct(driverRange)} of its median; ${pct(opts.minDriverRange)} needed) to separate baseline from per-unit cost`,
    );
  }
  if (spreadRatio > opts.maxSpreadRatio || spreadRatio < 1 / opts.maxSpreadRatio) {
    reasons.push(
      `residual spread at high driver is ${fmt(spreadRatio, 2)}× that at low driver (heteroscedastic): ` +
        `one margin does not fit all loads; the margin uses the high-driver residuals`,
    );
  }
  if (structuralBreak) {
    const b = structuralBreak;
    reasons.push(
      `the relation changed at sample ${b.index}: before ${fmt(b.before.baseline)} + ${fmt(b.before.perUnit)}/unit, ` +
        `after ${fmt(b.after.baseline)} + ${fmt(b.after.perUnit)}/unit (lines differ by up to ${fmt(b.shift)}); ` +
        `fit the samples after the break`,
    );
  }
  if (perUnit < 0) {
    notes.push(
      `usage falls as the driver rises (per-unit ${fmt(perUnit)}): check the driver metric`,
    );
  }
  if (baseline < 0) {
    notes.push(
      `the baseline is negative (${fmt(baseline)}): usage is not linear down to zero load`,
    );
  }
  if (residuals.sigma > 0) {
    let outliers = 0;
    for (let i = 0; i < n; i++) if (Math.abs(r[i]!) > OUTLIER_SIGMAS * residuals.sigma) outliers++;
    if (outliers > 0) {
      notes.push(
        `${outliers} of ${n} points (${pct(outliers / n)}) lie beyond ${OUTLIER_SIGMAS} robust sigmas; ` +
          `the fit down-weights them`,
      );
    }
  }

  return {
    baseline,
    perUnit,
    n,
    rSquared,
    robustRSquared,
    residuals,
    highDriverResiduals,
    spreadRatio,
    driver: driverStats,
    usage: usageStats,
    structuralBreak,
    quality: n < opts.minPoints ? 'insufficient' : reasons.length ? 'poor' : 'good',
    reasons,
    notes,
  };
}

/** 1 - Σw r² / Σw (y - ȳ_w)²; 1 for a constant series fitted exactly. */
function rSquaredOf(y: Float64Array, r: Float64Array, w?: Float64Array): number {
  let sw = 0;
  let sy = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i]! : 1;
    sw += wi;
    sy += wi * y[i]!;
  }
  const my = sy / sw;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i]! : 1;
    ssRes += wi * r[i]! * r[i]!;
    ssTot += wi * (y[i]! - my) ** 2;
  }
  if (ssTot > 0) return 1 - ssRes / ssTot;
  return ssRes > 0 ? 0 : 1;
}

/**
 * One-break search (least squares over every split point, as in Bai and Perron's single-break
 * estimator) on winsorised pseudo-observations: fitted + residual clipped at 2.5 sigma, so that
 * spikes cannot pose as a regime. Prefix sums make every split O(1). The best split is reported
 * only when it removes a real share of the squared residuals and the two sides' robust lines
 * differ by a material amount where both have data.
 */
function findBreak(
  x: Float64Array,
  y: Float64Array,
  r: Float64Array,
  sigma: number,
  idx: number[],
  opts: Required<FitOptions>,
  level: number,
): StructuralBreak | null {
  const n = x.length;
  const minSeg = Math.max(10, Math.ceil(0.1 * n));
  if (n < 2 * minSeg) return null;
  const clip = sigma > 0 ? BREAK_CLIP_SIGMAS * sigma : Infinity;
  const mx = mean(x);
  const my = mean(y);
  const px = new Float64Array(n + 1);
  const py = new Float64Array(n + 1);
  const pxx = new Float64Array(n + 1);
  const pxy = new Float64Array(n + 1);
  const pyy = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const xi = x[i]! - mx;
    const yi = y[i]! - r[i]! + Math.max(-clip, Math.min(clip, r[i]!)) - my;
    px[i + 1] = px[i]! + xi;
    py[i + 1] = py[i]! + yi;
    pxx[i + 1] = pxx[i]! + xi * xi;
    pxy[i + 1] = pxy[i]! + xi * yi;
    pyy[i + 1] = pyy[i]! + yi * yi;
  }
  const ssr = (a: number, b: number): number => {
    const m = b - a;
    const sx = px[b]! - px[a]!;
    const sy = py[b]! - py[a]!;
    const sxx = pxx[b]! - pxx[a]! - (sx * sx) / m;
    const sxy = pxy[b]! - pxy[a]! - (sx * sy) / m;
    const syy = pyy[b]! - pyy[a]! - (sy * sy) / m;
    return Math.max(0, sxx > 0 ? syy - (sxy * sxy) / sxx : syy);
  };
  const whole = ssr(0, n);
  if (!(whole > 0)) return null;
  let best = -1;
  let bestSsr = Infinity;
  for (let k = minSeg; k <= n - minSeg; k++) {
    const s = ssr(0, k) + ssr(k, n);
    if (s < bestSsr) {
      bestSsr = s;
      best = k;
    }
  }
  const gain = 1 - bestSsr / whole;
  if (best < 0 || gain < opts.minBreakGain) return null;

  const left = huberLine(x.subarray(0, best), y.subarray(0, best));
  const right = huberLine(x.subarray(best), y.subarray(best));
  const ls = sortedCopy(x.subarray(0, best));
  const rs = sortedCopy(x.subarray(best));
  // Compare where both sides have data; without overlap, across the gap between them.
  const lo = Math.max(quantileSorted(ls, 0.1), quantileSorted(rs, 0.1));
  const hi = Math.min(quantileSorted(ls, 0.9), quantileSorted(rs, 0.9));
  let shift = 0;
  for (const d of [lo, hi]) {
    const diff = Math.abs(left.intercept + left.slope * d - (right.intercept + right.slope * d));
    if (diff > shift) shift = diff;
  }
  if (shift < opts.minBreakShift * level) return null;
  return {
    index: idx[best]!,
    gain,
    shift,
    before: { baseline: left.intercept, perUnit: left.slope },
    after: { baseline: right.intercept, perUnit: right.slope },
  };
}
