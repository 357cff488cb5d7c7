import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { headroomPermissions } from '@headroom/plugin-headroom-common';
import { AssessmentStore } from './capacity/AssessmentStore';
import { createCapacityRouter } from './capacity/router';
import { CatalogSloSync } from './catalog/CatalogSloSync';
import { createCostService } from './cost/setup';
import { DatabaseSloStore } from './database/DatabaseSloStore';
import { evaluationSettings, SloEvaluator } from './evaluation/SloEvaluator';
import { createOptimiseService } from './optimise/setup';
import { headroomSloPermissionResourceRef, headroomSloRules } from './permissions/rules';
import { createRouter } from './service/router';
import { checkedRulesRenderer } from './service/rules';

/**
 * The Headroom backend plugin: REST API, storage, catalog sync and scheduled evaluation.
 *
 * @public
 */
export const headroomPlugin = createBackendPlugin({
  pluginId: 'headroom',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        logger,
        database,
        scheduler,
        httpRouter,
        httpAuth,
        auth,
        permissions,
        permissionsRegistry,
        urlReader,
        catalog,
      }) {
        permissionsRegistry.addResourceType({
          resourceRef: headroomSloPermissionResourceRef,
          permissions: headroomPermissions,
          rules: Object.values(headroomSloRules),
        });

        const store = await DatabaseSloStore.create({ database });

        const sync = new CatalogSloSync({ catalog, auth, reader: urlReader, store, logger });
        const syncSeconds = config.getOptionalNumber('headroom.catalogSync.intervalSeconds') ?? 120;
        await scheduler.scheduleTask({
          id: 'headroom-catalog-sync',
          // One replica at a time: the task lock lives in the database.
          scope: 'global',
          frequency: { seconds: syncSeconds },
          timeout: { minutes: 10 },
          initialDelay: { seconds: Math.min(5, syncSeconds) },
          fn: async () => {
            const r = await sync.run();
            logger.info(
              `SLO files of ${r.entities} entities read: ${r.created} created, ${r.updated} updated, ${r.deleted} deleted, ${r.failed} failed`,
            );
          },
        });

        const evaluation = evaluationSettings(config);
        if (evaluation.enabled) {
          const evaluator = new SloEvaluator({ store, logger, settings: evaluation });
          await scheduler.scheduleTask({
            id: 'headroom-evaluate',
            scope: 'global',
            frequency: { seconds: evaluation.schedulerIntervalSeconds },
            timeout: { minutes: 10 },
            initialDelay: { seconds: Math.min(10, evaluation.schedulerIntervalSeconds) },
            fn: async () => {
              await evaluator.runDue(new Date());
            },
          });
        } else {
          logger.info('SLO evaluation is off: no headroom.prometheus.baseUrl configured');
        }

        // Capacity assessments (under /capacity) are served before the OpenAPI router.
        const assessments = await AssessmentStore.create({ database });
        httpRouter.use(
          await createCapacityRouter({
            config,
            logger,
            store: assessments,
            httpAuth,
            permissions,
            catalog,
          }),
        );

        // Cost (under /cost): storage, scheduled and requested imports, the cost API.
        httpRouter.use(
          await createCostService({
            config,
            logger,
            database,
            scheduler,
            httpAuth,
            auth,
            permissions,
            permissionsRegistry,
            catalog,
          }),
        );

        // Optimisation (under /optimise): recommendations, their lifecycle, cost anomalies.
        httpRouter.use(
          await createOptimiseService({
            config,
            logger,
            database,
            scheduler,
            httpAuth,
            auth,
            permissions,
            catalog,
            sloStore: store,
            assessments,
          }),
        );

        httpRouter.use(
          await createRouter({
            config,
            logger,
            store,
            httpAuth,
            permissions,
            catalog,
            rules: checkedRulesRenderer(logger),
          }),
        );
      },
    });
  },
});
