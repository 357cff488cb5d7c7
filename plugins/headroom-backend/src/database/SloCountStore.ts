import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import type { CounterCarry, StepCorrection } from '@headroom/prometheus';
import type { Knex } from 'knex';
import { existingSloIds } from './rows';
import { decodeSteps, encodeSteps } from './stepBlobs';

const migrationsDir = resolvePackagePath('@headroom/plugin-headroom-backend', 'migrations');
export const COUNT_STATES = 'headroom_slo_count_states';
export const COUNT_CHUNKS = 'headroom_slo_count_chunks';

export type CounterName = 'events' | 'total';

/** Where the incremental reads of one SLO continue from. */
export interface CountState {
  /** What the kept counts depend on (selectors, kind, step, layout): another key starts over. */
  key: string;
  /** The first step kept (unix seconds): a read from earlier starts over. */
  coveredFrom: number;
  /** The last step counted for good; later kept steps are read again. */
  settledTo: number;
  /** Each series' last valid value as of `settledTo`. */
  carry: Record<CounterName, CounterCarry>;
}

export interface CountCorrection extends StepCorrection {
  counter: CounterName;
}

/** A run of steps from `start`, `end` exclusive; NaN where nothing was counted. */
export interface CountChunk {
  start: number;
  end: number;
  events: Float64Array;
  total: Float64Array;
  corrections: CountCorrection[];
}

export interface CountSave {
  state: CountState;
  /** Chunks to write whole (replacing the kept ones with the same start). */
  chunks: CountChunk[];
  /** Chunks ending at or before this instant are dropped: they left every window. */
  dropBefore: number;
  /** Drop every kept chunk first (a new start). */
  replace: boolean;
}

interface StateRow {
  slo_id: string;
  definition_key: string;
  covered_from: number | string;
  settled_to: number | string;
  carry: string;
}

interface ChunkRow {
  slo_id: string;
  chunk_start: number | string;
  chunk_end: number | string;
  events: Uint8Array;
  total: Uint8Array;
  corrections: string | null;
}

type CarryJson = Record<CounterName, [key: string, value: number, at: number][]>;

function carryToJson(carry: CountState['carry']): string {
  const out: CarryJson = { events: [], total: [] };
  for (const counter of ['events', 'total'] as const) {
    for (const [k, c] of carry[counter]) out[counter].push([k, c.value, c.at]);
  }
  return JSON.stringify(out);
}

function carryFromJson(text: string): CountState['carry'] {
  const parsed = JSON.parse(text) as CarryJson;
  const map = (rows: CarryJson[CounterName]): CounterCarry =>
    new Map(rows.map(([k, value, at]) => [k, { value, at }]));
  return { events: map(parsed.events), total: map(parsed.total) };
}

function isEmptyChunk(c: CountChunk): boolean {
  if (c.corrections.length > 0) return false;
  for (let i = 0; i < c.events.length; i++) if (!Number.isNaN(c.events[i]!)) return false;
  for (let i = 0; i < c.total.length; i++) if (!Number.isNaN(c.total[i]!)) return false;
  return true;
}

/**
 * The counts incremental evaluation keeps per SLO (see `IncrementalSampleReader`): one state row
 * and chunks of summed step increases as binary arrays, on SQLite and PostgreSQL alike.
 */
