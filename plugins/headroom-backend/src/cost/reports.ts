import {
  driverShares,
  flagUnitCosts,
  formatMoney,
  reconcileCosts,
  rollupCosts,
  UNALLOCATED,
  unitCostBands,
  unitCosts,
  type BillTotal,
  type CostCell,
  type CostEntity,
  type DriverValue,
  type Money,
  type PeriodCost,
  type RollupRow,
} from '@headroom/core';
import type {
  CostDriversResponse,
  CostGrain,
  CostReconciliationGrain,
  CostReconciliationRow,
  CostRollupDimension,
  CostRollupRow,
  CostView,
  EntityPeriodCost,
  UnitCostRow,
} from '@headroom/plugin-headroom-common';
import type { StoredCostCell, StoredPeriod } from './CostStore';
import type { BillDay, CostDriverCell } from './ingest';
import { dateOf, overlaps } from './params';

type Range = { from?: number; to?: number };

const amount = (v: Money) => formatMoney(v, 2);
const optionalAmount = (v: Money | null) => (v === null ? null : amount(v));

/**
 * A zero unallocated cell on every day that has any data: the rollup then knows which periods
 * the data covers (an entity absent on such a day had zero cost, not no data), and the
 * unallocated row is present in every period even when everything was attributed.
 */
export function periodMarkers(billDays: readonly BillDay[]): CostCell[] {
  const seen = new Set<string>();
  const out: CostCell[] = [];
  for (const b of billDays) {
    const k = `${b.currency}\t${b.day}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({
      entityRef: null,
      ruleId: null,
      currency: b.currency,
      billingPeriodStart: b.billingPeriodStart,
      day: b.day,
      billed: 0n,
      effective: 0n,
      rows: 0,
    });
  }
  return out;
}

/**
 * Owner and line of business per entity for rollups: as recorded with its newest cell (cost
 * belongs to whoever owned the entity when it was imported).
 */
export function entitiesOfCells(cells: readonly StoredCostCell[]): CostEntity[] {
  const newest = new Map<string, StoredCostCell>();
  for (const c of cells) {
    if (c.entityRef === null) continue;
    const seen = newest.get(c.entityRef);
    if (!seen || seen.day < c.day) newest.set(c.entityRef, c);
  }
  return [...newest.values()].map(c => ({
    ref: c.entityRef!,
    owner: c.ownerRef,
    lineOfBusiness: c.lineOfBusiness,
  }));
}

function rowJson(r: RollupRow, grain: CostGrain) {
  return {
    period: r.period,
    date: dateOf(r.period, grain),
    currency: r.currency,
    cost: amount(r.cost),
    previous: optionalAmount(r.previous),
    change: optionalAmount(r.change),
    changeRatio: r.changeRatio,
    ...(r.partial ? { partial: r.partial } : {}),
  };
}

/** Rollup rows of the periods overlapping the range, through core's `rollupCosts`. */
export function rollupReport(
  cells: readonly StoredCostCell[],
  markers: readonly CostCell[],
  options: { by: CostRollupDimension; grain: CostGrain; view: CostView; range: Range },
): CostRollupRow[] {
  const rows = rollupCosts({ cells: [...cells, ...markers] }, entitiesOfCells(cells), options);
  return rows
    .filter(r => overlaps(r.period, options.grain, options.range))
    .map(r => ({ key: r.key, ...rowJson(r, options.grain) }));
}

/** Per entity and period, for the entity and line-of-business endpoints. */
export function entityPeriodCosts(
  cells: readonly StoredCostCell[],
  markers: readonly CostCell[],
  options: { grain: CostGrain; view: CostView; range: Range },
): EntityPeriodCost[] {
  return rollupReport(cells, markers, { ...options, by: 'entity' })
    .filter(r => r.key !== UNALLOCATED)
    .map(({ key, ...rest }) => ({ entityRef: key, ...rest }));
}

const CSV_COLUMNS = [
  'key',
  'date',
  'period',
  'currency',
  'cost',
  'previous',
  'change',
  'changeRatio',
] as const;

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The rollup as RFC 4180 CSV with a header line. */
export function rollupCsv(rows: readonly CostRollupRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) lines.push(CSV_COLUMNS.map(c => csvField(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** An entity's spending by service and charge category (and shared parts): core's `driverShares`. */
export function driversReport(
  drivers: readonly CostDriverCell[],
  view: CostView,
  limit: number,
): Pick<CostDriversResponse, 'items' | 'totals'> {
  const { items, totals } = driverShares(drivers, view, limit);
  return {
    items: items.map(i => ({ ...i, cost: amount(i.cost) })),
    totals: totals.map(t => ({ currency: t.currency, cost: amount(t.cost) })),
  };
}

/** Entities plus unallocated against the bill, through core's `reconcileCosts`. */
export function reconciliationReport(
  cells: readonly CostCell[],
  periods: readonly StoredPeriod[],
  billDays: readonly BillDay[],
  grain: CostReconciliationGrain,
  range: Range,
): CostReconciliationRow[] {
  const bill: BillTotal[] = periods.map(p => ({
    currency: p.currency,
    billingPeriodStart: p.billingPeriodStart,
    billingPeriodEnd: p.billingPeriodEnd,
    billed: p.billed,
    effective: p.effective,
    list: p.list,
    rows: p.rows,
  }));
  const days = billDays.map(b => ({
    currency: b.currency,
    day: b.day,
    billed: b.billed,
    effective: b.effective,
    rows: b.rows,
  }));
  return reconcileCosts({ cells: [...cells], bill, days, shared: [] }, grain)
    .filter(r => grain === 'billingPeriod' || overlaps(r.period, grain, range))
    .map(r => ({
      grain,
      period: r.period,
      date: dateOf(r.period, grain),
      currency: r.currency,
      view: r.view,
      bill: amount(r.bill),
      attributed: amount(r.attributed),
      unallocated: amount(r.unallocated),
      differenceCents: r.differenceCents.toString(),
      ok: r.ok,
    }));
}

/**
 * The entity's unit cost per period, with its line of business's p25/p50/p75 band and whether
 * it is outside it: core's `unitCosts`, `unitCostBands` and `flagUnitCosts` over the costs of
 * every entity of the line of business.
 */
export function unitCostReport(
  entityRef: string,
  costs: readonly PeriodCost[],
  drivers: readonly DriverValue[],
  entities: readonly CostEntity[],
  grain: CostGrain,
): UnitCostRow[] {
  const unit = unitCosts(costs, drivers);
  const bands = unitCostBands(unit, entities);
  const flagged = flagUnitCosts(
    unit.filter(u => u.entityRef === entityRef),
    bands,
    entities,
  );
  const exact = new Map(
    costs.filter(c => c.entityRef === entityRef).map(c => [`${c.period}\t${c.currency}`, c.cost]),
  );
  return flagged
    .sort((a, b) => a.period - b.period || a.currency.localeCompare(b.currency))
    .map(u => ({
      period: u.period,
      date: dateOf(u.period, grain),
      currency: u.currency,
      cost: amount(exact.get(`${u.period}\t${u.currency}`) ?? 0n),
      driver: u.driver,
      unitCost: u.unitCost,
      band: u.band
        ? { entities: u.band.entities, p25: u.band.p25, p50: u.band.p50, p75: u.band.p75 }
        : null,
      position: u.position,
      flagged: u.flagged,
    }));
}
