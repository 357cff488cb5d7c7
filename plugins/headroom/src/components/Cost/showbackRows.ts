import { parseEntityRef } from '@backstage/catalog-model';
import {
  COST_UNALLOCATED_KEY,
  COST_UNASSIGNED_KEY,
  type CostRollupDimension,
  type CostRollupRow,
  type EntityPeriodCost,
  type UnitCostRow,
} from '@headroom/plugin-headroom-common';
import { formatChange, formatMoney, formatPeriod, formatQuantity } from '../../lib/format';
import { toCsv } from '../../lib/csv';

/** Periods present in the rows, newest first. */
export function periodsOf(rows: { date: string; period: number }[]): string[] {
  const byDate = new Map(rows.map(r => [r.date, r.period]));
  return [...byDate.entries()].sort((a, b) => b[1] - a[1]).map(([date]) => date);
}

/**
 * The rows of one period: largest cost first (compared as decimals, not floats), with no owner or
 * line of business next to last and unallocated cost last, each as its own row.
 */
export function showbackRows(rows: CostRollupRow[], date: string): CostRollupRow[] {
  const rank = (key: string) =>
    key === COST_UNALLOCATED_KEY ? 2 : key === COST_UNASSIGNED_KEY ? 1 : 0;
  return rows
    .filter(r => r.date === date)
    .sort(
      (a, b) =>
        rank(a.key) - rank(b.key) ||
        a.currency.localeCompare(b.currency) ||
        compareDecimal(b.cost, a.cost) ||
        a.key.localeCompare(b.key),
    );
}

/** Compares two decimal strings exactly. */
export function compareDecimal(a: string, b: string): number {
  const scale = (text: string) => {
    const [int = '0', frac = ''] = text.replace(/^[+-]/, '').split('.');
    const sign = text.startsWith('-') ? -1n : 1n;
    return sign * BigInt(`${int || '0'}${frac.padEnd(12, '0').slice(0, 12)}`);
  };
  const d = scale(a) - scale(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** The name shown for a rollup key. */
export function groupLabel(key: string, by: CostRollupDimension): string {
  if (key === COST_UNALLOCATED_KEY) return 'Unallocated (no attribution rule matched)';
  if (key === COST_UNASSIGNED_KEY) {
    return by === 'owner' ? 'No owner' : by === 'lineOfBusiness' ? 'No line of business' : key;
  }
  return key;
}

const dimensionTitle = (by: CostRollupDimension) =>
  by === 'owner' ? 'team' : by === 'lineOfBusiness' ? 'line_of_business' : 'entity';

/** CSV of the rows as the table shows them: same rows, order, columns and rounding. */
export function showbackCsv(rows: CostRollupRow[], by: CostRollupDimension): string {
  return toCsv(
    [dimensionTitle(by), 'period', 'currency', 'cost', 'change', 'change_percent'],
    rows.map(r => [
      groupLabel(r.key, by),
      formatPeriod(r.date),
      r.currency,
      plainMoney(r.cost),
      plainMoney(r.change),
      r.changeRatio === null ? null : plainPercent(r.changeRatio),
    ]),
  );
}

/** One service of a line of business with its unit cost in the same period and currency. */
export interface ServiceCostRow {
  cost: EntityPeriodCost;
  unit: UnitCostRow | null;
  unitName: string | null;
  /** Why there is no unit cost (no driver declared, or its request failed). */
  unitProblem: string | null;
}

export function servicesCsv(rows: ServiceCostRow[]): string {
  return toCsv(
    [
      'service',
      'period',
      'currency',
      'cost',
      'change',
      'change_percent',
      'unit_cost',
      'per',
      'band',
      'note',
    ],
    rows.map(r => [
      r.cost.entityRef,
      formatPeriod(r.cost.date),
      r.cost.currency,
      plainMoney(r.cost.cost),
      plainMoney(r.cost.change),
      r.cost.changeRatio === null ? null : plainPercent(r.cost.changeRatio),
      r.unit?.unitCost === null || r.unit?.unitCost === undefined
        ? null
        : formatQuantity(r.unit.unitCost).replace(/,/g, ''),
      r.unitName,
      r.unit?.position ?? null,
      r.unit?.unitCost === null || r.unit?.unitCost === undefined ? r.unitProblem : null,
    ]),
  );
}

/** The shown rounding (cents) as a number, so that spreadsheets read it as one. */
function plainMoney(amount: string | null): number | null {
  return amount === null ? null : Number(formatMoney(amount, null, { plain: true }));
}

/** The shown change (`−15.2%`) as a number of percent (-15.2). */
function plainPercent(ratio: number): number {
  return Number(formatChange(ratio).replace('−', '-').replace('%', ''));
}

/** A row of the showback table: a line of business, or a team by its group ref. */
export interface ShowbackGroup {
  by: 'lineOfBusiness' | 'owner';
  key: string;
}

/** A team's name without kind and namespace; a line of business as it is. */
export function groupName(group: ShowbackGroup): string {
  return group.by === 'owner'
    ? parseEntityRef(group.key, { defaultKind: 'group' }).name
    : group.key;
}
