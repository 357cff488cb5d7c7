import type { Config } from '@backstage/config';

/**
 * PromQL templates of the usage scan. `{{service}}` is replaced by the entity's Prometheus
 * `service` label, escaped for a PromQL double-quoted string. Defaults follow cAdvisor and
 * kube-state-metrics conventions, as the CLI's `headroom capacity`; CPU in cores and memory in
 * bytes, totals over all replicas.
 */
export interface UsageQueries {
  driver: string;
  cpu: string;
  memory: string;
  cpuRequests: string;
  memoryRequests: string;
  cpuLimits: string;
  memoryLimits: string;
  replicas: string;
}

export const DEFAULT_USAGE_QUERIES: UsageQueries = {
  driver: 'sum(rate(http_requests_total{service="{{service}}"}[5m]))',
  cpu: 'sum(rate(container_cpu_usage_seconds_total{service="{{service}}"}[5m]))',
  memory: 'sum(container_memory_working_set_bytes{service="{{service}}"})',
  cpuRequests: 'sum(kube_pod_container_resource_requests{service="{{service}}",resource="cpu"})',
  memoryRequests:
    'sum(kube_pod_container_resource_requests{service="{{service}}",resource="memory"})',
  cpuLimits: 'sum(kube_pod_container_resource_limits{service="{{service}}",resource="cpu"})',
  memoryLimits: 'sum(kube_pod_container_resource_limits{service="{{service}}",resource="memory"})',
  replicas: 'sum(kube_deployment_spec_replicas{service="{{service}}"})',
};

export interface OptimiseSettings {
  /** Whether the scheduled scans run on this backend. */
  enabled: boolean;
  prometheusUrl: string | undefined;
  timeoutMs: number;
  intervalMinutes: number;
  historyDays: number;
  stepSeconds: number;
  /** What the driver counts, for explanations. */
  driverName: string;
  strategy: 'requests' | 'replicas';
  timeZone: string;
  queries: UsageQueries;
  /** Fallback when the cost data has no cost for the entity. */
  prices: { cpuCoreHour: number; memoryGiBHour: number; currency: string } | undefined;
  /** A change is verified once it has run this long. */
  verifyAfterHours: number;
  anomalies: {
    enabled: boolean;
    intervalMinutes: number;
    historyDays: number;
    threshold: number;
  };
}

function positive(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) throw new Error(`${key} must be a positive number, got ${value}`);
  return value;
}

/** Reads `headroom.optimise`; a bad value throws naming the key. */
export function optimiseSettings(config: Config): OptimiseSettings {
  const prometheusUrl = config.getOptionalString('headroom.prometheus.baseUrl');
  const base = 'headroom.optimise';
  const queries = { ...DEFAULT_USAGE_QUERIES };
  for (const key of Object.keys(DEFAULT_USAGE_QUERIES) as (keyof UsageQueries)[]) {
    const value = config.getOptionalString(`${base}.queries.${key}`);
    if (value !== undefined) {
      if (!value.trim()) throw new Error(`${base}.queries.${key} must not be empty`);
      queries[key] = value;
    }
  }
  const strategy = config.getOptionalString(`${base}.strategy`) ?? 'requests';
  if (strategy !== 'requests' && strategy !== 'replicas') {
    throw new Error(`${base}.strategy must be 'requests' or 'replicas', got '${strategy}'`);
  }
  const pricesConfig = config.getOptionalConfig(`${base}.prices`);
  let prices: OptimiseSettings['prices'];
  if (pricesConfig) {
    const cpuCoreHour = pricesConfig.getNumber('cpuCoreHour');
    const memoryGiBHour = pricesConfig.getNumber('memoryGiBHour');
    for (const [k, v] of [
      ['cpuCoreHour', cpuCoreHour],
      ['memoryGiBHour', memoryGiBHour],
    ] as const) {
      if (!(v >= 0)) throw new Error(`${base}.prices.${k} must be a non-negative number, got ${v}`);
    }
    const currency = pricesConfig.getOptionalString('currency') ?? 'USD';
    if (!/^[A-Z]{3}$/.test(currency)) {
      throw new Error(
        `${base}.prices.currency must be an ISO 4217 code like USD, got '${currency}'`,
      );
    }
    prices = { cpuCoreHour, memoryGiBHour, currency };
  }
  const threshold = config.getOptionalNumber(`${base}.anomalies.threshold`) ?? 0.5;
  if (!(threshold > 0 && threshold < 1)) {
    throw new Error(`${base}.anomalies.threshold must be in (0, 1), got ${threshold}`);
  }
  const timeZone = config.getOptionalString(`${base}.timeZone`) ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new Error(
      `${base}.timeZone must be an IANA time zone like Europe/Berlin, got '${timeZone}'`,
    );
  }
  return {
    enabled: (config.getOptionalBoolean(`${base}.enabled`) ?? true) && Boolean(prometheusUrl),
    prometheusUrl,
    timeoutMs: config.getOptionalNumber('headroom.prometheus.timeoutMs') ?? 10_000,
    intervalMinutes: positive(config, `${base}.intervalMinutes`, 360),
    historyDays: positive(config, `${base}.historyDays`, 14),
    stepSeconds: positive(config, `${base}.stepSeconds`, 300),
    driverName: config.getOptionalString(`${base}.driverName`) ?? 'requests/s',
    strategy,
    timeZone,
    queries,
    prices,
    verifyAfterHours: positive(config, `${base}.verifyAfterHours`, 24),
    anomalies: {
      enabled: config.getOptionalBoolean(`${base}.anomalies.enabled`) ?? true,
      intervalMinutes: positive(config, `${base}.anomalies.intervalMinutes`, 60),
      historyDays: positive(config, `${base}.anomalies.historyDays`, 90),
      threshold,
    },
  };
}
