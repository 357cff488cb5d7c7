import { createHash, randomUUID } from 'node:crypto';
import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { Slo } from '@headroom/core';
import type {
  SloAlertState,
  SloBurnRate,
  SloSnapshot,
  SloStatus,
  SloVersion,
} from '@headroom/plugin-headroom-common';
import type { Knex } from 'knex';
import { canonicalJson, diffJson } from '../lib/diff';
import { DatabaseEvaluationQueue } from './EvaluationQueue';
import { rowToSlo, SLOS, SNAPSHOTS, STATUS, toDate, toOptionalDate, type SloRow } from './rows';
import type {
  SloFactsRow,
  SloListFilter,
  SloStore,
  SloWrite,
  StoredSlo,
  SyncResult,
} from './types';

const migrationsDir = resolvePackagePath('@headroom/plugin-headroom-backend', 'migrations');
const VERSIONS = 'headroom_slo_versions';

/** Bound parameters per statement stay well under SQLite's and PostgreSQL's limits. */
const CHUNK = 500;
/** Rows per multi-row insert: about 20 columns each, so under 500 parameters a statement. */
const INSERT_CHUNK = 25;

interface StatusRow {
  slo_id: string;
  evaluated_at: Date | string | number | null;
  sli: number | null;
  budget_remaining: number | null;
  worst_burn_rate: number | null;
  burn_rates: string | null;
  alert_state: string | null;
  time_to_exhaustion_seconds: number | null;
  last_attempt_at: Date | string | number | null;
  error: string | null;
}

/** PostgreSQL returns `double precision` as numbers, but be strict about it anyway. */
function toNumber(value: number | string | null): number | null {
  if (value === null) return null;
  return typeof value === 'number' ? value : Number(value);
}

/** What identifies a definition's content, without where and when it was read. */
function comparable(slo: SloWrite): unknown {
  const { source: _source, ...definition } = slo.definition;
  return {
    definition,
    input: slo.input,
    ownerRef: slo.ownerRef,
    lineOfBusiness: slo.lineOfBusiness,
    sourceLocation: slo.sourceLocation,
    evaluationIntervalSeconds: slo.evaluationIntervalSeconds,
  };
}

function contentHash(slo: SloWrite): string {
  return createHash('sha256')
    .update(canonicalJson(comparable(slo)))
    .digest('hex');
}

function writeColumns(slo: SloWrite) {
  return {
    entity_ref: slo.entityRef,
    name: slo.name,
    origin: slo.origin,
    source_location: slo.sourceLocation,
    owner_ref: slo.ownerRef,
    line_of_business: slo.lineOfBusiness,
    display_name: slo.displayName,
    description: slo.description,
    objective: slo.objective,
    window: slo.window,
    evaluation_interval_seconds: slo.evaluationIntervalSeconds,
    definition: JSON.stringify(slo.definition),
    input: slo.input ? JSON.stringify(slo.input) : null,
    content_hash: contentHash(slo),
  };
}

interface VersionWrite {
  id: string;
  slo: SloWrite;
  version: number;
  change: 'create' | 'update';
  author: string;
  at: Date;
  before: Slo | undefined;
}

function withoutSource(slo: Slo | undefined) {
  if (!slo) return undefined;
  const { source: _source, ...rest } = slo;
  return rest;
}

