/**
 * Deterministic request traffic, second by second, so that the history backfilled before
 * Prometheus starts and the counters the exporter serves afterwards are one continuous series.
 * Each second's requests and errors are drawn from a hash of (seed, second): any second can be
 * computed on its own, and every run sees the same traffic.
 */

/** Uniform in [0, 1) from (seed, second, draw): a 32-bit integer hash (lowbias32 rounds). */
export function uniform(seed: number, second: number, draw: number): number {
  let x =
    (Math.imul(seed, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b) ^ Math.imul(draw, 0xc2b2ae35)) >>>
    0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296;
}

/** Poisson(mean) by inversion of one uniform (used for small means). */
function poisson(mean: number, u: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (u > cdf && k < 10_000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** Standard normal quantile (Acklam's rational approximation; |error| < 1.2e-9). */
function normal(u: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = Math.min(Math.max(u, 1e-12), 1 - 1e-12);
  if (q < 0.02425 || q > 1 - 0.02425) {
    const r = Math.sqrt(-2 * Math.log(q < 0.5 ? q : 1 - q));
    const x =
      (((((c[0]! * r + c[1]!) * r + c[2]!) * r + c[3]!) * r + c[4]!) * r + c[5]!) /
      ((((d[0]! * r + d[1]!) * r + d[2]!) * r + d[3]!) * r + 1);
    return q < 0.5 ? x : -x;
  }
  const r = q - 0.5;
  const s = r * r;
  return (
    ((((((a[0]! * s + a[1]!) * s + a[2]!) * s + a[3]!) * s + a[4]!) * s + a[5]!) * r) /
    (((((b[0]! * s + b[1]!) * s + b[2]!) * s + b[3]!) * s + b[4]!) * s + 1)
  );
}

/** How many of `n` requests fail when each fails with probability `p` (binomial, approximated). */
function failures(n: number, p: number, u: number): number {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const mean = n * p;
  if (mean <= 30) return Math.min(n, poisson(mean, u));
  const x = Math.round(mean + Math.sqrt(mean * (1 - p)) * normal(u));
  return Math.min(n, Math.max(0, x));
}

export interface Profile {
  /** Mean requests per second (below 1: the chance of one request in a second). */
  rps: number;
  /** Probability that a request in second `s` (unix seconds) fails. */
  errorRatio: (s: number) => number;
}

export interface Second {
  requests: number;
  errors: number;
}

export function second(profile: Profile, seed: number, s: number): Second {
  const u = uniform(seed, s, 0);
  let requests: number;
  if (profile.rps < 1) requests = u < profile.rps ? 1 : 0;
  else {
    // ±20 % around the mean, the fraction rounded up or down at random.
    const x = profile.rps * (0.8 + 0.4 * u);
    requests = Math.floor(x) + (uniform(seed, s, 1) < x - Math.floor(x) ? 1 : 0);
  }
  return { requests, errors: failures(requests, profile.errorRatio(s), uniform(seed, s, 2)) };
}

/** The two counters of one service (successes and errors), advanced second by second. */
export class Counters {
  ok: number;
  err: number;
  /** The next second to add; the counters hold every second before it. */
  next: number;

  constructor(
    readonly profile: Profile,
    readonly seed: number,
    from: number,
    initial = { ok: 1_000_000, err: 100 },
  ) {
    this.ok = initial.ok;
    this.err = initial.err;
    this.next = from;
  }

  /** Adds every second before `t` (unix seconds). */
  advanceTo(t: number): this {
    const until = Math.floor(t);
    for (; this.next < until; this.next++) {
      const x = second(this.profile, this.seed, this.next);
      this.ok += x.requests - x.errors;
      this.err += x.errors;
    }
    return this;
  }
}
