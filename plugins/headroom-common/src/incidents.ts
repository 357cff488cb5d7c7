/** Incident grades, P1 the worst. */
export type IncidentSeverity = 'P1' | 'P2' | 'P3' | 'P4';

/** One incident and its timeline, as `GET /incidents` serves it (times in RFC 3339). */
export interface Incident {
  id: string;
  entityRef: string;
  service: string;
  slo: string | null;
  owner: string | null;
  lineOfBusiness: string | null;
  severity: IncidentSeverity;
  status: 'open' | 'resolved';
  alertName: string;
  summary: string | null;
  fingerprints: string[];
  impactStart: string;
  /** `slo`: from the SLO's 1-minute error ratio; `alert`: the first alert's start. */
  impactSource: 'slo' | 'alert';
  detectedAt: string;
  notifiedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  mitigatedAt: string | null;
  mitigationSource: string | null;
  resolvedAt: string | null;
  ttdSeconds: number;
  ttaSeconds: number | null;
  ttrSeconds: number | null;
  timeToResolveSeconds: number | null;
}

/** `GET /incidents`: incidents whose impact started in the period, oldest first. */
export interface IncidentList {
  from: string;
  to: string;
  items: Incident[];
}

/** Seconds over the incidents where the measure is known; null when none is. */
export type DurationStat = { mean: number; p50: number; p90: number } | null;

/** MTTx of one group of incidents. */
export interface MttxSummary {
  count: number;
  open: number;
  mttd: DurationStat;
  mtta: DurationStat;
  mttr: DurationStat;
  mttResolve?: DurationStat;
  /** Fraction of graded incidents within every target of their severity; null when none is graded. */
  attainment: number | null;
  graded: number;
}

/** Targets of one severity, in seconds. */
export interface MttxTarget {
  detectSeconds?: number;
  acknowledgeSeconds?: number;
  recoverSeconds?: number;
}

export type MttxDimension = 'severity' | 'service' | 'team' | 'lineOfBusiness' | 'month';

/** `GET /incidents/mttx`: MTTx per group against the targets, with DORA's measures. */
export interface MttxReport {
  by: MttxDimension;
  from: string;
  to: string;
  targets: Partial<Record<IncidentSeverity, MttxTarget>>;
  groups: Record<string, MttxSummary>;
  dora: {
    deployments?: number;
    failed?: number;
    changeFailureRate?: number | null;
    failedDeploymentRecovery?: DurationStat;
  };
}

/** Filters of `GET /incidents` and `GET /incidents/mttx`. */
export interface IncidentQuery {
  from?: string;
  to?: string;
  entityRef?: string;
  lineOfBusiness?: string;
}
