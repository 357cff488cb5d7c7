import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import type { CostAnomaly, CostGrain, CostView, EntityPeriodCost } from '@headroom/plugin-headroom-common';
import type { HeadroomFrameMeta } from './meta';
import { amount, currencyUnit } from './money';

/** One cost row of any of the cost API's period answers (entity, line of business, rollup). */
export interface CostPeriodRow {
  key: string;
  period: number;
  currency: string;
  cost: string;
  previous: string | null;
  change: string | null;
  changeRatio: number | null;
}

export function entityCostRows(items: EntityPeriodCost[]): CostPeriodRow[] {
  return items.map(({ entityRef, ...rest }) => ({ key: entityRef, ...rest }));
}

/**
 * Cost per period as time series, one frame per key (entity, owner or line of business) and
 * currency: the cost, the previous period's, the change and its ratio, as the backend computed them.
 */
export function costFrames(
  rows: CostPeriodRow[],
  opts: { by: 'entity' | 'owner' | 'lineOfBusiness'; grain: CostGrain; view: CostView; source: string },
  refId: string
): DataFrame[] {
  const groups = new Map<string, CostPeriodRow[]>();
  for (const r of rows) {
    const id = `${r.key}\u0000${r.currency}`;
    const list = groups.get(id);
    if (list) {
      list.push(r);
    } else {
      groups.set(id, [r]);
    }
  }
  const currencies = new Set(rows.map((r) => r.currency));
  return [...groups.values()]
    .sort((a, b) => a[0]!.key.localeCompare(b[0]!.key) || a[0]!.currency.localeCompare(b[0]!.currency))
    .map((list) => {
      const sorted = [...list].sort((a, b) => a.period - b.period);
      const { key, currency } = sorted[0]!;
      const unit = currencyUnit(currency);
      // Two currencies of one key are two series: name them apart.
      const title = currencies.size > 1 ? `${key} (${currency})` : key;
      const where = (r: CostPeriodRow, field: string) => `${opts.source}: ${r.key} period ${r.period} ${field}`;
      const meta: HeadroomFrameMeta = { headroom: 'cost', key, title };
      return createDataFrame({
        refId,
        name: title,
        meta: { custom: { ...meta, by: opts.by, grain: opts.grain, view: opts.view, currency } },
        fields: [
          { name: 'time', type: FieldType.time, values: sorted.map((r) => r.period * 1000) },
          {
            name: 'cost',
            type: FieldType.number,
            values: sorted.map((r) => amount(r.cost, where(r, 'cost'))),
            config: { displayName: title, unit, decimals: 2 },
          },
          {
            name: 'previous',
            type: FieldType.number,
            values: sorted.map((r) => amount(r.previous, where(r, 'previous'))),
            config: { displayName: `${title} previous period`, unit, decimals: 2 },
          },
          {
            name: 'change',
            type: FieldType.number,
            values: sorted.map((r) => amount(r.change, where(r, 'change'))),
            config: { displayName: `${title} change`, unit, decimals: 2 },
          },
          {
            name: 'changeRatio',
            type: FieldType.number,
            values: sorted.map((r) => r.changeRatio),
            config: { displayName: `${title} change ratio`, unit: 'percentunit', decimals: 1 },
          },
        ],
      });
    });
}

/**
 * Cost anomalies as one frame Grafana's standard annotation support turns into events: it finds
 * `time`, `timeEnd`, `title`, `text` and `tags` (comma-separated) by name, so those fields keep
 * their names as display names. Each anomaly spans its period.
 */
export function anomalyFrame(items: CostAnomaly[], refId: string): DataFrame {
  const sorted = [...items].sort((a, b) => a.time - b.time || a.entityRef.localeCompare(b.entityRef));
  return createDataFrame({
    refId,
    name: 'Cost anomalies',
    meta: { custom: { headroom: 'anomalies' } satisfies HeadroomFrameMeta },
    fields: [
      { name: 'time', type: FieldType.time, values: sorted.map((a) => a.time) },
      { name: 'timeEnd', type: FieldType.time, values: sorted.map((a) => a.time + a.stepSeconds * 1000) },
      {
        name: 'title',
        type: FieldType.string,
        values: sorted.map((a) => `Cost anomaly: ${a.entityRef}`),
      },
      { name: 'text', type: FieldType.string, values: sorted.map((a) => a.text) },
      { name: 'tags', type: FieldType.string, values: sorted.map((a) => a.tags.join(',')) },
      { name: 'entity', type: FieldType.string, values: sorted.map((a) => a.entityRef) },
      { name: 'series', type: FieldType.string, values: sorted.map((a) => a.series) },
      { name: 'value', type: FieldType.number, values: sorted.map((a) => a.value) },
      { name: 'expected', type: FieldType.number, values: sorted.map((a) => a.expected) },
      { name: 'score', type: FieldType.number, values: sorted.map((a) => a.score), config: { decimals: 3 } },
    ],
  });
}
