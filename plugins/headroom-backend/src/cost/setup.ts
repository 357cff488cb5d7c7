import type {
  AuthService,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { headroomCostPermissions } from '@headroom/plugin-headroom-common';
import type express from 'express';
import { readCostSettings } from './config';
import { CostImporter } from './CostImporter';
import { CostStore } from './CostStore';
import { createCostRouter } from './router';

export interface CostServiceOptions {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  catalog: CatalogService;
}

/**
 * Cost governance in the backend: reads `headroom.cost`, migrates the cost tables, schedules
 * each source that has a schedule (global scope: one replica imports it), registers the cost
 * permissions and returns the router serving /cost.
 */
export async function createCostService(options: CostServiceOptions): Promise<express.Router> {
  const { config, logger, scheduler } = options;
  const settings = readCostSettings(config);
  const store = await CostStore.create({ database: options.database });
  const importer = new CostImporter({
    store,
    settings,
    catalog: options.catalog,
    auth: options.auth,
    logger,
  });
  options.permissionsRegistry.addPermissions(headroomCostPermissions);
  for (const source of settings.sources) {
    if (!source.schedule) continue;
    await scheduler.scheduleTask({
      id: `headroom-cost-import-${source.id}`,
      scope: 'global',
      frequency: source.schedule,
      timeout: settings.timeout,
      initialDelay: { seconds: 5 },
      fn: async abortSignal => {
        await importer.run(source, 'schedule', null, abortSignal);
      },
    });
  }
  return createCostRouter({
    config,
    logger,
    store,
    importer,
    settings,
    httpAuth: options.httpAuth,
    permissions: options.permissions,
    catalog: options.catalog,
  });
}
