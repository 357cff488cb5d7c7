import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import type { DrillResilience, DrillWeakLinks, EntityDrills } from '../api/types';
import type { HeadroomFrameMeta } from './meta';

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));
const durations = { unit: 's', decimals: 0 };

/**
 * An entity's drill runs, oldest first: `time`/`timeEnd`, `title`, `text` and `tags` are what
 * Grafana maps to annotations; verdict, time to detect and recover (s), budget spent (0..1+) and
 * the Litmus score (0–100) follow, as the backend's core computed them.
 */
export function drillRunsFrame(drills: EntityDrills, refId: string): DataFrame {
  const runs = drills.runs.map((r) => r.record);
  return createDataFrame({
    refId,
    name: `Drills of ${drills.entityRef}`,
    meta: { custom: { headroom: 'drillRuns', key: drills.entityRef } satisfies HeadroomFrameMeta },
    fields: [
      { name: 'time', type: FieldType.time, values: runs.map((r) => ms(r.faultStartedAt ?? r.startedAt)) },
      { name: 'timeEnd', type: FieldType.time, values: runs.map((r) => ms(r.faultEndedAt ?? r.endedAt)) },
      { name: 'title', type: FieldType.string, values: runs.map((r) => `Drill ${r.drill}: ${r.verdict}`) },
      { name: 'text', type: FieldType.string, values: runs.map((r) => r.summary) },
      {
        name: 'tags',
        type: FieldType.string,
        values: runs.map((r) => [`drill:${r.drill}`, `verdict:${r.verdict}`, `entity:${drills.entityRef}`].join(',')),
      },
      { name: 'verdict', type: FieldType.string, values: runs.map((r) => r.verdict) },
      { name: 'ttd', type: FieldType.number, values: runs.map((r) => r.detection.ttdSeconds), config: durations },
      { name: 'ttr', type: FieldType.number, values: runs.map((r) => r.recovery.ttrSeconds), config: durations },
      {
        name: 'budget spent',
        type: FieldType.number,
        values: runs.map((r) => r.budgetSpent),
        config: { unit: 'percentunit' },
      },
      {
        name: 'resilience',
        type: FieldType.number,
        values: runs.map((r) => r.resilienceScore),
        config: { min: 0, max: 100 },
      },
    ],
  });
}

/** The weak-links report as one table: kind, service, what, when (null for never drilled). */
export function weakLinksFrame(report: DrillWeakLinks, refId: string): DataFrame {
  const rows: Array<{ kind: string; service: string; detail: string; at: string | null }> = [
    ...report.failedDrills.map((f) => ({
      kind: 'failed drill',
      service: f.service,
      detail: `${f.drill} ${f.verdict}, missed ${f.misses.join(' and ')}`,
      at: f.at,
    })),
    ...report.silentAlerts.map((a) => ({
      kind: 'silent alert',
      service: a.service,
      detail: `${a.severity} alert of ${a.slo} never fired in ${a.runs} run(s) of ${a.drills.join(', ')}`,
      at: null,
    })),
    ...report.spreading.map((s) => ({
      kind: 'spreading fault',
      service: s.dependency,
      detail: `spread to ${s.dependant} (${s.slo})${s.path ? ` via ${s.path.join(' → ')}` : ', undeclared dependency'}: ${s.detail}`,
      at: s.at,
    })),
    ...report.undrilled.map((u) => ({
      kind: 'not drilled',
      service: u.service,
      detail: u.lastDrillAt ? `last drilled ${u.lastDrillAt}` : 'never drilled',
      at: u.lastDrillAt,
    })),
  ];
  return createDataFrame({
    refId,
    name: `Weak links${report.lineOfBusiness ? ` of ${report.lineOfBusiness}` : ''}`,
    meta: { custom: { headroom: 'weakLinks' } satisfies HeadroomFrameMeta },
    fields: [
      { name: 'kind', type: FieldType.string, values: rows.map((r) => r.kind) },
      { name: 'service', type: FieldType.string, values: rows.map((r) => r.service) },
      { name: 'detail', type: FieldType.string, values: rows.map((r) => r.detail) },
      { name: 'at', type: FieldType.time, values: rows.map((r) => ms(r.at)) },
    ],
  });
}

/** One time series per service or line of business: the Litmus score of each period (null: no run). */
export function resilienceFrames(r: DrillResilience, refId: string): DataFrame[] {
  return r.series.map((s) =>
    createDataFrame({
      refId,
      name: s.key,
      meta: { custom: { headroom: 'resilience', key: s.key } satisfies HeadroomFrameMeta },
      fields: [
        { name: 'time', type: FieldType.time, values: s.points.map((p) => ms(p.from)) },
        {
          name: 'resilience',
          type: FieldType.number,
          values: s.points.map((p) => p.score),
          labels: { [r.by]: s.key },
          config: { min: 0, max: 100, displayName: s.key },
        },
        { name: 'runs', type: FieldType.number, values: s.points.map((p) => p.runs) },
      ],
    })
  );
}
