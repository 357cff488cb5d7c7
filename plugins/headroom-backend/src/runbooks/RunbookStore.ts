import { resolvePackagePath, type DatabaseService } from '@backstage/backend-plugin-api';
import type { RunbookAuditRecord } from '@headroom/core';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath('@headroom/plugin-headroom-backend', 'migrations');
const RUNS = 'headroom_runbook_runs';
const APPROVALS = 'headroom_runbook_approvals';

export interface RunbookApproval {
  action: string;
  by: string;
  /** Unix seconds. */
  at: number;
}

export interface StoredRunbookRun {
  id: string;
  entityRef: string;
  incidentId: string | null;
  record: RunbookAuditRecord;
  recordedBy: string;
  recordedAt: number;
  approvals: RunbookApproval[];
}

interface RunRow {
  id: string;
  runbook: string;
  entity_ref: string;
  incident_id: string | null;
  result: string;
  mode: string;
  started_at: number;
  ended_at: number;
  record: string;
  recorded_by: string;
  recorded_at: number;
}

/**
 * Runbook runs and approvals in the plugin's database. A run is written once when it ends; a run
 * that waits for an approval is written when it starts to wait and again when it ends.
 */
export class RunbookStore {
  static async create(options: { database: DatabaseService }): Promise<RunbookStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new RunbookStore(client);
  }

  constructor(private readonly db: Knex) {}

  async add(run: Omit<StoredRunbookRun, 'approvals'>): Promise<void> {
    const r = run.record;
    await this.db<RunRow>(RUNS).insert({
      id: run.id,
      runbook: r.runbook,
      entity_ref: run.entityRef,
      incident_id: run.incidentId,
      result: r.result,
      mode: r.mode,
      started_at: r.startedAt,
      ended_at: r.endedAt,
      record: JSON.stringify(r),
      recorded_by: run.recordedBy,
      recorded_at: run.recordedAt,
    });
  }

  /** Replaces the record of a run that was waiting; false when it no longer waits. */
  async update(id: string, record: RunbookAuditRecord): Promise<boolean> {
    const changed = await this.db<RunRow>(RUNS)
      .where({ id, result: 'awaiting-approval' })
      .update({
        result: record.result,
        mode: record.mode,
        ended_at: record.endedAt,
        record: JSON.stringify(record),
      });
    return changed === 1;
  }

  async get(id: string): Promise<StoredRunbookRun | undefined> {
    const row = (await this.db<RunRow>(RUNS).where({ id }).first()) as RunRow | undefined;
    if (!row) return undefined;
    return (await this.withApprovals([row]))[0];
  }

  /** Runs by entity and/or incident, started in [from, to), oldest first. */
  async list(
    filter: { entityRef?: string; incidentId?: string; from?: number; to?: number } = {},
  ): Promise<StoredRunbookRun[]> {
    const q = this.db<RunRow>(RUNS).select();
    if (filter.entityRef !== undefined) q.where('entity_ref', filter.entityRef);
    if (filter.incidentId !== undefined) q.where('incident_id', filter.incidentId);
    if (filter.from !== undefined) q.where('started_at', '>=', filter.from);
    if (filter.to !== undefined) q.where('started_at', '<', filter.to);
    const rows = (await q.orderBy([{ column: 'started_at' }, { column: 'id' }])) as RunRow[];
    return this.withApprovals(rows);
  }

  /** false when the action was already approved (the first approval stands). */
  async approve(runId: string, approval: RunbookApproval): Promise<boolean> {
    await this.db(APPROVALS)
      .insert({ run_id: runId, action: approval.action, by: approval.by, at: approval.at })
      .onConflict(['run_id', 'action'])
      .ignore();
    const row = (await this.db(APPROVALS)
      .where({ run_id: runId, action: approval.action })
      .first()) as { by: string; at: number };
    return row.by === approval.by && Number(row.at) === approval.at;
  }

  private async withApprovals(rows: RunRow[]): Promise<StoredRunbookRun[]> {
    const ids = rows.map(r => r.id);
    const approvals = new Map<string, RunbookApproval[]>();
    for (let i = 0; i < ids.length; i += 100) {
      const found = (await this.db(APPROVALS)
        .select()
        .whereIn('run_id', ids.slice(i, i + 100))
        .orderBy('at')) as { run_id: string; action: string; by: string; at: number }[];
      for (const a of found) {
        const list = approvals.get(a.run_id) ?? [];
        list.push({ action: a.action, by: a.by, at: Number(a.at) });
        approvals.set(a.run_id, list);
      }
    }
    return rows.map(r => ({
      id: r.id,
      entityRef: r.entity_ref,
      incidentId: r.incident_id,
      record: JSON.parse(r.record) as RunbookAuditRecord,
      recordedBy: r.recorded_by,
      recordedAt: Number(r.recorded_at),
      approvals: approvals.get(r.id) ?? [],
    }));
  }
}
