import { resolvePackagePath, type DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  OPEN_OPTIMISATION_STATUSES,
  type OptimisationEvent,
  type OptimisationStatus,
} from '@headroom/plugin-headroom-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type {
  AnomalyFilter,
  RecommendationFilter,
  RecommendationWrite,
  StoredAnomaly,
  StoredRecommendation,
} from './types';

const migrationsDir = resolvePackagePath('@headroom/plugin-headroom-backend', 'migrations');
const RECS = 'headroom_optimisation_recommendations';
const ANOMALIES = 'headroom_cost_anomalies';

interface RecommendationRow {
  id: string;
  entity_ref: string;
  resource: string;
  owner_ref: string | null;
  line_of_business: string | null;
  status: string;
  version: number;
  open_key: string | null;
  currency: string;
  expected_monthly_saving: string;
  realised_monthly_saving: string | null;
  detail: string;
  history: string;
  created_at: Date | string;
  updated_at: Date | string;
}

interface AnomalyRow {
  id: string;
  entity_ref: string;
  owner_ref: string | null;
  line_of_business: string | null;
  series: string;
  at: Date | string | number;
  step_seconds: number;
  value: number;
  expected: number;
  score: number;
  currency: string | null;
  detected_at: Date | string | number;
}

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

function openKey(entityRef: string, resource: string, status: OptimisationStatus) {
  return OPEN_OPTIMISATION_STATUSES.includes(status) ? `${entityRef}|${resource}` : null;
}

function fromRow(row: RecommendationRow): StoredRecommendation {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    resource: row.resource,
    ownerRef: row.owner_ref,
    lineOfBusiness: row.line_of_business,
    status: row.status as OptimisationStatus,
    version: Number(row.version),
    currency: row.currency,
    expectedMonthlySaving: row.expected_monthly_saving,
    realisedMonthlySaving: row.realised_monthly_saving,
    detail: JSON.parse(row.detail),
    history: JSON.parse(row.history),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

function anomalyFromRow(row: AnomalyRow): StoredAnomaly {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    ownerRef: row.owner_ref,
    lineOfBusiness: row.line_of_business,
    series: row.series as StoredAnomaly['series'],
    at: toDate(row.at),
    stepSeconds: Number(row.step_seconds),
    value: Number(row.value),
    expected: Number(row.expected),
    score: Number(row.score),
    currency: row.currency,
    detectedAt: toDate(row.detected_at),
  };
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    err.code === '23505' ||
    (err.code ?? '').startsWith('SQLITE_CONSTRAINT') ||
    /UNIQUE constraint failed/.test(err.message ?? '')
  );
}

/** A step's outcome: the new status, the event to append, and the realised saving if measured. */
export interface TransitionResult {
  status: OptimisationStatus;
  event: OptimisationEvent;
  realisedMonthlySaving?: string | null;
}

/** Recommendations and cost anomalies in the plugin's database. */
export class OptimisationStore {
  static async create(options: { database: DatabaseService }): Promise<OptimisationStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new OptimisationStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Stores a proposal unless an open recommendation for the same entity and resource exists;
   * then that one is returned with `created: false`. The unique open key settles a race between
   * two replicas proposing at once.
   */
  async propose(
    write: RecommendationWrite,
    at: Date,
    by = 'headroom',
  ): Promise<{ created: boolean; recommendation: StoredRecommendation }> {
    const existing = await this.openFor(write.entityRef, write.resource);
    if (existing) return { created: false, recommendation: existing };
    const history: OptimisationEvent[] = [
      { status: 'proposed', at: at.toISOString(), by, reason: null, verification: null },
    ];
    const row: RecommendationRow = {
      id: randomUUID(),
      entity_ref: write.entityRef,
      resource: write.resource,
      owner_ref: write.ownerRef,
      line_of_business: write.lineOfBusiness,
      status: 'proposed',
      version: 1,
      open_key: openKey(write.entityRef, write.resource, 'proposed'),
      currency: write.currency,
      expected_monthly_saving: write.expectedMonthlySaving,
      realised_monthly_saving: null,
      detail: JSON.stringify(write.detail),
      history: JSON.stringify(history),
      created_at: at,
      updated_at: at,
    };
    try {
      await this.db(RECS).insert(row);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const winner = await this.openFor(write.entityRef, write.resource);
      if (winner) return { created: false, recommendation: winner };
      throw e;
    }
    return { created: true, recommendation: fromRow(row) };
  }