export class SloCountStore {
  static async create(options: { database: DatabaseService }): Promise<SloCountStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new SloCountStore(client);
  }

  constructor(private readonly db: Knex) {}

  /** The state and the chunks that hold steps in [from, to]; undefined before the first save. */
  async load(
    sloId: string,
    from: number,
    to: number,
  ): Promise<{ state: CountState; chunks: CountChunk[] } | undefined> {
    const row = await this.db<StateRow>(COUNT_STATES).where({ slo_id: sloId }).first();
    if (!row) return undefined;
    const rows = await this.db<ChunkRow>(COUNT_CHUNKS)
      .where({ slo_id: sloId })
      .andWhere('chunk_start', '<=', to)
      .andWhere('chunk_end', '>', from)
      .orderBy('chunk_start')
      .select('chunk_start', 'chunk_end', 'events', 'total', 'corrections');
    const where = `counts of SLO ${sloId}`;
    return {
      state: {
        key: row.definition_key,
        coveredFrom: Number(row.covered_from),
        settledTo: Number(row.settled_to),
        carry: carryFromJson(row.carry),
      },
      chunks: rows.map(r => ({
        start: Number(r.chunk_start),
        end: Number(r.chunk_end),
        events: decodeSteps(r.events, where),
        total: decodeSteps(r.total, where),
        corrections: r.corrections ? (JSON.parse(r.corrections) as CountCorrection[]) : [],
      })),
    };
  }

  /** Writes a read's outcome in one transaction; false when the SLO was deleted meanwhile. */
  async save(sloId: string, save: CountSave): Promise<boolean> {
    return (await this.saveMany([{ sloId, ...save }])) === 1;
  }

  /**
   * Writes the outcomes of several reads in one transaction (one commit for a batch of SLOs, not
   * one each); SLOs deleted meanwhile are skipped. Returns how many were written.
   */
  async saveMany(saves: readonly (CountSave & { sloId: string })[]): Promise<number> {
    if (saves.length === 0) return 0;
    return this.db.transaction(async tx => {
      const existing = await existingSloIds(
        tx,
        saves.map(s => s.sloId),
      );
      let written = 0;
      for (const save of saves) {
        if (!existing.has(save.sloId)) continue;
        await this.writeOne(tx, save.sloId, save);
        written += 1;
      }
      return written;
    });
  }

  private async writeOne(tx: Knex.Transaction, sloId: string, save: CountSave): Promise<void> {
    const { state } = save;
    await tx(COUNT_STATES)
      .insert({
        slo_id: sloId,
        definition_key: state.key,
        covered_from: state.coveredFrom,
        settled_to: state.settledTo,
        carry: carryToJson(state.carry),
        updated_at: new Date(),
      })
      .onConflict('slo_id')
      .merge();
    const chunks = tx(COUNT_CHUNKS).where({ slo_id: sloId });
    if (save.replace) await chunks.delete();
    else await chunks.andWhere('chunk_end', '<=', save.dropBefore).delete();
    for (const c of save.chunks) {
      if (isEmptyChunk(c)) {
        // Nothing counted (no samples in Prometheus for these steps): a missing chunk reads as
        // NaN steps, so none is kept. A new SLO's window is mostly such steps until it fills.
        if (!save.replace) {
          await tx(COUNT_CHUNKS).where({ slo_id: sloId, chunk_start: c.start }).delete();
        }
        continue;
      }
      await tx(COUNT_CHUNKS)
        .insert({
          slo_id: sloId,
          chunk_start: c.start,
          chunk_end: c.end,
          events: encodeSteps(c.events),
          total: encodeSteps(c.total),
          corrections: c.corrections.length > 0 ? JSON.stringify(c.corrections) : null,
        })
        .onConflict(['slo_id', 'chunk_start'])
        .merge();
    }
  }

  /** Forgets what was counted for an SLO: its next read starts over. */
  async clear(sloId: string): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(COUNT_CHUNKS).where({ slo_id: sloId }).delete();
      await tx(COUNT_STATES).where({ slo_id: sloId }).delete();
    });
  }

  /** Bytes kept for an SLO (blobs, corrections and carry), or for all SLOs without an id. */
  async storedBytes(sloId?: string): Promise<number> {
    const filter = <T extends Knex.QueryBuilder>(q: T): T =>
      (sloId === undefined ? q : q.where({ slo_id: sloId })) as T;
    let bytes = 0;
    const chunks = await filter(this.db(COUNT_CHUNKS).select('events', 'total', 'corrections'));
    for (const r of chunks as ChunkRow[]) {
      bytes += r.events.length + r.total.length + (r.corrections?.length ?? 0);
    }
    const states = await filter(this.db(COUNT_STATES).select('carry'));
    for (const r of states as Pick<StateRow, 'carry'>[]) bytes += r.carry.length;
    return bytes;
  }
}
