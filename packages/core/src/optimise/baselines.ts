import { quantileSorted, sortedCopy } from '../capacity/stats';
import { fmt, MIB } from './format';

/**
 * The recommenders people compare Headroom with, reproduced from their documentation and source:
 * KRR's `simple` strategy, the Kubernetes VPA recommender, and Kubecost's request sizing. All
 * size one container of one replica from usage history alone; none looks at traffic, a forecast
 * or an SLO.
 */

/** Usage history per pod: one series per pod, aligned on `timestamps` (NaN where the pod was absent). */
export interface PodUsage {
  timestamps: Float64Array;
  /** Cores per pod (the container's CPU rate). */
  cpuCores: readonly Float64Array[];
  /** Bytes per pod (the container's working set). */
  memoryBytes: readonly Float64Array[];
}

export interface ResourceAdvice {
  /** Null: no recommendation (see `info`) or, for a limit, "leave unset". */
  request: number | null;
  limit: number | null;
  info?: string;
}

export interface BaselineRecommendation {
  tool: 'krr-simple' | 'vpa' | 'kubecost';
  /** Cores per container. */
  cpu: ResourceAdvice;
  /** Bytes per container. */
  memory: ResourceAdvice;
  /** VPA's lower and upper bounds (the updater's eviction thresholds). */
  bounds?: {
    lower: { cpu: number; memory: number };
    upper: { cpu: number; memory: number };
    confidenceDays: number;
  };
  explanation: string[];
}

function checkUsage(fn: string, u: PodUsage): void {
  const n = u.timestamps.length;
  if (u.cpuCores.length === 0 || u.memoryBytes.length === 0) {
    throw new Error(`${fn}: cpuCores and memoryBytes need at least one pod's series`);
  }
  u.cpuCores.forEach((s, i) => {
    if (s.length !== n) {
      throw new Error(`${fn}: cpuCores[${i}] has ${s.length} samples but timestamps has ${n}`);
    }
  });
  u.memoryBytes.forEach((s, i) => {
    if (s.length !== n) {
      throw new Error(`${fn}: memoryBytes[${i}] has ${s.length} samples but timestamps has ${n}`);
    }
  });
}

function finite(a: Float64Array): Float64Array {
  return a.filter(Number.isFinite);
}

function pooled(series: readonly Float64Array[]): Float64Array {
  let n = 0;
  for (const s of series) n += finite(s).length;
  const out = new Float64Array(n);
  let k = 0;
  for (const s of series) {
    for (const v of s) if (Number.isFinite(v)) out[k++] = v;
  }
  return out;
}

/** The same pod usage for `replicas` pods sharing a workload total evenly. */
export function evenPods(
  timestamps: Float64Array,
  totalCpuCores: Float64Array,
  totalMemoryBytes: Float64Array,
  replicas: number,
): PodUsage {
  const per = (a: Float64Array) => a.map(v => v / replicas);
  const cpu = per(totalCpuCores);
  const mem = per(totalMemoryBytes);
  return {
    timestamps,
    cpuCores: Array.from({ length: replicas }, () => cpu),
    memoryBytes: Array.from({ length: replicas }, () => mem),
  };
}

// ---------------------------------------------------------------------------------------------
// KRR `simple`

export interface KrrSimpleOptions {
  /** CPU request percentile of each pod's usage. KRR's default 95. */
  cpuPercentile?: number;
  /** Added to the peak memory for the memory request and limit. KRR's default 15. */
  memoryBufferPercentage?: number;
  /** Fewer samples (all pods together) give no recommendation. KRR's default 100. */
  pointsRequired?: number;
  /** Floors after rounding: KRR's defaults 10 millicores and 100 MiB. */
  cpuMinMillicores?: number;
  memoryMinMiB?: number;
}

/**
 * KRR's `simple` strategy. CPU request: per pod, `quantile_over_time(p/100)` of the CPU rate
 * (Prometheus' linear interpolation between order statistics, percentile rounded to 2 decimals
 * as KRR writes it), then the largest over pods; CPU limit unset. Memory request and limit: the
 * largest usage of any pod × (1 + buffer/100). Values are rounded up to 1 millicore and 1 MiB
 * and raised to the floors (KRR's runner). Fewer than `pointsRequired` samples or under 3 hours
 * of history: no recommendation.
 */
