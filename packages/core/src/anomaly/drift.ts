/**
 * Change detection for slow drifts (leaks): a two-sided CUSUM (Page, *Continuous inspection
 * schemes*, Biometrika 1954) on hourly block means against a slow seasonal baseline.
 *
 * The forecast stage follows a ramp that builds over days (its level and trend learn it), so
 * each point's error stays small. Against a baseline that learns over days the same ramp is a
 * growing deviation. Points are averaged over blocks of an hour (or one point, if the step is
 * longer), so the statistic does not depend on the sampling step and point noise averages out.
 * The baseline is a level (time constant of days) plus a profile per hour of week, each bucket
 * learnt from its own past weeks, both updated with deviations clipped at 3 scales so a drift
 * keeps standing out. A block's deviation over the usual size of that deviation, divided by
 * √((1 + ρ)/(1 − ρ)) for the lag-1 autocorrelation ρ of the deviations (their sum's long-run
 * spread; ρ at most 0.6), is accumulated with the allowance `k`: a run of deviations on one
 * side adds up.
 *
 * Its surprise (decimal digits) comes from the CUSUM's stationary tail: for unit-variance
 * increments with drift −k, P(S > h) ≈ exp(−2kh) (Siegmund, *Sequential Analysis*, 1985, the
 * Brownian approximation), so h maps to 2kh / ln 10 digits, on the same scale as the
 * likelihood stage's. Once a drift reaches 20 digits it has been reported: the stage learns its
 * level and profile afresh, so a leak that stays alarms for a day or two, not for weeks.
 *
 * O(1) time per point; 168 profile buckets and a dozen numbers of state.
 */
export interface DriftOptions {
  /** Seconds between points. */
  readonly stepSeconds: number;
  /** Time constant of the slow baseline, seconds. */
  readonly baselineSeconds: number;
  /** Allowance per block, in block scales: deviations below it do not accumulate. */
  readonly allowance: number;
  /** Blocks learnt before the statistic counts (the scale needs them). */
  readonly warmupBlocks: number;
  /** Seasonal period learnt per block (a week: hour of week), 0 for none. */
  readonly periodSeconds: number;
  /** Smoothing of a profile bucket per visit (once a period). */
  readonly profileRate: number;
}

const HOUR = 3600;
const WEEK = 7 * 86400;
/** A block mean's deviation counts at most this many scales: one odd hour cannot alarm alone. */
const DEVIATION_CLIP = 3;
/** The baseline learns from deviations clipped at this many scales, so a drift keeps standing out. */
const BASELINE_CLIP = 3;
/**
 * Largest autocorrelation corrected for (the deviation's scale at most doubled): beyond it the
 * run of same-side deviations is the drift itself, whose own correlation would otherwise hide
 * it (at 0.9, five-minute leaks stayed below a score of 0.8 for days).
 */
const RHO_CAP = 0.6;
/** Digits of a score of 0.5: a drift is being reported. */
const ALARM_DIGITS = 5;
/** A drift this surprising (a score of 0.8) has been reported: the stage learns afresh. */
const RESET_DIGITS = 20;
/** mean |e| of a normal error is σ·√(2/π). */
const MAE_TO_SIGMA = Math.sqrt(Math.PI / 2);

export class DriftStage {
  private readonly blockSeconds: number;
  private readonly baselineRate: number;
  private readonly scaleRate: number;
  private readonly k: number;
  private readonly warmupBlocks: number;

  private block = Number.NaN;
  private blockSum = 0;
  private blockCount = 0;
  private blocks = 0;

  private readonly profile: Float64Array;
  private readonly visits: Uint16Array;
  private readonly profileRate: number;
  private baseline = Number.NaN;
  private meanAbsDeviation = 0;
  private scaleCount = 0;
  private lagProduct = 0;
  private square = 1;
  private lastR = 0;
  private pendingReset = false;
  private up = 0;
  private down = 0;
  private digitsNow = 0;

  constructor(o: DriftOptions) {
    this.blockSeconds = Math.max(HOUR, o.stepSeconds);
    this.baselineRate = 1 - Math.exp(-this.blockSeconds / o.baselineSeconds);
    this.scaleRate = Math.min(1, this.blockSeconds / WEEK);
    this.k = o.allowance;
    this.warmupBlocks = o.warmupBlocks;
    const buckets =
      o.periodSeconds >= 2 * this.blockSeconds
        ? Math.round(o.periodSeconds / this.blockSeconds)
        : 1;
    this.profile = new Float64Array(buckets);
    this.visits = new Uint16Array(buckets);
    this.profileRate = o.profileRate;
  }

