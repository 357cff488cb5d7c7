import { resolvePackagePath, type DatabaseService } from '@backstage/backend-plugin-api';
import { formatMoney, parseMoney, type CostCell, type Money } from '@headroom/core';
import type {
  CostBadRow,
  CostImportRun,
  CostImportStatus,
  CostImportTrigger,
} from '@headroom/plugin-headroom-common';
import type { Knex } from 'knex';
import type { BillDay, CostDriverCell, IngestResult, IngestedPeriod } from './ingest';

const migrationsDir = resolvePackagePath('@headroom/plugin-headroom-backend', 'migrations');

const IMPORTS = 'headroom_cost_imports';
const PERIODS = 'headroom_cost_periods';
const CELLS = 'headroom_cost_cells';
const DRIVERS = 'headroom_cost_drivers';
const BILL_DAYS = 'headroom_cost_bill_days';
const INSERT_CHUNK = 200;

/** A stored cell with the owner and line of business its entity had at import time. */
export interface StoredCostCell extends CostCell {
  sourceId: string;
  ownerRef: string | null;
  lineOfBusiness: string | null;
}

export interface StoredPeriod extends IngestedPeriod {
  sourceId: string;
  importId: number;
}

/** Filters of a cost read; days are unix seconds, `from` inclusive, `to` exclusive. */
export interface CostQuery {
  fromDay?: number;
  toDay?: number;
  entityRef?: string;
  lineOfBusiness?: string;
  sourceId?: string;
  /** Billing periods starting in [billingPeriodFrom, billingPeriodTo). */
  billingPeriodFrom?: number;
  billingPeriodTo?: number;
}

/** Owner and line of business of the entities cost was attributed to. */
export type EntityOwnership = ReadonlyMap<
  string,
  { ownerRef: string | null; lineOfBusiness: string | null }
>;

export interface RunOutcome {
  status: Exclude<CostImportStatus, 'running'>;
  finishedAt: Date;
  rows: number;
  badRows: number;
  badRowSamples: CostBadRow[];
  periods: CostImportRun['periods'];
  error: string | null;
  warnings: string[];
}

function money(text: string, where: string): Money {
  const v = parseMoney(text);
  if (v === undefined) throw new Error(`Stored amount "${text}" in ${where} is not a decimal`);
  return v;
}

const iso = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);
const toIso = (v: Date | string | null) =>
  v === null ? null : (v instanceof Date ? v : new Date(v)).toISOString();

interface ImportRow {
  id: number;
  source_id: string;
  trigger: string;
  status: string;
  requested_by: string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
  rows: number;
  bad_rows: number;
  bad_row_samples: string;
  periods: string;
  warnings: string;
  error: string | null;
}

function runOf(row: ImportRow, withSamples: boolean): CostImportRun {
  return {
    id: Number(row.id),
    sourceId: row.source_id,
    trigger: row.trigger as CostImportTrigger,
    status: row.status as CostImportStatus,
    requestedBy: row.requested_by,
    startedAt: toIso(row.started_at)!,
    finishedAt: toIso(row.finished_at),
    rows: Number(row.rows),
    badRows: Number(row.bad_rows),
    badRowSamples: withSamples ? JSON.parse(row.bad_row_samples) : [],
    periods: JSON.parse(row.periods),
    error: row.error,
    warnings: JSON.parse(row.warnings),
  };
}

/** The imported periods as the API shows them. */
export function periodsJson(periods: readonly IngestedPeriod[]): CostImportRun['periods'] {
  return periods.map(p => ({
    key: p.key,
    currency: p.currency,
    billingPeriodStart: iso(p.billingPeriodStart),
    billingPeriodEnd: iso(p.billingPeriodEnd),
    rows: p.rows,
    billed: formatMoney(p.billed, 2),
    effective: formatMoney(p.effective, 2),
  }));
}

/**
 * Cost aggregates and import runs in the plugin's database. Amounts are stored as exact decimal
 * text and summed by core in bigint, so no database's number type can round them.
 */
export class CostStore {
  static async create(options: { database: DatabaseService }): Promise<CostStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new CostStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async startRun(run: {
    sourceId: string;
    trigger: CostImportTrigger;
    requestedBy: string | null;
    startedAt: Date;
  }): Promise<number> {
    const [row] = await this.db(IMPORTS)
      .insert({
        source_id: run.sourceId,
        trigger: run.trigger,
        status: 'running',
        requested_by: run.requestedBy,
        started_at: run.startedAt,
      })
      .returning('id');
    return Number(typeof row === 'object' ? (row as { id: number }).id : row);
  }

