import type {
  BackstageCredentials,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { type Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { toOpenSloV1 } from '@headroom/core';
import type { PrometheusClient } from '@headroom/prometheus';
import {
  headroomSloEditPermission,
  headroomSloReadPermission,
  type ReleaseGateRequest,
  type SloInput,
  type SloListPage,
  type SloRollup,
  type SloWithStatus,
} from '@headroom/plugin-headroom-common';
import type { SloFactsRow, SloListFilter, SloStore, SloWrite, StoredSlo } from '../database/types';
import { previewSlo } from '../evaluation/preview';
import type { EvaluationSettings } from '../evaluation/SloEvaluator';
import { catalogLookup, lineOfBusinessOf, ownerRefOf } from '../lib/entityContext';
import { FreshCache } from '../lib/freshCache';
import {
  decideRelease,
  releaseGatePolicy,
  requireGateEntity,
  withPolicy,
} from '../lib/releaseGate';
import { sloFromInput } from '../lib/sloInput';
import { type SerializedJson, serializeJson } from '../lib/serializedJson';
import { entitySummary, RollupFold } from '../lib/summary';
import { authorOf, type Access } from '../service/access';
import type { RulesRenderer } from '../service/rules';

/**
 * How old the rollups and the list's pages and counts may be before they are read again (in the
 * background): writes through this backend are seen at once, statuses and other replicas'
 * writes within this time.
 */
const LIST_MAX_AGE_MS = 5_000;

/** SLOs added to a rollup between two turns of the event loop. */
const ROLLUP_SLICE = 2_000;

export interface SloServiceOptions {
  config: RootConfigService;
  logger: LoggerService;
  store: SloStore;
  access: Access;
  catalog: CatalogService;
  /** The plugin's Prometheus reader; undefined without headroom.prometheus.baseUrl. */
  prometheus: PrometheusClient | undefined;
  evaluation: EvaluationSettings;
  rules?: RulesRenderer;
}

/** An SLO with its status, as the API serves it. */
export function toRecord(slo: StoredSlo, status: SloWithStatus['status']): SloWithStatus {
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

/** The entity's owner and line of business from the catalog, checked for the edit permission. */
interface EditContext {
  credentials: BackstageCredentials;
  entity: Entity;
  ownerRef: string | null;
  lineOfBusiness: string | null;
}

/**
 * The SLOs of the API: reads filtered by the read permission, writes of API-origin SLOs checked
 * for the edit permission against the catalog's owner, the rollups and lists kept fresh for a
 * few seconds, the rules and the release gate.
 */
export class SloService {
  private readonly gatePolicy;
  /** Counts of the SLO list per filter, while every SLO is readable. */
  private readonly listCounts: FreshCache<number>;
  /**
   * Pages of the SLO list per filter and page, while every SLO is readable: a page of 100
   * parses 100 definitions and builds their documents, milliseconds of CPU for each request.
   */
  private readonly listPages: FreshCache<{ value: SloListPage; serialized: SerializedJson }>;
  /** Every SLO's facts, read at most every few seconds for the rollups. */
  private readonly allFacts: FreshCache<SloFactsRow[]>;
  /** The rollups per permission decision and dimension, folded once per facts read. */
  private readonly rollups: FreshCache<SloRollup[]>;

  constructor(private readonly options: SloServiceOptions) {
    const { store, logger } = options;
    this.gatePolicy = releaseGatePolicy(options.config);
    const generation = () => store.definitionsWritten;
    this.listCounts = new FreshCache<number>({
      maxAgeMs: LIST_MAX_AGE_MS,
      generation,
      onError: error => logger.warn(`Counting the SLOs failed: ${error}`),
    });
    this.listPages = new FreshCache({
      maxAgeMs: LIST_MAX_AGE_MS,
      generation,
      maxKeys: 200,
      onError: error => logger.warn(`Reading a page of the SLOs failed: ${error}`),
    });
    this.allFacts = new FreshCache<SloFactsRow[]>({
      maxAgeMs: LIST_MAX_AGE_MS,
      generation,
      maxKeys: 1,
      onError: error => logger.warn(`Reading the SLOs for the rollups failed: ${error}`),
    });
    this.rollups = new FreshCache<SloRollup[]>({
      maxAgeMs: LIST_MAX_AGE_MS,
      generation,
      onError: error => logger.warn(`Rolling the SLOs up failed: ${error}`),
    });
  }

  /**
   * One page of the SLOs the caller may read and how many match over all pages, serialised: a
   * kept page is serialised once for every caller.
   */
  async listSerialized(
    credentials: BackstageCredentials,
    filter: SloListFilter,
    page: { limit: number; offset: number },
  ): Promise<SerializedJson> {
    const kept = await this.listPage(credentials, filter, page);
    return kept.serialized ?? serializeJson(kept.value);
  }

  private async listPage(
    credentials: BackstageCredentials,
    filter: SloListFilter,
    page: { limit: number; offset: number },
  ): Promise<{ value: SloListPage; serialized?: SerializedJson }> {
    const { store, access } = this.options;
    const decision = await access.decide(credentials, headroomSloReadPermission);
    if (decision.key === AuthorizeResult.ALLOW) {
      // Every SLO is readable: the database pages, and pages and counts are kept.
      return this.listPages.get(JSON.stringify({ filter, page }), async () => {
        const [rows, totalCount] = await Promise.all([
          store.listWithStatus(filter, new Date(), page),
          this.listCounts.get(JSON.stringify(filter), () => store.countMatching(filter)),
        ]);
        const value = {
          items: rows.map(({ slo, status }) => toRecord(slo, status ?? null)),
          totalCount,
        };
        return { value, serialized: serializeJson(value) };
      });
    }
    // A conditional decision is evaluated here, so paging happens after filtering by it.
    const readable = (await store.listWithStatus(filter, new Date())).filter(({ slo }) =>
      decision.allows({ entityRef: slo.entityRef, ownerRef: slo.ownerRef }),
    );
    return {
      value: {
        items: readable
          .slice(page.offset, page.offset + page.limit)
          .map(({ slo, status }) => toRecord(slo, status ?? null)),
        totalCount: readable.length,
      },
    };
  }

  /** The entity's SLOs with their status; 403 when the caller may read none of them. */
  async entitySlos(credentials: BackstageCredentials, entityRef: string): Promise<SloWithStatus[]> {
    const { store, access } = this.options;
    const slos = await store.listByEntity(entityRef);
    const canRead = await access.filter(credentials, headroomSloReadPermission);
    const ownerRef = slos[0]?.ownerRef ?? null;
    if (!canRead({ entityRef, ownerRef })) {
      await access.require(credentials, headroomSloReadPermission, { entityRef, ownerRef });
    }
    const statuses = await store.getStatuses(
      slos.map(s => s.id),
      new Date(),
    );
    return slos.map(s => toRecord(s, statuses.get(s.id) ?? null));
  }

  async summary(credentials: BackstageCredentials, entityRef: string) {
    return entitySummary(entityRef, await this.readableFacts(credentials, entityRef));
  }

  async create(
    credentials: BackstageCredentials,
    entityRef: string,
    input: SloInput,
    where: string,
  ): Promise<SloWithStatus> {
    const ctx = await this.editContext(credentials, entityRef);
    const created = await this.options.store.create(
      this.buildWrite(input, ctx, entityRef, where),
      authorOf(ctx.credentials),
    );
    this.options.logger.info(
      `SLO '${created.name}' of ${entityRef} created by ${created.updatedBy}`,
    );
    return toRecord(created, null);
  }

  /** The SLO evaluated now against Prometheus; nothing stored. */
  async preview(
    credentials: BackstageCredentials,
    entityRef: string,
    input: SloInput,
    where: string,
  ) {
    const { prometheus, evaluation } = this.options;
    const ctx = await this.editContext(credentials, entityRef);
    const { definition } = this.buildWrite(input, ctx, entityRef, where);
    if (!prometheus) {
      throw new ServiceUnavailableError(
        'SLO preview needs Prometheus, and no headroom.prometheus.baseUrl is configured',
      );
    }
    try {
      return await previewSlo(prometheus, definition, new Date(), evaluation.stepSeconds);
    } catch (error) {
      throw new ServiceUnavailableError(
        `SLO '${definition.name}' of ${entityRef} could not be evaluated: ${(error as Error).message}`,
      );
    }
  }

  async get(
    credentials: BackstageCredentials,
    entityRef: string,
    name: string,
  ): Promise<SloWithStatus> {
    const slo = await this.readableSlo(credentials, entityRef, name);
    const statuses = await this.options.store.getStatuses([slo.id], new Date());
    return toRecord(slo, statuses.get(slo.id) ?? null);
  }

  /** Replaces an API-origin SLO at `version`; renaming is refused. */
  async update(
    credentials: BackstageCredentials,
    entityRef: string,
    name: string,
    body: { version: number; slo: SloInput },
    where: string,
  ): Promise<SloWithStatus> {
    const { store } = this.options;
    const ctx = await this.editContext(credentials, entityRef);
    if (body.slo.name !== name) {
      throw new InputError(
        `Body field slo.name '${body.slo.name}' differs from the SLO in the path '${name}'; renaming is not supported`,
      );
    }
    await this.apiOriginSlo(entityRef, name);
    const write = this.buildWrite(body.slo, ctx, entityRef, where);
    const updated = await store.update(write, body.version, authorOf(ctx.credentials));
    const statuses = await store.getStatuses([updated.id], new Date());
    return toRecord(updated, statuses.get(updated.id) ?? null);
  }

  async delete(
    credentials: BackstageCredentials,
    entityRef: string,
    name: string,
    version: number,
  ): Promise<void> {
    const ctx = await this.editContext(credentials, entityRef);
    await this.apiOriginSlo(entityRef, name);
    await this.options.store.delete(entityRef, name, version, authorOf(ctx.credentials));
  }

  async history(credentials: BackstageCredentials, entityRef: string, name: string) {
    const { store, access } = this.options;
    const history = await store.history(entityRef, name);
    if (history.length === 0) {
      throw new NotFoundError(`${entityRef} has no SLO named '${name}' and never had`);
    }
    const current = await store.get(entityRef, name);
    await access.require(credentials, headroomSloReadPermission, {
      entityRef,
      ownerRef: current?.ownerRef ?? null,
    });
    return history;
  }

  /** The latest status and the snapshots of earlier evaluations, newest first. */
  async status(credentials: BackstageCredentials, entityRef: string, name: string, limit: number) {
    const { store } = this.options;
    const slo = await this.readableSlo(credentials, entityRef, name);
    const statuses = await store.getStatuses([slo.id], new Date());
    const snapshots = await store.listSnapshots(slo.id, { limit });
    return { status: statuses.get(slo.id) ?? null, snapshots };
  }

  /** The readable SLOs rolled up per owner or line of business. */
  async rollup(
    credentials: BackstageCredentials,
    by: 'ownerRef' | 'lineOfBusiness',
  ): Promise<SloRollup[]> {
    const { store, access } = this.options;
    const decision = await access.decide(credentials, headroomSloReadPermission);
    return this.rollups.get(`${by}:${decision.key}`, async () => {
      const all = await this.allFacts.get('all', () => store.listAllFacts(new Date()));
      const readable =
        decision.key === AuthorizeResult.ALLOW
          ? all
          : all.filter(s => decision.allows({ entityRef: s.entityRef, ownerRef: s.ownerRef }));
      // Folded in slices: 50,000 SLOs in one go held the event loop for up to 100 ms.
      const fold = new RollupFold(s => s[by]);
      for (let i = 0; i < readable.length; i++) {
        if (i > 0 && i % ROLLUP_SLICE === 0) await new Promise(resolve => setImmediate(resolve));
        fold.add(readable[i]!);
      }
      return fold.result();
    });
  }

  /** Prometheus rules of every readable SLO, as YAML. */
  async rules(credentials: BackstageCredentials): Promise<string> {
    const { store, access } = this.options;
    const canRead = await access.filter(credentials, headroomSloReadPermission);
    const slos = (await store.listAll()).filter(s =>
      canRead({ entityRef: s.entityRef, ownerRef: s.ownerRef }),
    );
    if (!this.options.rules) {
      throw new NotFoundError('Rule generation is not available in this backend');
    }
    return this.options.rules(slos.map(s => s.definition));
  }

  async releaseGate(credentials: BackstageCredentials, body: ReleaseGateRequest) {
    let entityRef: string;
    try {
      entityRef = stringifyEntityRef(parseEntityRef(body.entityRef));
    } catch (e) {
      throw new InputError(`Body field entityRef: ${(e as Error).message}`);
    }
    await requireGateEntity(this.options.catalog, entityRef, credentials);
    const policy = withPolicy(
      {
        minBudgetRemaining: body.minBudgetRemaining,
        maxStatusAgeSeconds: body.maxStatusAgeSeconds,
      },
      this.gatePolicy,
    );
    return decideRelease(entityRef, await this.readableFacts(credentials, entityRef), policy);
  }

  /** The entity's facts for summaries and the gate: one query, no definitions parsed. */
  private async readableFacts(credentials: BackstageCredentials, entityRef: string) {
    const rows = await this.options.store.listFactsByEntity(entityRef, new Date());
    await this.options.access.require(credentials, headroomSloReadPermission, {
      entityRef,
      ownerRef: rows[0]?.ownerRef ?? null,
    });
    return rows;
  }

  private async readableSlo(
    credentials: BackstageCredentials,
    entityRef: string,
    name: string,
  ): Promise<StoredSlo> {
    const slo = await this.options.store.get(entityRef, name);
    if (!slo) throw new NotFoundError(`${entityRef} has no SLO named '${name}'`);
    await this.options.access.require(credentials, headroomSloReadPermission, {
      entityRef,
      ownerRef: slo.ownerRef,
    });
    return slo;
  }

  /** The SLO, when it was written through the API: a file's SLO is changed in its file. */
  private async apiOriginSlo(entityRef: string, name: string): Promise<StoredSlo> {
    const current = await this.options.store.get(entityRef, name);
    if (!current) throw new NotFoundError(`${entityRef} has no SLO named '${name}'`);
    if (current.origin === 'file') {
      throw new InputError(
        `SLO '${current.name}' of ${current.entityRef} is defined in ${current.sourceLocation ?? 'a file'}; change it there`,
      );
    }
    return current;
  }

  private async editContext(
    credentials: BackstageCredentials,
    entityRef: string,
  ): Promise<EditContext> {
    const { catalog, access } = this.options;
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    const ownerRef = ownerRefOf(entity);
    await access.require(credentials, headroomSloEditPermission, { entityRef, ownerRef });
    const lineOfBusiness = await lineOfBusinessOf(entity, catalogLookup(catalog, credentials));
    return { credentials, entity, ownerRef, lineOfBusiness };
  }

  private buildWrite(
    input: SloInput,
    ctx: EditContext,
    entityRef: string,
    where: string,
  ): SloWrite {
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
  }
}
