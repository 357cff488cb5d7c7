import type { Config } from '@backstage/config';
import { PrometheusClient } from '@headroom/prometheus';

/** `headroom.prometheus`: where Prometheus is and how long a query may take. */
export function prometheusSettings(config: Config): { url: string | undefined; timeoutMs: number } {
  return {
    url: config.getOptionalString('headroom.prometheus.baseUrl'),
    timeoutMs: config.getOptionalNumber('headroom.prometheus.timeoutMs') ?? 10_000,
  };
}

/**
 * The plugin's one Prometheus reader, shared by evaluation, preview, burndown, unit cost and
 * optimisation; undefined when no `headroom.prometheus.baseUrl` is configured. One retry: a
 * scheduled pass runs again soon, and a request should fail fast rather than hang.
 */
export function createPrometheusReader(config: Config): PrometheusClient | undefined {
  const { url, timeoutMs } = prometheusSettings(config);
  return url ? new PrometheusClient({ url, timeoutMs, retries: 1 }) : undefined;
}