  async finishRun(id: number, outcome: RunOutcome): Promise<void> {
    await this.db(IMPORTS)
      .where({ id })
      .update({
        status: outcome.status,
        finished_at: outcome.finishedAt,
        rows: outcome.rows,
        bad_rows: outcome.badRows,
        bad_row_samples: JSON.stringify(outcome.badRowSamples),
        periods: JSON.stringify(outcome.periods),
        warnings: JSON.stringify(outcome.warnings),
        error: outcome.error,
      });
  }

  /**
   * Marks runs still `running` that started before `startedBefore` as failed: a backend that
   * stopped mid-import never finishes them, and they would read as running forever.
   */
  async failAbandonedRuns(startedBefore: Date, now: Date): Promise<number> {
    return this.db(IMPORTS)
      .where({ status: 'running' })
      .andWhere('started_at', '<', startedBefore)
      .update({
        status: 'failed',
        finished_at: now,
        error:
          'interrupted: the import did not finish within its timeout (the backend may have stopped)',
      });
  }

  async run(id: number): Promise<CostImportRun | undefined> {
    const row = await this.db<ImportRow>(IMPORTS).where({ id }).first();
    return row ? runOf(row, true) : undefined;
  }

  /** Runs newest first, without their bad-row samples. */
  async runs(options: { sourceId?: string; limit: number }): Promise<CostImportRun[]> {
    let q = this.db<ImportRow>(IMPORTS).orderBy('id', 'desc').limit(options.limit);
    if (options.sourceId) q = q.where({ source_id: options.sourceId });
    return (await q).map(r => runOf(r, false));
  }

  /** The newest run of each source. */
  async lastRuns(): Promise<Map<string, CostImportRun>> {
    const newest = this.db(IMPORTS).max('id').groupBy('source_id');
    const rows = await this.db<ImportRow>(IMPORTS).whereIn('id', newest);
    return new Map(rows.map(r => [r.source_id, runOf(r, false)]));
  }

