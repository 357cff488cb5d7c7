import type { Allocation } from '@headroom/core';
import { promqlString, type PrometheusClient, type RangeSeries } from '@headroom/prometheus';
import type { UsageQueries } from './settings';

/** A query template with `{{service}}` replaced by the label value, escaped for a "…" string. */
export function renderQuery(template: string, service: string): string {
  const escaped = promqlString(service).slice(1, -1);
  return template.split('{{service}}').join(escaped);
}

export function renderQueries(queries: UsageQueries, service: string): UsageQueries {
  const out = { ...queries };
  for (const key of Object.keys(out) as (keyof UsageQueries)[]) {
    out[key] = renderQuery(out[key], service);
  }
  return out;
}

/** Timestamps start, start + step, … ≤ end. */
export function grid(start: number, end: number, step: number): Float64Array {
  const n = Math.max(0, Math.floor((end - start) / step) + 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  return out;
}

/** The series summed on the grid; NaN where no series has a point. */
export function onGrid(series: RangeSeries[], start: number, step: number, n: number) {
  const out = new Float64Array(n).fill(Number.NaN);
  for (const s of series) {
    for (let i = 0; i < s.timestamps.length; i++) {
      const k = Math.round((s.timestamps[i]! - start) / step);
      if (k < 0 || k >= n) continue;
      const v = s.values[i]!;
      if (!Number.isFinite(v)) continue;
      out[k] = Number.isNaN(out[k]!) ? v : out[k]! + v;
    }
  }
  return out;
}

function last(values: Float64Array): number | undefined {
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i]!)) return values[i]!;
  return undefined;
}

/** A workload's usage over the history, on one grid, and its allocation now. */
export interface WorkloadUsage {
  queries: UsageQueries;
  timestamps: Float64Array;
  driver: Float64Array;
  cpuCores: Float64Array;
  memoryBytes: Float64Array;
  /** Total CPU and memory requested over the history (all replicas), for the cost of what was reserved. */
  cpuRequested: Float64Array;
  memoryRequested: Float64Array;
  /** Whether the driver query returned any point (an idle service may export no request counter). */
  driverSeen: boolean;
  /** From the last samples of requests, limits and replicas; undefined when one of them is missing. */
  current: Allocation | undefined;
  missing: string[];
}

/** Reads usage, driver, requests, limits and replicas of one service from Prometheus. */
export async function readUsage(
  client: PrometheusClient,
  templates: UsageQueries,
  service: string,
  start: number,
  end: number,
  step: number,
): Promise<WorkloadUsage> {
  const queries = renderQueries(templates, service);
  const timestamps = grid(start, end, step);
  const n = timestamps.length;
  const range = async (expr: string) =>
    onGrid(await client.queryRange(expr, start, end, step), start, step, n);
  const driver = await range(queries.driver);
  const cpuCores = await range(queries.cpu);
  const memoryBytes = await range(queries.memory);
  const cpuRequested = await range(queries.cpuRequests);
  const memoryRequested = await range(queries.memoryRequests);
  const cpuLimits = last(await range(queries.cpuLimits));
  const memLimits = last(await range(queries.memoryLimits));
  const replicas = last(await range(queries.replicas));
  const cpuReq = last(cpuRequested);
  const memReq = last(memoryRequested);
  const missing: string[] = [];
  if (cpuReq === undefined || !(cpuReq > 0)) missing.push(`cpuRequests (${queries.cpuRequests})`);
  if (memReq === undefined || !(memReq > 0))
    missing.push(`memoryRequests (${queries.memoryRequests})`);
  if (replicas === undefined || !(replicas >= 1)) missing.push(`replicas (${queries.replicas})`);
  let current: Allocation | undefined;
  if (missing.length === 0) {
    const r = Math.round(replicas!);
    current = { replicas: r, cpuRequest: cpuReq! / r, memRequest: memReq! / r };
    // A limit below the request is a broken series (a pod without a limit is missing from the sum).
    if (cpuLimits !== undefined && cpuLimits / r >= current.cpuRequest)
      current.cpuLimit = cpuLimits / r;
    if (memLimits !== undefined && memLimits / r >= current.memRequest)
      current.memLimit = memLimits / r;
  }
  const driverSeen = driver.some(Number.isFinite);
  if (!driverSeen) driver.fill(0);
  return {
    queries,
    timestamps,
    driver,
    cpuCores,
    memoryBytes,
    cpuRequested,
    memoryRequested,
    driverSeen,
    current,
    missing,
  };
}

/** Keeps the samples where CPU, memory and the driver are all known. */
export function completeSamples(u: WorkloadUsage) {
  const keep: number[] = [];
  for (let i = 0; i < u.timestamps.length; i++) {
    if (
      Number.isFinite(u.cpuCores[i]!) &&
      Number.isFinite(u.memoryBytes[i]!) &&
      Number.isFinite(u.driver[i]!)
    ) {
      keep.push(i);
    }
  }
  const pick = (a: Float64Array) => Float64Array.from(keep, i => a[i]!);
  return {
    timestamps: pick(u.timestamps),
    cpuCores: pick(u.cpuCores),
    memoryBytes: pick(u.memoryBytes),
    driver: pick(u.driver),
  };
}