export function krrSimple(usage: PodUsage, options: KrrSimpleOptions = {}): BaselineRecommendation {
  checkUsage('krrSimple', usage);
  const p = options.cpuPercentile ?? 95;
  if (!(p > 0 && p <= 100))
    throw new RangeError(`krrSimple: cpuPercentile must be in (0, 100], got ${p}`);
  const buffer = options.memoryBufferPercentage ?? 15;
  if (!(buffer > 0))
    throw new RangeError(`krrSimple: memoryBufferPercentage must be positive, got ${buffer}`);
  const pointsRequired = options.pointsRequired ?? 100;
  const cpuMin = (options.cpuMinMillicores ?? 10) / 1000;
  const memMin = (options.memoryMinMiB ?? 100) * MIB;

  const ts = usage.timestamps;
  const history = ts.length > 1 ? ts[ts.length - 1]! - ts[0]! : 0;
  const explanation: string[] = [];
  const cpuPoints = pooled(usage.cpuCores).length;
  const memPoints = pooled(usage.memoryBytes).length;
  const none = (why: string): ResourceAdvice => ({ request: null, limit: null, info: why });
  if (history < 3 * 3600) {
    explanation.push(`history ${fmt(history / 3600)} h is under KRR's 3 h minimum`);
    return {
      tool: 'krr-simple',
      cpu: none('Not enough data'),
      memory: none('Not enough data'),
      explanation,
    };
  }

  // KRR writes the quantile as round(percentile / 100, 2).
  const qRounded = Math.round(p) / 100;
  let cpu: ResourceAdvice;
  if (cpuPoints < pointsRequired) {
    cpu = none('Not enough data');
    explanation.push(`CPU: ${cpuPoints} samples < ${pointsRequired} required`);
  } else {
    let best = -Infinity;
    for (const s of usage.cpuCores) {
      const f = sortedCopy(finite(s));
      if (f.length) best = Math.max(best, quantileSorted(f, qRounded));
    }
    // KRR's runner: math.ceil(value * 1000) / 1000, then the floor.
    const rounded = Math.max(Math.ceil(best * 1000) / 1000, cpuMin);
    cpu = { request: rounded, limit: null };
    explanation.push(
      `CPU request = largest per-pod p${fmt(100 * qRounded)} of the CPU rate = ${fmt(best, 6)} cores, ` +
        `rounded up to ${fmt(rounded * 1000, 6)}m (floor ${fmt(cpuMin * 1000)}m); CPU limit unset`,
    );
  }
  let memory: ResourceAdvice;
  if (memPoints < pointsRequired) {
    memory = none('Not enough data');
    explanation.push(`memory: ${memPoints} samples < ${pointsRequired} required`);
  } else {
    let max = -Infinity;
    for (const s of usage.memoryBytes) for (const v of s) if (v > max) max = v;
    const raw = max * (1 + buffer / 100);
    const rounded = Math.max(Math.ceil(raw / MIB) * MIB, memMin);
    memory = { request: rounded, limit: rounded };
    explanation.push(
      `memory request = limit = max usage ${fmt(max / MIB, 6)} MiB × ${fmt(1 + buffer / 100)} = ` +
        `${fmt(raw / MIB, 6)} MiB, rounded up to ${fmt(rounded / MIB, 6)} MiB (floor ${fmt(memMin / MIB)} MiB)`,
    );
  }
  return { tool: 'krr-simple', cpu, memory, explanation };
}

// ---------------------------------------------------------------------------------------------
// VPA recommender

export interface VpaOptions {
  targetCpuPercentile?: number;
  lowerBoundCpuPercentile?: number;
  upperBoundCpuPercentile?: number;
  targetMemoryPercentile?: number;
  lowerBoundMemoryPercentile?: number;
  upperBoundMemoryPercentile?: number;
  /** `--recommendation-margin-fraction`, default 0.15. */
  safetyMarginFraction?: number;
  /** Histogram decay half-life, seconds. Default 24 h for both CPU and memory. */
  halfLifeSeconds?: number;
  /** Memory peaks are taken per interval of this length, seconds. Default 24 h. */
  memoryAggregationIntervalSeconds?: number;
  /** Pod minimums (spread over `containersPerPod`): 25 millicores, 250 MiB. */
  podMinCpuMillicores?: number;
  podMinMemoryMb?: number;
  containersPerPod?: number;
}

