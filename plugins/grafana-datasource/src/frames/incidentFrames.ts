import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import type { Severity, Stat } from '@headroom/core';
import type { IncidentItem, MttxReport } from '../api/types';

type MttxSummary = MttxReport['groups'][string];
import type { HeadroomFrameMeta } from './meta';

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

function seconds(v: number | null): string {
  if (v === null) {
    return '–';
  }
  const s = Math.round(v);
  return s < 120 ? `${s} s` : `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
}

/**
 * Incidents, one row each, oldest first: `time`/`timeEnd` (impact start to resolution, or now
 * while open), `title`, `text` and `tags` are what Grafana maps to annotations; the timeline and
 * TTD, TTA, TTR (seconds) follow for tables.
 */
export function incidentFrame(items: IncidentItem[], refId: string, now: number): DataFrame {
  const sorted = [...items].sort((a, b) => ms(a.impactStart)! - ms(b.impactStart)! || a.id.localeCompare(b.id));
  const durations = { unit: 's', decimals: 0 };
  return createDataFrame({
    refId,
    name: 'Incidents',
    meta: { custom: { headroom: 'incidents' } satisfies HeadroomFrameMeta },
    fields: [
      { name: 'time', type: FieldType.time, values: sorted.map((i) => ms(i.impactStart)) },
      { name: 'timeEnd', type: FieldType.time, values: sorted.map((i) => ms(i.resolvedAt) ?? now * 1000) },
      {
        name: 'title',
        type: FieldType.string,
        values: sorted.map((i) => `${i.severity} ${i.service}${i.slo ? ` / ${i.slo}` : ` (${i.alertName})`}`),
      },
      {
        name: 'text',
        type: FieldType.string,
        values: sorted.map(
          (i) =>
            `${i.status}: detected after ${seconds(i.ttdSeconds)}, acknowledged after ${seconds(i.ttaSeconds)}, recovered after ${seconds(i.ttrSeconds)}`
        ),
      },
      {
        name: 'tags',
        type: FieldType.string,
        values: sorted.map((i) =>
          [
            `severity:${i.severity}`,
            `entity:${i.entityRef}`,
            `status:${i.status}`,
            ...(i.lineOfBusiness ? [`lob:${i.lineOfBusiness}`] : []),
          ].join(',')
        ),
      },
      { name: 'id', type: FieldType.string, values: sorted.map((i) => i.id) },
      { name: 'severity', type: FieldType.string, values: sorted.map((i) => i.severity) },
      { name: 'entity', type: FieldType.string, values: sorted.map((i) => i.entityRef) },
      { name: 'status', type: FieldType.string, values: sorted.map((i) => i.status) },
      { name: 'detectedAt', type: FieldType.time, values: sorted.map((i) => ms(i.detectedAt)) },
      { name: 'acknowledgedAt', type: FieldType.time, values: sorted.map((i) => ms(i.acknowledgedAt)) },
      { name: 'mitigatedAt', type: FieldType.time, values: sorted.map((i) => ms(i.mitigatedAt)) },
      { name: 'resolvedAt', type: FieldType.time, values: sorted.map((i) => ms(i.resolvedAt)) },
      { name: 'ttd', type: FieldType.number, values: sorted.map((i) => i.ttdSeconds), config: durations },
      { name: 'tta', type: FieldType.number, values: sorted.map((i) => i.ttaSeconds), config: durations },
      { name: 'ttr', type: FieldType.number, values: sorted.map((i) => i.ttrSeconds), config: durations },
    ],
  });
}

/**
 * MTTx, one row per key (severity P1–P4, service, team, line of business or month): count,
 * mean/p50/p90 of TTD, TTA and TTR in seconds, the detect and recover targets of a severity
 * (null elsewhere) and attainment (0..1).
 */
export function mttxFrame(report: MttxReport, refId: string): DataFrame {
  const keys = Object.keys(report.groups);
  const groups = keys.map((k) => report.groups[k]!);
  const durations = { unit: 's', decimals: 0 };
  const column = (name: string, values: Array<number | null>) => ({
    name,
    type: FieldType.number,
    values,
    config: durations,
  });
  const stats = (name: string, pick: (g: MttxSummary) => Stat | null | undefined) => [
    column(
      name,
      groups.map((g) => pick(g)?.mean ?? null)
    ),
    column(
      `${name} p50`,
      groups.map((g) => pick(g)?.p50 ?? null)
    ),
    column(
      `${name} p90`,
      groups.map((g) => pick(g)?.p90 ?? null)
    ),
  ];
  // Targets are per severity: other keys have none.
  const target = (k: string) => (report.by === 'severity' ? report.targets[k as Severity] : undefined);
  return createDataFrame({
    refId,
    name: `MTTx by ${report.by}`,
    meta: { custom: { headroom: 'mttx' } satisfies HeadroomFrameMeta },
    fields: [
      { name: report.by, type: FieldType.string, values: keys },
      { name: 'count', type: FieldType.number, values: groups.map((g) => g.count) },
      { name: 'open', type: FieldType.number, values: groups.map((g) => g.open) },
      ...stats('mttd', (g) => g.mttd),
      column(
        'detect target',
        keys.map((k) => target(k)?.detectSeconds ?? null)
      ),
      ...stats('mtta', (g) => g.mtta),
      ...stats('mttr', (g) => g.mttr),
      column(
        'recover target',
        keys.map((k) => target(k)?.recoverSeconds ?? null)
      ),
      {
        name: 'attainment',
        type: FieldType.number,
        values: groups.map((g) => g.attainment),
        config: { unit: 'percentunit', min: 0, max: 1 },
      },
    ],
  });
}
