import { resolvePackagePath, type DatabaseService } from '@backstage/backend-plugin-api';
import type { CanaryVerdict, ChangeSignal, ChangeState, RiskAssessment } from '@headroom/core';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath('@headroom/plugin-headroom-backend', 'migrations');
const CHANGES = 'headroom_changes';
const VERDICTS = 'headroom_change_verdicts';
const ROLLBACKS = 'headroom_change_rollbacks';
/** Ids per whereIn: SQLite allows 999 bound values. */
const BATCH = 500;

export type ChangeKind = 'deploy' | 'canary';
export type VerdictSource = 'prometheus' | 'posted';
export type RollbackActionType = 'argo' | 'flagger' | 'webhook' | 'simulator' | 'none';
export type RollbackOutcome = 'sent' | 'described' | 'failed';

/** What the rollback action acts on, when it is not the entity's name (Argo, Flagger). */
export interface ChangeTarget {
  namespace?: string;
  name?: string;
}

export interface StoredChange {
  id: string;
  entityRef: string;
  service: string;
  lineOfBusiness: string | null;
  version: string;
  kind: ChangeKind;
  startedAt: number;
  watchSeconds: number;
  state: ChangeState;
  assessment: RiskAssessment | null;
  target: ChangeTarget | null;
  source: string;
}

export interface StoredVerdict {
  at: number;
  classification: CanaryVerdict['classification'];
  score: number;
  source: VerdictSource;
  verdict: CanaryVerdict | Record<string, unknown>;
}

export interface StoredRollback {
  at: number;
  reason: string;
  trigger: ChangeSignal;
  action: RollbackActionType;
  outcome: RollbackOutcome;
  detail: Record<string, unknown>;
}

interface ChangeRow {
  id: string;
  entity_ref: string;
  service: string;
  line_of_business: string | null;
  version: string;
  kind: string;
  started_at: number | string;
  watch_seconds: number | string;
  state: string;
  assessment: string | null;
  target: string | null;
  source: string;
}

function fromRow(r: ChangeRow): StoredChange {
  return {
    id: r.id,
    entityRef: r.entity_ref,
    service: r.service,
    lineOfBusiness: r.line_of_business,
    version: r.version,
    kind: r.kind as ChangeKind,
    startedAt: Number(r.started_at),
    watchSeconds: Number(r.watch_seconds),
    state: r.state as ChangeState,
    assessment: r.assessment === null ? null : JSON.parse(r.assessment),
    target: r.target === null ? null : JSON.parse(r.target),
    source: r.source,
  };
}

async function byChange<T>(
  db: Knex,
  table: string,
  ids: readonly string[],
  map: (row: Record<string, unknown>) => T,
): Promise<Map<string, T[]>> {
  const out = new Map<string, T[]>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = (await db(table)
      .select()
      .whereIn('change_id', ids.slice(i, i + BATCH))
      .orderBy([{ column: 'at' }, { column: 'id' }])) as Record<string, unknown>[];
    for (const row of rows) {
      const id = row.change_id as string;
      out.set(id, [...(out.get(id) ?? []), map(row)]);
    }
  }
  return out;
}

/**
 * Changes, their verdicts and rollbacks. A change leaves `live` once: the state moves with a
 * conditional update, so when several replicas decide the same rollback only one acts on it.
 */
export class ChangeStore {
  static async create(options: { database: DatabaseService }): Promise<ChangeStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new ChangeStore(client);
  }

  constructor(private readonly db: Knex) {}

  async add(change: StoredChange): Promise<void> {
    await this.db(CHANGES).insert({
      id: change.id,
      entity_ref: change.entityRef,
      service: change.service,
      line_of_business: change.lineOfBusiness,
      version: change.version,
      kind: change.kind,
      started_at: change.startedAt,
      watch_seconds: change.watchSeconds,
      state: change.state,
      assessment: change.assessment === null ? null : JSON.stringify(change.assessment),
      target: change.target === null ? null : JSON.stringify(change.target),
      source: change.source,
    });
  }

  async get(id: string): Promise<StoredChange | undefined> {
    const row = (await this.db(CHANGES).where({ id }).first()) as ChangeRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Changes started in [from, to), oldest first, optionally of one entity. */
  async list(
    range: { from?: number; to?: number; entityRef?: string } = {},
  ): Promise<StoredChange[]> {
    const q = this.db(CHANGES).select();
    if (range.from !== undefined) q.where('started_at', '>=', range.from);
    if (range.to !== undefined) q.where('started_at', '<', range.to);
    if (range.entityRef !== undefined) q.where('entity_ref', range.entityRef);
    return ((await q.orderBy([{ column: 'started_at' }, { column: 'id' }])) as ChangeRow[]).map(
      fromRow,
    );
  }

  async live(): Promise<StoredChange[]> {
    return (
      (await this.db(CHANGES).where({ state: 'live' }).orderBy('started_at')) as ChangeRow[]
    ).map(fromRow);
  }

  /** Moves a change from `from` to `to`; false when another writer moved it first. */
  async transition(id: string, from: ChangeState, to: ChangeState): Promise<boolean> {
    const updated = await this.db(CHANGES).where({ id, state: from }).update({ state: to });
    return updated === 1;
  }

  async addVerdict(changeId: string, verdict: StoredVerdict): Promise<void> {
    await this.db(VERDICTS).insert({
      change_id: changeId,
      at: verdict.at,
      classification: verdict.classification,
      score: verdict.score,
      source: verdict.source,
      verdict: JSON.stringify(verdict.verdict),
    });
  }

  async verdicts(ids: readonly string[]): Promise<Map<string, StoredVerdict[]>> {
    return byChange(this.db, VERDICTS, ids, r => ({
      at: Number(r.at),
      classification: r.classification as StoredVerdict['classification'],
      score: Number(r.score),
      source: r.source as VerdictSource,
      verdict: JSON.parse(r.verdict as string),
    }));
  }

  async addRollback(changeId: string, rollback: StoredRollback): Promise<void> {
    await this.db(ROLLBACKS).insert({
      change_id: changeId,
      at: rollback.at,
      reason: rollback.reason,
      trigger: JSON.stringify(rollback.trigger),
      action: rollback.action,
      outcome: rollback.outcome,
      detail: JSON.stringify(rollback.detail),
    });
  }

  async rollbacks(ids: readonly string[]): Promise<Map<string, StoredRollback[]>> {
    return byChange(this.db, ROLLBACKS, ids, r => ({
      at: Number(r.at),
      reason: r.reason as string,
      trigger: JSON.parse(r.trigger as string),
      action: r.action as RollbackActionType,
      outcome: r.outcome as RollbackOutcome,
      detail: JSON.parse(r.detail as string),
    }));
  }
}
