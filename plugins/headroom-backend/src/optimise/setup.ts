import type {
  AuthService,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { PrometheusClient } from '@headroom/prometheus';
import type express from 'express';
import type { AssessmentStore } from '../capacity/AssessmentStore';
import type { SloStore } from '../database/types';
import { CostStore } from '../cost/CostStore';
import { fetchDriverValues } from '../cost/drivers';
import { AnomalyScanner } from './AnomalyScanner';
import { costStoreReader } from './costStoreReader';
import type { EntityCostReader } from './costData';
import { catalogServices } from './entities';
import { PeriodMeasurer } from './measure';
import { OptimisationScanner } from './OptimisationScanner';
import { OptimisationStore } from './OptimisationStore';
import { createOptimiseRouter } from './router';
import { optimiseSettings } from './settings';

export interface OptimiseServiceOptions {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  sloStore: SloStore;
  assessments: AssessmentStore;
  /** Cost per entity and period; default: the cost store's effective cost per day. */
  costs?: EntityCostReader;
}

/**
 * Optimisation in the backend: reads `headroom.optimise`, migrates its tables, schedules the
 * recommendation scan and the cost anomaly scan (global scope: one replica runs each) and
 * returns the router serving /optimise.
 */
export async function createOptimiseService(
  options: OptimiseServiceOptions,
): Promise<express.Router> {
  const { config, logger, scheduler, catalog, auth } = options;
  const settings = optimiseSettings(config);
  const store = await OptimisationStore.create({ database: options.database });
  const costs =
    options.costs ?? costStoreReader(await CostStore.create({ database: options.database }));

  if (settings.enabled) {
    const scanner = new OptimisationScanner({
      store,
      settings,
      logger,
      entities: async () => {
        const { entities, errors } = await catalogServices(catalog, auth);
        for (const e of errors) logger.warn(`Optimisation: ${e}`);
        return entities;
      },
      sloFacts: (entityRef, now) => options.sloStore.listFactsByEntity(entityRef, now),
      latency: async entityRef => (await options.assessments.latest(entityRef))?.inputs.latency,
      costs,
    });
    await scheduler.scheduleTask({
      id: 'headroom-optimise-scan',
      scope: 'global',
      frequency: { minutes: settings.intervalMinutes },
      timeout: { minutes: 30 },
      initialDelay: { seconds: 30 },
      fn: async () => {
        await scanner.run(new Date());
      },
    });
  } else {
    logger.info(
      'Optimisation scan is off: no headroom.prometheus.baseUrl or optimise.enabled false',
    );
  }

  if (settings.anomalies.enabled) {
    // The catalog read of each run also gives each entity's unit-cost driver query.
    let driverQueries = new Map<string, string>();
    const prometheus = settings.prometheusUrl
      ? new PrometheusClient({ url: settings.prometheusUrl, timeoutMs: settings.timeoutMs })
      : undefined;
    const anomalies = new AnomalyScanner({
      store,
      costs,
      logger,
      historyDays: settings.anomalies.historyDays,
      threshold: settings.anomalies.threshold,
      contexts: async () => {
        const { entities } = await catalogServices(catalog, auth);
        driverQueries = new Map(
          entities.flatMap(e => (e.unitCostQuery ? [[e.entityRef, e.unitCostQuery]] : [])),
        );
        return new Map(entities.map(e => [e.entityRef, e]));
      },
      ...(prometheus
        ? {
            unitCostDrivers: async (entityRef, periods) => {
              const query = driverQueries.get(entityRef);
              return query
                ? fetchDriverValues(
                    prometheus,
                    [{ entityRef, query }],
                    periods,
                    'day',
                    Date.now() / 1000,
                  )
                : undefined;
            },
          }
        : {}),
    });
    await scheduler.scheduleTask({
      id: 'headroom-optimise-anomalies',
      scope: 'global',
      frequency: { minutes: settings.anomalies.intervalMinutes },
      timeout: { minutes: 30 },
      initialDelay: { seconds: 60 },
      fn: async () => {
        await anomalies.run(new Date());
      },
    });
  }

  return createOptimiseRouter({
    logger,
    store,
    httpAuth: options.httpAuth,
    permissions: options.permissions,
    catalog,
    measurer: new PeriodMeasurer({
      settings,
      costs,
      slos: entityRef => options.sloStore.listByEntity(entityRef),
    }),
    minVerifySeconds: settings.verifyAfterHours * 3600,
  });
}
