import type {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { parseMoney, verifySaving, type PeriodObservation } from '@headroom/core';
import {
  headroomSloEditPermission,
  headroomSloReadPermission,
  type OptimisationExportFormat,
  type OptimisationStatus,
} from '@headroom/plugin-headroom-common';
import type express from 'express';
import { stringify } from 'yaml';
import type { HeadroomApiRouter } from '../api/router';
import { ownerRefOf } from '../lib/entityContext';
import { Access, authorOf } from '../service/access';
import { anomalyJson, recommendationJson, totalsOf } from './json';
import { assertAllowed, step, type MeasuredPeriod, type StepRequest } from './lifecycle';
import type { PeriodMeasurer } from './measure';
import type { OptimisationStore } from './OptimisationStore';
import type { RecommendationFilter, StoredRecommendation } from './types';

export interface OptimiseRoutesOptions {
  logger: LoggerService;
  store: OptimisationStore;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  /** Measures periods for verification; without it, verify needs the periods in the body. */
  measurer?: PeriodMeasurer;
  /** A change is verified after at least this long, seconds. Default a day. */
  minVerifySeconds?: number;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
}

const MAX_PERIOD_SECONDS = 30 * 86_400;

// Bodies and parameters arrive checked against the OpenAPI document (fields, types, enums,
// sizes); what is left here is what a schema cannot say: times, money, order between fields.
type Body = Record<string, unknown>;

function optionalText(body: Body, field: string): string | undefined {
  const v = body[field];
  return typeof v === 'string' ? v.trim() : undefined;
}

/** A time as ISO 8601 or unix seconds (unix milliseconds when it has 12 digits or more). */
export function parseTime(value: unknown, name: string, where: string): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let ms: number;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value))) {
    const n = Number(value);
    ms = n >= 1e11 ? n : n * 1000;
  } else if (typeof value === 'string') {
    ms = Date.parse(value);
  } else {
    ms = Number.NaN;
  }
  if (!Number.isFinite(ms)) {
    throw new InputError(
      `${name} of ${where} must be an ISO 8601 time or unix seconds, got ${JSON.stringify(value)}`,
    );
  }
  return new Date(ms);
}

function queryText(req: express.Request, name: string): string | undefined {
  const v = req.query[name];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** An entity ref from a parameter, with default kind and namespace; 400 naming it otherwise. */
export function entityRefParam(
  value: string,
  name: string,
  where: string,
  defaultKind = 'component',
): string {
  try {
    return stringifyEntityRef(parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }));
  } catch (e) {
    throw new InputError(`${name} of ${where} must be an entity ref: ${(e as Error).message}`);
  }
}

function observationOf(value: unknown, field: string, where: string): MeasuredPeriod {
  const o = value as Body;
  const from = parseTime(o.from, `Body field ${field}.from`, where);
  const to = parseTime(o.to, `Body field ${field}.to`, where);
  if (!from || !to)
    throw new InputError(`Body fields ${field}.from and ${field}.to of ${where} are required`);
  if (!(to > from))
    throw new InputError(`Body field ${field}.to of ${where} must be after ${field}.from`);
  const cost = typeof o.cost === 'string' ? parseMoney(o.cost) : undefined;
  if (cost === undefined) {
    throw new InputError(
      `Body field ${field}.cost of ${where} must be a decimal string like "1234.50"`,
    );
  }
  if (typeof o.driver !== 'number' || !(o.driver > 0) || !Number.isFinite(o.driver)) {
    throw new InputError(
      `Body field ${field}.driver of ${where} must be a positive number (the driver's volume)`,
    );
  }
  const observation: PeriodObservation = {
    cost,
    driver: o.driver,
    seconds: (to.getTime() - from.getTime()) / 1000,
  };
  if (o.slo !== undefined) {
    const s = o.slo as { good: number; total: number };
    if (!(s.good >= 0 && s.total >= s.good)) {
      throw new InputError(
        `Body field ${field}.slo of ${where} must be { good, total } with 0 ≤ good ≤ total`,
      );
    }
    observation.slo = { good: s.good, total: s.total };
  }
  if (typeof o.burnRate === 'number') observation.burnRate = o.burnRate;
  return { from, to, observation };
}

/**
 * The optimisation API under /optimise: recommendations (lists with savings totals, one, the
 * lifecycle steps, exports) and cost anomalies. Reads need the SLO read permission on the
 * entity; steps need the SLO edit permission (policies grant it to the owning group).
 */
