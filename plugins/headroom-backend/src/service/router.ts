import type {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { type Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { toOpenSloV1 } from '@headroom/core';
import type { PrometheusClient } from '@headroom/prometheus';
import {
  headroomSloEditPermission,
  headroomSloReadPermission,
  type SloInput,
  type SloRollup,
  type SloWithStatus,
} from '@headroom/plugin-headroom-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type express from 'express';
import { ApiBounds, apiBoundsSettings } from '../api/bounds';
import { createApiRouter, DEFAULT_MAX_BODY_BYTES, type HeadroomApiRouter } from '../api/router';
import { spanGuard } from '../api/spanGuard';
import type { SloFactsRow, SloStore, SloWrite, StoredSlo } from '../database/types';
import { burndownHandler } from '../evaluation/burndownRoute';
import { previewSlo } from '../evaluation/preview';
import { evaluationSettings, type EvaluationSettings } from '../evaluation/SloEvaluator';
import { catalogLookup, lineOfBusinessOf, ownerRefOf } from '../lib/entityContext';
import { createPrometheusReader } from '../lib/prometheus';
import {
  decideRelease,
  releaseGateHttpStatus,
  releaseGatePolicy,
  requireGateEntity,
  withPolicy,
} from '../lib/releaseGate';
import { sloFromInput } from '../lib/sloInput';
import { FreshCache } from '../lib/freshCache';
import { entitySummary, rollup, type SloFacts } from '../lib/summary';
import { Access, authorOf } from './access';
import type { RulesRenderer } from './rules';

export interface RouterOptions {
  config: RootConfigService;
  logger: LoggerService;
  store: SloStore;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  /** The plugin's Prometheus reader; undefined without headroom.prometheus.baseUrl. */
  prometheus: PrometheusClient | undefined;
  evaluation: EvaluationSettings;
  rules?: RulesRenderer;
  /** The bounds of windows and reads; the burndown refuses an SLO whose window is longer. */
  bounds: ApiBounds;
}

const DEFAULT_PAGE_LIMIT = 100;
/**
 * How old the rollups and the list's count may be before they are read again (in the
 * background): writes through this backend are seen at once, statuses and other replicas'
 * writes within this time.
 */
const LIST_MAX_AGE_MS = 5_000;
const MAX_PAGE_LIMIT = 1000;

function toRecord(slo: StoredSlo, status: SloWithStatus['status']): SloWithStatus {
  return {
    id: slo.id,
    entityRef: slo.entityRef,
    name: slo.name,
    displayName: slo.displayName,
    description: slo.description,
    ownerRef: slo.ownerRef,
    lineOfBusiness: slo.lineOfBusiness,
    origin: slo.origin,
    sourceLocation: slo.sourceLocation,
    version: slo.version,
    objective: slo.objective,
    window: slo.window,
    evaluationIntervalSeconds: slo.evaluationIntervalSeconds,
    createdAt: slo.createdAt.toISOString(),
    updatedAt: slo.updatedAt.toISOString(),
    updatedBy: slo.updatedBy,
    definition: toOpenSloV1(slo.definition),
    status,
  };
}

/**
 * A router serving the SLO routes alone (the plugin serves every feature on one router: see
 * plugin.ts), for tests of these routes; Prometheus and the evaluation settings from `config`.
 */
export async function createRouter(
  options: Omit<RouterOptions, 'prometheus' | 'evaluation' | 'bounds'> &
    Partial<Pick<RouterOptions, 'prometheus' | 'evaluation'>>,
): Promise<express.Router> {
  const { config } = options;
  const evaluation = options.evaluation ?? evaluationSettings(config);
  const bounds = new ApiBounds(apiBoundsSettings(config, evaluation.stepSeconds), () =>
    options.store.windowsInUse(),
  );
  return createApiRouter({
    logger: options.logger,
    maxBodyBytes: config.getOptionalNumber('headroom.api.maxBodyBytes') ?? DEFAULT_MAX_BODY_BYTES,
    guards: [spanGuard({ bounds })],
    routes: [
      router =>
        registerSloRoutes(router, {
          ...options,
          prometheus: options.prometheus ?? createPrometheusReader(config),
          evaluation,
          bounds,
        }),
    ],
  });
}

/**
 * The SLO routes (SLOs per entity, status, history, burndown, preview, lists, rollups, rules,
 * release gate) on the plugin's OpenAPI router.
 */
export function registerSloRoutes(router: HeadroomApiRouter, options: RouterOptions): void {
  const { config, store, catalog, prometheus, evaluation } = options;
  const access = new Access(options.httpAuth, options.permissions);
  const gatePolicy = releaseGatePolicy(config);

  /** Counts of the SLO list per filter, while every SLO is readable. */
  const listCounts = new FreshCache<number>({
    maxAgeMs: LIST_MAX_AGE_MS,
    generation: () => store.definitionsWritten,
    onError: error => options.logger.warn(`Counting the SLOs failed: ${error}`),
  });

  const refOf = (p: { kind: string; namespace: string; name: string }) =>
    stringifyEntityRef({ kind: p.kind, namespace: p.namespace, name: p.name });

  const facts = async (slos: StoredSlo[]): Promise<SloFacts[]> => {
    const statuses = await store.getStatuses(
      slos.map(s => s.id),
      new Date(),
    );
    return slos.map(s => ({
      entityRef: s.entityRef,
      name: s.name,
      displayName: s.displayName,
      objective: s.objective,
      window: s.window,
      ownerRef: s.ownerRef,
      lineOfBusiness: s.lineOfBusiness,
      status: statuses.get(s.id),
    }));
  };

  /** The entity's SLOs the caller may read; 403 when the caller may read none of them. */
  const readableSlos = async (credentials: BackstageCredentials, entityRef: string) => {
    const slos = await store.listByEntity(entityRef);
    const canRead = await access.filter(credentials, headroomSloReadPermission);
    const ownerRef = slos[0]?.ownerRef ?? null;
    if (!canRead({ entityRef, ownerRef })) {
      await access.require(credentials, headroomSloReadPermission, { entityRef, ownerRef });
    }
    return slos;
  };

  /** The same for summaries and the gate: one query, no definitions parsed. */
  const readableFacts = async (credentials: BackstageCredentials, entityRef: string) => {
    const rows = await store.listFactsByEntity(entityRef, new Date());
    await access.require(credentials, headroomSloReadPermission, {
      entityRef,
      ownerRef: rows[0]?.ownerRef ?? null,
    });
    return rows;
  };

  const loadEntity = async (
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> => {
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    return entity;
  };

  /** The entity's owner and line of business from the catalog, and the edit permission check. */
  const editContext = async (req: express.Request, entityRef: string) => {
    const credentials = await access.credentials(req);
    const entity = await loadEntity(entityRef, credentials);
    const ownerRef = ownerRefOf(entity);
    await access.require(credentials, headroomSloEditPermission, { entityRef, ownerRef });
    const lineOfBusiness = await lineOfBusinessOf(entity, catalogLookup(catalog, credentials));
    return { credentials, entity, ownerRef, lineOfBusiness };
  };

  const buildWrite = (
    input: SloInput,
    ctx: { entity: Entity; ownerRef: string | null; lineOfBusiness: string | null },
    entityRef: string,
    where: string,
  ): SloWrite => {
    const built = sloFromInput(input, {
      service: ctx.entity.metadata.name,
      ...(ctx.ownerRef ? { owner: ctx.ownerRef } : {}),
      ...(ctx.lineOfBusiness ? { lineOfBusiness: ctx.lineOfBusiness } : {}),
      where,
    });
    if (!built.slo) {
      throw new InputError(`Invalid SLO: ${built.messages.join('; ')}`);
    }
    return {
      entityRef,
      name: input.name,
      origin: 'api',
      sourceLocation: null,
      ownerRef: ctx.ownerRef,
      lineOfBusiness: ctx.lineOfBusiness,
      displayName: input.displayName ?? null,
      description: input.description ?? null,
      objective: input.objective,
      window: input.window,
      evaluationIntervalSeconds: input.evaluationIntervalSeconds ?? null,
      definition: built.slo,
      input,
    };
  };

  const requireApiOrigin = (slo: StoredSlo) => {
    if (slo.origin === 'file') {
      throw new InputError(
        `SLO '${slo.name}' of ${slo.entityRef} is defined in ${slo.sourceLocation ?? 'a file'}; change it there`,
      );
    }
  };

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
    const decision = await access.decide(credentials, headroomSloReadPermission);
    const filter = {
      ...(query.owner !== undefined ? { ownerRef: query.owner } : {}),
      ...(query.lineOfBusiness !== undefined ? { lineOfBusiness: query.lineOfBusiness } : {}),
      ...(entityRef !== undefined ? { entityRef } : {}),
    };
    if (decision.key === AuthorizeResult.ALLOW) {
      // Every SLO is readable: the database pages, and the count is kept (see listCounts).
      const [page, totalCount] = await Promise.all([
        store.listWithStatus(filter, new Date(), { limit, offset }),
        listCounts.get(JSON.stringify(filter), () => store.countMatching(filter)),
      ]);
      res.json({
        items: page.map(({ slo, status }) => toRecord(slo, status ?? null)),
        totalCount,
      } as never);
      return;
    }
    // A conditional decision is evaluated here, so paging happens after filtering by it.
    const readable = (await store.listWithStatus(filter, new Date())).filter(({ slo }) =>
      decision.allows({ entityRef: slo.entityRef, ownerRef: slo.ownerRef }),
    );
    res.json({
      items: readable
        .slice(offset, offset + limit)
        .map(({ slo, status }) => toRecord(slo, status ?? null)),
      totalCount: readable.length,
    } as never);
  });

  router.get('/entities/:kind/:namespace/:name/slos', async (req, res) => {
    const credentials = await access.credentials(req);
    const entityRef = refOf(req.params);
    const slos = await readableSlos(credentials, entityRef);
    const statuses = await store.getStatuses(
      slos.map(s => s.id),
      new Date(),
    );
    res.json({ items: slos.map(s => toRecord(s, statuses.get(s.id) ?? null)) } as never);
  });

  router.get('/entities/:kind/:namespace/:name/summary', async (req, res) => {
    const credentials = await access.credentials(req);
    const entityRef = refOf(req.params);
    res.json(entitySummary(entityRef, await readableFacts(credentials, entityRef)) as never);
  });

  router.post('/entities/:kind/:namespace/:name/slos', async (req, res) => {
    const entityRef = refOf(req.params);
    const input = req.body as SloInput;
    const ctx = await editContext(req, entityRef);
    const write = buildWrite(input, ctx, entityRef, `POST ${req.originalUrl}`);
    const created = await store.create(write, authorOf(ctx.credentials));
    options.logger.info(`SLO '${created.name}' of ${entityRef} created by ${created.updatedBy}`);
    res.status(201).json(toRecord(created, null) as never);
  });

  router.post('/entities/:kind/:namespace/:name/slos/preview', async (req, res) => {
    const entityRef = refOf(req.params);
    const ctx = await editContext(req, entityRef);
    const { definition } = buildWrite(
      req.body as SloInput,
      ctx,
      entityRef,
      `POST ${req.originalUrl}`,
    );
    if (!prometheus) {
      throw new ServiceUnavailableError(
        'SLO preview needs Prometheus, and no headroom.prometheus.baseUrl is configured',
      );
    }
    let preview;
    try {
      preview = await previewSlo(prometheus, definition, new Date(), evaluation.stepSeconds);
    } catch (error) {
      throw new ServiceUnavailableError(
        `SLO '${definition.name}' of ${entityRef} could not be evaluated: ${(error as Error).message}`,
      );
    }
    res.json(preview as never);
  });

  router.get(
    '/entities/:kind/:namespace/:name/slos/:sloName/burndown',
    burndownHandler({
      store,
      access,
      prometheus,
      prometheusUrl: evaluation.prometheusUrl,
      sampleStepSeconds: evaluation.stepSeconds,
      bounds: options.bounds,
    }),
  );

  router.get('/entities/:kind/:namespace/:name/slos/:sloName', async (req, res) => {
    const credentials = await access.credentials(req);
    const entityRef = refOf(req.params);
    const slo = await store.get(entityRef, req.params.sloName);
    if (!slo) throw new NotFoundError(`${entityRef} has no SLO named '${req.params.sloName}'`);
    await access.require(credentials, headroomSloReadPermission, {
      entityRef,
      ownerRef: slo.ownerRef,
    });
    const statuses = await store.getStatuses([slo.id], new Date());
    res.json(toRecord(slo, statuses.get(slo.id) ?? null) as never);
  });

  router.put('/entities/:kind/:namespace/:name/slos/:sloName', async (req, res) => {
    const entityRef = refOf(req.params);
    const body = req.body as { version: number; slo: SloInput };
    const ctx = await editContext(req, entityRef);
    if (body.slo.name !== req.params.sloName) {
      throw new InputError(
        `Body field slo.name '${body.slo.name}' differs from the SLO in the path '${req.params.sloName}'; renaming is not supported`,
      );
    }
    const current = await store.get(entityRef, req.params.sloName);
    if (!current) throw new NotFoundError(`${entityRef} has no SLO named '${req.params.sloName}'`);
    requireApiOrigin(current);
    const write = buildWrite(body.slo, ctx, entityRef, `PUT ${req.originalUrl}`);
    const updated = await store.update(write, body.version, authorOf(ctx.credentials));
    const statuses = await store.getStatuses([updated.id], new Date());
    res.json(toRecord(updated, statuses.get(updated.id) ?? null) as never);
  });

  router.delete('/entities/:kind/:namespace/:name/slos/:sloName', async (req, res) => {
    const entityRef = refOf(req.params);
    const ctx = await editContext(req, entityRef);
    const current = await store.get(entityRef, req.params.sloName);
    if (!current) throw new NotFoundError(`${entityRef} has no SLO named '${req.params.sloName}'`);
    requireApiOrigin(current);
    await store.delete(
      entityRef,
      req.params.sloName,
      Number(req.query.version),
      authorOf(ctx.credentials),
    );
    res.status(204).end();
  });

  router.get('/entities/:kind/:namespace/:name/slos/:sloName/history', async (req, res) => {
    const credentials = await access.credentials(req);
    const entityRef = refOf(req.params);
    const history = await store.history(entityRef, req.params.sloName);
    if (history.length === 0) {
      throw new NotFoundError(
        `${entityRef} has no SLO named '${req.params.sloName}' and never had`,
      );
    }
    const current = await store.get(entityRef, req.params.sloName);
    await access.require(credentials, headroomSloReadPermission, {
      entityRef,
      ownerRef: current?.ownerRef ?? null,
    });
    res.json({ items: history } as never);
  });

  router.get('/entities/:kind/:namespace/:name/slos/:sloName/status', async (req, res) => {
    const credentials = await access.credentials(req);
    const entityRef = refOf(req.params);
    const slo = await store.get(entityRef, req.params.sloName);
    if (!slo) throw new NotFoundError(`${entityRef} has no SLO named '${req.params.sloName}'`);
    await access.require(credentials, headroomSloReadPermission, {
      entityRef,
      ownerRef: slo.ownerRef,
    });
    const limit = req.query.limit ? Number(req.query.limit) : 100;
    const statuses = await store.getStatuses([slo.id], new Date());
    const snapshots = await store.listSnapshots(slo.id, { limit });
    res.json({ status: statuses.get(slo.id) ?? null, snapshots } as never);
  });

  /** Every SLO's facts, read at most every few seconds for the rollups. */
  const allFacts = new FreshCache<SloFactsRow[]>({
    maxAgeMs: LIST_MAX_AGE_MS,
    generation: () => store.definitionsWritten,
    maxKeys: 1,
    onError: error => options.logger.warn(`Reading the SLOs for the rollups failed: ${error}`),
  });
  /** The rollups per permission decision and dimension, folded once per facts read. */
  const rollups = new FreshCache<SloRollup[]>({
    maxAgeMs: LIST_MAX_AGE_MS,
    generation: () => store.definitionsWritten,
    onError: error => options.logger.warn(`Rolling the SLOs up failed: ${error}`),
  });
  const rollupFor = async (req: express.Request, by: 'ownerRef' | 'lineOfBusiness') => {
    const credentials = await access.credentials(req);
    const decision = await access.decide(credentials, headroomSloReadPermission);
    return rollups.get(`${by}:${decision.key}`, async () => {
      const all = await allFacts.get('all', () => store.listAllFacts(new Date()));
      const readable =
        decision.key === AuthorizeResult.ALLOW
          ? all
          : all.filter(s => decision.allows({ entityRef: s.entityRef, ownerRef: s.ownerRef }));
      return rollup(readable, s => s[by]);
    });
  };

  const allReadableFacts = async (req: express.Request) => {
    const credentials = await access.credentials(req);
    const canRead = await access.filter(credentials, headroomSloReadPermission);
    const slos = (await store.listAll()).filter(s =>
      canRead({ entityRef: s.entityRef, ownerRef: s.ownerRef }),
    );
    return { slos, facts: await facts(slos) };
  };

  router.get('/rollups/owners', async (req, res) => {
    res.json({ items: await rollupFor(req, 'ownerRef') } as never);
  });

  router.get('/rollups/lines-of-business', async (req, res) => {
    res.json({ items: await rollupFor(req, 'lineOfBusiness') } as never);
  });

  router.get('/rules', async (req, res) => {
    const { slos } = await allReadableFacts(req);
    if (!options.rules) {
      throw new NotFoundError('Rule generation is not available in this backend');
    }
    const text = options.rules(slos.map(s => s.definition));
    res.type('application/yaml').send(text);
  });

  router.post('/release-gate', async (req, res) => {
    const credentials = await access.credentials(req);
    const body = req.body as {
      entityRef: string;
      minBudgetRemaining?: number;
      maxStatusAgeSeconds?: number;
    };
    let entityRef: string;
    try {
      entityRef = stringifyEntityRef(parseEntityRef(body.entityRef));
    } catch (e) {
      throw new InputError(`Body field entityRef: ${(e as Error).message}`);
    }
    await requireGateEntity(catalog, entityRef, credentials);
    const policy = withPolicy(
      {
        minBudgetRemaining: body.minBudgetRemaining,
        maxStatusAgeSeconds: body.maxStatusAgeSeconds,
      },
      gatePolicy,
    );
    const result = decideRelease(entityRef, await readableFacts(credentials, entityRef), policy);
    res.status(releaseGateHttpStatus(result)).json(result as never);
  });
}
