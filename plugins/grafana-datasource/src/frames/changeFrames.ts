import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import type { Change, ChangeList } from '../api/types';
import type { HeadroomFrameMeta } from './meta';

const ms = (iso: string) => Date.parse(iso);
const lastVerdict = (c: Change) => c.verdicts[c.verdicts.length - 1];

function outcome(c: Change): string {
  if (c.outcome.rolledBack) {
    return 'rolled back';
  }
  if (c.outcome.incidentId) {
    return 'caused an incident';
  }
  return c.state === 'live' ? 'live' : 'ok';
}

/**
 * The change log, oldest first: `time` (start), `timeEnd` (end of the watch window), `title`,
 * `text` and `tags` are what Grafana maps to annotations; then the risk score (0–100) and level
 * the backend assessed before the change shipped, the latest canary verdict and its score, the
 * outcome and the incident the change caused — every number as the backend's core gave it.
 */
export function changeLogFrame(list: ChangeList, refId: string): DataFrame {
  const items = list.items;
  return createDataFrame({
    refId,
    name: 'Changes',
    meta: { custom: { headroom: 'changes', key: 'changes' } satisfies HeadroomFrameMeta },
    fields: [
      { name: 'time', type: FieldType.time, values: items.map((c) => ms(c.startedAt)) },
      { name: 'timeEnd', type: FieldType.time, values: items.map((c) => ms(c.watchUntil)) },
      {
        name: 'title',
        type: FieldType.string,
        values: items.map((c) => `${c.service} ${c.version || '(no version)'} (${c.kind}): ${outcome(c)}`),
      },
      {
        name: 'text',
        type: FieldType.string,
        values: items.map((c) =>
          [
            c.assessment ? `Risk ${c.assessment.score} ${c.assessment.level} (${c.assessment.recommendation})` : null,
            lastVerdict(c) ? `canary ${lastVerdict(c)!.classification} ${lastVerdict(c)!.score}` : null,
            c.rollbacks[0]?.reason ?? null,
          ]
            .filter((s) => s !== null)
            .join('; ')
        ),
      },
      {
        name: 'tags',
        type: FieldType.string,
        values: items.map((c) => [`change:${c.kind}`, `outcome:${outcome(c)}`, `entity:${c.entityRef}`].join(',')),
      },
      { name: 'entity', type: FieldType.string, values: items.map((c) => c.entityRef) },
      { name: 'line of business', type: FieldType.string, values: items.map((c) => c.lineOfBusiness) },
      {
        name: 'risk',
        type: FieldType.number,
        values: items.map((c) => c.assessment?.score ?? null),
        config: { min: 0, max: 100, decimals: 1 },
      },
      { name: 'risk level', type: FieldType.string, values: items.map((c) => c.assessment?.level ?? null) },
      { name: 'verdict', type: FieldType.string, values: items.map((c) => lastVerdict(c)?.classification ?? null) },
      {
        name: 'verdict score',
        type: FieldType.number,
        values: items.map((c) => lastVerdict(c)?.score ?? null),
        config: { min: 0, max: 100 },
      },
      { name: 'outcome', type: FieldType.string, values: items.map(outcome) },
      { name: 'incident', type: FieldType.string, values: items.map((c) => c.outcome.incidentId) },
    ],
  });
}

/** The change failure rate per line of business (changes that caused an incident or were rolled back). */
export function changeFailureRateFrame(list: ChangeList, refId: string): DataFrame {
  const rows = list.byLineOfBusiness;
  return createDataFrame({
    refId,
    name: 'Change failure rate',
    meta: { custom: { headroom: 'changeFailureRate', key: 'changes' } satisfies HeadroomFrameMeta },
    fields: [
      {
        name: 'line of business',
        type: FieldType.string,
        values: rows.map((r) => r.lineOfBusiness ?? '(none)'),
      },
      { name: 'changes', type: FieldType.number, values: rows.map((r) => r.changes) },
      { name: 'failed', type: FieldType.number, values: rows.map((r) => r.failed) },
      {
        name: 'change failure rate',
        type: FieldType.number,
        values: rows.map((r) => r.changeFailureRate),
        config: { unit: 'percentunit' },
      },
    ],
  });
}
