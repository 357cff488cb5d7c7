import type {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { durationToMilliseconds } from '@backstage/types';
import { headroomCostPermissions } from '@headroom/plugin-headroom-common';
import type { PrometheusClient } from '@headroom/prometheus';
import type { RouteRegistration } from '../api/router';
import type { CostSettings } from './config';
import { CostImporter } from './CostImporter';
import type { CostStore } from './CostStore';
import { registerCostRoutes } from './routes';

export interface CostServiceOptions {
  logger: LoggerService;
  scheduler: SchedulerService;
  store: CostStore;
  settings: CostSettings;
  prometheus: PrometheusClient | undefined;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  catalog: CatalogService;
}

/**
 * Cost governance in the backend: schedules each source that has a schedule (global scope: one
 * replica imports it), registers the cost permissions and returns the routes serving /cost.
 */
export async function createCostService(options: CostServiceOptions): Promise<RouteRegistration> {
  const { logger, scheduler, store, settings } = options;
  const importer = new CostImporter({
    store,
    settings,
    catalog: options.catalog,
    auth: options.auth,
    logger,
  });
  options.permissionsRegistry.addPermissions(headroomCostPermissions);
  const now = new Date();
  const abandoned = await store.failAbandonedRuns(
    new Date(now.getTime() - durationToMilliseconds(settings.timeout)),
    now,
  );
  if (abandoned > 0) logger.warn(`${abandoned} cost import run(s) left running were marked failed`);
  for (const source of settings.sources) {
    if (!source.schedule) continue;
    await scheduler.scheduleTask({
      id: `headroom-cost-import-${source.id}`,
      scope: 'global',
      frequency: source.schedule,
      timeout: settings.timeout,
      initialDelay: { seconds: 5 },
      fn: async abortSignal => {
        // Right after a start the catalog may not hold its components yet; attributing then
        // would put the whole bill into unallocated (or fail a shared split), so wait a little.
        const ready = await waitUntil(() => importer.catalogHasComponents(), {
          intervalMs: 5_000,
          timeoutMs: 5 * 60_000,
          signal: abortSignal,
        });
        if (!ready) {
          logger.warn(
            `cost source ${source.id}: the catalog holds no components after 5 minutes; importing anyway`,
          );
        }
        await importer.run(source, 'schedule', null, abortSignal);
      },
    });
  }
  return router =>
    registerCostRoutes(router, {
      logger,
      store,
      importer,
      settings,
      httpAuth: options.httpAuth,
      permissions: options.permissions,
      catalog: options.catalog,
      prometheus: options.prometheus,
    });
}

/**
 * Polls `check` until it answers true; false when `timeoutMs` passed or `signal` aborted first.
 * A check that throws counts as not yet.
 */
export async function waitUntil(
  check: () => Promise<boolean>,
  options: { intervalMs: number; timeoutMs: number; signal?: AbortSignal },
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (options.signal?.aborted) return false;
    if (await check().catch(() => false)) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await new Promise<void>(resolve => {
      const timer = setTimeout(resolve, Math.min(options.intervalMs, left));
      options.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
