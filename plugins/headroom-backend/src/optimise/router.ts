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
import express from 'express';
import Router from 'express-promise-router';
import { stringify } from 'yaml';
import { ownerRefOf } from '../lib/entityContext';
import { Access, authorOf } from '../service/access';
import { anomalyJson, recommendationJson, STATUSES, totalsOf } from './json';
import { assertAllowed, step, type MeasuredPeriod, type StepRequest } from './lifecycle';
import type { PeriodMeasurer } from './measure';
import type { OptimisationStore } from './OptimisationStore';
import type { RecommendationFilter, StoredRecommendation } from './types';

export interface OptimiseRouterOptions {
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

const EXPORT_FORMATS: readonly OptimisationExportFormat[] = [
  'kubernetes-patch',
  'vpa',
  'hpa',
  'keda',
];
const MAX_PERIOD_SECONDS = 30 * 86_400;

type Body = Record<string, unknown>;

function bodyOf(req: express.Request, where: string, allowed: string[]): Body {
  const body = (req.body ?? {}) as unknown;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError(`Body of ${where} must be a JSON object`);
  }
  const unknown = Object.keys(body).filter(k => !allowed.includes(k));
  if (unknown.length > 0) {
    throw new InputError(
      `Body of ${where} has unknown fields: ${unknown.join(', ')} (allowed: ${allowed.join(', ')})`,
    );
  }
  return body as Body;
}

function optionalText(body: Body, field: string, where: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !v.trim() || v.length > 2000) {
    throw new InputError(
      `Body field ${field} of ${where} must be a non-empty string of at most 2000 characters`,
    );
  }
  return v.trim();
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

function optionalVersion(body: Body, where: string): number | undefined {
  const v = body.version;
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new InputError(`Body field version of ${where} must be a positive integer`);
  }
  return v;
}

function queryText(req: express.Request, name: string): string | undefined {
  const v = req.query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !v.trim()) {
    throw new InputError(`Query parameter ${name} of GET ${req.path} must be one non-empty value`);
  }
  return v.trim();
}

function entityRefParam(value: string, name: string, where: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(value, { defaultKind: 'component' }));
  } catch (e) {
    throw new InputError(`${name} of ${where}: ${(e as Error).message}`);
  }
}

function observationOf(value: unknown, field: string, where: string): MeasuredPeriod {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(
      `Body field ${field} of ${where} must be an object with from, to, cost and driver`,
    );
  }
  const o = value as Body;
  const unknown = Object.keys(o).filter(
    k => !['from', 'to', 'cost', 'driver', 'slo', 'burnRate'].includes(k),
  );
  if (unknown.length) {
    throw new InputError(
      `Body field ${field} of ${where} has unknown fields: ${unknown.join(', ')}`,
    );
  }
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
    const s = o.slo as Body;
    if (
      typeof s !== 'object' ||
      s === null ||
      typeof s.good !== 'number' ||
      typeof s.total !== 'number' ||
      !(s.good >= 0 && s.total >= s.good)
    ) {
      throw new InputError(
        `Body field ${field}.slo of ${where} must be { good, total } with 0 ≤ good ≤ total`,
      );
    }
    observation.slo = { good: s.good, total: s.total };
  }
  if (o.burnRate !== undefined) {
    if (typeof o.burnRate !== 'number' || !(o.burnRate >= 0)) {
      throw new InputError(
        `Body field ${field}.burnRate of ${where} must be a non-negative number`,
      );
    }
    observation.burnRate = o.burnRate;
  }
  return { from, to, observation };
}

/**
 * The optimisation API under /optimise: recommendations (lists with savings totals, one, the
 * lifecycle steps, exports) and cost anomalies. Reads need the SLO read permission on the
 * entity; steps need the SLO edit permission (policies grant it to the owning group).
 */
export async function createOptimiseRouter(
  options: OptimiseRouterOptions,
): Promise<express.Router> {
  const { store, catalog } = options;
  const now = options.now ?? (() => new Date());
  const minVerifySeconds = options.minVerifySeconds ?? 86_400;
  const access = new Access(options.httpAuth, options.permissions);
  const router = Router();
  router.use('/optimise', express.json({ limit: 64 * 1024 }));

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
    if (status !== undefined && !STATUSES.includes(status as OptimisationStatus)) {
      throw new InputError(
        `Query parameter status of GET ${req.path} must be one of ${STATUSES.join(', ')}, got '${status}'`,
      );
    }
    const recs = await readable(
      credentials,
      await store.list({ ...filter, ...(status ? { status: status as OptimisationStatus } : {}) }),
    );
    res.json({ items: recs.map(recommendationJson), totals: totalsOf(recs) });
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
    const where = `GET ${req.path}`;
    const entityRef = queryText(req, 'entityRef');
    const lob = queryText(req, 'lob');
    const owner = queryText(req, 'owner');
    await list(req, res, {
      ...(entityRef
        ? { entityRef: entityRefParam(entityRef, 'Query parameter entityRef', where) }
        : {}),
      ...(lob ? { lineOfBusiness: lob } : {}),
      ...(owner
        ? {
            ownerRef: stringifyEntityRef(
              parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: 'default' }),
            ),
          }
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
    res.json(recommendationJson(await readOne(credentials, req.params.id)));
  });

  router.get('/optimise/recommendations/:id/export', async (req, res) => {
    const where = `GET ${req.path}`;
    const credentials = await access.credentials(req);
    const format = queryText(req, 'format');
    if (!format || !EXPORT_FORMATS.includes(format as OptimisationExportFormat)) {
      throw new InputError(
        `Query parameter format of ${where} must be one of ${EXPORT_FORMATS.join(', ')}` +
          (format ? `, got '${format}'` : ''),
      );
    }
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
  const transition = (
    action: 'accept' | 'reject' | 'apply' | 'rollback' | 'verify',
    fields: string[],
  ) =>
    router.post(`/optimise/recommendations/:id/${action}`, async (req, res) => {
      const where = `POST ${req.path}`;
      const credentials = await access.credentials(req);
      const body = bodyOf(req, where, fields);
      const version = optionalVersion(body, where);
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
        const reason = optionalText(body, 'reason', where);
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
      res.json(recommendationJson(updated));
    });

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

  transition('accept', ['reason', 'version']);
  transition('reject', ['reason', 'version']);
  transition('apply', ['at', 'version']);
  transition('rollback', ['reason', 'version']);
  transition('verify', ['before', 'after', 'version']);

  router.get('/optimise/anomalies', async (req, res) => {
    const where = `GET ${req.path}`;
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
    if (minScore !== undefined && !(minScore >= 0 && minScore <= 1)) {
      throw new InputError(
        `Query parameter minScore of ${where} must be a number in [0, 1], got '${minScoreText}'`,
      );
    }
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
    });
  });

  return router;
}
