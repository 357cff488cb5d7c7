import { DriftStage } from './drift';
import { twoSidedSurprise, upperSurprise } from './tail';

/**
 * Streaming anomaly detector for one series (cost, unit cost, traffic, resource use).
 *
 * Each point goes through three stages, all O(1) in time and memory per point:
 *  1. Robust Holt–Winters forecast (Gelper, Fried & Croux 2010): a level, a damped trend and two
 *     additive seasonal profiles (time of day, and hour of week, Taylor 2003), updated with the
 *     Huber-cleaned value so an outlier moves none of them by more than `huberK` scales. A run
 *     of `shiftPoints` outliers on the same side is taken as a new level.
 *  2. The forecast error over an online robust scale (mean absolute error, clipped), turned into
 *     a surprise: −log10 of its two-sided normal tail probability.
 *  3. Anomaly likelihood (Ahmad et al. 2017): the mean surprise of the last `shortWindow` points
 *     against the long-run mean and spread of that mean, so a series whose errors are often
 *     large raises its own bar. With S = −log10 of that upper-tail probability, the score is
 *     S / (S + 5): 0.5 is a 1-in-10^5 event for this series, 0.67 one in 10^10, never quite 1.
 *
 * A point's score depends only on the points before it and itself. Deterministic.
 */
export interface AnomalyDetectorOptions {
  /** Seconds between points; by default the gap between the first two timestamps. */
  readonly stepSeconds?: number;
  /** Level smoothing per point (α); by default a time constant of 8 hours (0.0104 at 5 minutes). */
  readonly levelRate?: number;
  /** Trend smoothing per point (β). */
  readonly trendRate?: number;
  /** Trend damping per point (φ). */
  readonly trendDamping?: number;
  /** Smoothing of a time-of-day bucket per day (γ), spread over the bucket's points. */
  readonly dailyRate?: number;
  /** Smoothing of an hour-of-week bucket per week, spread over the bucket's points. */
  readonly weeklyRate?: number;
  /** Learn a time-of-day profile (default: when the step is under 6 hours). */
  readonly daily?: boolean;
  /** Learn an hour-of-week (or day-of-week) profile (default: when the step is at most a day). */
  readonly weekly?: boolean;
  /** Smoothing of the error scale per point. */
  readonly scaleRate?: number;
  /** Errors beyond this many scales are clipped before they update the forecast. */
  readonly huberK?: number;
  /** Consecutive same-side errors beyond `shiftZ` scales taken as a level shift. */
  readonly shiftPoints?: number;
  readonly shiftZ?: number;
  /** Points whose surprise is averaged (the likelihood's short window). */
  readonly shortWindow?: number;
  /** Smoothing per point of the long-run mean and variance of the averaged surprise. */
  readonly historyRate?: number;
  /** Smoothing per day of the hour-of-day error spread. */
  readonly spreadRate?: number;
  /** Points scored 0 while the model learns (default: a day of points, 24 to 600). */
  readonly warmupPoints?: number;
  /** Run the slow-drift stage (default true). */
  readonly drift?: boolean;
  /** Time constant of the drift stage's slow baseline, seconds (default 3 days). */
  readonly driftBaselineSeconds?: number;
  /** Allowance of the drift CUSUM per hourly block, in scales (default 0.5). */
  readonly driftAllowance?: number;
}

const DAY = 86400;
const WEEK = 7 * DAY;
/** Finest time-of-day bucket: 5 minutes (288 a day), so 1-minute data shares buckets. */
const MIN_DAILY_BUCKET = 300;
const MAX_SURPRISE = 20;
const LEVEL_TIME_CONSTANT = 8 * 3600;
/** Largest |z| a point adds to its hour's spread: a daily burst of 100 scales is learned in days,
 * and a single one blinds its hour for no longer. */
const SPREAD_CLIP = 200;
/** The likelihood surprise (decimal digits) that maps to a score of 0.5. */
const SCORE_HALF = 5;
/**
 * Smallest spread of the short-window mean surprise, in digits. On a noise-free series every
 * surprise is about 0 and its spread vanishes, so a floor of 1e-3 made 0.01 digits (nothing) ten
 * spreads: 86 % of NAB's art_daily_no_noise scored above 0.5. Gaussian noise gives a 6-point mean
 * a spread of 0.18 digits (the surprise of a uniform p is exponential, sd 1/ln 10), above this.
 */
const LIKELIHOOD_MIN_SPREAD = 0.1;
/** mean |e| of a normal error is σ·√(2/π). */
const MAE_TO_SIGMA = Math.sqrt(Math.PI / 2);

