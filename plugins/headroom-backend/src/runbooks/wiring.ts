import type {
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { groupIncidents, mergeAlerts } from '@headroom/core';
import type { PrometheusClient } from '@headroom/prometheus';
import type { HeadroomApiRouter } from '../api/router';
import type { SloStore } from '../database/types';
import type { IncidentStore } from '../incidents/IncidentStore';
import { IncidentService } from '../incidents/service';
import { incidentSettings } from '../incidents/settings';
import { incidentForRun, LINK_SLACK_SECONDS } from './link';
import { registerRunbookRoutes } from './routes';
import { loadEntityRunbooks } from './runbookFile';
import { RunbookStore } from './RunbookStore';
import { RunbookService } from './service';

/** How far back an incident may have begun and still be open when a run's alert fired. */
const INCIDENT_LOOKBACK_SECONDS = 6 * 3600;

/** Runbook runs (under /runbooks): the store, the service and its routes. */
export async function wireRunbooks(options: {
  config: RootConfigService;
  database: DatabaseService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  incidents: IncidentStore;
  slos: SloStore;
  prometheus: PrometheusClient | undefined;
  logger: LoggerService;
  urlReader: UrlReaderService;
}): Promise<(router: HeadroomApiRouter) => void> {
  const store = await RunbookStore.create({ database: options.database });
  const settings = incidentSettings(options.config);
  const severity = settings.severity;
  // The incidents as the incidents routes derive them, for the MTTR split.
  const incidents = new IncidentService({
    store: options.incidents,
    slos: options.slos,
    prometheus: options.prometheus,
    settings,
    logger: options.logger,
  });
  const service = new RunbookService({
    store,
    // Incidents are derived from the received alerts by core, as the incidents routes do.
    findIncident: async (svc, at) => {
      const alerts = await options.incidents.alerts({
        from: at - LINK_SLACK_SECONDS,
        to: at + LINK_SLACK_SECONDS,
        margin: INCIDENT_LOOKBACK_SECONDS,
      });
      const drafts = groupIncidents(mergeAlerts(alerts), severity);
      return incidentForRun(
        drafts.map(d => ({
          id: d.id,
          service: d.target.service,
          detectedAt: d.detectedAt,
          resolvedAt: d.resolvedAt,
        })),
        svc,
        at,
      );
    },
  });
  return router =>
    registerRunbookRoutes(router, {
      service,
      httpAuth: options.httpAuth,
      permissions: options.permissions,
      catalog: options.catalog,
      listIncidents: period => incidents.list(period),
      loadRunbooks: entity => loadEntityRunbooks(entity, options.urlReader),
      slosOf: async entityRef =>
        (await options.slos.listByEntity(entityRef)).map(s => s.definition),
      slosIn: async lineOfBusiness =>
        (await options.slos.listAll()).filter(
          s => lineOfBusiness === undefined || s.lineOfBusiness === lineOfBusiness,
        ),
    });
}
