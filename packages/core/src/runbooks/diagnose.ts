import type { DiagnosisStep, Finding, RecentChange, Runbook, RunbookAction } from './types';

/** The two rule-label styles an SLO's burn alert carries: Sloth's and Headroom's own. */
const SLO_LABELS = [
  { severity: 'sloth_severity', service: 'sloth_service', slo: 'sloth_slo' },
  { severity: 'headroom_severity', service: 'headroom_service', slo: 'headroom_slo' },
];

/**
 * Whether an alert's labels trigger the runbook: every label of `trigger.labels` equal, and with
 * `trigger.slo`, the burn alert of the runbook's SLO at that severity (either label style).
 */
export function triggerMatches(runbook: Runbook, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(runbook.trigger.labels)) if (labels[k] !== v) return false;
  const slo = runbook.trigger.slo;
  if (!slo) return true;
  return SLO_LABELS.some(
    n =>
      labels[n.severity] === slo.severity &&
      labels[n.service] === runbook.service &&
      labels[n.slo] === runbook.slo,
  );
}

/** A query step: holds when the value is above (below) the bound; no data never holds. */
export function queryFinding(
  step: Extract<DiagnosisStep, { kind: 'query' }>,
  value: number | null,
): Finding {
  const holds =
    value !== null &&
    (step.expect.op === 'above' ? value > step.expect.value : value < step.expect.value);
  return {
    step: step.name,
    kind: 'query',
    holds,
    value,
    detail:
      value === null
        ? 'the query returned no data'
        : `${round(value)} is ${holds ? '' : 'not '}${step.expect.op} ${step.expect.value}`,
  };
}

/**
 * Changes of the service (and, when asked, of its dependencies) in the step's window before
 * `now`, newest first; the finding holds when there is one.
 */
export function recentChangesFinding(
  step: Extract<DiagnosisStep, { kind: 'recentChanges' }>,
  service: string,
  dependencies: readonly string[],
  changes: readonly RecentChange[],
  now: number,
): Finding {
  const entities = new Set([service, ...(step.includeDependencies ? dependencies : [])]);
  const found = changes
    .filter(
      c =>
        entities.has(c.service) &&
        c.at <= now &&
        c.at >= now - step.withinSeconds &&
        (step.actions.length === 0 || step.actions.includes(c.action)),
    )
    .sort((a, b) => b.at - a.at);
  const last = found[0];
  return {
    step: step.name,
    kind: 'recentChanges',
    holds: last !== undefined,
    value: found.length,
    detail: last
      ? `${found.length} change(s); the last: ${last.action} of ${last.service} ${Math.round(now - last.at)} s ago${describeDetail(last)}`
      : `no change of ${[...entities].join(', ')} in the last ${step.withinSeconds} s`,
    changes: found,
  };
}

/** Dependencies above the allowed error ratio; the finding holds when one is (worst value kept). */
export function dependencyHealthFinding(
  step: Extract<DiagnosisStep, { kind: 'dependencyHealth' }>,
  ratios: ReadonlyMap<string, number | null>,
): Finding {
  const unhealthy = [...ratios]
    .filter(([, r]) => r !== null && r > step.maxErrorRatio)
    .map(([d]) => d);
  const known = [...ratios.values()].filter((r): r is number => r !== null);
  const worst = known.length > 0 ? Math.max(...known) : null;
  return {
    step: step.name,
    kind: 'dependencyHealth',
    holds: unhealthy.length > 0,
    value: worst,
    detail:
      ratios.size === 0
        ? 'the service has no dependencies in the catalog graph'
        : unhealthy.length > 0
          ? `unhealthy: ${unhealthy.join(', ')} (error ratio above ${step.maxErrorRatio})`
          : `all ${ratios.size} dependencies within ${step.maxErrorRatio}`,
    unhealthy,
  };
}

/** Use against capacity; the finding holds above the step's share. No capacity, no finding. */
export function saturationFinding(
  step: Extract<DiagnosisStep, { kind: 'saturation' }>,
  use: number | null,
  capacity: number | null,
): Finding {
  const share = use !== null && capacity !== null && capacity > 0 ? use / capacity : null;
  return {
    step: step.name,
    kind: 'saturation',
    holds: share !== null && share > step.above,
    value: share,
    detail:
      share === null
        ? use === null
          ? 'the query returned no data'
          : 'no capacity assessed'
        : `${round(use!)} of ${round(capacity!)} is ${round(share * 100)} % (limit ${round(step.above * 100)} %)`,
  };
}

/** A step that could not be evaluated: recorded with its error, and it does not hold. */
export function failedFinding(step: DiagnosisStep, error: string): Finding {
  return { step: step.name, kind: step.kind, holds: false, value: null, detail: error, error };
}

/** The actions the findings choose, in the runbook's order: those whose `when` steps all hold. */
export function chooseActions(runbook: Runbook, findings: readonly Finding[]): RunbookAction[] {
  const holding = new Set(findings.filter(f => f.holds).map(f => f.step));
  return runbook.actions.filter(a => a.when.every(w => holding.has(w)));
}

function describeDetail(c: RecentChange): string {
  const parts = Object.entries(c.detail).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function round(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}