interface Resolved {
  readonly levelRate: number;
  readonly trendRate: number;
  readonly trendDamping: number;
  readonly dailyRate: number;
  readonly weeklyRate: number;
  readonly scaleRate: number;
  readonly huberK: number;
  readonly shiftZ: number;
  readonly shortWindow: number;
  readonly historyRate: number;
  readonly spreadRate: number;
}

const DEFAULTS: Resolved = {
  levelRate: 0,
  trendRate: 0.005,
  trendDamping: 0.98,
  dailyRate: 0.15,
  weeklyRate: 0.3,
  scaleRate: 0.01,
  huberK: 2,
  shiftZ: 3,
  shortWindow: 6,
  historyRate: 0.002,
  spreadRate: 0.3,
};

export class AnomalyDetector {
  private readonly o: { -readonly [K in keyof Resolved]: Resolved[K] };
  private readonly options: AnomalyDetectorOptions;

  private n = 0;
  private lastT = Number.NEGATIVE_INFINITY;
  private step = 0;
  private warmup = 0;

  private level = 0;
  private trend = 0;

  private readonly dailyProfile = new Float64Array(DAY / MIN_DAILY_BUCKET);
  private readonly dailyCount = new Uint32Array(DAY / MIN_DAILY_BUCKET);
  private dailyWidth = 0;
  private dailyBuckets = 1;
  /** Sum of the stored daily profile; a bucket's value is its entry minus the mean, so the
   * profile keeps mean zero (the level holds the mean) without touching every bucket. */
  private dailySum = 0;
  private dailyPointRate = 0;
  private readonly weeklyProfile = new Float64Array(168);
  private weeklyWidth = 0;
  private weeklyBuckets = 1;
  private weeklySum = 0;
  private weeklyPointRate = 0;

  /** Mean squared standardised error per hour of day: a recurring burst raises its hour's bar. */
  private readonly hourlySpread = new Float64Array(24).fill(1);
  private readonly hourlySpreadCount = new Uint32Array(24);
  private hourlySpreadRate = 0;

  private meanAbsError = 0;
  private plainError = 0;
  private seasonalError = 0;
  private compareRate = 0;
  private scaleFloor = 0;

  private readonly shiftErrors: Float64Array;
  private shiftPoints = 0;
  private shiftRun = 0;
  private shiftSign = 0;

  private readonly shortSurprise: Float64Array;
  private shortSum = 0;
  private shortNext = 0;
  private shortFilled = 0;
  private historyMean = 0;
  private historyVar = 0;
  private historyCount = 0;

  private drift: DriftStage | undefined;

