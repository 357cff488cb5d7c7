import { ServiceUnavailableError } from '@backstage/errors';
import { burnRate, prepareSeries, windowCounts, type PeriodObservation } from '@headroom/core';
import { fetchCounterSamples, type PrometheusClient } from '@headroom/prometheus';
import type { StoredSlo } from '../database/types';
import { moneyOf, reservedCost, totalCost, type EntityCostReader } from './costData';
import type { MeasuredPeriod } from './lifecycle';
import type { OptimiseSettings } from './settings';
import type { StoredRecommendation } from './types';
import { grid, onGrid, renderQueries } from './usage';

export interface MeasureOptions {
  settings: OptimiseSettings;
  /** The plugin's Prometheus reader; without it, periods cannot be measured. */
  client: PrometheusClient | undefined;
  costs?: EntityCostReader;
  /** The entity's SLOs: the first ratio SLO gives the good and total events of each period. */
  slos?: (entityRef: string) => Promise<StoredSlo[]>;
}

/**
 * Measures a period of a recommendation's workload for `verifySaving`: its cost (from the cost
 * data, else the requested CPU and memory at the configured prices), the driver's volume and the
 * SLO's events, all from the same sources the recommendation was computed from.
 */
export class PeriodMeasurer {
  private readonly client: PrometheusClient | undefined;

  constructor(private readonly options: MeasureOptions) {
    this.client = options.client;
  }

  async measure(rec: StoredRecommendation, from: Date, to: Date): Promise<MeasuredPeriod> {
    const client = this.client;
    if (!client) {
      throw new ServiceUnavailableError(
        'Cannot measure the periods without headroom.prometheus.baseUrl; give before and after in the body',
      );
    }
    const { settings } = this.options;
    const step = settings.stepSeconds;
    const start = Math.ceil(from.getTime() / 1000 / step) * step;
    const end = Math.floor(to.getTime() / 1000 / step) * step;
    if (!(end > start)) {
      throw new ServiceUnavailableError(
        `The period ${from.toISOString()}–${to.toISOString()} is shorter than one step (${step} s)`,
      );
    }
    const q = renderQueries(settings.queries, rec.detail.service);
    // Samples at start … end − step, each standing for the step after it.
    const times = grid(start, end - step, step);
    const range = async (expr: string) => {
      try {
        return onGrid(
          await client.queryRange(expr, start, end - step, step),
          start,
          step,
          times.length,
        );
      } catch (e) {
        throw new ServiceUnavailableError(
          `Prometheus could not be queried: ${(e as Error).message}`,
        );
      }
    };
    const driverRate = await range(q.driver);
    let driver = 0;
    for (const v of driverRate) if (Number.isFinite(v)) driver += v * step;

    let cost: PeriodObservation['cost'] | undefined;
    if (this.options.costs) {
      const points = await this.options.costs.costSeries(rec.entityRef, from, to);
      const total = totalCost(points);
      if (points.length > 0 && total && total.currency === rec.currency) cost = total.cost;
    }
    if (cost === undefined) {
      const prices = settings.prices;
      if (!prices || prices.currency !== rec.currency) {
        throw new ServiceUnavailableError(
          `No cost data in ${rec.currency} for ${rec.entityRef} over ${from.toISOString()}–${to.toISOString()} ` +
            `and no headroom.optimise.prices in ${rec.currency}: give before and after in the body`,
        );
      }
      cost = moneyOf(
        reservedCost(await range(q.cpuRequests), await range(q.memoryRequests), step, prices),
      );
    }

    const observation: PeriodObservation = {
      cost,
      driver,
      seconds: end - start,
    };
    const slo = this.options.slos
      ? (await this.options.slos(rec.entityRef)).find(s => s.definition.indicator.kind === 'ratio')
      : undefined;
    if (slo) {
      try {
        const samples = await fetchCounterSamples(client, slo.definition, start - step, end, step);
        const series = prepareSeries(samples);
        const { bad, total } = windowCounts(series, start, end);
        observation.slo = { good: total - bad, total };
        // Core's burn rate over the period (start, end], as every other burn rate is computed.
        const rate = burnRate(series, end, end - start, slo.objective);
        if (rate !== null) observation.burnRate = rate;
      } catch (e) {
        throw new ServiceUnavailableError(
          `The SLO ${slo.name} of ${rec.entityRef} could not be read from Prometheus: ${(e as Error).message}`,
        );
      }
    }
    return {
      from: new Date(start * 1000),
      to: new Date(end * 1000),
      observation,
      source: 'measured',
    };
  }
}
