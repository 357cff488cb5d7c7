import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { alertState, evenSpendRemaining, windowLabel } from '@headroom/core';
import type { SloWithStatus } from '../api/types';
import type { SloResult } from '../slo';
import type { HeadroomFrameMeta } from './meta';

const nullable = (v: number | null | undefined): number | null =>
  v === undefined || v === null || Number.isNaN(v) ? null : v;

export function sloKey(r: Pick<SloWithStatus, 'entityRef' | 'name'>): string {
  return `${r.entityRef}#${r.name}`;
}

export function sloTitle(r: Pick<SloWithStatus, 'entityRef' | 'name' | 'displayName'>): string {
  return r.displayName ?? `${r.entityRef.replace(/^component:(default\/)?/, '')} ${r.name}`;
}

/** One row per SLO with its latest stored status, as the backend's evaluations left it. */
export function sloListFrame(records: SloWithStatus[], refId: string): DataFrame {
  const meta: HeadroomFrameMeta = { headroom: 'sloList' };
  return createDataFrame({
    refId,
    name: 'SLOs',
    meta: { custom: meta },
    fields: [
      {
        name: 'entity',
        type: FieldType.string,
        values: records.map((r) => r.entityRef),
        config: { displayName: 'Entity' },
      },
      { name: 'slo', type: FieldType.string, values: records.map((r) => r.name), config: { displayName: 'SLO' } },
      { name: 'title', type: FieldType.string, values: records.map(sloTitle), config: { displayName: 'Name' } },
      {
        name: 'owner',
        type: FieldType.string,
        values: records.map((r) => r.ownerRef ?? ''),
        config: { displayName: 'Owner' },
      },
      {
        name: 'lineOfBusiness',
        type: FieldType.string,
        values: records.map((r) => r.lineOfBusiness ?? ''),
        config: { displayName: 'Line of business' },
      },
      {
        name: 'objective',
        type: FieldType.number,
        values: records.map((r) => r.objective),
        config: { displayName: 'Objective', unit: 'percentunit', decimals: 3 },
      },
      {
        name: 'window',
        type: FieldType.string,
        values: records.map((r) => r.window),
        config: { displayName: 'Window' },
      },
      {
        name: 'sli',
        type: FieldType.number,
        values: records.map((r) => nullable(r.status?.sli)),
        config: { displayName: 'SLI', unit: 'percentunit', decimals: 3 },
      },
      {
        name: 'budgetRemaining',
        type: FieldType.number,
        values: records.map((r) => nullable(r.status?.budgetRemaining)),
        config: { displayName: 'Budget remaining', unit: 'percentunit', decimals: 1 },
      },
      {
        name: 'alertState',
        type: FieldType.string,
        values: records.map((r) => r.status?.alertState ?? 'no-data'),
        config: { displayName: 'Alert state' },
      },
      {
        name: 'timeToExhaustion',
        type: FieldType.number,
        values: records.map((r) => nullable(r.status?.timeToExhaustionSeconds)),
        config: { displayName: 'Time to exhaustion', unit: 's' },
      },
      {
        name: 'evaluatedAt',
        type: FieldType.time,
        values: records.map((r) => (r.status?.evaluatedAt ? Date.parse(r.status.evaluatedAt) : null)),
        config: { displayName: 'Evaluated' },
      },
      {
        name: 'error',
        type: FieldType.string,
        values: records.map((r) => r.status?.error ?? ''),
        config: { displayName: 'Evaluation error' },
      },
    ],
  });
}

function baseMeta(result: SloResult, kind: HeadroomFrameMeta['headroom']): HeadroomFrameMeta {
  return {
    headroom: kind,
    key: sloKey(result.record),
    title: sloTitle(result.record),
    windowStartMs: result.evaluation.windowStart * 1000,
    windowEndMs: result.windowEnd * 1000,
    windowSeconds: result.evaluation.windowSeconds,
    objective: result.evaluation.objective,
  };
}