  /** The surprise of the drift statistic, in decimal digits, after the last complete block. */
  get digits(): number {
    return this.digitsNow;
  }

  /**
   * Adds a value at time t (seconds, increasing); returns the drift surprise after it
   * (unchanged until a block completes).
   */
  update(t: number, y: number, stepSeconds: number): number {
    if (this.pendingReset) {
      this.pendingReset = false;
      this.digitsNow = 0;
      this.visits.fill(0);
      this.baseline = Number.NaN;
      this.lastR = 0;
    }
    const block = Math.floor(t / this.blockSeconds);
    if (block !== this.block && this.blockCount > 0) this.closeBlock();
    this.block = block;
    this.blockSum += y;
    this.blockCount++;
    // The block's last point closes it at once, so an hourly series is not a point late.
    if (Math.floor((t + stepSeconds) / this.blockSeconds) !== block) this.closeBlock();
    return this.digitsNow;
  }

  private closeBlock(): void {
    const mean = this.blockSum / this.blockCount;
    const bucket = mod(this.block, this.profile.length);
    this.blockSum = 0;
    this.blockCount = 0;
    this.blocks++;
    if (!Number.isFinite(this.baseline)) this.baseline = mean;
    const visits = this.visits[bucket]!;
    const expected = this.baseline + this.profile[bucket]!;
    const deviation = mean - expected;
    const scale = this.meanAbsDeviation * MAE_TO_SIGMA;
    // A bucket seen for the first time has no profile yet: its deviation is the season's shape.
    const known = this.profile.length === 1 || visits >= 2;
    if (known) {
      if (scale > 0) {
        const r = Math.max(-DEVIATION_CLIP, Math.min(DEVIATION_CLIP, deviation / scale));
        // Lag-1 autocorrelation of the standardised deviations: hour-to-hour misfit makes their
        // sum wander further than independent noise would, by (1 + ρ) / (1 − ρ) in variance.
        const rate = Math.max(this.scaleRate, 1 / (this.scaleCount + 1));
        this.lagProduct += rate * (r * this.lastR - this.lagProduct);
        this.square += rate * (r * r - this.square);
        this.lastR = r;
        const rho = Math.max(0, Math.min(RHO_CAP, this.lagProduct / Math.max(this.square, 1e-9)));
        const z = r / Math.sqrt((1 + rho) / (1 - rho));
        if (this.blocks > this.warmupBlocks) {
          this.up = Math.max(0, this.up + z - this.k);
          this.down = Math.max(0, this.down - z - this.k);
          this.digitsNow = (2 * this.k * Math.max(this.up, this.down)) / Math.LN10;
        }
      }
      // Scale: mean absolute deviation, fast at first, updates clipped at 4× the current value;
      // not while a drift is reported, or the drift's own deviations would raise the bar and
      // hold the statistic between 0.5 and 0.8 for days (seen after level shifts).
      if (this.digitsNow < ALARM_DIGITS) {
        this.scaleCount++;
        const rate = Math.max(this.scaleRate, 1 / this.scaleCount);
        const abs = Math.abs(deviation);
        const clipped = this.scaleCount > 1 ? Math.min(abs, 4 * this.meanAbsDeviation) : abs;
        this.meanAbsDeviation += rate * (clipped - this.meanAbsDeviation);
      }
    }
    // The baseline and the profile learn from a deviation clipped at a few scales, so a drift
    // keeps standing out instead of being learnt.
    const limit = BASELINE_CLIP * scale;
    const step = known && scale > 0 ? Math.max(-limit, Math.min(limit, deviation)) : deviation;
    if (this.profile.length > 1) {
      const rate = Math.max(this.profileRate, 1 / (visits + 1));
      this.profile[bucket]! += rate * (known ? step : mean - this.baseline - this.profile[bucket]!);
      this.visits[bucket] = Math.min(visits + 1, 65535);
    }
    this.baseline += Math.max(this.baselineRate, 1 / this.blocks) * (known ? step : 0);
    if (!known) this.lastR = 0;
    if (this.digitsNow >= RESET_DIGITS) {
      // A drift reported in full: the level and weekly shape are learnt again from here, so
      // the new normal is not reported for weeks (the forecast stage still watches it).
      this.up = 0;
      this.down = 0;
      this.pendingReset = true;
    }
  }
}

function mod(a: number, m: number): number {
  const r = a % m;
  return r < 0 ? r + m : r;
}