  /** The open recommendation for an entity's resource, if any. */
  async openFor(entityRef: string, resource: string): Promise<StoredRecommendation | undefined> {
    const row = await this.db<RecommendationRow>(RECS)
      .where({ open_key: `${entityRef}|${resource}` })
      .first();
    return row ? fromRow(row) : undefined;
  }

  async get(id: string): Promise<StoredRecommendation | undefined> {
    const row = await this.db<RecommendationRow>(RECS).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  /** Newest first. */
  async list(filter: RecommendationFilter): Promise<StoredRecommendation[]> {
    let query = this.db<RecommendationRow>(RECS);
    if (filter.entityRef !== undefined) query = query.where('entity_ref', filter.entityRef);
    if (filter.lineOfBusiness !== undefined) {
      query = query.where('line_of_business', filter.lineOfBusiness);
    }
    if (filter.ownerRef !== undefined) query = query.where('owner_ref', filter.ownerRef);
    if (filter.status !== undefined) query = query.where('status', filter.status);
    const rows = await query.orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ]);
    return rows.map(fromRow);
  }

  /**
   * Applies one lifecycle step computed by `step` from the current row, if the row is still at
   * the version `step` saw (and at `expectedVersion` when the caller gave one). A concurrent
   * change answers ConflictError, never a lost update.
   */
  async transition(
    id: string,
    expectedVersion: number | undefined,
    step: (current: StoredRecommendation) => TransitionResult | Promise<TransitionResult>,
    at: Date,
  ): Promise<StoredRecommendation> {
    const current = await this.get(id);
    if (!current) throw new NotFoundError(`No optimisation recommendation ${id}`);
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new ConflictError(
        `Recommendation ${id} is at version ${current.version}, not ${expectedVersion}: it changed since it was read`,
      );
    }
    const result = await step(current);
    const history = [...current.history, result.event];
    const update: Partial<RecommendationRow> = {
      status: result.status,
      version: current.version + 1,
      open_key: openKey(current.entityRef, current.resource, result.status),
      history: JSON.stringify(history),
      updated_at: at,
    };
    if (result.realisedMonthlySaving !== undefined) {
      update.realised_monthly_saving = result.realisedMonthlySaving;
    }
    const changed = await this.db(RECS).where({ id, version: current.version }).update(update);
    if (changed !== 1) {
      throw new ConflictError(
        `Recommendation ${id} was changed by someone else at the same time; read it again`,
      );
    }
    return {
      ...current,
      status: result.status,
      version: current.version + 1,
      history,
      updatedAt: at,
      realisedMonthlySaving:
        result.realisedMonthlySaving !== undefined
          ? result.realisedMonthlySaving
          : current.realisedMonthlySaving,
    };
  }

  /**
   * Records anomalies; a point already recorded for the same entity, series and time keeps its
   * first detection (the detector is online: that is when it would have alerted).
   */
  async addAnomalies(anomalies: Omit<StoredAnomaly, 'id'>[]): Promise<number> {
    let added = 0;
    for (const a of anomalies) {
      const rows = await this.db(ANOMALIES)
        .insert({
          id: randomUUID(),
          entity_ref: a.entityRef,
          owner_ref: a.ownerRef,
          line_of_business: a.lineOfBusiness,
          series: a.series,
          at: a.at,
          step_seconds: a.stepSeconds,
          value: a.value,
          expected: a.expected,
          score: a.score,
          currency: a.currency,
          detected_at: a.detectedAt,
        })
        .onConflict(['entity_ref', 'series', 'at'])
        .ignore()
        .returning('id');
      added += rows.length;
    }
    return added;
  }

  /** Oldest first. */
  async listAnomalies(filter: AnomalyFilter): Promise<StoredAnomaly[]> {
    let query = this.db<AnomalyRow>(ANOMALIES);
    if (filter.entityRef !== undefined) query = query.where('entity_ref', filter.entityRef);
    if (filter.lineOfBusiness !== undefined) {
      query = query.where('line_of_business', filter.lineOfBusiness);
    }
    if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('at', '<', filter.to);
    if (filter.minScore !== undefined) query = query.where('score', '>=', filter.minScore);
    const rows = await query.orderBy([
      { column: 'at', order: 'asc' },
      { column: 'entity_ref', order: 'asc' },
    ]);
    return rows.map(anomalyFromRow);
  }
}
