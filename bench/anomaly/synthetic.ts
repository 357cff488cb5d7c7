/**
 * Labelled synthetic cost and traffic series: daily and weekly seasonality, a slow upward trend,
 * multiplicative noise, and one injected anomaly of a known kind at a known point.
 */

import { seededRandom } from '@headroom/core';

export type AnomalyKind = 'none' | 'spike' | 'leak' | 'shift' | 'seasonality';
export const KINDS: AnomalyKind[] = ['none', 'spike', 'leak', 'shift', 'seasonality'];

export interface LabelledSeries {
  readonly kind: AnomalyKind;
  readonly stepSeconds: number;
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  /** First anomalous row, or -1. */
  readonly onset: number;
  /** Last row at which a detection still counts as finding this anomaly. */
  readonly horizon: number;
}

/** Deterministic pseudo-random numbers (mulberry32). */
export const random = seededRandom;

function gaussian(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

const HOUR = 3600;
const DAY = 86400;
/** 2024-01-01T00:00:00Z, a Monday. */
const START = 1704067200;

/** Daily shape: a business-hours bump and a night trough; weekends at 60 %. */
function seasonal(t: number, phaseHours: number): number {
  const hourOfDay = ((((t - START) / HOUR + phaseHours) % 24) + 24) % 24;
  const day = Math.floor((t - START) / DAY) % 7;
  const daily =
    1 +
    0.35 * Math.sin((2 * Math.PI * (hourOfDay - 9)) / 24) +
    0.25 * Math.exp(-((hourOfDay - 14) ** 2) / 8);
  return daily * (day >= 5 ? 0.6 : 1);
}

export function generate(
  kind: AnomalyKind,
  stepSeconds: number,
  days: number,
  seed: number,
): LabelledSeries {
  const rnd = random(seed * 7919 + stepSeconds);
  const n = Math.round((days * DAY) / stepSeconds);
  const perHour = HOUR / stepSeconds;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  const base = 50 + 150 * rnd();
  const noise = 0.03 + 0.04 * rnd();
  // Anomalies start in the second half, after the model has seen at least two weeks.
  const onset = kind === 'none' ? -1 : Math.floor(n * (0.55 + 0.3 * rnd()));
  const spikeLength = Math.max(1, Math.round(perHour * (0.25 + 1.75 * rnd())));
  const spikeFactor = 2 + 2 * rnd();
  const leakPoints = Math.round((3 * DAY) / stepSeconds);
  const shiftFactor = rnd() < 0.5 ? 1.4 + 0.4 * rnd() : 0.5 + 0.2 * rnd();
  let horizon = -1;
  if (kind === 'spike') horizon = onset + spikeLength - 1 + Math.round(perHour);
  if (kind === 'leak') horizon = onset + leakPoints;
  if (kind === 'shift') horizon = onset + Math.round(DAY / stepSeconds);
  if (kind === 'seasonality') horizon = onset + Math.round((2 * DAY) / stepSeconds);
  for (let i = 0; i < n; i++) {
    const t = START + i * stepSeconds;
    const trend = 1 + (0.1 * i * stepSeconds) / (30 * DAY);
    const after = onset >= 0 && i >= onset;
    let v = base * trend * seasonal(t, after && kind === 'seasonality' ? 8 : 0);
    if (kind === 'spike' && after && i < onset + spikeLength) v *= spikeFactor;
    if (kind === 'leak' && after) v += base * 0.6 * Math.min(1, (i - onset) / leakPoints);
    if (kind === 'shift' && after) v *= shiftFactor;
    timestamps[i] = t;
    values[i] = v * (1 + noise * gaussian(rnd));
  }
  return { kind, stepSeconds, timestamps, values, onset, horizon: Math.min(horizon, n - 1) };
}

export interface Evaluation {
  readonly alarms: number;
  readonly truePositiveAlarms: number;
  readonly detected: boolean;
  /** Rows from onset to the first alarm in the horizon, or -1. */
  readonly delayRows: number;
}

/**
 * Alarms are runs of rows at or above the threshold (gaps shorter than an hour merged); an alarm
 * starting between onset and horizon finds the anomaly, any other alarm is a false positive.
 * Rows before `skip` (the detector's warm-up) are not judged.
 */
export function evaluate(
  series: LabelledSeries,
  scores: ArrayLike<number>,
  threshold: number,
  skip: number,
): Evaluation {
  const mergeGap = Math.max(1, Math.round(HOUR / series.stepSeconds));
  let alarms = 0;
  let tp = 0;
  let delay = -1;
  let lastHit = -Infinity;
  for (let i = skip; i < scores.length; i++) {
    if (!(scores[i]! >= threshold)) continue;
    if (i - lastHit > mergeGap) {
      alarms++;
      if (series.onset >= 0 && i >= series.onset && i <= series.horizon) {
        tp++;
        if (delay < 0) delay = i - series.onset;
      }
    }
    lastHit = i;
  }
  return { alarms, truePositiveAlarms: tp, detected: delay >= 0, delayRows: delay };
}
