import { quantileSorted, sortedCopy } from '../capacity/stats';
import { fmt, memoryQuantity, pct } from './format';
import { hourlyProfile, type HourlyProfile, type ProfileOptions } from './profile';

/**
 * Recognises low-load workloads from their usage against requests and limits and from their
 * traffic or business driver over a history window.
 */

export type LoadClass =
  'idle' | 'over-provisioned' | 'right-sized' | 'under-provisioned' | 'scheduled-scale-down';

export interface LoadInput {
  /** Unix seconds, ascending. */
  timestamps: Float64Array;
  /** CPU used by the whole workload (all replicas), cores: sum(rate(container_cpu_usage_seconds_total[5m])). */
  cpuCores: Float64Array;
  /** Memory used by the whole workload, bytes: sum(container_memory_working_set_bytes). */
  memoryBytes: Float64Array;
  /** Requests served per second, when known. */
  requestsPerSecond?: Float64Array;
  /** The business driver (orders/s, users…), when declared; preferred over requests for the profile. */
  driver?: Float64Array;
  /** Per replica (per container), cores. */
  cpuRequest: number;
  /** Per replica, bytes. */
  memRequest: number;
  cpuLimit?: number;
  memLimit?: number;
  replicas: number;
}

export interface ClassifyOptions extends ProfileOptions {
  /** Traffic (requests or driver) p99 at or below this, per second, counts as no traffic. Default 0.05. */
  idleTraffic?: number;
  /** Without a traffic series: CPU p95 below this share of requests is idle. Default 0.05. */
  idleCpuUtilisation?: number;
  /** CPU p95 or memory max below this share of requests is over-provisioned. Default 0.5. */
  overUtilisation?: number;
  /** CPU p95 or memory max above this share of requests is under-provisioned. Default 1. */
  underUtilisation?: number;
  /** Memory max or CPU p99 above this share of the limit risks OOM kills or throttling. Default 0.9. */
  limitPressure?: number;
  /** Replicas a schedule may go down to; a workload at this count has nothing to scale down. Default 1. */
  minReplicas?: number;
}

export interface LoadStats {
  cpu: { p50: number; p95: number; p99: number; max: number; utilisationP95: number };
  memory: { p50: number; max: number; utilisationMax: number };
  traffic: { series: 'driver' | 'requestsPerSecond'; p50: number; p99: number; max: number } | null;
}

export interface LoadClassification {
  class: LoadClass;
  /** Every class whose test passed, in priority order; `class` is the first. */
  matched: LoadClass[];
  evidence: string[];
  stats: LoadStats;
  /** Hour profile of the driver (else requests, else CPU) with scale-down windows, when the history allows. */
  hourlyProfile?: HourlyProfile;
}

function check(ok: boolean, field: string, value: unknown, expected: string): void {
  if (!ok) throw new RangeError(`classifyLoad: ${field} must be ${expected}, got ${String(value)}`);
}

function aligned(name: string, a: Float64Array | undefined, n: number): void {
  if (a && a.length !== n) {
    throw new Error(`classifyLoad: ${name} has ${a.length} samples but timestamps has ${n}`);
  }
}

function finiteSorted(a: Float64Array): Float64Array {
  return sortedCopy(a.filter(Number.isFinite));
}

/**
 * Idle, under-provisioned, over-provisioned, scheduled-scale-down or right-sized, in that order
 * of priority, with one evidence line per finding naming the series, the statistic and the
 * threshold. CPU is judged at its p95 (a request is a reservation for usual busy moments; bursts
 * above it borrow idle node capacity), memory at its max (memory cannot be borrowed back: a pod
 * above its request is first to be evicted, above its limit it is killed).
 */