/** The SLO's numbers at the evaluation time, one row, computed by the engine. */
export function statusFrame(result: SloResult, refId: string): DataFrame {
  const e = result.evaluation;
  const title = sloTitle(result.record);
  return createDataFrame({
    refId,
    name: `${title} status`,
    meta: { custom: baseMeta(result, 'status') },
    fields: [
      { name: 'time', type: FieldType.time, values: [e.at * 1000] },
      {
        name: 'sli',
        type: FieldType.number,
        values: [nullable(e.sli)],
        config: { displayName: 'SLI', unit: 'percentunit', decimals: 3 },
      },
      {
        name: 'objective',
        type: FieldType.number,
        values: [e.objective],
        config: { displayName: 'Objective', unit: 'percentunit', decimals: 3 },
      },
      {
        name: 'budgetRemaining',
        type: FieldType.number,
        values: [nullable(e.budget.remaining)],
        config: { displayName: 'Budget remaining', unit: 'percentunit', decimals: 1 },
      },
      {
        name: 'timeToExhaustion',
        type: FieldType.number,
        values: [nullable(e.timeToExhaustionSeconds)],
        config: { displayName: 'Time to exhaustion', unit: 's' },
      },
      {
        name: 'alertState',
        type: FieldType.string,
        values: [alertState(e)],
        config: { displayName: 'Alert state' },
      },
      {
        name: 'window',
        type: FieldType.string,
        values: [windowLabel(e.windowSeconds)],
        config: { displayName: 'Window' },
      },
      {
        name: 'windowEnd',
        type: FieldType.time,
        values: [result.windowEnd * 1000],
        config: { displayName: 'Window end' },
      },
    ],
  });
}

/**
 * Budget remaining through the current window (1 at its start), and the ideal of even spend: a
 * straight line to 0 at the window's real end (a calendar month's last day, not its nominal 30).
 */
export function burndownFrame(result: SloResult, refId: string): DataFrame {
  const { timestamps, remaining } = result.burndown;
  const n = timestamps.length;
  const time = new Array<number>(n);
  const rem = new Array<number | null>(n);
  const ideal = new Array<number>(n);
  const start = result.evaluation.windowStart;
  for (let i = 0; i < n; i++) {
    const t = timestamps[i]!;
    time[i] = t * 1000;
    rem[i] = nullable(remaining[i]);
    ideal[i] = evenSpendRemaining(start, result.windowEnd, t);
  }
  const title = sloTitle(result.record);
  return createDataFrame({
    refId,
    name: `${title} burndown`,
    meta: { custom: baseMeta(result, 'burndown') },
    fields: [
      { name: 'time', type: FieldType.time, values: time },
      {
        name: 'remaining',
        type: FieldType.number,
        values: rem,
        config: { displayName: `${title} budget remaining`, unit: 'percentunit' },
      },
      { name: 'ideal', type: FieldType.number, values: ideal, config: { displayName: 'Ideal', unit: 'percentunit' } },
    ],
  });
}

/** One row per window of every alert condition: the rate, the threshold it is compared with, and whether the alert fires. */
export function burnRateFrame(result: SloResult, refId: string): DataFrame {
  const rows: Array<{ severity: string; window: string; rate: number | null; threshold: number; firing: boolean }> = [];
  for (const a of result.evaluation.alerts) {
    rows.push({
      severity: a.severity,
      window: a.longWindow,
      rate: nullable(a.longBurnRate),
      threshold: a.factor,
      firing: a.firing,
    });
    rows.push({
      severity: a.severity,
      window: a.shortWindow,
      rate: nullable(a.shortBurnRate),
      threshold: a.factor,
      firing: a.firing,
    });
  }
  const title = sloTitle(result.record);
  return createDataFrame({
    refId,
    name: `${title} burn rates`,
    meta: { custom: baseMeta(result, 'burnRates') },
    fields: [
      {
        name: 'severity',
        type: FieldType.string,
        values: rows.map((r) => r.severity),
        config: { displayName: 'Severity' },
      },
      { name: 'window', type: FieldType.string, values: rows.map((r) => r.window), config: { displayName: 'Window' } },
      {
        name: 'rate',
        type: FieldType.number,
        values: rows.map((r) => r.rate),
        config: { displayName: 'Burn rate', unit: 'suffix:×', decimals: 2 },
      },
      {
        name: 'threshold',
        type: FieldType.number,
        values: rows.map((r) => r.threshold),
        config: { displayName: 'Threshold', unit: 'suffix:×', decimals: 2 },
      },
      { name: 'firing', type: FieldType.boolean, values: rows.map((r) => r.firing), config: { displayName: 'Firing' } },
    ],
  });
}
