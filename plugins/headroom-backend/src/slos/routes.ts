import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ReleaseGateRequest, SloInput } from '@headroom/plugin-headroom-common';
import type { PrometheusClient } from '@headroom/prometheus';
import type express from 'express';
import { ApiBounds, apiBoundsSettings } from '../api/bounds';
import { createApiRouter, DEFAULT_MAX_BODY_BYTES, type HeadroomApiRouter } from '../api/router';
import { spanGuard } from '../api/spanGuard';
import type { SloStore } from '../database/types';
import { burndownHandler } from '../evaluation/burndownRoute';
import { evaluationSettings, type EvaluationSettings } from '../evaluation/SloEvaluator';
import { createPrometheusReader } from '../lib/prometheus';
import { releaseGateHttpStatus } from '../lib/releaseGate';
import { sendSerialized } from '../lib/serializedJson';
import { Access } from '../service/access';
import type { RulesRenderer } from '../service/rules';
import { SloService } from './service';

export interface SloRoutesOptions {
  service: SloService;
  access: Access;
  /** What the burndown reads: it is computed from Prometheus on each request. */
  store: SloStore;
  prometheus: PrometheusClient | undefined;
  evaluation: EvaluationSettings;
  /** The bounds of windows and reads; the burndown refuses an SLO whose window is longer. */
  bounds: ApiBounds;
}

/**
 * A router serving the SLO routes alone (the plugin serves every feature on one router: see
 * plugin.ts), for tests of these routes; Prometheus and the evaluation settings from `config`.
 */
export async function createRouter(options: {
  config: RootConfigService;
  logger: LoggerService;
  store: SloStore;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  prometheus?: PrometheusClient;
  evaluation?: EvaluationSettings;
  rules?: RulesRenderer;
}): Promise<express.Router> {
  const { config, logger, store, catalog } = options;
  const evaluation = options.evaluation ?? evaluationSettings(config);
  const prometheus = options.prometheus ?? createPrometheusReader(config);
  const access = new Access(options.httpAuth, options.permissions);
  const bounds = new ApiBounds(apiBoundsSettings(config, evaluation.stepSeconds), () =>
    store.windowsInUse(),
  );
  const service = new SloService({
    config,
    logger,
    store,
    access,
    catalog,
    prometheus,
    evaluation,
    rules: options.rules,
  });
  return createApiRouter({
    logger,
    maxBodyBytes: config.getOptionalNumber('headroom.api.maxBodyBytes') ?? DEFAULT_MAX_BODY_BYTES,
    guards: [spanGuard({ bounds })],
    routes: [
      router =>
        registerSloRoutes(router, { service, access, store, prometheus, evaluation, bounds }),
    ],
  });
}

const DEFAULT_PAGE_LIMIT = 100;
const MAX_PAGE_LIMIT = 1000;
const DEFAULT_SNAPSHOT_LIMIT = 100;

const refOf = (p: { kind: string; namespace: string; name: string }) =>
  stringifyEntityRef({ kind: p.kind, namespace: p.namespace, name: p.name });

/**
 * The SLO routes (SLOs per entity, status, history, burndown, preview, lists, rollups, rules,
 * release gate) on the plugin's OpenAPI router: requests in, the service's answers out.
 */