export function classifyLoad(input: LoadInput, options: ClassifyOptions = {}): LoadClassification {
  const n = input.timestamps.length;
  aligned('cpuCores', input.cpuCores, n);
  aligned('memoryBytes', input.memoryBytes, n);
  aligned('requestsPerSecond', input.requestsPerSecond, n);
  aligned('driver', input.driver, n);
  check(
    Number.isInteger(input.replicas) && input.replicas > 0,
    'replicas',
    input.replicas,
    'a positive integer',
  );
  check(input.cpuRequest > 0, 'cpuRequest', input.cpuRequest, 'a positive number of cores');
  check(input.memRequest > 0, 'memRequest', input.memRequest, 'a positive number of bytes');
  if (input.cpuLimit !== undefined)
    check(input.cpuLimit > 0, 'cpuLimit', input.cpuLimit, 'positive');
  if (input.memLimit !== undefined)
    check(input.memLimit > 0, 'memLimit', input.memLimit, 'positive');

  const idleTraffic = options.idleTraffic ?? 0.05;
  const idleCpu = options.idleCpuUtilisation ?? 0.05;
  const over = options.overUtilisation ?? 0.5;
  const under = options.underUtilisation ?? 1;
  const pressure = options.limitPressure ?? 0.9;
  const minReplicas = options.minReplicas ?? 1;

  const cpu = finiteSorted(input.cpuCores);
  const mem = finiteSorted(input.memoryBytes);
  if (cpu.length === 0 || mem.length === 0) {
    throw new Error(
      `classifyLoad: ${cpu.length === 0 ? 'cpuCores' : 'memoryBytes'} has no finite samples`,
    );
  }
  const r = input.replicas;
  const cpuReqTotal = input.cpuRequest * r;
  const memReqTotal = input.memRequest * r;
  const stats: LoadStats = {
    cpu: {
      p50: quantileSorted(cpu, 0.5),
      p95: quantileSorted(cpu, 0.95),
      p99: quantileSorted(cpu, 0.99),
      max: cpu[cpu.length - 1]!,
      utilisationP95: quantileSorted(cpu, 0.95) / cpuReqTotal,
    },
    memory: {
      p50: quantileSorted(mem, 0.5),
      max: mem[mem.length - 1]!,
      utilisationMax: mem[mem.length - 1]! / memReqTotal,
    },
    traffic: null,
  };
  const trafficName = input.driver
    ? 'driver'
    : input.requestsPerSecond
      ? 'requestsPerSecond'
      : null;
  const trafficSeries = input.driver ?? input.requestsPerSecond;
  if (trafficName && trafficSeries) {
    const t = finiteSorted(trafficSeries);
    if (t.length > 0) {
      stats.traffic = {
        series: trafficName,
        p50: quantileSorted(t, 0.5),
        p99: quantileSorted(t, 0.99),
        max: t[t.length - 1]!,
      };
    }
  }

  const evidence: string[] = [];
  const matched: LoadClass[] = [];
  const cpuReqText = `requests ${fmt(input.cpuRequest)} cores × ${r} replicas = ${fmt(cpuReqTotal)} cores`;
  const memReqText = `requests ${memoryQuantity(input.memRequest)} × ${r} = ${memoryQuantity(memReqTotal)}`;

  // Idle: no traffic to speak of, or (without a traffic series) CPU near nothing.
  if (stats.traffic) {
    if (stats.traffic.p99 <= idleTraffic) {
      matched.push('idle');
      evidence.push(
        `${stats.traffic.series} p99 ${fmt(stats.traffic.p99)}/s ≤ ${idleTraffic}/s over ${fmt(
          (input.timestamps[n - 1]! - input.timestamps[0]!) / 86400,
        )} days: no traffic (CPU p95 ${pct(stats.cpu.utilisationP95)} of requests)`,
      );
    }
  } else if (stats.cpu.utilisationP95 < idleCpu) {
    matched.push('idle');
    evidence.push(
      `cpuCores p95 ${fmt(stats.cpu.p95)} cores = ${pct(stats.cpu.utilisationP95)} of ${cpuReqText}, ` +
        `below ${pct(idleCpu)}, and no traffic series to say otherwise`,
    );
  }

  // Under-provisioned: requests below the usual peak, or usage pressing on a limit.
  const underReasons: string[] = [];
  if (stats.cpu.utilisationP95 > under) {
    underReasons.push(
      `cpuCores p95 ${fmt(stats.cpu.p95)} cores = ${pct(stats.cpu.utilisationP95)} of ${cpuReqText}: ` +
        `busy moments run on capacity the scheduler did not reserve`,
    );
  }
  if (stats.memory.utilisationMax > under) {
    underReasons.push(
      `memoryBytes max ${memoryQuantity(stats.memory.max)} = ${pct(stats.memory.utilisationMax)} of ${memReqText}: ` +
        `pods above their memory request are evicted first under node pressure`,
    );
  }
  if (input.memLimit !== undefined && stats.memory.max / r > pressure * input.memLimit) {
    underReasons.push(
      `memoryBytes max per replica ${memoryQuantity(stats.memory.max / r)} > ${pct(pressure)} of the limit ` +
        `${memoryQuantity(input.memLimit)}: out-of-memory kills are near`,
    );
  }
  if (input.cpuLimit !== undefined && stats.cpu.p99 / r > pressure * input.cpuLimit) {
    underReasons.push(
      `cpuCores p99 per replica ${fmt(stats.cpu.p99 / r)} cores > ${pct(pressure)} of the limit ` +
        `${fmt(input.cpuLimit)} cores: expect throttling`,
    );
  }
  if (underReasons.length) {
    matched.push('under-provisioned');
    evidence.push(...underReasons);
  }

  // Over-provisioned: either resource far below its requests at its busy statistic.
  const overReasons: string[] = [];
  if (stats.cpu.utilisationP95 < over) {
    overReasons.push(
      `cpuCores p95 ${fmt(stats.cpu.p95)} cores = ${pct(stats.cpu.utilisationP95)} of ${cpuReqText} ` +
        `(below ${pct(over)}): ${fmt(1 / Math.max(stats.cpu.utilisationP95, 1e-9))}× the busy use`,
    );
  }
  if (stats.memory.utilisationMax < over) {
    overReasons.push(
      `memoryBytes max ${memoryQuantity(stats.memory.max)} = ${pct(stats.memory.utilisationMax)} of ${memReqText} ` +
        `(below ${pct(over)})`,
    );
  }
  if (overReasons.length) {
    matched.push('over-provisioned');
    evidence.push(...overReasons);
  }

  // Time-of-day pattern: the driver (what the business does) shapes load best.
  const profileName = input.driver
    ? 'driver'
    : input.requestsPerSecond
      ? 'requestsPerSecond'
      : 'cpuCores';
  const profileSeries = input.driver ?? input.requestsPerSecond ?? input.cpuCores;
  const profile = hourlyProfile(input.timestamps, profileSeries, options) ?? undefined;
  if (profile && profile.windows.length > 0 && r > minReplicas) {
    matched.push('scheduled-scale-down');
    const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const when = (p: { day: number | null; hour: number }) =>
      `${p.day === null ? '' : `${days[p.day]} `}${String(p.hour).padStart(2, '0')}:00`;
    for (const w of profile.windows) {
      evidence.push(
        `${profileName} p${fmt(100 * profile.binQuantile)} per hour ${when(w.start)}–${when(w.end)} ${profile.timeZone} ` +
          `(${w.hours} h${profile.period === 'day' ? ' daily' : ''}) peaks at ${fmt(w.load)} = ` +
          `${pct(w.fractionOfPeak)} of the busiest hour (${fmt(profile.peak)}), under ${pct(profile.lowFraction)} ` +
          `on every one of ${fmt(profile.days)} days at that quantile: room to run fewer replicas`,
      );
    }
  }

  if (matched.length === 0) {
    matched.push('right-sized');
    evidence.push(
      `cpuCores p95 ${pct(stats.cpu.utilisationP95)} and memoryBytes max ${pct(stats.memory.utilisationMax)} ` +
        `of requests, within ${pct(over)}–${pct(under)}; no hours below ${pct(profile?.lowFraction ?? options.lowFraction ?? 0.4)} of the peak long enough to schedule`,
    );
  }
  return {
    class: matched[0]!,
    matched,
    evidence,
    stats,
    ...(profile ? { hourlyProfile: profile } : {}),
  };
}
