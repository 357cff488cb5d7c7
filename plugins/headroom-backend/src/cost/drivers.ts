import type { DriverValue } from '@headroom/core';
import { singleValue, type PrometheusClient } from '@headroom/prometheus';
import type { CostGrain } from '@headroom/plugin-headroom-common';
import { nextPeriod } from './params';

/**
 * The PromQL of a driver's average over one period, as the Grafana datasource builds it, so
 * that both show the same unit cost: the query averaged at one-minute resolution over the
 * period, summed over its series.
 */
export function periodDriverExpr(query: string, periodSeconds: number): string {
  return `sum(avg_over_time((${query})[${periodSeconds}s:60s]))`;
}

/**
 * Each entity's driver per period from Prometheus, evaluated at the period's end (or now, for
 * the running period). No value is no driver, never 0. A few queries run at a time.
 */
export async function fetchDriverValues(
  client: PrometheusClient,
  entities: readonly { entityRef: string; query: string }[],
  periods: readonly number[],
  grain: CostGrain,
  now: number,
  concurrency = 4,
): Promise<DriverValue[]> {
  const jobs = entities.flatMap(e => periods.filter(p => p < now).map(p => ({ e, p })));
  const out: DriverValue[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { e, p } = jobs[next++]!;
      const end = nextPeriod(p, grain);
      const value = singleValue(
        await client.query(periodDriverExpr(e.query, end - p), Math.min(end, now)),
      );
      if (value !== null && Number.isFinite(value)) {
        out.push({ entityRef: e.entityRef, period: p, value });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return out;
}
