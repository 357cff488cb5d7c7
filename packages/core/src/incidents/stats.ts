import { SEVERITIES } from './types';
import type { Incident, MttxSummary, MttxTarget, MttxTargets, Severity, Stat } from './types';

/** The targets: a P1 is detected within a minute and recovered within five. */
export const DEFAULT_MTTX_TARGETS: Readonly<MttxTargets> = Object.freeze({
  P1: { detectSeconds: 60, recoverSeconds: 300 },
});

/**
 * Mean, median and 90th percentile of durations in seconds; percentiles interpolate linearly
 * between order statistics (R's type 7, as spreadsheets do). null for no values.
 */
export function durationStat(values: readonly number[]): Stat | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => {
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  };
  return { mean: sorted.reduce((s, v) => s + v, 0) / sorted.length, p50: at(0.5), p90: at(0.9) };
}

/**
 * Whether an incident met every target of its severity: true or false when each targeted
 * measure is known, undefined while one is not (still unacknowledged or not yet mitigated) and
 * not already over its target at `now`, or when its severity has no target.
 */
export function meetsTargets(
  incident: Incident,
  target: MttxTarget | undefined,
  now = Infinity,
): boolean | undefined {
  if (!target) return undefined;
  const checks: Array<[number | undefined, number | null, number]> = [
    [target.detectSeconds, incident.ttdSeconds, incident.impactStart],
    [target.acknowledgeSeconds, incident.ttaSeconds, incident.detectedAt],
    [target.recoverSeconds, incident.ttrSeconds, incident.impactStart],
  ];
  let graded = false;
  let pending = false;
  for (const [limit, value, since] of checks) {
    if (limit === undefined) continue;
    if (value === null) {
      // Unknown so far: a miss once the target has passed, otherwise not decided yet.
      if (now - since > limit) return false;
      pending = true;
      continue;
    }
    if (value > limit) return false;
    graded = true;
  }
  return pending || !graded ? undefined : true;
}

/** Count, MTTD/MTTA/MTTR/time to resolve and attainment of a set of incidents. */
export function summariseIncidents(
  incidents: readonly Incident[],
  targets: MttxTargets = DEFAULT_MTTX_TARGETS,
  now = Infinity,
): MttxSummary {
  const known = (f: (i: Incident) => number | null) =>
    incidents.map(f).filter((v): v is number => v !== null);
  let met = 0;
  let graded = 0;
  for (const incident of incidents) {
    const ok = meetsTargets(incident, targets[incident.severity], now);
    if (ok === undefined) continue;
    graded++;
    if (ok) met++;
  }
  return {
    count: incidents.length,
    open: incidents.filter(i => i.resolvedAt === null).length,
    mttd: durationStat(known(i => i.ttdSeconds)),
    mtta: durationStat(known(i => i.ttaSeconds)),
    mttr: durationStat(known(i => i.ttrSeconds)),
    mttResolve: durationStat(known(i => i.timeToResolveSeconds)),
    attainment: graded > 0 ? met / graded : null,
    graded,
  };
}

export type MttxDimension = 'severity' | 'service' | 'team' | 'lineOfBusiness' | 'month';

/** The value an incident is grouped by; months are UTC calendar months of the impact start. */
export function dimensionValue(incident: Incident, by: MttxDimension): string {
  switch (by) {
    case 'severity':
      return incident.severity;
    case 'service':
      return incident.target.entityRef ?? incident.target.service;
    case 'team':
      return incident.target.owner ?? 'unknown';
    case 'lineOfBusiness':
      return incident.target.lineOfBusiness ?? 'unknown';
    case 'month':
      return new Date(incident.impactStart * 1000).toISOString().slice(0, 7);
  }
}

/**
 * MTTx per value of a dimension, over the incidents whose impact started in [from, to).
 * By severity every grade P1–P4 is present (count 0 when none); other keys sort as strings.
 */
export function mttxBy(
  incidents: readonly Incident[],
  by: MttxDimension,
  options: { targets?: MttxTargets; from?: number; to?: number; now?: number } = {},
): Record<string, MttxSummary> {
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  const groups = new Map<string, Incident[]>();
  if (by === 'severity') for (const s of SEVERITIES) groups.set(s, []);
  for (const incident of incidents) {
    if (incident.impactStart < from || incident.impactStart >= to) continue;
    const key = dimensionValue(incident, by);
    const list = groups.get(key) ?? [];
    list.push(incident);
    groups.set(key, list);
  }
  const keys = [...groups.keys()];
  if (by !== 'severity') keys.sort();
  const out: Record<string, MttxSummary> = {};
  for (const key of keys) {
    out[key] = summariseIncidents(
      groups.get(key)!,
      options.targets ?? DEFAULT_MTTX_TARGETS,
      options.now,
    );
  }
  return out;
}

/** Monthly trend per severity: `{ "2026-11": { P1: …, P2: … } }`. */
export function mttxTrend(
  incidents: readonly Incident[],
  options: { targets?: MttxTargets; from?: number; to?: number; now?: number } = {},
): Record<string, Record<Severity, MttxSummary>> {
  const months = mttxBy(incidents, 'month', options);
  const out: Record<string, Record<Severity, MttxSummary>> = {};
  for (const month of Object.keys(months)) {
    const inMonth = incidents.filter(i => dimensionValue(i, 'month') === month);
    out[month] = mttxBy(inMonth, 'severity', options) as Record<Severity, MttxSummary>;
  }
  return out;
}

/** Validates targets given in configuration: `{ P1: { detectSeconds: 60, … } }`. */
export function parseMttxTargets(value: unknown, at: string): MttxTargets {
  if (value === undefined || value === null) return { ...DEFAULT_MTTX_TARGETS };
  if (typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${at}: must be an object keyed P1..P4`);
  const out: MttxTargets = {};
  for (const [severity, t] of Object.entries(value as Record<string, unknown>)) {
    if (!(SEVERITIES as readonly string[]).includes(severity)) {
      throw new Error(`${at}.${severity}: not a severity (P1, P2, P3, P4)`);
    }
    if (typeof t !== 'object' || t === null)
      throw new Error(`${at}.${severity}: must be an object`);
    const target: MttxTarget = {};
    for (const key of ['detectSeconds', 'acknowledgeSeconds', 'recoverSeconds'] as const) {
      const v = (t as Record<string, unknown>)[key];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !(v > 0)) {
        throw new Error(
          `${at}.${severity}.${key}: must be a number of seconds > 0, got ${String(v)}`,
        );
      }
      target[key] = v;
    }
    out[severity as Severity] = target;
  }
  return out;
}
