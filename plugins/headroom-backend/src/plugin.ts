import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { headroomPermissions } from '@headroom/plugin-headroom-common';
import { ApiBounds, apiBoundsSettings } from './api/bounds';
import { createApiRouter, DEFAULT_MAX_BODY_BYTES } from './api/router';
import { spanGuard } from './api/spanGuard';
import { AssessmentStore } from './capacity/AssessmentStore';
import { registerCapacityRoutes } from './capacity/routes';
import { recordCatalogSightings } from './capacity/sightings';
import { CatalogSloSync } from './catalog/CatalogSloSync';
import { readCostSettings } from './cost/config';
import { CostStore } from './cost/CostStore';
import { createCostService } from './cost/service';
import { DatabaseSloStore } from './database/DatabaseSloStore';
import { wireDrills } from './drills/wiring';
import { evaluationSettings, SloEvaluator } from './evaluation/SloEvaluator';
import { SloCountStore } from './database/SloCountStore';
import { IncidentService } from './incidents/service';
import { IncidentStore } from './incidents/IncidentStore';
import { ALERTMANAGER_WEBHOOK_PATH, registerIncidentRoutes } from './incidents/routes';
import { incidentSettings } from './incidents/settings';
import { createPrometheusReader } from './lib/prometheus';
import { costStoreReader } from './optimise/costStoreReader';
import { OptimisationStore } from './optimise/OptimisationStore';
import { createOptimiseService } from './optimise/service';
import { optimiseSettings } from './optimise/settings';
import { headroomSloPermissionResourceRef, headroomSloRules } from './permissions/rules';
import { SloService } from './slos/service';
import { registerSloRoutes } from './slos/routes';
import { DeliveryService } from './delivery/service';
import { FLAGGER_WEBHOOK_PATHS, registerDeliveryRoutes } from './delivery/routes';
import { releaseGatePolicy } from './lib/releaseGate';
import { Access } from './service/access';
import { checkedRulesRenderer } from './service/rules';
import { wireChanges } from './changes/wiring';
import { changeSettings } from './changes/settings';
import { wireRunbooks } from './runbooks/wiring';

