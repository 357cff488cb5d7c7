/** Seeded synthetic workloads with known answers for the optimisation tests. */
import { gaussian, rng } from '../capacity/test-factory';

export const DAY = 86400;
export const GIB = 1024 ** 3;
export const MIB = 1024 ** 2;
/** Monday 2024-01-01 00:00 UTC. */
export const START = Date.UTC(2024, 0, 1) / 1000;

export interface Workload {
  timestamps: Float64Array;
  driver: Float64Array;
  cpuCores: Float64Array;
  memoryBytes: Float64Array;
}

/**
 * A workload whose driver follows `shape(t)` (noise-free) with multiplicative noise, and whose
 * CPU and memory are linear in the driver with additive noise: cpu = cpuBase + cpuPer × driver.
 */
export function workload(opts: {
  days: number;
  stepSeconds?: number;
  shape: (t: number) => number;
  cpuBase: number;
  cpuPer: number;
  memBase: number;
  memPer: number;
  noise?: number;
  seed?: number;
  start?: number;
}): Workload {
  const step = opts.stepSeconds ?? 300;
  const start = opts.start ?? START;
  const n = Math.floor((opts.days * DAY) / step);
  const g = gaussian(rng(opts.seed ?? 7));
  const noise = opts.noise ?? 0.03;
  const timestamps = new Float64Array(n);
  const driver = new Float64Array(n);
  const cpuCores = new Float64Array(n);
  const memoryBytes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = start + i * step;
    timestamps[i] = t;
    const d = Math.max(0, opts.shape(t) * (1 + noise * g()));
    driver[i] = d;
    cpuCores[i] = Math.max(0, opts.cpuBase + opts.cpuPer * d + noise * 0.5 * opts.cpuBase * g());
    memoryBytes[i] = opts.memBase + opts.memPer * d + noise * 0.2 * opts.memBase * g();
  }
  return { timestamps, driver, cpuCores, memoryBytes };
}

/** Daily cosine peaking at 14:00 UTC: mean × (1 + amplitude cos(…)). */
export function diurnal(mean: number, amplitude: number): (t: number) => number {
  return t => mean * (1 + amplitude * Math.cos((2 * Math.PI * (t - 14 * 3600)) / DAY));
}
