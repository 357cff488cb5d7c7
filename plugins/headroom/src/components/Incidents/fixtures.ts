import type { Entity } from '@backstage/catalog-model';
import type { Incident, IncidentList, MttxReport } from '../../api';

export const orderGateway: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'order-gateway', namespace: 'default' },
  spec: { type: 'service', owner: 'team-core-trading' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-core-trading' }],
};

/** The fast burn, open: impact 10:00:00, detected 10:00:45 (TTD 45 s), not yet acknowledged. */
export function openIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-open',
    entityRef: 'component:default/order-gateway',
    service: 'order-gateway',
    slo: 'availability',
    owner: 'group:default/team-core-trading',
    lineOfBusiness: 'spot',
    severity: 'P1',
    status: 'open',
    alertName: 'SloErrorBudgetBurn',
    summary: 'order-gateway availability SLO error budget burn rate is over expected.',
    fingerprints: ['a1b2'],
    impactStart: '2026-12-07T10:00:00Z',
    impactSource: 'slo',
    detectedAt: '2026-12-07T10:00:45Z',
    notifiedAt: '2026-12-07T10:00:50Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    mitigatedAt: null,
    mitigationSource: null,
    resolvedAt: null,
    ttdSeconds: 45,
    ttaSeconds: null,
    ttrSeconds: null,
    timeToResolveSeconds: null,
    ...overrides,
  };
}

/**
 * A resolved P1: impact 08:00:00, detected 08:02:00 (TTD 120 s), mitigated 08:04:00 (TTR 240 s),
 * acknowledged 08:05:00 (TTA 180 s after detection), resolved 08:10:00.
 */
export const resolvedIncident: Incident = openIncident({
  id: 'inc-resolved',
  status: 'resolved',
  fingerprints: ['c3d4'],
  impactStart: '2026-12-01T08:00:00Z',
  detectedAt: '2026-12-01T08:02:00Z',
  notifiedAt: '2026-12-01T08:02:05Z',
  acknowledgedAt: '2026-12-01T08:05:00Z',
  acknowledgedBy: 'user:default/ana',
  mitigatedAt: '2026-12-01T08:04:00Z',
  mitigationSource: 'slo',
  resolvedAt: '2026-12-01T08:10:00Z',
  ttdSeconds: 120,
  ttaSeconds: 180,
  ttrSeconds: 240,
  timeToResolveSeconds: 600,
});

export function incidentList(items: Incident[] = [resolvedIncident, openIncident()]): IncidentList {
  return { from: '2026-09-08T10:30:00Z', to: '2026-12-07T10:30:00Z', items };
}

/**
 * The two incidents' MTTx per severity, by hand: TTD 45 and 120 s → mean 82.5, p50 82.5, p90
 * 45 + 0.9 × 75 = 112.5; TTA and TTR known for the resolved one only (180, 240). Graded: the
 * resolved one (the open one's recovery target has not passed), and it missed detection → 0 of 1.
 */
export const mttxBySeverity: MttxReport = {
  by: 'severity',
  from: '2026-09-08T10:30:00Z',
  to: '2026-12-07T10:30:00Z',
  targets: { P1: { detectSeconds: 60, recoverSeconds: 300 } },
  groups: {
    P1: {
      count: 2,
      open: 1,
      mttd: { mean: 82.5, p50: 82.5, p90: 112.5 },
      mtta: { mean: 180, p50: 180, p90: 180 },
      mttr: { mean: 240, p50: 240, p90: 240 },
      attainment: 0,
      graded: 1,
    },
  },
  dora: { deployments: 0, failed: 0, changeFailureRate: null },
};
