import { zoneOffsetMs } from '../engine/calendar';
import { blastRadius, neighbours } from './graph';
import type {
  CatalogNode,
  ChangeInput,
  ChangeSloStatus,
  DriverProfile,
  FreezeWindow,
  IncidentSeverity,
  OpenIncident,
  PastChange,
  RiskPolicy,
} from './types';

/** A factor's 0..1 score, why, and anything that holds the change whatever the score. */
export interface FactorResult {
  score: number;
  explanation: string;
  holds: string[];
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const pct = (f: number) => `${(f * 100).toFixed(1)} %`;
const x = (r: number) => `${r.toFixed(2)}×`;

/**
 * Budget: per SLO the larger of the share of budget spent and the current burn on a log scale
 * (1× scores 0, the policy's full burn rate 1); the worst SLO counts. A spent budget holds the
 * change (the SRE workbook's policy: releases stop until the budget recovers). Without SLOs
 * nothing says how much risk the service can take: full score.
 */
export function budgetFactor(slos: readonly ChangeSloStatus[], p: RiskPolicy): FactorResult {
  if (slos.length === 0) {
    return {
      score: 1,
      explanation: 'no SLOs: nothing tells how much budget is left (scored in full)',
      holds: [],
    };
  }
  const holds: string[] = [];
  let worst = { score: -1, text: '' };
  for (const s of slos) {
    if (s.budgetRemaining === null) {
      if (worst.score < 1)
        worst = { score: 1, text: `SLO '${s.name}': no traffic, budget unknown` };
      continue;
    }
    const spent = clamp01(1 - s.budgetRemaining);
    const burn =
      s.burnRate === null || s.burnRate <= 1
        ? 0
        : clamp01(Math.log(s.burnRate) / Math.log(p.fullBurnRate));
    const score = Math.max(spent, burn);
    if (s.budgetRemaining <= 0)
      holds.push(`SLO '${s.name}': error budget spent (${pct(s.budgetRemaining)} left)`);
    if (score > worst.score) {
      worst = {
        score,
        text: `SLO '${s.name}': ${pct(s.budgetRemaining)} of the budget left${
          s.burnRate === null ? '' : `, burning at ${x(s.burnRate)}`
        } (${burn > spent ? `burn ${x(s.burnRate!)} of ${x(p.fullBurnRate)} on a log scale` : `${pct(spent)} spent`})`,
      };
    }
  }
  return { score: worst.score, explanation: worst.text, holds };
}

/** Blast radius: the share of the graph's traffic through the service and all that depends on it. */
export function blastRadiusFactor(graph: readonly CatalogNode[], service: string): FactorResult {
  const r = blastRadius(graph, service);
  const others = r.impacted.filter(i => i.ref !== service);
  const names = others
    .slice(0, 5)
    .map(i => `${i.ref}${i.hops > 1 ? ` (${i.hops} hops)` : ''}`)
    .join(', ');
  const who =
    others.length === 0
      ? 'nothing depends on it'
      : `${others.length} depend on it: ${names}${others.length > 5 ? ', …' : ''}`;
  const share = r.byCount
    ? `${r.impactedTraffic} of ${r.totalTraffic} services (no traffic figures: counted by service)`
    : `${r.impactedTraffic} of ${r.totalTraffic} req/s${r.withoutTraffic ? `, ${r.withoutTraffic} without a traffic figure` : ''}`;
  return {
    score: r.trafficShare,
    explanation: `${who}; ${share} = ${pct(r.trafficShare)}`,
    holds: [],
  };
}

function localHour(at: number, timeZone: string): number {
  const ms = at * 1000 + zoneOffsetMs(at * 1000, timeZone);
  return Math.floor((((ms / 3_600_000) % 24) + 24) % 24);
}

/**
 * Timing: the business driver's level at the planned hour against its daily peak (a change at
 * the peak hurts the most users and leaves the least room). A freeze window holds the change.
 */
export function timingFactor(
  plannedAt: number,
  driver: DriverProfile | undefined,
  freezes: readonly FreezeWindow[],
): FactorResult {
  const freeze = freezes.find(f => plannedAt >= f.from && plannedAt < f.to);
  const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  if (freeze) {
    return {
      score: 1,
      explanation: `planned inside the freeze window "${freeze.reason}" (${iso(freeze.from)} to ${iso(freeze.to)})`,
      holds: [`freeze window "${freeze.reason}" until ${iso(freeze.to)}`],
    };
  }
  if (!driver)
    return { score: 0, explanation: 'no business driver profile: timing not scored', holds: [] };
  const hour = localHour(plannedAt, driver.timeZone);
  const peak = Math.max(...driver.hourly);
  const level = driver.hourly[hour]!;
  const score = peak > 0 ? clamp01(level / peak) : 0;
  return {
    score,
    explanation: `planned at ${String(hour).padStart(2, '0')}:00 ${driver.timeZone}, when the business driver runs at ${pct(score)} of its daily peak`,
    holds: [],
  };
}

/** History: the service's change failure rate over its recent changes, against the policy's full rate. */
export function historyFactor(
  service: string,
  plannedAt: number,
  changes: readonly PastChange[],
  p: RiskPolicy,
): FactorResult {
  const since = plannedAt - p.historyDays * 86_400;
  const recent = changes
    .filter(c => c.service === service && c.at >= since && c.at < plannedAt)
    .sort((a, b) => b.at - a.at)
    .slice(0, p.historyChanges);
  if (recent.length === 0) {
    return {
      score: 0,
      explanation: `no changes recorded in the last ${p.historyDays} days`,
      holds: [],
    };
  }
  const failed = recent.filter(c => c.outcome !== 'succeeded').length;
  const rate = failed / recent.length;
  return {
    score: clamp01(rate / p.fullFailureRate),
    explanation: `${failed} of the last ${recent.length} changes failed or were rolled back (${pct(rate)}; ${pct(p.fullFailureRate)} scores in full)`,
    holds: [],
  };
}

const SEVERITY_SCORE: Record<IncidentSeverity, number> = { P1: 1, P2: 0.75, P3: 0.5, P4: 0.25 };

/**
 * Incidents: an open incident on the service scores by severity (P1 1 … P4 0.25), one on a
 * direct neighbour (what it uses or what uses it) half that; the worst counts. A P1 on the
 * service holds the change: only its fix should ship.
 */
export function incidentsFactor(
  graph: readonly CatalogNode[],
  service: string,
  incidents: readonly OpenIncident[],
): FactorResult {
  const near = neighbours(graph, service);
  let worst = { score: 0, text: 'no open incidents on the service or its neighbours' };
  const holds: string[] = [];
  for (const i of incidents) {
    const own = i.entityRef === service;
    if (!own && !near.has(i.entityRef)) continue;
    const score = SEVERITY_SCORE[i.severity] * (own ? 1 : 0.5);
    const what = `${i.severity} open on ${own ? 'the service' : i.entityRef}${i.title ? ` ("${i.title}")` : ''}`;
    if (own && i.severity === 'P1') holds.push(what);
    if (score > worst.score)
      worst = { score, text: own ? what : `${what}, a neighbour (half weight)` };
  }
  return { score: worst.score, explanation: worst.text, holds };
}

/** Size: lines changed on a log scale up to the policy's large change; irreversible adds 0.5. */
export function sizeFactor(size: ChangeInput['size'], p: RiskPolicy): FactorResult {
  const lines = Math.max(0, size.linesChanged);
  const base = clamp01(Math.log10(1 + lines) / Math.log10(1 + p.largeChangeLines));
  const score = clamp01(base + (size.irreversible ? 0.5 : 0));
  return {
    score,
    explanation: `${lines} lines changed (${base.toFixed(2)} on a log scale to ${p.largeChangeLines} lines)${
      size.irreversible ? '; irreversible, cannot be undone by a redeploy (+0.5)' : ''
    }`,
    holds: [],
  };
}
