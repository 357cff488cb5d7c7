import type {
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { PrometheusClient } from '@headroom/prometheus';
import type { HeadroomApiRouter } from '../api/router';
import type { SloStore } from '../database/types';
import type { IncidentStore } from '../incidents/IncidentStore';
import { IncidentService } from '../incidents/service';
import { incidentSettings } from '../incidents/settings';
import { ChangeStore } from './ChangeStore';
import { registerChangeRoutes } from './routes';
import { ChangeService } from './service';
import { changeSettings } from './settings';

/**
 * The change log (under /changes): its store, the service, the scheduled check of live changes
 * for a page burn, and the routes to put on the plugin's router.
 */
export async function wireChanges(deps: {
  config: RootConfigService;
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  slos: SloStore;
  incidentStore: IncidentStore;
  prometheus: PrometheusClient | undefined;
}): Promise<(router: HeadroomApiRouter) => void> {
  const settings = changeSettings(deps.config);
  const service = new ChangeService({
    store: await ChangeStore.create({ database: deps.database }),
    slos: deps.slos,
    catalog: deps.catalog,
    incidents: new IncidentService({
      store: deps.incidentStore,
      slos: deps.slos,
      prometheus: deps.prometheus,
      settings: incidentSettings(deps.config),
      logger: deps.logger,
    }),
    deploys: deps.incidentStore,
    prometheus: deps.prometheus,
    settings,
    logger: deps.logger,
  });
  await deps.scheduler.scheduleTask({
    id: 'headroom-changes-watch',
    // One replica at a time; the state change makes a double rollback impossible anyway.
    scope: 'global',
    frequency: { seconds: settings.checkIntervalSeconds },
    timeout: { minutes: 5 },
    initialDelay: { seconds: Math.min(15, settings.checkIntervalSeconds) },
    fn: async () => {
      const n = await service.checkLive();
      if (n > 0) deps.logger.info(`${n} live change(s) rolled back on a page burn`);
    },
  });
  return router =>
    registerChangeRoutes(router, {
      service,
      httpAuth: deps.httpAuth,
      permissions: deps.permissions,
    });
}