  constructor(options: AnomalyDetectorOptions = {}) {
    this.options = options;
    const o = { ...DEFAULTS };
    for (const key of Object.keys(DEFAULTS) as (keyof Resolved)[]) {
      const v = options[key];
      if (v !== undefined) {
        if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${key} must be a positive number`);
        o[key] = v;
      }
    }
    for (const key of [
      'levelRate',
      'trendRate',
      'trendDamping',
      'dailyRate',
      'weeklyRate',
      'scaleRate',
      'historyRate',
      'spreadRate',
    ] as const) {
      if (o[key] > 1) throw new RangeError(`${key} must be at most 1`);
    }
    for (const key of ['driftBaselineSeconds', 'driftAllowance'] as const) {
      const v = options[key];
      if (v !== undefined && !(Number.isFinite(v) && v > 0)) {
        throw new RangeError(`${key} must be a positive number`);
      }
    }
    o.shortWindow = Math.round(o.shortWindow);
    this.o = o;
    this.shortSurprise = new Float64Array(o.shortWindow);
    this.shiftErrors = new Float64Array(Math.max(1, Math.round(options.shiftPoints ?? 64)));
  }

  /** Points seen so far (those with a finite value). */
  get count(): number {
    return this.n;
  }

  /**
   * Feeds one point and returns its anomaly score in [0, 1]. Timestamps are unix seconds and
   * must increase. A missing value (NaN) returns NaN and leaves the model as it was.
   */
  update(t: number, value: number): number {
    if (!Number.isFinite(t) || t <= this.lastT) {
      throw new RangeError(`timestamp ${t} is not after the previous one (${this.lastT})`);
    }
    const previousT = this.lastT;
    this.lastT = t;
    if (!Number.isFinite(value)) return Number.NaN;
    if (this.n === 0) {
      this.level = value;
      this.n = 1;
      return 0;
    }
    if (this.step === 0) this.configure(t - previousT);
    return this.step === 0 ? 0 : this.learn(t, value);
  }

  private configure(gap: number): void {
    const step = this.options.stepSeconds ?? gap;
    if (!(step > 0)) throw new RangeError('stepSeconds must be positive');
    this.step = step;
    const pointsPerDay = DAY / step;
    if (this.options.levelRate === undefined) {
      this.o.levelRate = 1 - Math.exp(-step / LEVEL_TIME_CONSTANT);
    }
    this.warmup = Math.round(
      this.options.warmupPoints ?? Math.min(600, Math.max(24, pointsPerDay)),
    );
    if (this.options.daily ?? step < 6 * 3600) {
      this.dailyWidth = Math.max(step, MIN_DAILY_BUCKET);
      this.dailyPointRate = 1 - (1 - this.o.dailyRate) ** (step / this.dailyWidth);
      this.dailyBuckets = Math.ceil(DAY / this.dailyWidth);
    }
    if (this.options.weekly ?? step <= DAY) {
      this.weeklyWidth = step <= 3600 ? 3600 : DAY;
      this.weeklyPointRate = 1 - (1 - this.o.weeklyRate) ** Math.min(1, step / this.weeklyWidth);
      this.weeklyBuckets = Math.ceil(WEEK / this.weeklyWidth);
    }
    this.compareRate = Math.min(1, 1 / (2 * pointsPerDay));
    if (step < 3600) this.hourlySpreadRate = 1 - (1 - this.o.spreadRate) ** (step / 3600);
    this.shiftPoints = Math.min(
      this.shiftErrors.length,
      Math.round(this.options.shiftPoints ?? Math.max(3, Math.min(12, 1800 / step))),
    );
    if (this.options.drift ?? true) {
      this.drift = new DriftStage({
        stepSeconds: step,
        baselineSeconds: this.options.driftBaselineSeconds ?? 3 * DAY,
        allowance: this.options.driftAllowance ?? 0.5,
        warmupBlocks: Math.max(14, Math.round((2 * DAY) / Math.max(step, 3600))),
        periodSeconds: this.weeklyWidth > 0 ? WEEK : this.dailyWidth > 0 ? DAY : 0,
        profileRate: 0.3,
      });
    }
  }

  private learn(t: number, x: number): number {
    const o = this.o;
    this.n++;
    let db = -1;
    let sd = 0;
    if (this.dailyWidth > 0) {
      db = Math.floor(mod(t, DAY) / this.dailyWidth);
      sd = this.dailyProfile[db]! - this.dailySum / this.dailyBuckets;
    }
    let wb = -1;
    let sw = 0;
    if (this.weeklyWidth > 0) {
      wb = Math.floor(mod(t, WEEK) / this.weeklyWidth);
      sw = this.weeklyProfile[wb]! - this.weeklySum / this.weeklyBuckets;
    }
    const forecastLevel = this.level + o.trendDamping * this.trend;
    // The seasonal forecast is used only while it has been the better one lately, so a series
    // without a daily or weekly pattern does not pay for profiles that learned noise.
    const seasonal = this.seasonalError < this.plainError;
    const forecast = seasonal ? forecastLevel + sd + sw : forecastLevel;
    const error = x - forecast;
    const plainError = x - forecastLevel;
    const seasonalError = plainError - sd - sw;
    this.scaleFloor = Math.max(this.scaleFloor * 0.999, 1e-9 * Math.abs(x), 1e-12);
    const sigma = Math.max(this.meanAbsError * MAE_TO_SIGMA, this.scaleFloor);
    const hour = this.hourlySpreadRate > 0 ? Math.floor(mod(t, DAY) / 3600) : -1;
    const spread = hour >= 0 ? Math.sqrt(Math.max(1, this.hourlySpread[hour]!)) : 1;
    const z = error / sigma;
    if (hour >= 0 && this.n > this.warmup) {
      const c = this.hourlySpreadCount[hour]!;
      const rate = Math.max(this.hourlySpreadRate, 1 / (c + 2));
      const zc = Math.min(Math.abs(z), SPREAD_CLIP);
      this.hourlySpread[hour]! += rate * (zc * zc - this.hourlySpread[hour]!);
      this.hourlySpreadCount[hour] = c + 1;
    }

    let score = this.likelihood(twoSidedSurprise(z / spread));
    if (this.drift) {
      const digits = this.drift.update(t, x, this.step);
      score = Math.max(score, digits / (digits + SCORE_HALF));
    }

    // Huber-cleaned value for learning: the seasonal model's forecast plus its error clipped at
    // huberK scales (the model learns as seasonal even while its forecast is not the one used).
    const zs = seasonalError / sigma;
    let cleaned = forecastLevel + sd + sw + Math.max(-o.huberK, Math.min(o.huberK, zs)) * sigma;
    if (this.shiftPoints > 0) {
      const sign = z > o.shiftZ ? 1 : z < -o.shiftZ ? -1 : 0;
      if (sign !== 0 && sign === this.shiftSign) this.shiftRun++;
      else this.shiftRun = sign === 0 ? 0 : 1;
      this.shiftSign = sign;
      if (sign !== 0) this.shiftErrors[(this.shiftRun - 1) % this.shiftPoints] = error;
      if (this.shiftRun >= this.shiftPoints) {
        // A level shift: move the level by the run's mean error and take the value as it is.
        let sum = 0;
        for (let i = 0; i < this.shiftPoints; i++) sum += this.shiftErrors[i]!;
        this.level += sum / this.shiftPoints;
        cleaned = x;
        this.shiftRun = 0;
        this.shiftSign = 0;
      }
    }

    const level =
      o.levelRate * (cleaned - sd - sw) +
      (1 - o.levelRate) * (this.level + o.trendDamping * this.trend);
    this.trend =
      o.trendRate * (level - this.level) + (1 - o.trendRate) * o.trendDamping * this.trend;
    this.level = level;
    if (db >= 0) {
      const c = this.dailyCount[db]!;
      const rate = Math.max(this.dailyPointRate, 1 / (c + 1));
      const delta = rate * (cleaned - level - sw - sd);
      this.dailyProfile[db]! += delta;
      this.dailySum += delta;
      this.dailyCount[db] = c + 1;
      sd += delta;
      // Re-centring the profile moves its mean into the level; the forecast is unchanged.
      this.level += delta / this.dailyBuckets;
    }
    if (wb >= 0) {
      // No fast start: until the daily profile has settled, week-to-week differences are noise.
      const delta = this.weeklyPointRate * (cleaned - this.level - sd - sw);
      this.weeklyProfile[wb]! += delta;
      this.weeklySum += delta;
      this.level += delta / this.weeklyBuckets;
    }

    // Errors compared after clipping, so one spike does not decide which forecast is better.
    const clip = 3 * sigma;
    const pe = Math.min(Math.abs(plainError), clip);
    const se = Math.min(Math.abs(seasonalError), clip);
    this.plainError += this.compareRate * (pe * pe - this.plainError);
    this.seasonalError += this.compareRate * (se * se - this.seasonalError);

    const absError = Math.abs(error);
    if (this.n <= 10) this.meanAbsError += (absError - this.meanAbsError) / (this.n - 1);
    else {
      const clipped = Math.min(absError, 4 * this.meanAbsError + this.scaleFloor);
      this.meanAbsError += o.scaleRate * (clipped - this.meanAbsError);
    }
    return this.n > this.warmup ? score : 0;
  }

  /** Short-window mean surprise against its own long-run distribution; the score. */
  private likelihood(surprise: number): number {
    const o = this.o;
    const s = Math.min(surprise, MAX_SURPRISE);
    this.shortSum += s - this.shortSurprise[this.shortNext]!;
    this.shortSurprise[this.shortNext] = s;
    this.shortNext = (this.shortNext + 1) % o.shortWindow;
    if (this.shortFilled < o.shortWindow) {
      this.shortFilled++;
      return 0;
    }
    const mean = this.shortSum / o.shortWindow;
    const sd = Math.sqrt(this.historyVar);
    const z =
      this.historyCount > 1 ? (mean - this.historyMean) / Math.max(sd, LIKELIHOOD_MIN_SPREAD) : 0;
    const digits = upperSurprise(z);
    const score = digits / (digits + SCORE_HALF);
    // The long-run statistics learn from a clipped mean, so one anomaly does not raise the bar.
    this.historyCount++;
    const rate = Math.max(o.historyRate, 1 / this.historyCount);
    const clipped = this.historyCount > 30 ? Math.min(mean, this.historyMean + 3 * sd) : mean;
    const d = clipped - this.historyMean;
    this.historyMean += rate * d;
    this.historyVar = (1 - rate) * (this.historyVar + rate * d * d);
    return score;
  }
}

function mod(a: number, m: number): number {
  const r = a % m;
  return r < 0 ? r + m : r;
}
