/** Seeded synthetic workloads for the capacity tests: every number is reproducible. */

import { gaussian, seededRandom } from '../random';

export { gaussian };
/** Uniform draws in [0, 1) for a seed. */
export const rng = seededRandom;

export const DAY = 86400;
export const WEEK = 7 * DAY;

/**
 * Traffic with a daily cycle (peak at 14:00 UTC, trough at 02:00), quieter weekends, linear
 * growth and multiplicative noise. `qps(t)` is the noise-free truth.
 */
export function weeklyTraffic(opts: {
  start: number;
  days: number;
  stepSeconds: number;
  base: number;
  growthPerDay: number;
  dailyAmplitude: number;
  weekendFactor: number;
  noise: number;
  seed: number;
}): { timestamps: Float64Array; values: Float64Array; qps: (t: number) => number } {
  const qps = (t: number): number => {
    const level = opts.base + opts.growthPerDay * ((t - opts.start) / DAY);
    const daily = 1 + opts.dailyAmplitude * Math.cos((2 * Math.PI * (t - 14 * 3600)) / DAY);
    // 1970-01-01 was a Thursday: day 2 and 3 of the epoch week are Saturday and Sunday.
    const weekday = Math.floor(t / DAY) % 7;
    const weekend = weekday === 2 || weekday === 3 ? opts.weekendFactor : 1;
    return level * daily * weekend;
  };
  const n = Math.floor((opts.days * DAY) / opts.stepSeconds);
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  const g = gaussian(rng(opts.seed));
  for (let i = 0; i < n; i++) {
    const t = opts.start + i * opts.stepSeconds;
    timestamps[i] = t;
    values[i] = qps(t) * (1 + opts.noise * g());
  }
  return { timestamps, values, qps };
}