/** VPA's exponential histogram: first bucket `first` wide, each 5 % wider, up to `max`. */
class VpaHistogram {
  readonly weights: Float64Array;
  total = 0;
  private readonly ratio = 1.05;
  private readonly epsilon = 0.0001;
  constructor(
    private readonly max: number,
    private readonly first: number,
  ) {
    const r = this.ratio;
    const n = Math.ceil(Math.log((max * (r - 1)) / first + 1) / Math.log(r)) + 1;
    this.weights = new Float64Array(n);
  }
  bucket(v: number): number {
    if (v < this.first) return 0;
    const b = Math.floor(Math.log((v * (this.ratio - 1)) / this.first + 1) / Math.log(this.ratio));
    return Math.min(b, this.weights.length - 1);
  }
  start(b: number): number {
    return b === 0 ? 0 : (this.first * (this.ratio ** b - 1)) / (this.ratio - 1);
  }
  add(v: number, w: number): void {
    const b = this.bucket(v);
    this.weights[b] = this.weights[b]! + w;
    this.total += w;
  }
  /** The end of the bucket holding the percentile (the start of the last, unbounded one). */
  percentile(p: number): number {
    let lo = 0;
    while (lo < this.weights.length && this.weights[lo]! < this.epsilon) lo++;
    if (lo === this.weights.length) return 0;
    let hi = this.weights.length - 1;
    while (hi > lo && this.weights[hi]! < this.epsilon) hi--;
    const threshold = p * this.total;
    let partial = 0;
    let b = lo;
    for (; b < hi; b++) {
      partial += this.weights[b]!;
      if (partial >= threshold) break;
    }
    return b < this.weights.length - 1 ? this.start(b + 1) : this.start(b);
  }
}

/**
 * The VPA recommender (kubernetes/autoscaler, vertical-pod-autoscaler/pkg/recommender), for one
 * container: CPU samples go into a decaying exponential histogram (0.01 core first bucket, 5 %
 * growth, half-life 24 h, equal sample weights); memory goes in as one peak per pod per 24 h
 * interval, weighted at the interval's end. Target = p90 (CPU) and p90 of daily peaks (memory);
 * lower bound p50, upper bound p95; each + 15 % margin; the upper bound × (1 + 1/confidence), the
 * lower × (1 + 0.001/confidence)^-2, where confidence = min(history days, samples / 1440); then
 * the pod minimums (25 m, 250 MiB). Amounts are truncated to whole millicores and bytes at each
 * step, as VPA's integer ResourceAmount does.
 *
 * Simplified: no checkpoints, OOM bumps or memory window garbage collection (all peaks given
 * count, decayed); percentiles read the bucket end as VPA does, so a constant 0.5 core gives 0.511.
 */
