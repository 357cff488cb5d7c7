import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import type { UnitCostResponse, UnitCostRow } from '@headroom/plugin-headroom-common';
import { amount, currencyUnit } from './money';
import type { HeadroomFrameMeta } from './meta';

/**
 * One entity's unit cost per period as the backend's unit-cost route computed it (core's
 * `unitCosts`): the cost, the driver it was divided by, and where it stands against the band.
 */
export function unitCostFrame(res: UnitCostResponse, refId: string): DataFrame {
  const sorted = [...res.items].sort((a, b) => a.period - b.period);
  const currency = sorted[0]?.currency ?? 'USD';
  const unit = currencyUnit(currency);
  const driverUnit = res.driver?.unit ?? 'unit';
  const entityRef = res.entityRef;
  // Lines of one line of business share a panel: each carries its service's name.
  const name = entityRef.replace(/^[^:]+:(default\/)?/, '');
  const meta: HeadroomFrameMeta = {
    headroom: 'unitCost',
    key: entityRef,
    title: `${entityRef} cost per ${driverUnit}`,
  };
  const where = (period: number) => `unit cost of ${entityRef} period ${period} cost`;
  return createDataFrame({
    refId,
    name: `${entityRef} unit cost`,
    meta: { custom: { ...meta, driverUnit, currency, view: res.view, grain: res.grain } },
    fields: [
      { name: 'time', type: FieldType.time, values: sorted.map((r) => r.period * 1000) },
      {
        name: 'unitCost',
        type: FieldType.number,
        values: sorted.map((r) => r.unitCost),
        config: { displayName: `${name} cost per ${driverUnit}`, unit, decimals: 6 },
      },
      {
        name: 'cost',
        type: FieldType.number,
        values: sorted.map((r) => amount(r.cost, where(r.period))),
        config: { displayName: 'Cost', unit, decimals: 2 },
      },
      {
        name: 'driver',
        type: FieldType.number,
        values: sorted.map((r) => r.driver),
        config: { displayName: `Driver (${driverUnit})`, unit: 'short' },
      },
      {
        name: 'position',
        type: FieldType.string,
        values: sorted.map((r) => r.position),
        config: { displayName: 'Against the band' },
      },
      {
        name: 'flagged',
        type: FieldType.boolean,
        values: sorted.map((r) => r.flagged),
        config: { displayName: 'Outside the band' },
      },
    ],
  });
}

/**
 * The line of business's p25/p50/p75 of unit cost per period (the benchmark band), from the
 * unit-cost answers of its entities: the backend gives each entity the same band per period.
 */
export function unitCostBandFrame(lineOfBusiness: string, answers: UnitCostResponse[], refId: string): DataFrame {
  const byPeriod = new Map<number, { currency: string; band: NonNullable<UnitCostRow['band']> }>();
  for (const res of answers) {
    for (const r of res.items) {
      if (r.band && !byPeriod.has(r.period)) {
        byPeriod.set(r.period, { currency: r.currency, band: r.band });
      }
    }
  }
  const periods = [...byPeriod.keys()].sort((a, b) => a - b);
  const bands = periods.map((p) => byPeriod.get(p)!);
  const unit = currencyUnit(bands[0]?.currency ?? 'USD');
  const meta: HeadroomFrameMeta = { headroom: 'unitCostBand', key: lineOfBusiness, title: `${lineOfBusiness} band` };
  return createDataFrame({
    refId,
    name: `${lineOfBusiness} unit cost band`,
    meta: { custom: meta },
    fields: [
      { name: 'time', type: FieldType.time, values: periods.map((p) => p * 1000) },
      {
        name: 'p25',
        type: FieldType.number,
        values: bands.map((b) => b.band.p25),
        config: { displayName: `${lineOfBusiness} p25`, unit, decimals: 6 },
      },
      {
        name: 'p50',
        type: FieldType.number,
        values: bands.map((b) => b.band.p50),
        config: { displayName: `${lineOfBusiness} median`, unit, decimals: 6 },
      },
      {
        name: 'p75',
        type: FieldType.number,
        values: bands.map((b) => b.band.p75),
        config: { displayName: `${lineOfBusiness} p75`, unit, decimals: 6 },
      },
      {
        name: 'entities',
        type: FieldType.number,
        values: bands.map((b) => b.band.entities),
        config: { displayName: 'Services in band' },
      },
    ],
  });
}
