import { moneyToNumber, type Money } from './decimal';
import type { CostEntity } from './types';

/** PromQL giving the entity's business driver over a period (requests, transactions, users). */
export const UNIT_COST_QUERY_ANNOTATION = 'headroom.dev/unit-cost-query';
/** What the driver counts, for labels: `request`, `transaction`, `user`, `qps`. */
export const UNIT_COST_DRIVER_ANNOTATION = 'headroom.dev/unit-cost-driver';

export interface UnitCostDriver {
  query: string;
  unit: string;
}

/** The entity's declared driver, or null when it declares none. */
export function unitCostDriver(entity: CostEntity): UnitCostDriver | null {
  const query = entity.annotations?.[UNIT_COST_QUERY_ANNOTATION]?.trim();
  if (!query) return null;
  return { query, unit: entity.annotations?.[UNIT_COST_DRIVER_ANNOTATION]?.trim() || 'unit' };
}

export interface PeriodCost {
  entityRef: string;
  period: number;
  currency: string;
  cost: Money;
}

export interface DriverValue {
  entityRef: string;
  period: number;
  value: number;
}

export interface UnitCost {
  entityRef: string;
  period: number;
  currency: string;
  cost: number;
  /** Null when Prometheus had no value for the period. */
  driver: number | null;
  /** cost / driver; null without a driver or when the driver is 0 (no traffic, no unit cost). */
  unitCost: number | null;
}

/** Cost divided by its driver per entity and period. */
export function unitCosts(
  costs: readonly PeriodCost[],
  drivers: readonly DriverValue[],
): UnitCost[] {
  const byKey = new Map<string, number>();
  for (const d of drivers) byKey.set(`${d.entityRef}\t${d.period}`, d.value);
  return costs.map(c => {
    const raw = byKey.get(`${c.entityRef}\t${c.period}`);
    const driver = raw === undefined || !Number.isFinite(raw) ? null : raw;
    const cost = moneyToNumber(c.cost);
    return {
      entityRef: c.entityRef,
      period: c.period,
      currency: c.currency,
      cost,
      driver,
      unitCost: driver === null || driver <= 0 ? null : cost / driver,
    };
  });
}

/** Linear-interpolation quantile (type 7, as Prometheus and NumPy's default) of sorted values. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export interface UnitCostBand {
  lineOfBusiness: string;
  period: number;
  currency: string;
  entities: number;
  p25: number;
  p50: number;
  p75: number;
}

/**
 * Each line of business's distribution of its entities' unit costs per period and currency.
 * Fewer than `minEntities` unit costs make no band: three services are not a benchmark.
 */
export function unitCostBands(
  unit: readonly UnitCost[],
  entities: readonly CostEntity[],
  minEntities = 3,
): UnitCostBand[] {
  const lob = new Map(entities.map(e => [e.ref, e.lineOfBusiness ?? null]));
  const groups = new Map<
    string,
    { lineOfBusiness: string; period: number; currency: string; values: number[] }
  >();
  for (const u of unit) {
    const l = lob.get(u.entityRef);
    if (!l || u.unitCost === null) continue;
    const k = `${l}\t${u.currency}\t${u.period}`;
    let g = groups.get(k);
    if (!g)
      groups.set(
        k,
        (g = { lineOfBusiness: l, period: u.period, currency: u.currency, values: [] }),
      );
    g.values.push(u.unitCost);
  }
  const out: UnitCostBand[] = [];
  for (const g of groups.values()) {
    if (g.values.length < minEntities) continue;
    const sorted = [...g.values].sort((a, b) => a - b);
    out.push({
      lineOfBusiness: g.lineOfBusiness,
      period: g.period,
      currency: g.currency,
      entities: sorted.length,
      p25: quantileSorted(sorted, 0.25),
      p50: quantileSorted(sorted, 0.5),
      p75: quantileSorted(sorted, 0.75),
    });
  }
  return out.sort(
    (a, b) => a.period - b.period || a.lineOfBusiness.localeCompare(b.lineOfBusiness),
  );
}

export type BandPosition = 'below' | 'within' | 'above' | 'no-band' | 'no-unit-cost';

export interface UnitCostFlag extends UnitCost {
  lineOfBusiness: string | null;
  band: UnitCostBand | null;
  /** Outside [p25, p75] of its line of business: `below` or `above` — flagged. */
  position: BandPosition;
  flagged: boolean;
}

export function flagUnitCosts(
  unit: readonly UnitCost[],
  bands: readonly UnitCostBand[],
  entities: readonly CostEntity[],
): UnitCostFlag[] {
  const lob = new Map(entities.map(e => [e.ref, e.lineOfBusiness ?? null]));
  const byKey = new Map(bands.map(b => [`${b.lineOfBusiness}\t${b.currency}\t${b.period}`, b]));
  return unit.map(u => {
    const l = lob.get(u.entityRef) ?? null;
    const band = l ? (byKey.get(`${l}\t${u.currency}\t${u.period}`) ?? null) : null;
    let position: BandPosition;
    if (u.unitCost === null) position = 'no-unit-cost';
    else if (!band) position = 'no-band';
    else if (u.unitCost < band.p25) position = 'below';
    else if (u.unitCost > band.p75) position = 'above';
    else position = 'within';
    return {
      ...u,
      lineOfBusiness: l,
      band,
      position,
      flagged: position === 'below' || position === 'above',
    };
  });
}