/**
 * The Headroom backend plugin: REST API, storage, catalog sync and scheduled evaluation. This
 * file only wires: settings, stores and the Prometheus reader are built once here and given to
 * the features, whose routes all go on the one router generated from the OpenAPI document.
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

        // Settings, stores and the Prometheus reader: one of each for the whole plugin.
        const evaluation = evaluationSettings(config);
        const costSettings = readCostSettings(config);
        const optimisation = optimiseSettings(config);
        const prometheus = createPrometheusReader(config);
        const store = await DatabaseSloStore.create({ database });
        const assessments = await AssessmentStore.create({ database });
        const costStore = await CostStore.create({ database });
        const optimisationStore = await OptimisationStore.create({ database });
        const incidentStore = await IncidentStore.create({ database });
        const incidents = incidentSettings(config);
        // Windows and ranges of requests: at most headroom.api.maxWindow (spanGuard).
        const bounds = new ApiBounds(apiBoundsSettings(config, evaluation.stepSeconds), () =>
          store.windowsInUse(),
        );

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

        // When each service was first seen: new-service coverage without the template's annotation.
        await scheduler.scheduleTask({
          id: 'headroom-entity-sightings',
          scope: 'global',
          frequency: { minutes: 10 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 10 },
          fn: async () => {
            await recordCatalogSightings({ catalog, auth, store: assessments, now: new Date() });
          },
        });

        if (evaluation.enabled) {
          const evaluator = new SloEvaluator({
            queue: store.evaluations,
            logger,
            settings: evaluation,
            client: prometheus,
            // What was counted stays in the database: each evaluation reads only the new steps.
            counts:
              evaluation.sampleReads === 'full'
                ? undefined
                : await SloCountStore.create({ database }),
          });
          await scheduler.scheduleTask({
            id: 'headroom-evaluate',
            scope: 'global',
            frequency: { seconds: evaluation.schedulerIntervalSeconds },
            timeout: { minutes: 10 },
            initialDelay: { seconds: Math.min(10, evaluation.schedulerIntervalSeconds) },
            // The task's timeout aborts the pass: reads in flight end, the rest stays due.
            fn: async abortSignal => {
              await evaluator.runDue(new Date(), abortSignal);
            },
          });
        } else {
          logger.info('SLO evaluation is off: no headroom.prometheus.baseUrl configured');
        }

        // Cost (under /cost): scheduled and requested imports.
        const costRoutes = await createCostService({
          logger,
          scheduler,
          store: costStore,
          settings: costSettings,
          prometheus,
          httpAuth,
          auth,
          permissions,
          permissionsRegistry,
          catalog,
        });

        // Optimisation (under /optimise): recommendation and anomaly scans.
        const optimiseRoutes = await createOptimiseService({
          logger,
          scheduler,
          store: optimisationStore,
          settings: optimisation,
          prometheus,
          httpAuth,
          auth,
          permissions,
          catalog,
          sloStore: store,
          assessments,
          costs: costStoreReader(costStore),
        });

        // Drills (under /drills): runs recorded, weak links, the drills' scheduler.
        const drillRoutes = await wireDrills({
          config,
          logger,
          database,
          scheduler,
          httpAuth,
          auth,
          permissions,
          urlReader,
          catalog,
          slos: store,
          prometheus,
          // Runs link to the incidents they raised.
          incidents: new IncidentService({
            store: incidentStore,
            slos: store,
            prometheus,
            settings: incidents,
            logger,
          }),
        });

        // Runbooks (under /runbooks): runs with their audit record, linked to incidents.
        const runbookRoutes = await wireRunbooks({
          config,
          database,
          httpAuth,
          permissions,
          catalog,
          incidents: incidentStore,
          slos: store,
          prometheus,
          logger,
          urlReader,
        });

        // The change log (under /changes): assessments, canary verdicts, automatic rollback.
        const changeRoutes = await wireChanges({
          config,
          database,
          scheduler,
          logger,
          httpAuth,
          permissions,
          catalog,
          slos: store,
          incidentStore,
          prometheus,
        });

        // The SLOs (under /entities/.../slos, /slos, /rollups, /rules, /release-gate).
        const sloAccess = new Access(httpAuth, permissions);

        // Alertmanager cannot send Backstage tokens: the webhook checks its own credentials.
        httpRouter.addAuthPolicy({ path: ALERTMANAGER_WEBHOOK_PATH, allow: 'unauthenticated' });
        // Flagger cannot send Backstage tokens either: its webhooks carry metadata.token.
        for (const path of FLAGGER_WEBHOOK_PATHS) {
          httpRouter.addAuthPolicy({ path, allow: 'unauthenticated' });
        }
        httpRouter.use(
          await createApiRouter({
            logger,
            maxBodyBytes:
              config.getOptionalNumber('headroom.api.maxBodyBytes') ?? DEFAULT_MAX_BODY_BYTES,
            bodyLimits: [
              { path: ALERTMANAGER_WEBHOOK_PATH, maxBytes: incidents.webhookMaxBodyBytes },
            ],
            guards: [
              spanGuard({ bounds, judgeStepSeconds: changeSettings(config).judgeStepSeconds }),
            ],
            routes: [
              router =>
                registerSloRoutes(router, {
                  service: new SloService({
                    config,
                    logger,
                    store,
                    access: sloAccess,
                    catalog,
                    prometheus,
                    evaluation,
                    rules: checkedRulesRenderer(logger),
                  }),
                  access: sloAccess,
                  store,
                  prometheus,
                  evaluation,
                  bounds,
                }),
              router =>
                registerCapacityRoutes(router, {
                  config,
                  auth,
                  logger,
                  store: assessments,
                  httpAuth,
                  permissions,
                  catalog,
                }),
              router =>
                registerIncidentRoutes(router, {
                  service: new IncidentService({
                    store: incidentStore,
                    slos: store,
                    prometheus,
                    settings: incidents,
                    logger,
                  }),
                  settings: incidents,
                  httpAuth,
                  permissions,
                }),
              router =>
                registerDeliveryRoutes(router, {
                  service: new DeliveryService({
                    catalog,
                    store,
                    access: new Access(httpAuth, permissions),
                    policy: releaseGatePolicy(config),
                  }),
                  httpAuth,
                  permissions,
                  flaggerToken: config.getOptionalString('headroom.delivery.flaggerToken'),
                  ownCredentials: () => auth.getOwnServiceCredentials(),
                }),
              costRoutes,
              optimiseRoutes,
              changeRoutes,
              runbookRoutes,
              drillRoutes,
            ],
          }),
        );
      },
    });
  },
});