function versionRow(options: VersionWrite) {
  return {
    slo_id: options.id,
    version: options.version,
    entity_ref: options.slo.entityRef,
    name: options.slo.name,
    change: options.change,
    author: options.author,
    changed_at: options.at,
    definition: JSON.stringify(options.slo.definition),
    diff: JSON.stringify(
      diffJson(withoutSource(options.before) ?? {}, withoutSource(options.slo.definition)),
    ),
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const ALERT_STATES: readonly SloAlertState[] = ['ok', 'ticket', 'page', 'no-data'];

function toAlertState(value: string | null): SloAlertState | null {
  return ALERT_STATES.find(s => s === value) ?? null;
}

function statusFromRow(row: StatusRow, now: Date): SloStatus {
  const evaluatedAt = toOptionalDate(row.evaluated_at);
  const lastAttemptAt = toOptionalDate(row.last_attempt_at);
  return {
    sloId: row.slo_id,
    evaluatedAt: evaluatedAt?.toISOString() ?? null,
    ageSeconds: evaluatedAt ? Math.max(0, (now.getTime() - evaluatedAt.getTime()) / 1000) : null,
    sli: toNumber(row.sli),
    budgetRemaining: toNumber(row.budget_remaining),
    burnRates: row.burn_rates ? (JSON.parse(row.burn_rates) as SloBurnRate[]) : [],
    alertState: toAlertState(row.alert_state),
    timeToExhaustionSeconds: toNumber(row.time_to_exhaustion_seconds),
    lastAttemptAt: lastAttemptAt?.toISOString() ?? null,
    error: row.error,
  };
}

/** A row of the facts query: the SLO's columns and its status's, null without a status. */
type FactRow = Omit<StatusRow, 'slo_id'> & {
  slo_id: string | null;
  entity_ref: string;
  name: string;
  display_name: string | null;
  objective: number | string;
  window: string;
  owner_ref: string | null;
  line_of_business: string | null;
};

function factsFromRow(row: FactRow, now: Date): SloFactsRow {
  return {
    entityRef: row.entity_ref,
    name: row.name,
    displayName: row.display_name,
    objective: Number(row.objective),
    window: row.window,
    ownerRef: row.owner_ref,
    lineOfBusiness: row.line_of_business,
    status: row.slo_id ? statusFromRow(row as StatusRow, now) : undefined,
  };
}

/** Rows of the facts query read at once when reading every SLO's facts. */
const FACT_PAGE = 5000;

/** `items.map(fn)`, giving the event loop a turn after every `size` items. */
async function mapInSlices<T, U>(items: T[], fn: (item: T) => U, size = 500): Promise<U[]> {
  const out: U[] = [];
  for (let i = 0; i < items.length; i += size) {
    if (i > 0) await new Promise(resolve => setImmediate(resolve));
    for (const item of items.slice(i, i + size)) out.push(fn(item));
  }
  return out;
}

/** Knex-backed {@link SloStore}; the same SQL runs on SQLite and PostgreSQL. */
export class DatabaseSloStore implements SloStore {
  static async create(options: { database: DatabaseService }): Promise<DatabaseSloStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseSloStore(client);
  }

  /** When each SLO is due, and the outcome of each evaluation. */
  readonly evaluations: DatabaseEvaluationQueue;

  private constructor(private readonly db: Knex) {
    this.evaluations = new DatabaseEvaluationQueue(db);
  }

  private written = 0;

  get definitionsWritten(): number {
    return this.written;
  }

  async listByEntity(entityRef: string): Promise<StoredSlo[]> {
    const rows = await this.db<SloRow>(SLOS).where({ entity_ref: entityRef }).orderBy('name');
    return rows.map(rowToSlo);
  }

  async listFactsByEntity(entityRef: string, now: Date): Promise<SloFactsRow[]> {
    return (await this.factRows(entityRef)).map(row => factsFromRow(row, now));
  }

  async listAllFacts(now: Date, pageSize = FACT_PAGE): Promise<SloFactsRow[]> {
    // 50,000 rows take a quarter of a second to receive and convert: read in pages and converted
    // in slices, so that the requests served meanwhile wait for one page or slice at most.
    const out: SloFactsRow[] = [];
    let after: { entityRef: string; name: string } | undefined;
    for (;;) {
      const rows = await this.factRows(undefined, { after, limit: pageSize });
      out.push(...(await mapInSlices(rows, row => factsFromRow(row, now))));
      if (rows.length < pageSize) return out;
      const last = rows[rows.length - 1]!;
      after = { entityRef: last.entity_ref, name: last.name };
    }
  }

  /** One query, no definitions parsed: the facts of one entity's SLOs, or of every SLO. */
  private async factRows(
    entityRef?: string,
    page?: { after?: { entityRef: string; name: string }; limit: number },
  ): Promise<FactRow[]> {
    let query = this.db(`${SLOS} as s`).leftJoin(`${STATUS} as st`, 'st.slo_id', 's.id');
    if (entityRef !== undefined) query = query.where('s.entity_ref', entityRef);
    const after = page?.after;
    if (after) {
      // The rows after the last one read, in the order below ((entity_ref, name) is unique).
      query = query.where(q =>
        q
          .where('s.entity_ref', '>', after.entityRef)
          .orWhere(q2 =>
            q2.where('s.entity_ref', after.entityRef).where('s.name', '>', after.name),
          ),
      );
    }
    if (page) query = query.limit(page.limit);
    const rows = await query
      .orderBy(['s.entity_ref', 's.name'])
      .select(
        's.entity_ref as entity_ref',
        's.id as id',
        's.name as name',
        's.display_name as display_name',
        's.objective as objective',
        's.window as window',
        's.owner_ref as owner_ref',
        's.line_of_business as line_of_business',
        'st.slo_id as slo_id',
        'st.evaluated_at as evaluated_at',
        'st.sli as sli',
        'st.budget_remaining as budget_remaining',
        'st.worst_burn_rate as worst_burn_rate',
        'st.burn_rates as burn_rates',
        'st.alert_state as alert_state',
        'st.time_to_exhaustion_seconds as time_to_exhaustion_seconds',
        'st.last_attempt_at as last_attempt_at',
        'st.error as error',
      );
    return rows as FactRow[];
  }

  private filtered(filter: SloListFilter) {
    let query = this.db(`${SLOS} as s`);
    if (filter.ownerRef !== undefined) query = query.where('s.owner_ref', filter.ownerRef);
    if (filter.lineOfBusiness !== undefined) {
      query = query.where('s.line_of_business', filter.lineOfBusiness);
    }
    if (filter.entityRef !== undefined) query = query.where('s.entity_ref', filter.entityRef);
    return query;
  }

  async listWithStatus(
    filter: SloListFilter,
    now: Date,
    page?: { limit: number; offset: number },
  ): Promise<{ slo: StoredSlo; status: SloStatus | undefined }[]> {
    let query = this.filtered(filter).leftJoin(`${STATUS} as st`, 'st.slo_id', 's.id');
    if (page) query = query.limit(page.limit).offset(page.offset);
    // The two tables share no column names, so one flat row carries both.
    const rows = await query
      .orderBy(['s.entity_ref', 's.name'])
      .select(
        's.*',
        'st.slo_id as slo_id',
        'st.evaluated_at as evaluated_at',
        'st.sli as sli',
        'st.budget_remaining as budget_remaining',
        'st.worst_burn_rate as worst_burn_rate',
        'st.burn_rates as burn_rates',
        'st.alert_state as alert_state',
        'st.time_to_exhaustion_seconds as time_to_exhaustion_seconds',
        'st.last_attempt_at as last_attempt_at',
        'st.error as error',
      );
    return rows.map(row => ({
      slo: rowToSlo(row as SloRow),
      status: row.slo_id ? statusFromRow(row as StatusRow, now) : undefined,
    }));
  }

  async countMatching(filter: SloListFilter): Promise<number> {
    const [row] = await this.filtered(filter).count({ n: '*' });
    return Number((row as { n: number | string }).n);
  }

  async get(entityRef: string, name: string): Promise<StoredSlo | undefined> {
    const row = await this.db<SloRow>(SLOS).where({ entity_ref: entityRef, name }).first();
    return row ? rowToSlo(row) : undefined;
  }

  /** The distinct windows of the stored SLOs, as written (`30d`): the API's default bound. */
  async windowsInUse(): Promise<string[]> {
    const rows = await this.db<SloRow>(SLOS).distinct('window');
    return rows.map(r => r.window);
  }

  async entityRefsWithSlos(): Promise<Set<string>> {
    const rows = (await this.db(SLOS).distinct('entity_ref')) as { entity_ref: string }[];
    return new Set(rows.map(r => r.entity_ref));
  }

  async listAll(): Promise<StoredSlo[]> {
    const rows = await this.db<SloRow>(SLOS).orderBy(['entity_ref', 'name']);
    return rows.map(rowToSlo);
  }

  async create(slo: SloWrite, author: string): Promise<StoredSlo> {
    const created = await this.db.transaction(tx => this.createIn(tx, slo, author));
    this.written += 1;
    return created;
  }

  private async createIn(tx: Knex.Transaction, slo: SloWrite, author: string): Promise<StoredSlo> {
    const existing = await tx<SloRow>(SLOS)
      .where({ entity_ref: slo.entityRef, name: slo.name })
      .first('id');
    if (existing) {
      throw new ConflictError(`${slo.entityRef} already has an SLO named '${slo.name}'`);
    }
    const now = new Date();
    const id = randomUUID();
    try {
      await tx(SLOS).insert({
        id,
        ...writeColumns(slo),
        version: 1,
        created_at: now,
        updated_at: now,
        updated_by: author,
        next_evaluation_at: null,
      });
    } catch (error) {
      // Another writer created the same name between our check and our insert.
      throw new ConflictError(`${slo.entityRef} already has an SLO named '${slo.name}'`, error);
    }
    await this.writeVersion(tx, {
      id,
      slo,
      version: 1,
      change: 'create',
      author,
      at: now,
      before: undefined,
    });
    const row = await tx<SloRow>(SLOS).where({ id }).first();
    return rowToSlo(row!);
  }

  async update(slo: SloWrite, expectedVersion: number, author: string): Promise<StoredSlo> {
    const updated = await this.db.transaction(async tx => {
      const current = await tx<SloRow>(SLOS)
        .where({ entity_ref: slo.entityRef, name: slo.name })
        .first();
      if (!current) {
        throw new NotFoundError(`${slo.entityRef} has no SLO named '${slo.name}'`);
      }
      return this.updateIn(tx, rowToSlo(current), slo, expectedVersion, author);
    });
    this.written += 1;
    return updated;
  }

  private async updateIn(
    tx: Knex.Transaction,
    current: StoredSlo,
    slo: SloWrite,
    expectedVersion: number,
    author: string,
  ): Promise<StoredSlo> {
    const now = new Date();
    const version = expectedVersion + 1;
    // The version check is part of the UPDATE itself, so two replicas racing cannot both win.
    const count = await tx(SLOS)
      .where({ id: current.id, version: expectedVersion })
      .update({
        ...writeColumns(slo),
        version,
        updated_at: now,
        updated_by: author,
        next_evaluation_at: null,
      });
    if (count !== 1) {
      throw new ConflictError(
        `SLO '${slo.name}' of ${slo.entityRef} ${await this.versionNow(tx, current.id, expectedVersion)}; reload it and apply the change again`,
      );
    }
    await this.writeVersion(tx, {
      id: current.id,
      slo,
      version,
      change: 'update',
      author,
      at: now,
      before: current.definition,
    });
    const row = await tx<SloRow>(SLOS).where({ id: current.id }).first();
    return rowToSlo(row!);
  }

  async delete(
    entityRef: string,
    name: string,
    expectedVersion: number,
    author: string,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const current = await tx<SloRow>(SLOS).where({ entity_ref: entityRef, name }).first();
      if (!current) {
        throw new NotFoundError(`${entityRef} has no SLO named '${name}'`);
      }
      await this.deleteIn(tx, rowToSlo(current), expectedVersion, author);
    });
    this.written += 1;
  }

  private async deleteIn(
    tx: Knex.Transaction,
    current: StoredSlo,
    expectedVersion: number,
    author: string,
  ): Promise<void> {
    await tx(SNAPSHOTS).where({ slo_id: current.id }).delete();
    await tx(STATUS).where({ slo_id: current.id }).delete();
    const count = await tx(SLOS).where({ id: current.id, version: expectedVersion }).delete();
    if (count !== 1) {
      throw new ConflictError(
        `SLO '${current.name}' of ${current.entityRef} ${await this.versionNow(tx, current.id, expectedVersion)}; reload it before deleting`,
      );
    }
    await tx(VERSIONS).insert({
      slo_id: current.id,
      version: expectedVersion + 1,
      entity_ref: current.entityRef,
      name: current.name,
      change: 'delete',
      author,
      changed_at: new Date(),
      definition: null,
      diff: JSON.stringify([]),
    });
  }

  /**
   * The version another writer left, for a conflict message. A fresh statement: on PostgreSQL
   * the row read at the start of this transaction may predate the concurrent change that won.
   */
  private async versionNow(tx: Knex.Transaction, id: string, expected: number): Promise<string> {
    const row = await tx<SloRow>(SLOS).where({ id }).first('version');
    return row
      ? `is at version ${Number(row.version)}, not ${expected}`
      : `has been deleted since version ${expected}`;
  }

  private async writeVersion(tx: Knex.Transaction, options: VersionWrite): Promise<void> {
    await tx(VERSIONS).insert(versionRow(options));
  }

  /**
   * New SLOs of one entity in a few statements: the sync of a large catalog creates thousands
   * at start-up, and one round trip per row and version kept connections busy for minutes.
   * The caller has checked in the same transaction that none of the names exists.
   */
  private async createManyIn(
    tx: Knex.Transaction,
    slos: SloWrite[],
    author: string,
  ): Promise<void> {
    const at = new Date();
    const ids = slos.map(() => randomUUID());
    const rows = slos.map((slo, i) => ({
      id: ids[i],
      ...writeColumns(slo),
      version: 1,
      created_at: at,
      updated_at: at,
      updated_by: author,
      next_evaluation_at: null,
    }));
    for (const part of chunks(rows, INSERT_CHUNK)) await tx(SLOS).insert(part);
    const versions = slos.map((slo, i) =>
      versionRow({ id: ids[i]!, slo, version: 1, change: 'create', author, at, before: undefined }),
    );
    for (const part of chunks(versions, INSERT_CHUNK)) await tx(VERSIONS).insert(part);
  }

  async history(entityRef: string, name: string): Promise<SloVersion[]> {
    const rows = await this.db(VERSIONS)
      .where({ entity_ref: entityRef, name })
      .orderBy([
        { column: 'changed_at', order: 'desc' },
        { column: 'version', order: 'desc' },
      ]);
    return rows.map(row => ({
      version: Number(row.version),
      change: row.change,
      author: row.author,
      changedAt: toDate(row.changed_at).toISOString(),
      diff: JSON.parse(row.diff),
    }));
  }

  async syncFileSlos(entityRef: string, slos: SloWrite[], author: string): Promise<SyncResult> {
    const result = await this.syncFileSlosIn(entityRef, slos, author);
    if (result.created + result.updated + result.deleted > 0) this.written += 1;
    return result;
  }

  private async syncFileSlosIn(
    entityRef: string,
    slos: SloWrite[],
    author: string,
  ): Promise<SyncResult> {
    return this.db.transaction(async tx => {
      const result: SyncResult = { created: 0, updated: 0, deleted: 0, unchanged: 0 };
      const rows = await tx<SloRow>(SLOS).where({ entity_ref: entityRef });
      const byName = new Map(rows.map(r => [r.name, r]));
      const wanted = new Set<string>();
      const created: SloWrite[] = [];
      for (const slo of slos) {
        if (wanted.has(slo.name)) {
          throw new ConflictError(`${entityRef} defines the SLO '${slo.name}' twice`);
        }
        wanted.add(slo.name);
        const row = byName.get(slo.name);
        if (!row) {
          created.push(slo);
          result.created += 1;
        } else if (row.origin !== 'file') {
          // A name taken by an SLO made through the API: the file loses, the API edit stays.
          result.unchanged += 1;
        } else if (row.content_hash === contentHash(slo)) {
          result.unchanged += 1;
        } else {
          await this.updateIn(tx, rowToSlo(row), slo, Number(row.version), author);
          result.updated += 1;
        }
      }
      if (created.length > 0) await this.createManyIn(tx, created, author);
      for (const row of rows) {
        if (row.origin === 'file' && !wanted.has(row.name)) {
          await this.deleteIn(tx, rowToSlo(row), Number(row.version), author);
          result.deleted += 1;
        }
      }
      return result;
    });
  }

  async removeFileSlosExcept(entityRefs: Set<string>, author: string): Promise<number> {
    const refs = await this.db<SloRow>(SLOS).where({ origin: 'file' }).distinct('entity_ref');
    let removed = 0;
    for (const { entity_ref } of refs) {
      if (!entityRefs.has(entity_ref)) {
        removed += (await this.syncFileSlos(entity_ref, [], author)).deleted;
      }
    }
    return removed;
  }

  async getStatuses(sloIds: string[], now: Date): Promise<Map<string, SloStatus>> {
    const out = new Map<string, SloStatus>();
    for (const part of chunks(sloIds, CHUNK)) {
      const rows = await this.db<StatusRow>(STATUS).whereIn('slo_id', part);
      for (const row of rows) out.set(row.slo_id, statusFromRow(row, now));
    }
    return out;
  }

  async listSnapshots(
    sloId: string,
    options: { since?: Date; limit: number },
  ): Promise<SloSnapshot[]> {
    let query = this.db(SNAPSHOTS).where({ slo_id: sloId });
    if (options.since) query = query.andWhere('evaluated_at', '>=', options.since);
    const rows = await query.orderBy('evaluated_at', 'desc').limit(options.limit);
    return rows.map(row => ({
      evaluatedAt: toDate(row.evaluated_at).toISOString(),
      sli: toNumber(row.sli),
      budgetRemaining: toNumber(row.budget_remaining),
      burnRates: JSON.parse(row.burn_rates),
      alertState: toAlertState(row.alert_state) ?? 'no-data',
      timeToExhaustionSeconds: toNumber(row.time_to_exhaustion_seconds),
    }));
  }
}
