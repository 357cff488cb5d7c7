import type {
  AuthService,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { PrometheusClient } from '@headroom/prometheus';
import type { RouteRegistration } from '../api/router';
import type { SloStore } from '../database/types';
import type { IncidentService } from '../incidents/service';
import { CommandDrillExecutor } from './commandExecutor';
import { DrillRunStore } from './DrillRunStore';
import { registerDrillRoutes } from './routes';
import { DrillScheduler } from './scheduler';
import { DrillService } from './service';
import { drillSettings } from './settings';

/**
 * Builds the drills feature: settings, store, service, the scheduler's task (it always runs, so
 * that held drills say why; it runs drills only with a runner configured) and the routes.
 */
export async function wireDrills(deps: {
  config: Config;
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  urlReader: UrlReaderService;
  catalog: CatalogService;
  slos: SloStore;
  prometheus: PrometheusClient | undefined;
  incidents?: Pick<IncidentService, 'list'>;
}): Promise<RouteRegistration> {
  const settings = drillSettings(deps.config);
  const store = await DrillRunStore.create({ database: deps.database });
  const service = new DrillService({
    store,
    slos: deps.slos,
    catalog: deps.catalog,
    auth: deps.auth,
    reader: deps.urlReader,
    settings,
    logger: deps.logger,
    ...(deps.incidents ? { incidents: deps.incidents } : {}),
  });
  const { simulatorUrl, prometheusUrl, command } = settings.scheduler;
  const executor =
    settings.scheduler.enabled && simulatorUrl && prometheusUrl && deps.prometheus
      ? new CommandDrillExecutor({
          command,
          simulatorUrl,
          prometheusUrl,
          prometheus: deps.prometheus,
          slos: deps.slos,
          service,
        })
      : undefined;
  const drills = new DrillScheduler({
    service,
    store,
    slos: deps.slos,
    executor,
    logger: deps.logger,
  });
  await deps.scheduler.scheduleTask({
    id: 'headroom-drills',
    // One replica at a time: two replicas must never put the same fault in twice.
    scope: 'global',
    frequency: { seconds: settings.scheduler.intervalSeconds },
    timeout: { hours: 3 },
    initialDelay: { seconds: 20 },
    fn: async () => {
      const r = await drills.tick(Date.now() / 1000);
      if (r.due > 0) {
        deps.logger.info(`drills: ${r.due} due, ${r.ran} ran, ${r.held} held, ${r.failed} failed`);
      }
    },
  });
  return router =>
    registerDrillRoutes(router, {
      service,
      httpAuth: deps.httpAuth,
      permissions: deps.permissions,
    });
}