export function registerSloRoutes(router: HeadroomApiRouter, options: SloRoutesOptions): void {
  const { service, access } = options;

  router.get('/slos', async (req, res) => {
    const credentials = await access.credentials(req);
    const query = req.query as {
      owner?: string;
      lineOfBusiness?: string;
      entityRef?: string;
      limit?: string;
      offset?: string;
    };
    const limit = query.limit === undefined ? DEFAULT_PAGE_LIMIT : Number(query.limit);
    if (limit > MAX_PAGE_LIMIT) {
      throw new InputError(
        `Query parameter limit of ${req.method} ${req.originalUrl} is ${limit}; the maximum is ${MAX_PAGE_LIMIT}`,
      );
    }
    const offset = query.offset === undefined ? 0 : Number(query.offset);
    let entityRef: string | undefined;
    if (query.entityRef !== undefined) {
      try {
        entityRef = stringifyEntityRef(parseEntityRef(query.entityRef));
      } catch (e) {
        throw new InputError(`Query parameter entityRef: ${(e as Error).message}`);
      }
    }
    const filter = {
      ...(query.owner !== undefined ? { ownerRef: query.owner } : {}),
      ...(query.lineOfBusiness !== undefined ? { lineOfBusiness: query.lineOfBusiness } : {}),
      ...(entityRef !== undefined ? { entityRef } : {}),
    };
    sendSerialized(
      res as express.Response,
      await service.listSerialized(credentials, filter, { limit, offset }),
    );
  });

  router.get('/entities/:kind/:namespace/:name/slos', async (req, res) => {
    const credentials = await access.credentials(req);
    res.json({ items: await service.entitySlos(credentials, refOf(req.params)) } as never);
  });

  router.get('/entities/:kind/:namespace/:name/summary', async (req, res) => {
    const credentials = await access.credentials(req);
    res.json((await service.summary(credentials, refOf(req.params))) as never);
  });

  /** Who writes, on which entity, what, and the request to name in errors. */
  const sloWrite = async (req: express.Request) =>
    [
      await access.credentials(req),
      refOf(req.params as { kind: string; namespace: string; name: string }),
      req.body as SloInput,
      `${req.method} ${req.originalUrl}`,
    ] as const;

  router.post('/entities/:kind/:namespace/:name/slos', async (req, res) => {
    res.status(201).json((await service.create(...(await sloWrite(req)))) as never);
  });

  router.post('/entities/:kind/:namespace/:name/slos/preview', async (req, res) => {
    res.json((await service.preview(...(await sloWrite(req)))) as never);
  });

  router.get(
    '/entities/:kind/:namespace/:name/slos/:sloName/burndown',
    burndownHandler({
      store: options.store,
      access,
      prometheus: options.prometheus,
      prometheusUrl: options.evaluation.prometheusUrl,
      sampleStepSeconds: options.evaluation.stepSeconds,
      bounds: options.bounds,
    }),
  );

  router.get('/entities/:kind/:namespace/:name/slos/:sloName', async (req, res) => {
    const credentials = await access.credentials(req);
    res.json((await service.get(credentials, refOf(req.params), req.params.sloName)) as never);
  });

  router.put('/entities/:kind/:namespace/:name/slos/:sloName', async (req, res) => {
    const credentials = await access.credentials(req);
    const updated = await service.update(
      credentials,
      refOf(req.params),
      req.params.sloName,
      req.body as { version: number; slo: SloInput },
      `PUT ${req.originalUrl}`,
    );
    res.json(updated as never);
  });

  router.delete('/entities/:kind/:namespace/:name/slos/:sloName', async (req, res) => {
    const credentials = await access.credentials(req);
    await service.delete(
      credentials,
      refOf(req.params),
      req.params.sloName,
      Number(req.query.version),
    );
    res.status(204).end();
  });

  router.get('/entities/:kind/:namespace/:name/slos/:sloName/history', async (req, res) => {
    const credentials = await access.credentials(req);
    const items = await service.history(credentials, refOf(req.params), req.params.sloName);
    res.json({ items } as never);
  });

  router.get('/entities/:kind/:namespace/:name/slos/:sloName/status', async (req, res) => {
    const credentials = await access.credentials(req);
    const limit = req.query.limit ? Number(req.query.limit) : DEFAULT_SNAPSHOT_LIMIT;
    res.json(
      (await service.status(credentials, refOf(req.params), req.params.sloName, limit)) as never,
    );
  });

  router.get('/rollups/owners', async (req, res) => {
    const credentials = await access.credentials(req);
    res.json({ items: await service.rollup(credentials, 'ownerRef') } as never);
  });

  router.get('/rollups/lines-of-business', async (req, res) => {
    const credentials = await access.credentials(req);
    res.json({ items: await service.rollup(credentials, 'lineOfBusiness') } as never);
  });

  router.get('/rules', async (req, res) => {
    const credentials = await access.credentials(req);
    res.type('application/yaml').send(await service.rules(credentials));
  });

  router.post('/release-gate', async (req, res) => {
    const credentials = await access.credentials(req);
    const result = await service.releaseGate(credentials, req.body as ReleaseGateRequest);
    res.status(releaseGateHttpStatus(result)).json(result as never);
  });
}
