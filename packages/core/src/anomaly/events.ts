import { AnomalyDetector, type AnomalyDetectorOptions } from './detector';

/**
 * Headroom's default alarm threshold: a score at or above it marks the point where an anomaly
 * starts. The same number for the CLI, the benchmark's three NAB profiles and the docs.
 */
export const ANOMALY_ALARM_THRESHOLD = 0.5;

export interface AnomalyEventDetectorOptions {
  /** Options of the forecast detector whose surprise is one of the features. */
  readonly forecast?: AnomalyDetectorOptions;
  /** Points learnt before the first alarm (default 300). */
  readonly warmupPoints?: number;
}

/**
 * A feature of the series whose all-time range is kept. `value`: an exponential mean of the
 * values over `points` points; `change`: of |x − previous x|; `surprise`: of the forecast
 * detector's surprise in decimal digits. A record beyond the range by `tolerance` (a fraction of
 * the range; for the surprise, of its largest value) is news.
 */
interface Feature {
  readonly kind: 'value' | 'change' | 'surprise';
  readonly points: number;
  readonly tolerance: number;
  readonly up: boolean;
  readonly down: boolean;
  /** Points before the feature's range starts learning (its mean settles first). */
  readonly settle: number;
}

const FEATURES: readonly Feature[] = [
  // A value never seen: above the highest or below the lowest so far.
  { kind: 'value', points: 1, tolerance: 0.004, up: true, down: true, settle: 3 },
  // A level held for a while (about 8 points) that was never held before.
  { kind: 'value', points: 8, tolerance: 0.004, up: true, down: true, settle: 24 },
  // The series moving more than it ever did (mean step over about 32 points).
  { kind: 'change', points: 32, tolerance: 0.02, up: true, down: false, settle: 96 },
  // The forecast's surprise (seasonality, trend, level shifts) beyond 1.5× its largest so far.
  { kind: 'surprise', points: 6, tolerance: 0.5, up: true, down: false, settle: 0 },
];
const SURPRISE = 3;

/** No alarm for this many points after one: the same event. */
const REFRACTORY_POINTS = 30;
/** For this many points after an alarm only a new extreme value can raise another. */
const OTHERS_QUIET_POINTS = 100;
/** After an alarm a feature's bound moves past the value by this fraction of its range. */
const RAISE = 0.1;
/** A surprise again at 90 % of the largest so far, and of at least 40 digits, is news too… */
const REPEAT_RATIO = 0.9;
const REPEAT_DIGITS = 40;
/** …at most once in this many points. */
const REPEAT_QUIET_POINTS = 1200;
/** The forecast detector's score s is d / (d + 5) for a surprise of d digits. */
const SCORE_HALF_DIGITS = 5;
const MAX_DIGITS = 1000;

/**
 * Streaming detector of anomalous events: it scores the point where something new starts, not
 * every point of the anomaly. O(1) time and memory per point (four features, the forecast
 * detector's fixed state), deterministic, no look-ahead.
 *
 * What is new: a record. Each feature (the value, its 8-point mean, its mean step, the
 * forecast's surprise) keeps the range it has shown since the series started; a point taking a
 * feature beyond that range by the feature's tolerance raises an alarm, as does a surprise of at
 * least 40 digits coming back to 90 % of the largest one (a second incident like the first).
 * After an alarm the same event does not alarm again: 30 points of silence, 100 in which only a
 * new extreme value counts, and the alarming feature's bound moves 10 % of its range past the
 * value. The score is e / (1 + e) for the largest exceedance e in tolerances, so an alarm is
 * a score of at least 0.5 (`ANOMALY_ALARM_THRESHOLD`) and points that are not alarms stay below.
 *
 * Ranges never shrink: a series that trends (a cost growing month on month) sets new records as
 * it grows; `AnomalyDetector`, the forecast stage alone, is the better choice there.
 */
