import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import type { UnitCost, UnitCostBand } from '@headroom/core';
import type { HeadroomFrameMeta } from './meta';

/** Grafana's currency units for the common codes; others print the code before the number. */
export function currencyUnit(currency: string): string {
  const known: Record<string, string> = {
    USD: 'currencyUSD',
    EUR: 'currencyEUR',
    GBP: 'currencyGBP',
    JPY: 'currencyJPY',
    CHF: 'currencyCHF',
  };
  return known[currency.toUpperCase()] ?? `prefix:${currency} `;
}

/** One entity's unit cost per period, with the cost and the driver it was divided by. */
export function unitCostFrame(entityRef: string, driverUnit: string, rows: UnitCost[], refId: string): DataFrame {
  const sorted = [...rows].sort((a, b) => a.period - b.period);
  const currency = sorted[0]?.currency ?? 'USD';
  const unit = currencyUnit(currency);
  const meta: HeadroomFrameMeta = {
    headroom: 'unitCost',
    key: entityRef,
    title: `${entityRef} cost per ${driverUnit}`,
  };
  return createDataFrame({
    refId,
    name: `${entityRef} unit cost`,
    meta: { custom: { ...meta, driverUnit, currency } },
    fields: [
      { name: 'time', type: FieldType.time, values: sorted.map((r) => r.period * 1000) },
      {
        name: 'unitCost',
        type: FieldType.number,
        values: sorted.map((r) => r.unitCost),
        config: { displayName: `Cost per ${driverUnit}`, unit, decimals: 6 },
      },
      {
        name: 'cost',
        type: FieldType.number,
        values: sorted.map((r) => r.cost),
        config: { displayName: 'Cost', unit, decimals: 2 },
      },
      {
        name: 'driver',
        type: FieldType.number,
        values: sorted.map((r) => r.driver),
        config: { displayName: `Driver (${driverUnit})`, unit: 'short' },
      },
    ],
  });
}

/** The line of business's p25/p50/p75 of unit cost per period: the benchmark band. */
export function unitCostBandFrame(lineOfBusiness: string, bands: UnitCostBand[], refId: string): DataFrame {
  const sorted = bands.filter((b) => b.lineOfBusiness === lineOfBusiness).sort((a, b) => a.period - b.period);
  const unit = currencyUnit(sorted[0]?.currency ?? 'USD');
  const meta: HeadroomFrameMeta = { headroom: 'unitCostBand', key: lineOfBusiness, title: `${lineOfBusiness} band` };
  return createDataFrame({
    refId,
    name: `${lineOfBusiness} unit cost band`,
    meta: { custom: meta },
    fields: [
      { name: 'time', type: FieldType.time, values: sorted.map((b) => b.period * 1000) },
      {
        name: 'p25',
        type: FieldType.number,
        values: sorted.map((b) => b.p25),
        config: { displayName: `${lineOfBusiness} p25`, unit, decimals: 6 },
      },
      {
        name: 'p50',
        type: FieldType.number,
        values: sorted.map((b) => b.p50),
        config: { displayName: `${lineOfBusiness} median`, unit, decimals: 6 },
      },
      {
        name: 'p75',
        type: FieldType.number,
        values: sorted.map((b) => b.p75),
        config: { displayName: `${lineOfBusiness} p75`, unit, decimals: 6 },
      },
      {
        name: 'entities',
        type: FieldType.number,
        values: sorted.map((b) => b.entities),
        config: { displayName: 'Services in band' },
      },
    ],
  });
}
