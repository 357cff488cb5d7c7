import type {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { type Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  headroomSloEditPermission,
  headroomSloReadPermission,
  type CapacityAssessmentJson,
} from '@headroom/plugin-headroom-common';
import type express from 'express';
import type { HeadroomApiRouter } from '../api/router';
import {
  catalogLookup,
  lineOfBusinessOf,
  ownerRefOf,
  type EntityLookup,
} from '../lib/entityContext';
import { sendSerialized } from '../lib/serializedJson';
import { Access, authorOf } from '../service/access';
import type { AssessmentStore } from './AssessmentStore';
import { isCurrent } from './coverage';
import { CoverageIndex } from './coverageIndex';
import { parseAssessmentInputs } from './inputs';
import { assessFinite } from './service';
import type { CapacityAssessment } from './types';

export interface CapacityRoutesOptions {
  config: RootConfigService;
  /** The plugin's own credentials, with which the coverage index reads the catalog. */
  auth: AuthService;
  logger: LoggerService;
  store: AssessmentStore;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
}

const DAY_MS = 86_400_000;

/** Settings of `headroom.capacity`. */
export function capacitySettings(config: RootConfigService) {
  const staleAfterDays = config.getOptionalNumber('headroom.capacity.staleAfterDays') ?? 90;
  if (!(staleAfterDays > 0)) {
    throw new Error(
      `headroom.capacity.staleAfterDays must be a positive number of days, got ${staleAfterDays}`,
    );
  }
  const coverageRefreshSeconds =
    config.getOptionalNumber('headroom.capacity.coverageRefreshSeconds') ?? 60;
  if (!(coverageRefreshSeconds > 0)) {
    throw new Error(
      `headroom.capacity.coverageRefreshSeconds must be a positive number of seconds, got ${coverageRefreshSeconds}`,
    );
  }
  return { staleAfterDays, coverageRefreshSeconds };
}

/** An assessment as the API returns it: dates as ISO strings, and whether it is stale. */
export function assessmentJson(
  a: CapacityAssessment,
  now: Date,
  staleAfterDays: number,
): CapacityAssessmentJson {
  return {
    ...a,
    assessedAt: a.assessedAt.toISOString(),
    approvedAt: a.approvedAt?.toISOString() ?? null,
    staleAt: new Date(a.assessedAt.getTime() + staleAfterDays * DAY_MS).toISOString(),
    stale: !isCurrent(a.assessedAt, now, staleAfterDays),
  };
}

/** A text field of a body the schema validated (a string with a non-space, or null). */
function optionalString(body: Record<string, unknown>, field: string) {
  const value = body[field];
  return typeof value === 'string' ? value.trim() : null;
}

/**
 * Capacity assessments under /capacity: per entity (latest, history, record, approve) and the
 * coverage report. Reads need the SLO read permission, writes and approvals the SLO edit
 * permission on the entity (policies grant it to the owning group).
 */
export function registerCapacityRoutes(
  router: HeadroomApiRouter,
  options: CapacityRoutesOptions,
): void {
  const { store, catalog } = options;
  const now = options.now ?? (() => new Date());
  const { staleAfterDays, coverageRefreshSeconds } = capacitySettings(options.config);
  const access = new Access(options.httpAuth, options.permissions);

  const refOf = (p: Record<string, string>) =>
    stringifyEntityRef({ kind: p.kind!, namespace: p.namespace!, name: p.name! });
  const json = (a: CapacityAssessment) => assessmentJson(a, now(), staleAfterDays);

  const requireRead = async (credentials: BackstageCredentials, entityRef: string) => {
    const latest = await store.latest(entityRef);
    await access.require(credentials, headroomSloReadPermission, {
      entityRef,
      ownerRef: latest?.ownerRef ?? null,
    });
    return latest;
  };

  /**
   * Owner and line of business from the catalog. A service that the scaffolder is creating is not
   * in the catalog yet: then the body names its owner, and the caller must be allowed to edit an
   * entity of that owner.
   */
  const ownership = async (
    credentials: BackstageCredentials,
    entityRef: string,
    body: Record<string, unknown>,
    where: string,
  ) => {
    const entity: Entity | undefined = await catalog.getEntityByRef(entityRef, { credentials });
    if (entity) {
      const lookup: EntityLookup = catalogLookup(catalog, credentials);
      return {
        ownerRef: ownerRefOf(entity),
        lineOfBusiness: await lineOfBusinessOf(entity, lookup),
      };
    }
    const owner = optionalString(body, 'ownerRef');
    if (!owner) {
      throw new NotFoundError(
        `No entity ${entityRef} in the catalog; to assess a service before it is registered, give its owner in body field ownerRef`,
      );
    }
    let ownerRef: string;
    try {
      ownerRef = stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group' }));
    } catch (e) {
      throw new InputError(`Body field ownerRef of ${where}: ${(e as Error).message}`);
    }
    return { ownerRef, lineOfBusiness: optionalString(body, 'lineOfBusiness') };
  };

  router.get('/capacity/entities/:kind/:namespace/:name/assessment', async (req, res) => {
    const credentials = await access.credentials(req);
    const entityRef = refOf(req.params);
    const latest = await requireRead(credentials, entityRef);
    if (!latest) throw new NotFoundError(`${entityRef} has no capacity assessment`);
    res.json(json(latest) as never);
  });

  router.get('/capacity/entities/:kind/:namespace/:name/assessments', async (req, res) => {
    const credentials = await access.credentials(req);
    const entityRef = refOf(req.params);
    await requireRead(credentials, entityRef);
    res.json({ items: (await store.history(entityRef)).map(json) } as never);
  });

  router.post('/capacity/entities/:kind/:namespace/:name/assessments', async (req, res) => {
    const where = `POST ${req.originalUrl}`;
    const credentials = await access.credentials(req);
    const entityRef = refOf(req.params);
    const fields = req.body as Record<string, unknown>;
    // The schema checked the fields and their bounds; this adds the defaults and the one rule
    // across fields (a service time below the latency objective).
    const inputs = parseAssessmentInputs(fields.inputs, where);
    const note = optionalString(fields, 'note');
    const { ownerRef, lineOfBusiness } = await ownership(credentials, entityRef, fields, where);
    await access.require(credentials, headroomSloEditPermission, { entityRef, ownerRef });
    const at = now();
    const { result, recommendation } = assessFinite(inputs, at, where);
    const write = { entityRef, ownerRef, lineOfBusiness, inputs, result, recommendation, note };
    if (req.query.dryRun === 'true') {
      const latest = await store.latest(entityRef);
      res.json(
        json({
          ...write,
          version: (latest?.version ?? 0) + 1,
          assessedAt: at,
          assessedBy: authorOf(credentials),
          approvedAt: null,
          approvedBy: null,
        }) as never,
      );
      return;
    }
    const created = await store.add(write, authorOf(credentials), at);
    options.logger.info(
      `Capacity assessment ${created.version} of ${entityRef} recorded by ${created.assessedBy}: ` +
        `${recommendation.needed.toPrecision(4)} ${recommendation.unit}`,
    );
    res.status(201).json(json(created) as never);
  });

  router.post(
    '/capacity/entities/:kind/:namespace/:name/assessments/:version/approve',
    async (req, res) => {
      const credentials = await access.credentials(req);
      const entityRef = refOf(req.params);
      const version = Number(req.params.version);
      const target = await store.get(entityRef, version);
      if (!target) {
        throw new NotFoundError(`${entityRef} has no capacity assessment version ${version}`);
      }
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      const ownerRef = entity ? ownerRefOf(entity) : target.ownerRef;
      await access.require(credentials, headroomSloEditPermission, { entityRef, ownerRef });
      const approved = await store.approve(entityRef, version, authorOf(credentials), now());
      res.json(json(approved) as never);
    },
  );

  const coverage = new CoverageIndex({
    catalog,
    auth: options.auth,
    store,
    staleAfterDays,
    refreshSeconds: coverageRefreshSeconds,
    now,
    onError: (what, error) =>
      options.logger.warn(`${what} for the coverage report failed: ${error}`),
  });

  router.get('/capacity/coverage', async (req, res) => {
    const credentials = await access.credentials(req);
    const decision = await access.decide(credentials, headroomSloReadPermission);
    // The body as serialised once for every caller with this decision.
    sendSerialized(res as express.Response, await coverage.report(decision));
  });
}