export class AnomalyEventDetector {
  private readonly forecast: AnomalyDetector;
  private readonly warmup: number;
  private n = 0;
  private previous = 0;
  private readonly mean = new Float64Array(FEATURES.length);
  private readonly low = new Float64Array(FEATURES.length).fill(Number.POSITIVE_INFINITY);
  private readonly high = new Float64Array(FEATURES.length).fill(Number.NEGATIVE_INFINITY);
  private readonly excess = new Float64Array(FEATURES.length);
  private largestSurprise = 0;
  private quiet = 0;
  private othersQuiet = 0;
  private repeatQuiet = 0;

  constructor(options: AnomalyEventDetectorOptions = {}) {
    this.forecast = new AnomalyDetector(options.forecast);
    const warmup = options.warmupPoints ?? 300;
    if (!Number.isInteger(warmup) || warmup < 1) {
      throw new RangeError('warmupPoints must be a positive integer');
    }
    this.warmup = warmup;
  }

  /**
   * Feeds one point; returns its score in [0, 1), at least `ANOMALY_ALARM_THRESHOLD` where an
   * anomaly starts. Timestamps are unix seconds and must increase. A missing value (NaN) returns
   * NaN and changes nothing.
   */
  update(t: number, value: number): number {
    const score = this.forecast.update(t, value);
    if (!Number.isFinite(value)) return Number.NaN;
    const digits = score >= 1 ? MAX_DIGITS : (SCORE_HALF_DIGITS * score) / (1 - score);
    const i = this.n++;
    let best = 0;
    for (let k = 0; k < FEATURES.length; k++) {
      const f = FEATURES[k]!;
      const input =
        f.kind === 'value'
          ? value
          : f.kind === 'change'
            ? i === 0
              ? 0
              : Math.abs(value - this.previous)
            : digits;
      const m = i === 0 ? input : this.mean[k]! + (input - this.mean[k]!) / f.points;
      this.mean[k] = m;
      this.excess[k] = 0;
      if (i < this.warmup) continue;
      const hi = this.high[k]!;
      const lo = this.low[k]!;
      const range =
        f.kind === 'surprise' ? Math.max(hi, 1e-9) : Math.max(hi - lo, 1e-9 * Math.abs(hi) + 1e-12);
      let e = 0;
      if (f.up) e = Math.max(e, (m - hi) / range);
      if (f.down) e = Math.max(e, (lo - m) / range);
      this.excess[k] = e / f.tolerance;
      if (this.excess[k]! > best && (k === 0 || this.othersQuiet === 0)) best = this.excess[k]!;
    }
    const surprise = this.mean[SURPRISE]!;
    if (
      i >= this.warmup &&
      this.repeatQuiet === 0 &&
      surprise >= REPEAT_DIGITS &&
      surprise >= REPEAT_RATIO * this.largestSurprise
    ) {
      best = Math.max(best, 1);
    }
    const alarm = best >= 1 && this.quiet === 0;
    if (this.quiet > 0) this.quiet--;
    if (this.othersQuiet > 0) this.othersQuiet--;
    if (this.repeatQuiet > 0) this.repeatQuiet--;
    if (alarm) {
      this.quiet = REFRACTORY_POINTS;
      this.othersQuiet = OTHERS_QUIET_POINTS;
      this.repeatQuiet = REPEAT_QUIET_POINTS;
    }
    for (let k = 0; k < FEATURES.length; k++) {
      if (i < FEATURES[k]!.settle) continue;
      const m = this.mean[k]!;
      const range = this.high[k]! - this.low[k]!;
      // The event that alarmed is not news twice: its bound moves past it.
      if (alarm && this.excess[k]! >= 1) {
        if (m > this.high[k]!) this.high[k] = m + RAISE * range;
        else this.low[k] = m - RAISE * range;
      }
      this.low[k] = Math.min(this.low[k]!, m);
      this.high[k] = Math.max(this.high[k]!, m);
    }
    this.largestSurprise = Math.max(this.largestSurprise, surprise);
    this.previous = value;
    const s = best / (1 + best);
    return alarm
      ? Math.max(ANOMALY_ALARM_THRESHOLD, s)
      : Math.min(s, ANOMALY_ALARM_THRESHOLD - 1e-4);
  }
}