export function vpaLike(usage: PodUsage, options: VpaOptions = {}): BaselineRecommendation {
  checkUsage('vpaLike', usage);
  const o = {
    targetCpuPercentile: 0.9,
    lowerBoundCpuPercentile: 0.5,
    upperBoundCpuPercentile: 0.95,
    targetMemoryPercentile: 0.9,
    lowerBoundMemoryPercentile: 0.5,
    upperBoundMemoryPercentile: 0.95,
    safetyMarginFraction: 0.15,
    halfLifeSeconds: 86400,
    memoryAggregationIntervalSeconds: 86400,
    podMinCpuMillicores: 25,
    podMinMemoryMb: 250,
    containersPerPod: 1,
    ...options,
  };
  const ts = usage.timestamps;
  const cpuHist = new VpaHistogram(1000, 0.01);
  const memHist = new VpaHistogram(1e12, 1e7);
  let first = Infinity;
  let last = -Infinity;
  let samples = 0;
  for (let i = 0; i < ts.length; i++) {
    if (ts[i]! < first) first = ts[i]!;
  }
  // Weights grow with time from the first sample (VPA's reference timestamp): only ratios matter.
  const decay = (t: number) => 2 ** ((t - first) / o.halfLifeSeconds);
  for (const s of usage.cpuCores) {
    for (let i = 0; i < ts.length; i++) {
      const v = s[i]!;
      if (!Number.isFinite(v)) continue;
      cpuHist.add(v, 0.1 * decay(ts[i]!));
      samples++;
      if (ts[i]! > last) last = ts[i]!;
    }
  }
  const interval = o.memoryAggregationIntervalSeconds;
  let peaks = 0;
  for (const s of usage.memoryBytes) {
    let start = NaN;
    let k = -1;
    let peak = -Infinity;
    const flush = () => {
      if (k >= 0 && peak > 0) {
        memHist.add(peak, decay(start + (k + 1) * interval));
        peaks++;
      }
    };
    for (let i = 0; i < ts.length; i++) {
      const v = s[i]!;
      if (!Number.isFinite(v)) continue;
      if (Number.isNaN(start)) start = ts[i]!;
      const kk = Math.floor((ts[i]! - start) / interval);
      if (kk !== k) {
        flush();
        k = kk;
        peak = -Infinity;
      }
      if (v > peak) peak = v;
    }
    flush();
  }
  const explanation: string[] = [];
  if (samples === 0) {
    const none = { request: null, limit: null, info: 'no samples' };
    return { tool: 'vpa', cpu: none, memory: none, explanation: ['no CPU samples'] };
  }
  const confidence = Math.min((last - first) / 86400, samples / 1440);
  const trunc = Math.trunc;
  // Millicores and bytes, truncated as ResourceAmount(float) does.
  const margin = (a: number) => a + trunc(a * o.safetyMarginFraction);
  const scale = (a: number, f: number) => trunc(a * f);
  const minCpu = trunc(o.podMinCpuMillicores / o.containersPerPod);
  const minMem = trunc((o.podMinMemoryMb * MIB) / o.containersPerPod);
  const cpuAt = (p: number) => trunc(cpuHist.percentile(p) * 1000);
  const memAt = (p: number) => trunc(memHist.percentile(p));
  const upperF = (1 + 1 / confidence) ** 1;
  const lowerF = (1 + 0.001 / confidence) ** -2;

  const cpuTarget = Math.max(minCpu, margin(cpuAt(o.targetCpuPercentile)));
  const cpuLower = Math.max(minCpu, scale(margin(cpuAt(o.lowerBoundCpuPercentile)), lowerF));
  const cpuUpper = Math.max(minCpu, scale(margin(cpuAt(o.upperBoundCpuPercentile)), upperF));
  const memTarget = Math.max(minMem, margin(memAt(o.targetMemoryPercentile)));
  const memLower = Math.max(minMem, scale(margin(memAt(o.lowerBoundMemoryPercentile)), lowerF));
  const memUpper = Math.max(minMem, scale(margin(memAt(o.upperBoundMemoryPercentile)), upperF));

  explanation.push(
    `CPU target = p${fmt(100 * o.targetCpuPercentile)} of ${samples} samples in a decaying histogram ` +
      `(half-life ${fmt(o.halfLifeSeconds / 3600)} h, bucket end) ${cpuAt(o.targetCpuPercentile)}m + ` +
      `${fmt(100 * o.safetyMarginFraction)} % = ${cpuTarget}m (pod minimum ${minCpu}m)`,
    `memory target = p${fmt(100 * o.targetMemoryPercentile)} of ${peaks} per-pod ${fmt(interval / 3600)} h peaks ` +
      `${fmt(memAt(o.targetMemoryPercentile) / MIB, 6)} MiB + ${fmt(100 * o.safetyMarginFraction)} % = ` +
      `${fmt(memTarget / MIB, 6)} MiB (minimum ${fmt(minMem / MIB)} MiB)`,
    `bounds: lower p${fmt(100 * o.lowerBoundCpuPercentile)} × ${fmt(lowerF, 6)}, upper p${fmt(
      100 * o.upperBoundCpuPercentile,
    )} × ${fmt(upperF, 4)} (confidence ${fmt(confidence)} days = min(history, samples / 1440))`,
    `the recommendation sets requests only; limits keep their ratio to requests (controlled values RequestsAndLimits)`,
  );
  return {
    tool: 'vpa',
    cpu: { request: cpuTarget / 1000, limit: null },
    memory: { request: memTarget, limit: null },
    bounds: {
      lower: { cpu: cpuLower / 1000, memory: memLower },
      upper: { cpu: cpuUpper / 1000, memory: memUpper },
      confidenceDays: confidence,
    },
    explanation,
  };
}

