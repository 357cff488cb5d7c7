import { durationStat } from '../incidents/stats';
import type { Incident, Stat } from '../incidents/types';
import type { Slo } from '../model/types';
import { triggerMatches } from './diagnose';
import type { Runbook } from './types';

/** An alert a service can raise: its rule's labels (the SLO's page or ticket, or any other). */
export interface AlertRuleLabels {
  service: string;
  alertname: string;
  labels: Record<string, string>;
}

/**
 * The burn alerts the rules generated for an SLO would raise: its page and ticket (when
 * enabled), with the alert name and the labels the rules put on them (Sloth's id labels).
 */
export function sloAlerts(slo: Slo): AlertRuleLabels[] {
  return (['page', 'ticket'] as const)
    .filter(severity => slo.alerting[severity].enabled)
    .map(severity => ({
      service: slo.service,
      alertname: slo.alerting.name ?? 'SloErrorBudgetBurn',
      labels: {
        ...slo.alerting.labels,
        ...slo.alerting[severity].labels,
        sloth_service: slo.service,
        sloth_slo: slo.name,
        sloth_severity: severity,
      },
    }));
}

export interface RunbookCoverage {
  alerts: { service: string; alertname: string; runbooks: string[] }[];
  covered: number;
  /** covered / alerts; null without alerts. */
  share: number | null;
}

/**
 * Which alerts have a runbook: an alert is covered when a runbook of its service would be
 * triggered by its labels (the same match the executor makes).
 */
export function runbookCoverage(
  alerts: readonly AlertRuleLabels[],
  runbooks: readonly Runbook[],
): RunbookCoverage {
  const rows = alerts.map(a => ({
    service: a.service,
    alertname: a.alertname,
    runbooks: runbooks
      .filter(
        r => r.service === a.service && triggerMatches(r, { alertname: a.alertname, ...a.labels }),
      )
      .map(r => r.name),
  }));
  const covered = rows.filter(r => r.runbooks.length > 0).length;
  return { alerts: rows, covered, share: rows.length === 0 ? null : covered / rows.length };
}

/** One service's share of a line of business's automation coverage. */
export interface ServiceCoverage {
  service: string;
  alerts: number;
  covered: number;
  /** covered / alerts; null without alerts. */
  share: number | null;
}

export type LineOfBusinessCoverage = RunbookCoverage & { services: ServiceCoverage[] };

/**
 * Automation coverage of a line of business: the alerts of all its services with a runbook
 * (the same match as {@link runbookCoverage}, so a runbook covers only its own service's
 * alerts), in total and per service, services sorted by name.
 */
export function lineOfBusinessCoverage(
  alerts: readonly AlertRuleLabels[],
  runbooks: readonly Runbook[],
): LineOfBusinessCoverage {
  const total = runbookCoverage(alerts, runbooks);
  const byService = new Map<string, { alerts: number; covered: number }>();
  for (const a of total.alerts) {
    const s = byService.get(a.service) ?? { alerts: 0, covered: 0 };
    s.alerts += 1;
    if (a.runbooks.length > 0) s.covered += 1;
    byService.set(a.service, s);
  }
  const services = [...byService]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([service, s]) => ({
      service,
      ...s,
      share: s.alerts === 0 ? null : s.covered / s.alerts,
    }));
  return { ...total, services };
}

/** A run as the split needs it: the incident it answered and how it ended. */
export interface IncidentRun {
  incidentId: string | null;
  result: string;
}

export interface RecoverySplit {
  incidents: number;
  autoRecovered: { count: number; ttr: Stat | null };
  manual: { count: number; ttr: Stat | null };
  /** autoRecovered / incidents; null without incidents. */
  autoRecoveredShare: number | null;
  /**
   * Seconds of impact the runbooks spared: for each auto-recovered incident with a TTR, the
   * manual MTTR minus its TTR; null without a TTR on either side.
   */
  timeSavedSeconds: number | null;
}

/**
 * MTTR split by how incidents recovered: by a runbook (a run linked to the incident recovered
 * it) or by people (every other incident). TTR is the incident's own (impact start to
 * mitigation), so both sides are measured the same way; unmitigated incidents count, without a TTR.
 */
export function recoverySplit(
  incidents: readonly Incident[],
  runs: readonly IncidentRun[],
): RecoverySplit {
  const auto = new Set(
    runs.filter(r => r.result === 'recovered' && r.incidentId !== null).map(r => r.incidentId!),
  );
  const side = (list: readonly Incident[]) => ({
    count: list.length,
    ttr: durationStat(list.map(i => i.ttrSeconds).filter((t): t is number => t !== null)),
  });
  const autoList = incidents.filter(i => auto.has(i.id));
  const manualList = incidents.filter(i => !auto.has(i.id));
  const manual = side(manualList);
  const autoTtrs = autoList.map(i => i.ttrSeconds).filter((t): t is number => t !== null);
  return {
    incidents: incidents.length,
    autoRecovered: side(autoList),
    manual,
    autoRecoveredShare: incidents.length === 0 ? null : autoList.length / incidents.length,
    timeSavedSeconds:
      manual.ttr === null || autoTtrs.length === 0
        ? null
        : autoTtrs.reduce((sum, t) => sum + (manual.ttr!.mean - t), 0),
  };
}
