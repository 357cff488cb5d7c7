import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  formatMoney,
  type LatencyHeadroom,
  type Pricing,
  type SloState,
  type WorkloadRef,
} from '@headroom/core';
import type { PrometheusClient } from '@headroom/prometheus';
import type { SloFactsRow } from '../database/types';
import { monthlyCostOf, type EntityCostReader } from './costData';
import type { OptimisationStore } from './OptimisationStore';
import { recommendWorkload } from './recommend';
import type { OptimiseSettings } from './settings';
import { completeSamples, readUsage } from './usage';

/** A catalog entity the scan looks at. */
export interface ScanEntity {
  entityRef: string;
  ownerRef: string | null;
  lineOfBusiness: string | null;
  /** The `service` label of its series in Prometheus. */
  service: string;
  workload: WorkloadRef;
  /** The `headroom.dev/unit-cost-query` annotation: the unit cost's driver, for unit-cost anomalies. */
  unitCostQuery?: string | null;
}

export interface ScanOptions {
  store: OptimisationStore;
  /** The plugin's Prometheus reader. */
  client: PrometheusClient;
  settings: OptimiseSettings;
  logger: LoggerService;
  /** The entities to scan (the catalog's services). */
  entities: () => Promise<ScanEntity[]>;
  /** The entity's SLOs with their status. */
  sloFacts?: (entityRef: string, now: Date) => Promise<SloFactsRow[]>;
  /** The latency the capacity model must keep, from the entity's capacity assessment. */
  latency?: (entityRef: string) => Promise<LatencyHeadroom | undefined>;
  costs?: EntityCostReader;
}

export interface ScanOutcome {
  entityRef: string;
  result: 'proposed' | 'open' | 'hold' | 'skipped' | 'failed';
  /** The recommendation's id when proposed or already open. */
  id?: string;
  reason?: string;
}

/**
 * The SLO state that decides how bold a cut may be: the entity's SLO with the least budget left,
 * with its 1-hour burn rate (else its fastest window's).
 */
export function sloStateOf(facts: SloFactsRow[]): SloState | undefined {
  let worst: SloState | undefined;
  for (const f of facts) {
    const s = f.status;
    if (!s || s.evaluatedAt === null) continue;
    const burn =
      s.burnRates.find(b => b.window === '1h')?.rate ??
      s.burnRates.find(b => b.rate !== null)?.rate ??
      null;
    const state: SloState = {
      name: `${f.entityRef}/${f.name}`,
      budgetRemaining: s.budgetRemaining,
      burnRate: burn,
    };
    const rank = (x: SloState) => x.budgetRemaining ?? Number.POSITIVE_INFINITY;
    if (!worst || rank(state) < rank(worst)) worst = state;
  }
  return worst;
}

/**
 * The scheduled scan: for every entity with usage series in Prometheus, classifies its load and
 * computes a right-sizing recommendation with core, and stores it as a proposal unless one is
 * already open for the same workload.
 */
export class OptimisationScanner {
  private readonly client: PrometheusClient;

  constructor(private readonly options: ScanOptions) {
    this.client = options.client;
  }

  async run(now: Date): Promise<ScanOutcome[]> {
    const entities = await this.options.entities();
    const out: ScanOutcome[] = [];
    for (const entity of entities) {
      try {
        out.push(await this.scanOne(entity, now));
      } catch (e) {
        const reason = (e as Error).message;
        this.options.logger.warn(`Optimisation of ${entity.entityRef} failed: ${reason}`);
        out.push({ entityRef: entity.entityRef, result: 'failed', reason });
      }
    }
    const count = (r: ScanOutcome['result']) => out.filter(o => o.result === r).length;
    this.options.logger.info(
      `Optimisation scan of ${entities.length} entities: ${count('proposed')} proposed, ` +
        `${count('open')} already open, ${count('hold')} held, ${count('skipped')} without usage, ${count('failed')} failed`,
    );
    return out;
  }

  async scanOne(entity: ScanEntity, now: Date): Promise<ScanOutcome> {
    const { settings, store } = this.options;
    const resource = `${entity.workload.kind}/${entity.workload.namespace}/${entity.workload.name}/${entity.workload.container}`;
    const step = settings.stepSeconds;
    const end = Math.floor(now.getTime() / 1000 / step) * step;
    const start = end - settings.historyDays * 86_400;
    const usage = await readUsage(this.client, settings.queries, entity.service, start, end, step);
    if (!usage.cpuCores.some(Number.isFinite)) {
      return {
        entityRef: entity.entityRef,
        result: 'skipped',
        reason: `no CPU series: ${usage.queries.cpu}`,
      };
    }
    if (!usage.current) {
      return {
        entityRef: entity.entityRef,
        result: 'skipped',
        reason: `no allocation known: ${usage.missing.join(', ')} returned no data`,
      };
    }
    const open = await store.openFor(entity.entityRef, resource);
    if (open) return { entityRef: entity.entityRef, result: 'open', id: open.id };

    // Configured unit prices win: they price exactly the requests being changed. The entity's
    // attributed cost is only a fallback, because it also holds what a resize does not change
    // (data transfer, disks, shared platform, credits) and spreading all of it over the requests
    // overstates the saving.
    let pricing: Pricing | undefined = settings.prices
      ? { kind: 'unit-prices', ...settings.prices }
      : undefined;
    let pricingSource: 'cost-data' | 'config-prices' = 'config-prices';
    if (!pricing && this.options.costs) {
      const points = await this.options.costs.costSeries(
        entity.entityRef,
        new Date(start * 1000),
        new Date(end * 1000),
      );
      const monthly = monthlyCostOf(points);
      if (monthly && monthly.cost > 0n) {
        pricing = { kind: 'monthly-cost', monthlyCost: monthly.cost, currency: monthly.currency };
        pricingSource = 'cost-data';
      }
    }
    if (!pricing) {
      return {
        entityRef: entity.entityRef,
        result: 'skipped',
        reason: 'no cost data for the entity and no headroom.optimise.prices configured',
      };
    }
    const slo = this.options.sloFacts
      ? sloStateOf(await this.options.sloFacts(entity.entityRef, now))
      : undefined;
    const latency = this.options.latency ? await this.options.latency(entity.entityRef) : undefined;
    const samples = completeSamples(usage);
    const outcome = recommendWorkload({
      ...samples,
      driverSeen: usage.driverSeen,
      driverName: settings.driverName,
      current: usage.current,
      pricing,
      pricingSource,
      ...(slo ? { slo } : {}),
      ...(latency ? { latency } : {}),
      strategy: settings.strategy,
      timeZone: settings.timeZone,
      workload: entity.workload,
      service: entity.service,
      stepSeconds: step,
    });
    if (outcome.kind === 'hold') {
      return {
        entityRef: entity.entityRef,
        result: 'hold',
        // The line saying why nothing changes; the baselines' lines come after it.
        reason:
          outcome.explanation.find(l => /keep it/.test(l)) ??
          outcome.explanation[outcome.explanation.length - 1] ??
          'right-sized',
      };
    }
    const { created, recommendation } = await store.propose(
      {
        entityRef: entity.entityRef,
        resource,
        ownerRef: entity.ownerRef,
        lineOfBusiness: entity.lineOfBusiness,
        currency: outcome.currency,
        expectedMonthlySaving: formatMoney(outcome.expectedMonthlySaving),
        detail: outcome.detail,
      },
      now,
    );
    return {
      entityRef: entity.entityRef,
      result: created ? 'proposed' : 'open',
      id: recommendation.id,
    };
  }
}
