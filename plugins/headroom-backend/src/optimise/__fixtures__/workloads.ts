/**
 * Synthetic workloads with known answers, written as the series Prometheus would have scraped
 * (cAdvisor and kube-state-metrics names with a `service` label), one sample a minute.
 */

export const GIB = 2 ** 30;
export const MIB = 2 ** 20;
const DAY = 86_400;

/** A seeded uniform generator (mulberry32), so every run writes the same series. */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(seed: number): () => number {
  const u = uniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export interface SyntheticWorkload {
  service: string;
  /** Requests per second at time t. */
  traffic: (t: number) => number;
  /** Cores used at a given traffic (before noise). */
  cpu: (traffic: number) => number;
  /** Bytes used at a given traffic (before noise). */
  memory: (traffic: number) => number;
  /** Relative noise on traffic, CPU and memory. */
  noise: number;
  replicas: number;
  /** Per replica. */
  cpuRequest: number;
  memRequest: number;
  cpuLimit?: number;
  memLimit?: number;
  /** A change rolled out at `at` (unix seconds): the requests per replica from then on. */
  change?: { at: number; cpuRequest: number; memRequest: number };
  /** Share of requests failing (code 500) at time t; none when absent. */
  errors?: (t: number) => number;
}

/** Daily cosine peaking at 14:00 UTC: mean × (1 + amplitude cos(…)). */
export function diurnal(mean: number, amplitude: number): (t: number) => number {
  return t => mean * (1 + amplitude * Math.cos((2 * Math.PI * (t - 14 * 3600)) / DAY));
}

/** No traffic; the process idles at 10 millicores and 200 MiB on 2 replicas of 0.5 core, 1 GiB. */
export const idle: SyntheticWorkload = {
  service: 'batch-archiver',
  traffic: () => 0,
  cpu: () => 0.01,
  memory: () => 200 * MIB,
  noise: 0.01,
  replicas: 2,
  cpuRequest: 0.5,
  memRequest: GIB,
};

/** 20–180 requests/s over the day on 6 replicas of 0.5 core, 0.5 GiB. */
export const dailyCycle: SyntheticWorkload = {
  service: 'order-gateway',
  traffic: diurnal(100, 0.8),
  cpu: d => 0.2 + 0.01 * d,
  memory: d => 2 * GIB + 2 * MIB * d,
  noise: 0.03,
  replicas: 6,
  cpuRequest: 0.5,
  memRequest: 0.5 * GIB,
};

/**
 * A flat 100/s using 1.2 cores and 2.4 GiB on 4 replicas of 0.45 core, 0.8 GiB: right-sized. With
 * 1 % noise the maxima are ≈ 1.23 cores and 2.48 GiB, so the need is ≈ 1.23 / 0.7 = 1.75 cores
 * and 2.48 / 0.8 = 3.1 GiB: covered by 1.8 cores and 3.2 GiB, and within 5 % of them.
 */
export const steady: SyntheticWorkload = {
  service: 'ledger',
  traffic: () => 100,
  cpu: d => 0.2 + 0.01 * d,
  memory: () => 2.4 * GIB,
  noise: 0.01,
  replicas: 4,
  cpuRequest: 0.45,
  memRequest: 0.8 * GIB,
};

/**
 * OpenMetrics text of the workloads from `start` to `end` (unix seconds, a sample every `step`):
 * request and CPU counters, memory, requests, limits and replicas gauges. Ends with `# EOF`.
 */
export function workloadsOpenMetrics(
  workloads: SyntheticWorkload[],
  start: number,
  end: number,
  step = 60,
): string {
  const families: Record<string, { type: string; lines: string[] }> = {
    http_requests: { type: 'counter', lines: [] },
    container_cpu_usage_seconds: { type: 'counter', lines: [] },
    container_memory_working_set_bytes: { type: 'gauge', lines: [] },
    kube_pod_container_resource_requests: { type: 'gauge', lines: [] },
    kube_pod_container_resource_limits: { type: 'gauge', lines: [] },
    kube_deployment_spec_replicas: { type: 'gauge', lines: [] },
  };
  workloads.forEach((w, index) => {
    const g = gaussian(17 + index);
    const s = `service="${w.service}"`;
    const requests: string[] = [];
    const failures: string[] = [];
    const cpu: string[] = [];
    const memory: string[] = [];
    let requestCount = 0;
    let errorCount = 0;
    let cpuSeconds = 0;
    for (let t = start; t <= end; t += step) {
      const traffic = Math.max(0, w.traffic(t) * (1 + w.noise * g()));
      if (t > start) {
        const failing = w.errors ? w.errors(t) : 0;
        requestCount += traffic * (1 - failing) * step;
        errorCount += traffic * failing * step;
        cpuSeconds += Math.max(0, w.cpu(traffic) * (1 + w.noise * g())) * step;
      }
      requests.push(`http_requests_total{${s},code="200"} ${requestCount.toFixed(3)} ${t}`);
      if (w.errors) {
        failures.push(`http_requests_total{${s},code="500"} ${errorCount.toFixed(3)} ${t}`);
      }
      cpu.push(`container_cpu_usage_seconds_total{${s}} ${cpuSeconds.toFixed(6)} ${t}`);
      memory.push(
        `container_memory_working_set_bytes{${s}} ${Math.round(w.memory(traffic) * (1 + w.noise * g()))} ${t}`,
      );
    }
    families.http_requests!.lines.push(...requests, ...failures);
    families.container_cpu_usage_seconds!.lines.push(...cpu);
    families.container_memory_working_set_bytes!.lines.push(...memory);
    const gauge = (name: string, labels: string, value: number, after = value) => {
      for (let t = start; t <= end; t += step) {
        const v = w.change && t >= w.change.at ? after : value;
        families[name]!.lines.push(`${name}{${labels}} ${v} ${t}`);
      }
    };
    gauge(
      'kube_pod_container_resource_requests',
      `${s},resource="cpu"`,
      w.cpuRequest * w.replicas,
      (w.change?.cpuRequest ?? w.cpuRequest) * w.replicas,
    );
    gauge(
      'kube_pod_container_resource_requests',
      `${s},resource="memory"`,
      w.memRequest * w.replicas,
      (w.change?.memRequest ?? w.memRequest) * w.replicas,
    );
    if (w.cpuLimit !== undefined) {
      gauge('kube_pod_container_resource_limits', `${s},resource="cpu"`, w.cpuLimit * w.replicas);
    }
    if (w.memLimit !== undefined) {
      gauge(
        'kube_pod_container_resource_limits',
        `${s},resource="memory"`,
        w.memLimit * w.replicas,
      );
    }
    gauge('kube_deployment_spec_replicas', s, w.replicas);
  });
  const out: string[] = [];
  for (const [name, f] of Object.entries(families)) {
    if (f.lines.length === 0) continue;
    out.push(`# TYPE ${name} ${f.type}`, ...f.lines);
  }
  return [...out, '# EOF', ''].join('\n');
}

/** The workload's traffic, CPU and memory as sampled series (what Prometheus' rate() would give). */
export function workloadSeries(w: SyntheticWorkload, start: number, end: number, step = 300) {
  const g = gaussian(101);
  const n = Math.floor((end - start) / step) + 1;
  const timestamps = new Float64Array(n);
  const driver = new Float64Array(n);
  const cpuCores = new Float64Array(n);
  const memoryBytes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = start + i * step;
    const traffic = Math.max(0, w.traffic(t) * (1 + w.noise * g()));
    timestamps[i] = t;
    driver[i] = traffic;
    cpuCores[i] = Math.max(0, w.cpu(traffic) * (1 + w.noise * g()));
    memoryBytes[i] = w.memory(traffic) * (1 + w.noise * g());
  }
  return { timestamps, driver, cpuCores, memoryBytes };
}

/**
 * The demo's market-data: 800–4,800 orders/s over the day on 12 replicas of 2.75 cores and 3 GiB,
 * using about a third of it at the peak — over-provisioned.
 */
export const overProvisioned: SyntheticWorkload = {
  service: 'market-data',
  traffic: diurnal(2800, 0.7),
  cpu: d => 1 + 0.0018 * d,
  memory: d => 9 * GIB + 0.5 * MIB * d,
  noise: 0.03,
  replicas: 12,
  cpuRequest: 2.75,
  memRequest: 3 * GIB,
};
