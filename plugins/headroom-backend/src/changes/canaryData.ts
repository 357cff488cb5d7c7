import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  CanaryConfigError,
  configuredMetricNames,
  parseCanaryConfig,
  type CanaryConfig,
  type CanaryPoint,
} from '@headroom/core';
import { PrometheusError, type PrometheusClient } from '@headroom/prometheus';

/** What a judge request names: the canary config and one query pair per metric it reads. */
export interface CanaryQueries {
  config: unknown;
  queries: Record<string, { baseline: string; canary: string }>;
}

/**
 * The config, checked, and the baseline's and canary's points over [from, to] from Prometheus
 * range queries (one series each; none is a metric without data). Every problem is named:
 * a config field, a missing query, a query Prometheus refuses (400), Prometheus down (503).
 */
export async function readCanaryData(
  client: PrometheusClient,
  request: CanaryQueries,
  range: { from: number; to: number; step: number; where: string },
): Promise<{ config: CanaryConfig; baseline: CanaryPoint[]; canary: CanaryPoint[] }> {
  const { from, to, step, where } = range;
  let config: CanaryConfig;
  try {
    config = parseCanaryConfig(request.config);
  } catch (e) {
    if (e instanceof CanaryConfigError) throw new InputError(`${where}: config: ${e.message}`);
    throw e;
  }
  const names = [...configuredMetricNames(config)];
  for (const name of names) {
    const q = request.queries[name];
    if (!q || typeof q.baseline !== 'string' || typeof q.canary !== 'string') {
      throw new InputError(
        `${where}: queries.${name} must give a baseline and a canary query (the config reads metric '${name}')`,
      );
    }
  }
  if (!(to > from)) throw new InputError(`${where}: from must be before to`);

  const read = async (name: string, track: 'baseline' | 'canary'): Promise<CanaryPoint[]> => {
    let series;
    try {
      series = await client.queryRange(request.queries[name]![track], from, to, step);
    } catch (e) {
      // A query Prometheus refuses is the caller's to fix; anything else is Prometheus'.
      if (e instanceof PrometheusError && e.status === 400) {
        throw new InputError(`${where}: queries.${name}.${track}: ${e.message}`);
      }
      throw new ServiceUnavailableError(
        `${where}: Prometheus did not answer queries.${name}.${track}: ${(e as Error).message}`,
      );
    }
    if (series.length > 1) {
      throw new InputError(
        `${where}: queries.${name}.${track} returned ${series.length} series; it must return one (wrap it in sum())`,
      );
    }
    const s = series[0];
    if (!s) return [];
    return Array.from(s.timestamps, (t, i) => ({ t, metric: name, value: s.values[i]! }));
  };
  const baseline: CanaryPoint[] = [];
  const canary: CanaryPoint[] = [];
  for (const name of names) {
    baseline.push(...(await read(name, 'baseline')));
    canary.push(...(await read(name, 'canary')));
  }
  return { config, baseline, canary };
}
