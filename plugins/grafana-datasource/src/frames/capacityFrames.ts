import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import type { CapacityAssessmentJson } from '../api/types';
import type { HeadroomFrameMeta } from './meta';
import { currencyUnit } from './money';

/**
 * Headroom of the current allocation over what the assessment says is needed: 1 − needed / current.
 * 0.25 is a quarter spare, negative is a shortfall; null without a current allocation to compare.
 */
export function capacityHeadroom(needed: number, current: number | null | undefined): number | null {
  if (current === null || current === undefined || !(current > 0) || !Number.isFinite(needed)) {
    return null;
  }
  return 1 - needed / current;
}

const time = (iso: string | null) => (iso ? Date.parse(iso) : null);

/**
 * One row per entity with its latest capacity assessment: recommended and current CPU (cores) or
 * memory (GiB), the headroom between them, the forecast peak of the business driver, and whether
 * the assessment is stale. An assessment covers one resource; the other's columns stay empty.
 */
export function capacityFrame(assessments: CapacityAssessmentJson[], refId: string): DataFrame {
  const rows = [...assessments].sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  const of = (unit: 'cores' | 'GiB', pick: (a: CapacityAssessmentJson) => number | null) =>
    rows.map((a) => (a.recommendation.unit === unit ? pick(a) : null));
  const needed = (a: CapacityAssessmentJson) => a.recommendation.needed;
  const current = (a: CapacityAssessmentJson) => a.result.capacity.current?.provisioned ?? null;
  const currencies = [...new Set(rows.map((a) => a.recommendation.currency).filter((c): c is string => !!c))];
  const meta: HeadroomFrameMeta = { headroom: 'capacity', title: 'Capacity headroom' };
  return createDataFrame({
    refId,
    name: 'Capacity',
    meta: { custom: meta },
    fields: [
      {
        name: 'entity',
        type: FieldType.string,
        values: rows.map((a) => a.entityRef),
        config: { displayName: 'Entity' },
      },
      {
        name: 'owner',
        type: FieldType.string,
        values: rows.map((a) => a.ownerRef ?? ''),
        config: { displayName: 'Owner' },
      },
      {
        name: 'lineOfBusiness',
        type: FieldType.string,
        values: rows.map((a) => a.lineOfBusiness ?? ''),
        config: { displayName: 'Line of business' },
      },
      {
        name: 'resource',
        type: FieldType.string,
        values: rows.map((a) => (a.recommendation.unit === 'cores' ? 'cpu' : 'memory')),
        config: { displayName: 'Resource' },
      },
      {
        name: 'cpuRecommended',
        type: FieldType.number,
        values: of('cores', needed),
        config: { displayName: 'CPU recommended', unit: 'suffix:cores', decimals: 2 },
      },
      {
        name: 'cpuCurrent',
        type: FieldType.number,
        values: of('cores', current),
        config: { displayName: 'CPU current', unit: 'suffix:cores', decimals: 2 },
      },
      {
        name: 'memoryRecommended',
        type: FieldType.number,
        values: of('GiB', needed),
        config: { displayName: 'Memory recommended', unit: 'gbytes', decimals: 2 },
      },
      {
        name: 'memoryCurrent',
        type: FieldType.number,
        values: of('GiB', current),
        config: { displayName: 'Memory current', unit: 'gbytes', decimals: 2 },
      },
      {
        name: 'headroom',
        type: FieldType.number,
        values: rows.map((a) => capacityHeadroom(needed(a), current(a))),
        config: { displayName: 'Headroom', unit: 'percentunit', decimals: 1 },
      },
      {
        name: 'verdict',
        type: FieldType.string,
        values: rows.map((a) => a.result.capacity.current?.verdict ?? ''),
        config: { displayName: 'Verdict' },
      },
      {
        name: 'replicas',
        type: FieldType.number,
        values: rows.map((a) => a.recommendation.replicas),
        config: { displayName: 'Replicas recommended', decimals: 0 },
      },
      {
        name: 'driver',
        type: FieldType.string,
        values: rows.map((a) => a.inputs.driver),
        config: { displayName: 'Driver' },
      },
      {
        name: 'driverPeakNow',
        type: FieldType.number,
        values: rows.map((a) => a.result.driverPeakNow),
        config: { displayName: 'Driver peak now', unit: 'short' },
      },
      {
        name: 'driverPeakForecast',
        type: FieldType.number,
        values: rows.map((a) => a.result.driverPeakAtHorizon),
        config: { displayName: 'Driver peak forecast', unit: 'short' },
      },
      {
        name: 'driverPeakUpper',
        type: FieldType.number,
        values: rows.map((a) => a.result.driverUpperAtHorizon),
        config: { displayName: 'Driver peak upper band', unit: 'short' },
      },
      {
        name: 'monthlyCost',
        type: FieldType.number,
        values: rows.map((a) => a.recommendation.monthlyCost),
        config: {
          displayName: 'Monthly cost',
          // Mixed currencies cannot share one unit: the numbers are shown bare then.
          ...(currencies.length === 1 ? { unit: currencyUnit(currencies[0]!) } : {}),
          decimals: 2,
        },
      },
      {
        name: 'quality',
        type: FieldType.string,
        values: rows.map((a) => a.result.capacity.quality),
        config: { displayName: 'Model quality' },
      },
      {
        name: 'version',
        type: FieldType.number,
        values: rows.map((a) => a.version),
        config: { displayName: 'Version' },
      },
      {
        name: 'assessedAt',
        type: FieldType.time,
        values: rows.map((a) => time(a.assessedAt)),
        config: { displayName: 'Assessed' },
      },
      {
        name: 'approved',
        type: FieldType.boolean,
        values: rows.map((a) => a.approvedAt !== null),
        config: { displayName: 'Approved' },
      },
      {
        name: 'staleAt',
        type: FieldType.time,
        values: rows.map((a) => time(a.staleAt)),
        config: { displayName: 'Stale from' },
      },
      { name: 'stale', type: FieldType.boolean, values: rows.map((a) => a.stale), config: { displayName: 'Stale' } },
    ],
  });
}
