import { formatRfc3339, formatRfc3339OrNull } from './rfc3339';
import type { Incident, Severity } from './types';

/** An incident as the API and `headroom incidents report` write it: RFC 3339 times, null where unknown. */
export interface IncidentJson {
  id: string;
  service: string;
  slo: string | null;
  entityRef: string | null;
  owner: string | null;
  lineOfBusiness: string | null;
  severity: Severity;
  status: 'open' | 'resolved';
  alertName: string;
  summary: string | null;
  fingerprints: string[];
  impactStart: string;
  impactSource: 'slo' | 'alert';
  detectedAt: string;
  notifiedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  mitigatedAt: string | null;
  mitigationSource: 'slo' | 'alert' | null;
  resolvedAt: string | null;
  ttdSeconds: number;
  ttaSeconds: number | null;
  ttrSeconds: number | null;
  timeToResolveSeconds: number | null;
}

export function toIncidentJson(incident: Incident): IncidentJson {
  const t = incident.target;
  return {
    id: incident.id,
    service: t.service,
    slo: t.slo ?? null,
    entityRef: t.entityRef ?? null,
    owner: t.owner ?? null,
    lineOfBusiness: t.lineOfBusiness ?? null,
    severity: incident.severity,
    status: incident.resolvedAt === null ? 'open' : 'resolved',
    alertName: incident.alertName,
    summary: incident.summary ?? null,
    fingerprints: incident.fingerprints,
    impactStart: formatRfc3339(incident.impactStart),
    impactSource: incident.impactSource,
    detectedAt: formatRfc3339(incident.detectedAt),
    notifiedAt: formatRfc3339(incident.notifiedAt),
    acknowledgedAt: formatRfc3339OrNull(incident.acknowledgedAt),
    acknowledgedBy: incident.acknowledgedBy,
    mitigatedAt: formatRfc3339OrNull(incident.mitigatedAt),
    mitigationSource: incident.mitigationSource,
    resolvedAt: formatRfc3339OrNull(incident.resolvedAt),
    ttdSeconds: incident.ttdSeconds,
    ttaSeconds: incident.ttaSeconds,
    ttrSeconds: incident.ttrSeconds,
    timeToResolveSeconds: incident.timeToResolveSeconds,
  };
}