  /**
   * Replaces everything stored under the result's period keys with the result, in one
   * transaction: readers see the old periods or the new ones, never a mix, and a failure
   * leaves the old ones.
   */
  async replacePeriods(
    sourceId: string,
    result: IngestResult,
    ownership: EntityOwnership,
    importId: number,
    at: Date,
  ): Promise<void> {
    const keyOf = new Map(
      result.periods.map(p => [`${p.currency}\t${p.billingPeriodStart}`, p.key]),
    );
    const key = (currency: string, bp: number) => {
      const k = keyOf.get(`${currency}\t${bp}`);
      if (!k) throw new Error(`No billing period ${bp} in ${currency} among the imported periods`);
      return k;
    };
    const keys = result.periods.map(p => p.key);
    const cells = result.aggregates.cells.map(c => {
      const o = c.entityRef === null ? undefined : ownership.get(c.entityRef);
      return {
        period_key: key(c.currency, c.billingPeriodStart),
        source_id: sourceId,
        entity_ref: c.entityRef,
        owner_ref: o?.ownerRef ?? null,
        line_of_business: o?.lineOfBusiness ?? null,
        rule_id: c.ruleId,
        currency: c.currency,
        billing_period_start: c.billingPeriodStart,
        day: c.day,
        billed: formatMoney(c.billed),
        effective: formatMoney(c.effective),
        rows: c.rows,
      };
    });
    const drivers = result.drivers.map(d => ({
      period_key: key(d.currency, d.billingPeriodStart),
      entity_ref: d.entityRef,
      currency: d.currency,
      day: d.day,
      service_name: d.serviceName?.slice(0, 255) ?? null,
      charge_category: d.chargeCategory,
      shared_rule_id: d.sharedRuleId,
      billed: formatMoney(d.billed),
      effective: formatMoney(d.effective),
    }));
    const billDays = result.billDays.map(b => ({
      period_key: key(b.currency, b.billingPeriodStart),
      source_id: sourceId,
      currency: b.currency,
      billing_period_start: b.billingPeriodStart,
      day: b.day,
      billed: formatMoney(b.billed),
      effective: formatMoney(b.effective),
      rows: b.rows,
    }));
    const periods = result.periods.map(p => ({
      period_key: p.key,
      source_id: sourceId,
      currency: p.currency,
      billing_period_start: p.billingPeriodStart,
      billing_period_end: p.billingPeriodEnd,
      rows: p.rows,
      billed: formatMoney(p.billed),
      effective: formatMoney(p.effective),
      list: formatMoney(p.list),
      import_id: importId,
      imported_at: at,
    }));
    await this.db.transaction(async tx => {
      for (let i = 0; i < keys.length; i += INSERT_CHUNK) {
        const some = keys.slice(i, i + INSERT_CHUNK);
        for (const table of [CELLS, DRIVERS, BILL_DAYS, PERIODS]) {
          await tx(table).whereIn('period_key', some).delete();
        }
      }
      for (const [table, rows] of [
        [PERIODS, periods],
        [CELLS, cells],
        [DRIVERS, drivers],
        [BILL_DAYS, billDays],
      ] as const) {
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          await tx(table).insert(rows.slice(i, i + INSERT_CHUNK));
        }
      }
    });
  }

  private filtered(table: string, q: CostQuery) {
    let query = this.db(table);
    if (q.fromDay !== undefined) query = query.where('day', '>=', q.fromDay);
    if (q.toDay !== undefined) query = query.where('day', '<', q.toDay);
    if (q.entityRef !== undefined) query = query.where('entity_ref', q.entityRef);
    if (q.billingPeriodFrom !== undefined) {
      query = query.where('billing_period_start', '>=', q.billingPeriodFrom);
    }
    if (q.billingPeriodTo !== undefined) {
      query = query.where('billing_period_start', '<', q.billingPeriodTo);
    }
    return query;
  }

  async cells(q: CostQuery): Promise<StoredCostCell[]> {
    let query = this.filtered(CELLS, q);
    if (q.lineOfBusiness !== undefined) query = query.where('line_of_business', q.lineOfBusiness);
    if (q.sourceId !== undefined) query = query.where('source_id', q.sourceId);
    const rows = await query.select();
    return rows.map(r => ({
      sourceId: r.source_id,
      entityRef: r.entity_ref,
      ownerRef: r.owner_ref,
      lineOfBusiness: r.line_of_business,
      ruleId: r.rule_id,
      currency: r.currency,
      billingPeriodStart: Number(r.billing_period_start),
      day: Number(r.day),
      billed: money(r.billed, CELLS),
      effective: money(r.effective, CELLS),
      rows: Number(r.rows),
    }));
  }

  async drivers(q: CostQuery): Promise<CostDriverCell[]> {
    const rows = await this.filtered(DRIVERS, q).select();
    return rows.map(r => ({
      entityRef: r.entity_ref,
      currency: r.currency,
      billingPeriodStart: 0,
      day: Number(r.day),
      serviceName: r.service_name,
      chargeCategory: r.charge_category,
      sharedRuleId: r.shared_rule_id,
      billed: money(r.billed, DRIVERS),
      effective: money(r.effective, DRIVERS),
    }));
  }

  async billDays(q: CostQuery): Promise<BillDay[]> {
    let query = this.filtered(BILL_DAYS, q);
    if (q.sourceId !== undefined) query = query.where('source_id', q.sourceId);
    const rows = await query.select();
    return rows.map(r => ({
      currency: r.currency,
      billingPeriodStart: Number(r.billing_period_start),
      day: Number(r.day),
      billed: money(r.billed, BILL_DAYS),
      effective: money(r.effective, BILL_DAYS),
      rows: Number(r.rows),
    }));
  }

  async periods(q: CostQuery): Promise<StoredPeriod[]> {
    let query = this.db(PERIODS);
    if (q.billingPeriodFrom !== undefined) {
      query = query.where('billing_period_start', '>=', q.billingPeriodFrom);
    }
    if (q.billingPeriodTo !== undefined) {
      query = query.where('billing_period_start', '<', q.billingPeriodTo);
    }
    if (q.sourceId !== undefined) query = query.where('source_id', q.sourceId);
    const rows = await query.orderBy(['billing_period_start', 'period_key']).select();
    return rows.map(r => ({
      key: r.period_key,
      sourceId: r.source_id,
      currency: r.currency,
      billingPeriodStart: Number(r.billing_period_start),
      billingPeriodEnd: Number(r.billing_period_end),
      rows: Number(r.rows),
      billed: money(r.billed, PERIODS),
      effective: money(r.effective, PERIODS),
      list: money(r.list, PERIODS),
      importId: Number(r.import_id),
    }));
  }
}
