import type {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { PrometheusClient } from '@headroom/prometheus';
import type { RouteRegistration } from '../api/router';
import type { AssessmentStore } from '../capacity/AssessmentStore';
import type { SloStore } from '../database/types';
import { fetchDriverValues } from '../cost/drivers';
import { AnomalyScanner } from './AnomalyScanner';
import type { EntityCostReader } from './costData';
import { catalogServices } from './entities';
import { PeriodMeasurer } from './measure';
import { OptimisationScanner } from './OptimisationScanner';
import type { OptimisationStore } from './OptimisationStore';
import { registerOptimiseRoutes } from './routes';
import type { OptimiseSettings } from './settings';

export interface OptimiseServiceOptions {
  logger: LoggerService;
  scheduler: SchedulerService;
  store: OptimisationStore;
  settings: OptimiseSettings;
  /** The plugin's Prometheus reader; undefined when none is configured. */
  prometheus: PrometheusClient | undefined;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  sloStore: SloStore;
  assessments: AssessmentStore;
  /** Cost per entity and period (the cost store's effective cost per day). */
  costs: EntityCostReader;
}

/**
 * Optimisation in the backend: schedules the recommendation scan and the cost anomaly scan
 * (global scope: one replica runs each) and returns the routes serving /optimise.
 */
export async function createOptimiseService(
  options: OptimiseServiceOptions,
): Promise<RouteRegistration> {
  const { logger, scheduler, catalog, auth, store, settings, costs, prometheus } = options;

  if (settings.enabled && prometheus) {
    const scanner = new OptimisationScanner({
      store,
      client: prometheus,
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

  const measurer = new PeriodMeasurer({
    settings,
    client: prometheus,
    costs,
    slos: entityRef => options.sloStore.listByEntity(entityRef),
  });
  return router =>
    registerOptimiseRoutes(router, {
      logger,
      store,
      httpAuth: options.httpAuth,
      permissions: options.permissions,
      catalog,
      measurer,
      minVerifySeconds: settings.verifyAfterHours * 3600,
    });
}
