import { alertTarget } from './alerts';
import {
  alertSeverity,
  DEFAULT_SEVERITY_MAPPING,
  worstSeverity,
  type SeverityMapping,
} from './severity';
import type { AlertTarget, IncidentDraft, ReceivedAlert } from './types';

/** Alerts of the same service and SLO (or, without an SLO, the same alert name) share incidents. */
function groupKey(target: AlertTarget, labels: Record<string, string>): string {
  return JSON.stringify([target.service, target.slo ?? `alert:${labels.alertname ?? ''}`]);
}

/**
 * Groups alerts into incidents: within one service and SLO, an alert that starts before the open
 * incident ends (or while it is open) joins it; otherwise it opens the next one. A pure function
 * of the set of alerts (merge repeats with `mergeAlerts` first), so the order in which
 * notifications arrived does not matter. Alerts that name no service are left out.
 * Incidents come out ordered by detection.
 */
export function groupIncidents(
  alerts: readonly ReceivedAlert[],
  mapping: SeverityMapping = DEFAULT_SEVERITY_MAPPING,
): IncidentDraft[] {
  const byGroup = new Map<string, { alert: ReceivedAlert; target: AlertTarget }[]>();
  for (const alert of alerts) {
    const target = alertTarget(alert.labels, alert.annotations);
    if (!target) continue;
    const key = groupKey(target, alert.labels);
    const list = byGroup.get(key) ?? [];
    list.push({ alert, target });
    byGroup.set(key, list);
  }
  const incidents: IncidentDraft[] = [];
  for (const list of byGroup.values()) {
    list.sort(
      (a, b) => a.alert.startsAt - b.alert.startsAt || a.alert.key.localeCompare(b.alert.key),
    );
    let current: IncidentDraft | undefined;
    // End of the current incident so far: Infinity while one of its alerts still fires.
    let end = -Infinity;
    for (const { alert, target } of list) {
      const severity = alertSeverity(alert.labels, alert.annotations, mapping);
      if (current && alert.startsAt <= end) {
        current.severity = worstSeverity(current.severity, severity);
        current.notifiedAt = Math.min(current.notifiedAt, alert.receivedAt);
        current.alertKeys.push(alert.key);
        if (!current.fingerprints.includes(alert.fingerprint))
          current.fingerprints.push(alert.fingerprint);
      } else {
        current = {
          id: `${alert.fingerprint}-${Math.round(alert.startsAt)}`,
          target,
          severity,
          detectedAt: alert.startsAt,
          notifiedAt: alert.receivedAt,
          resolvedAt: null,
          alertKeys: [alert.key],
          fingerprints: [alert.fingerprint],
          alertName: alert.labels.alertname ?? '',
          ...(alert.annotations.summary ? { summary: alert.annotations.summary } : {}),
        };
        incidents.push(current);
        end = -Infinity;
      }
      end = Math.max(end, alert.endsAt ?? Infinity);
      current.resolvedAt = end === Infinity ? null : end;
    }
  }
  return incidents.sort((a, b) => a.detectedAt - b.detectedAt || a.id.localeCompare(b.id));
}