export function registerOptimiseRoutes(
  router: HeadroomApiRouter,
  options: OptimiseRoutesOptions,
): void {
  const { store, catalog } = options;
  const now = options.now ?? (() => new Date());
  const minVerifySeconds = options.minVerifySeconds ?? 86_400;
  const access = new Access(options.httpAuth, options.permissions);

  const readable = async (credentials: BackstageCredentials, recs: StoredRecommendation[]) => {
    const canRead = await access.filter(credentials, headroomSloReadPermission);
    return recs.filter(r => canRead({ entityRef: r.entityRef, ownerRef: r.ownerRef }));
  };
  const list = async (
    req: express.Request,
    res: express.Response,
    filter: RecommendationFilter,
  ) => {
    const credentials = await access.credentials(req);
    const status = queryText(req, 'status');
    const recs = await readable(
      credentials,
      await store.list({ ...filter, ...(status ? { status: status as OptimisationStatus } : {}) }),
    );
    res.json({ items: recs.map(recommendationJson), totals: totalsOf(recs) } as never);
  };

  const readOne = async (credentials: BackstageCredentials, id: string) => {
    const rec = await store.get(id);
    if (!rec) throw new NotFoundError(`No optimisation recommendation ${id}`);
    await access.require(credentials, headroomSloReadPermission, {
      entityRef: rec.entityRef,
      ownerRef: rec.ownerRef,
    });
    return rec;
  };

  router.get('/optimise/recommendations', async (req, res) => {
    const where = `GET ${req.originalUrl}`;
    const entityRef = queryText(req, 'entityRef');
    const lob = queryText(req, 'lob');
    const owner = queryText(req, 'owner');
    await list(req, res, {
      ...(entityRef
        ? { entityRef: entityRefParam(entityRef, 'Query parameter entityRef', where) }
        : {}),
      ...(lob ? { lineOfBusiness: lob } : {}),
      ...(owner
        ? { ownerRef: entityRefParam(owner, 'Query parameter owner', where, 'group') }
        : {}),
    });
  });

  router.get('/optimise/entities/:kind/:namespace/:name/recommendations', async (req, res) => {
    const { kind, namespace, name } = req.params;
    await list(req, res, { entityRef: stringifyEntityRef({ kind, namespace, name }) });
  });

  router.get('/optimise/lines-of-business/:lob/recommendations', async (req, res) => {
    await list(req, res, { lineOfBusiness: req.params.lob });
  });

  router.get('/optimise/recommendations/:id', async (req, res) => {
    const credentials = await access.credentials(req);
    res.json(recommendationJson(await readOne(credentials, req.params.id)) as never);
  });

  router.get('/optimise/recommendations/:id/export', async (req, res) => {
    const credentials = await access.credentials(req);
    const format = req.query.format;
    const rec = await readOne(credentials, req.params.id);
    const object = rec.detail.exports[format as OptimisationExportFormat];
    if (!object) {
      throw new NotFoundError(
        `Recommendation ${rec.id} has no ${format} export` +
          (format === 'keda' ? ': it has no scale-down windows' : '') +
          ` (available: ${rec.detail.exportFormats.join(', ') || 'none'})`,
      );
    }
    res
      .type('application/yaml')
      .set(
        'content-disposition',
        `attachment; filename="${rec.detail.workload.name}-${format}.yaml"`,
      )
      .send(
        `# ${rec.entityRef} ${rec.resource}: ${rec.detail.action}, ${rec.expectedMonthlySaving} ${rec.currency} a month (recommendation ${rec.id})\n` +
          stringify(object),
      );
  });

  /** Runs one step as the caller, after checking they may edit the entity. */
  const transition =
    (action: 'accept' | 'reject' | 'apply' | 'rollback' | 'verify') =>
    async (req: express.Request<{ id: string }>, res: express.Response) => {
      const where = `POST ${req.originalUrl}`;
      const credentials = await access.credentials(req);
      const body = (req.body ?? {}) as Body;
      const version = typeof body.version === 'number' ? body.version : undefined;
      const rec = await store.get(req.params.id);
      if (!rec) throw new NotFoundError(`No optimisation recommendation ${req.params.id}`);
      const entity = await catalog.getEntityByRef(rec.entityRef, { credentials });
      const ownerRef = entity ? ownerRefOf(entity) : rec.ownerRef;
      await access.require(credentials, headroomSloEditPermission, {
        entityRef: rec.entityRef,
        ownerRef,
      });
      // Before measuring anything: a step the status does not allow is a 409 naming the allowed ones.
      assertAllowed(rec, action);
      const by = authorOf(credentials);
      const at = now();
      let request: StepRequest;
      if (action === 'verify') {
        request = await verification(rec, body, by, at, where);
      } else {
        const reason = optionalText(body, 'reason');
        if (action === 'reject' && reason === undefined) {
          throw new InputError(`Body field reason of ${where} is required: say why it is rejected`);
        }
        const when = action === 'apply' ? (parseTime(body.at, 'Body field at', where) ?? at) : at;
        if (when > at) throw new InputError(`Body field at of ${where} must not be in the future`);
        request =
          action === 'reject'
            ? { type: 'reject', by, at: when, reason: reason! }
            : { type: action, by, at: when, ...(reason !== undefined ? { reason } : {}) };
      }
      const updated = await store.transition(
        rec.id,
        version,
        current => step(current, request),
        at,
      );
      options.logger.info(
        `Recommendation ${rec.id} of ${rec.entityRef}: ${action} by ${by} → ${updated.status}`,
      );
      res.json(recommendationJson(updated) as never);
    };

  const verification = async (
    rec: StoredRecommendation,
    body: Body,
    by: string,
    at: Date,
    where: string,
  ): Promise<StepRequest> => {
    let before: MeasuredPeriod;
    let after: MeasuredPeriod;
    if (body.before !== undefined || body.after !== undefined) {
      if (body.before === undefined || body.after === undefined) {
        throw new InputError(`Body of ${where} must give both before and after, or neither`);
      }
      before = observationOf(body.before, 'before', where);
      after = observationOf(body.after, 'after', where);
    } else {
      const applied = [...rec.history].reverse().find(e => e.status === 'applied');
      const appliedAt = new Date(applied!.at);
      const elapsed = (at.getTime() - appliedAt.getTime()) / 1000;
      if (elapsed < minVerifySeconds) {
        throw new ConflictError(
          `Recommendation ${rec.id} was applied ${Math.floor(elapsed / 3600)} h ago: verify after at least ` +
            `${minVerifySeconds / 3600} h of traffic, or give before and after in the body`,
        );
      }
      if (!options.measurer) {
        throw new ConflictError(
          'Periods cannot be measured without headroom.prometheus.baseUrl: give before and after in the body',
        );
      }
      const length = Math.min(elapsed, MAX_PERIOD_SECONDS) * 1000;
      after = await options.measurer.measure(
        rec,
        appliedAt,
        new Date(appliedAt.getTime() + length),
      );
      before = await options.measurer.measure(
        rec,
        new Date(appliedAt.getTime() - length),
        appliedAt,
      );
    }
    let verification;
    try {
      verification = verifySaving({
        before: before.observation,
        after: after.observation,
        promisedMonthlySaving: parseMoney(rec.expectedMonthlySaving) ?? 0n,
      });
    } catch (e) {
      throw new ConflictError(`Cannot verify recommendation ${rec.id}: ${(e as Error).message}`);
    }
    return { type: 'verify', by, at, verification, before, after };
  };

  router.post('/optimise/recommendations/:id/accept', transition('accept'));
  router.post('/optimise/recommendations/:id/reject', transition('reject'));
  router.post('/optimise/recommendations/:id/apply', transition('apply'));
  router.post('/optimise/recommendations/:id/rollback', transition('rollback'));
  router.post('/optimise/recommendations/:id/verify', transition('verify'));

  router.get('/optimise/anomalies', async (req, res) => {
    const where = `GET ${req.originalUrl}`;
    const credentials = await access.credentials(req);
    const entityRef = queryText(req, 'entityRef');
    const lob = queryText(req, 'lob');
    const from = parseTime(queryText(req, 'from'), 'Query parameter from', where);
    const to = parseTime(queryText(req, 'to'), 'Query parameter to', where);
    if (from && to && !(to > from)) {
      throw new InputError(`Query parameter to of ${where} must be after from`);
    }
    const minScoreText = queryText(req, 'minScore');
    const minScore = minScoreText === undefined ? undefined : Number(minScoreText);
    const anomalies = await store.listAnomalies({
      ...(entityRef
        ? { entityRef: entityRefParam(entityRef, 'Query parameter entityRef', where) }
        : {}),
      ...(lob ? { lineOfBusiness: lob } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(minScore !== undefined ? { minScore } : {}),
    });
    const canRead = await access.filter(credentials, headroomSloReadPermission);
    res.json({
      items: anomalies
        .filter(a => canRead({ entityRef: a.entityRef, ownerRef: a.ownerRef }))
        .map(anomalyJson),
    } as never);
  });
}