// ---------------------------------------------------------------------------------------------
// Kubecost

export interface KubecostOptions {
  /** 'max' (Kubecost's default) or 'quantile' (with qCPU / qRAM). */
  algorithmCPU?: 'max' | 'quantile';
  algorithmRAM?: 'max' | 'quantile';
  qCPU?: number;
  qRAM?: number;
  /** request = base / target. The API's default 0.7. */
  targetCPUUtilization?: number;
  targetRAMUtilization?: number;
  /** Floors: 10 millicores and 20 MiB. */
  minRecCPUMillicores?: number;
  minRecRAMBytes?: number;
}

/**
 * Kubecost's container request right-sizing (savings/requestSizingV2): the base is the largest
 * usage seen by any replica of the container spec in the window (`max`) or a quantile of it
 * (`quantile`), divided by the target utilisation, floored at 10 m and 20 MiB. Requests only.
 * Simplified: the quantile is taken over all replicas' samples pooled (linear interpolation);
 * Kubecost computes it in its ContainerStats pipeline, whose estimator is not documented.
 */
export function kubecostLike(
  usage: PodUsage,
  options: KubecostOptions = {},
): BaselineRecommendation {
  checkUsage('kubecostLike', usage);
  const tc = options.targetCPUUtilization ?? 0.7;
  const tr = options.targetRAMUtilization ?? 0.7;
  for (const [name, v] of [
    ['targetCPUUtilization', tc],
    ['targetRAMUtilization', tr],
  ] as const) {
    if (!(v > 0 && v <= 1))
      throw new RangeError(`kubecostLike: ${name} must be in (0, 1], got ${v}`);
  }
  const explanation: string[] = [];
  const base = (
    series: readonly Float64Array[],
    algorithm: 'max' | 'quantile',
    q: number | undefined,
    name: string,
  ): number => {
    const all = sortedCopy(pooled(series));
    if (algorithm === 'max') return all.length ? all[all.length - 1]! : NaN;
    if (q === undefined || !(q > 0 && q <= 1)) {
      throw new RangeError(
        `kubecostLike: ${name} must be in (0, 1] with the quantile algorithm, got ${q}`,
      );
    }
    return quantileSorted(all, q);
  };
  const aCpu = options.algorithmCPU ?? 'max';
  const aRam = options.algorithmRAM ?? 'max';
  const cpuBase = base(usage.cpuCores, aCpu, options.qCPU, 'qCPU');
  const memBase = base(usage.memoryBytes, aRam, options.qRAM, 'qRAM');
  const cpuMin = (options.minRecCPUMillicores ?? 10) / 1000;
  const memMin = options.minRecRAMBytes ?? 20 * MIB;
  const cpu = Math.max(cpuMin, cpuBase / tc);
  const mem = Math.max(memMin, memBase / tr);
  const label = (a: string, q: number | undefined) =>
    a === 'max' ? 'max' : `p${fmt(100 * (q ?? 0))}`;
  explanation.push(
    `CPU request = ${label(aCpu, options.qCPU)} usage ${fmt(cpuBase, 6)} cores / target ${tc} = ${fmt(cpu, 6)} cores`,
    `memory request = ${label(aRam, options.qRAM)} usage ${fmt(memBase / MIB, 6)} MiB / target ${tr} = ${fmt(mem / MIB, 6)} MiB`,
  );
  return {
    tool: 'kubecost',
    cpu: { request: cpu, limit: null },
    memory: { request: mem, limit: null },
    explanation,
  };
}
