import { randomUUID } from 'node:crypto';
import { resolvePackagePath, type DatabaseService } from '@backstage/backend-plugin-api';
import { parseRfc3339, type DrillRunFacts } from '@headroom/core';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath('@headroom/plugin-headroom-backend', 'migrations');
const RUNS = 'headroom_drill_runs';
const SCHEDULE = 'headroom_drill_schedule';

/** A run as stored: the facts core reads, with the entity, who recorded it and how. */
export interface StoredDrillRun extends DrillRunFacts {
  id: string;
  entityRef: string;
  source: 'cli' | 'scheduler';
  recordedBy: string;
}

export type DrillRunWrite = Omit<StoredDrillRun, 'id'>;

export interface DrillScheduleState {
  entityRef: string;
  drill: string;
  checkedAt: number;
  heldReason: string | null;
  heldAt: number | null;
}

interface RunRow {
  id: string;
  entity_ref: string;
  source: string;
  recorded_by: string;
  record: string;
  faults: string;
  alert_severity: string | null;
  dependants: string | null;
}

function fromRow(row: RunRow): StoredDrillRun {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    source: row.source as StoredDrillRun['source'],
    recordedBy: row.recorded_by,
    record: JSON.parse(row.record),
    faults: JSON.parse(row.faults),
    ...(row.alert_severity ? { alertSeverity: row.alert_severity as 'page' | 'ticket' } : {}),
    ...(row.dependants ? { dependants: JSON.parse(row.dependants) } : {}),
  };
}

/** Drill runs and the scheduler's state, in the plugin's database (SQLite or PostgreSQL). */
export class DrillRunStore {
  static async create(options: { database: DatabaseService }): Promise<DrillRunStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DrillRunStore(client);
  }

  constructor(private readonly db: Knex) {}

  async add(run: DrillRunWrite): Promise<StoredDrillRun> {
    const startedAt = parseRfc3339(run.record.startedAt);
    if (startedAt === undefined) {
      throw new TypeError(`record.startedAt '${run.record.startedAt}' is not an RFC 3339 time`);
    }
    const stored: StoredDrillRun = { id: randomUUID(), ...run };
    await this.db(RUNS).insert({
      id: stored.id,
      entity_ref: run.entityRef,
      service: run.record.service,
      drill: run.record.drill,
      slo: run.record.slo,
      verdict: run.record.verdict,
      started_at: startedAt,
      source: run.source,
      recorded_by: run.recordedBy,
      record: JSON.stringify(run.record),
      faults: JSON.stringify(run.faults),
      alert_severity: run.alertSeverity ?? null,
      dependants: run.dependants ? JSON.stringify(run.dependants) : null,
    });
    return stored;
  }

  /** Runs that started in [from, to), of one entity or all, oldest first. */
  async list(range: { from?: number; to?: number; entityRef?: string }): Promise<StoredDrillRun[]> {
    const q = this.db<RunRow>(RUNS).select();
    if (range.entityRef !== undefined) q.where('entity_ref', range.entityRef);
    if (range.from !== undefined) q.where('started_at', '>=', range.from);
    if (range.to !== undefined) q.where('started_at', '<', range.to);
    const rows = (await q.orderBy([
      { column: 'started_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])) as RunRow[];
    return rows.map(fromRow);
  }

  async scheduleState(entityRef: string, drill: string): Promise<DrillScheduleState | undefined> {
    const row = (await this.db(SCHEDULE).where({ entity_ref: entityRef, drill }).first()) as
      | {
          entity_ref: string;
          drill: string;
          checked_at: number;
          held_reason: string | null;
          held_at: number | null;
        }
      | undefined;
    if (!row) return undefined;
    return {
      entityRef: row.entity_ref,
      drill: row.drill,
      checkedAt: Number(row.checked_at),
      heldReason: row.held_reason,
      heldAt: row.held_at === null ? null : Number(row.held_at),
    };
  }

  async saveScheduleState(state: DrillScheduleState): Promise<void> {
    await this.db(SCHEDULE)
      .insert({
        entity_ref: state.entityRef,
        drill: state.drill,
        checked_at: state.checkedAt,
        held_reason: state.heldReason,
        held_at: state.heldAt,
      })
      .onConflict(['entity_ref', 'drill'])
      .merge();
  }
}
