/**
 * Incidents from Alertmanager notifications. Times are unix seconds (float), as in the engine;
 * callers format them as RFC 3339 at the edge (`formatRfc3339`).
 */

export type Severity = 'P1' | 'P2' | 'P3' | 'P4';
export const SEVERITIES: readonly Severity[] = Object.freeze(['P1', 'P2', 'P3', 'P4']);

/** One element of a webhook notification's `alerts`, validated. */
export interface AlertmanagerAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Unix seconds. */
  startsAt: number;
  /** Unix seconds; null while firing (Alertmanager sends Go's zero time then). */
  endsAt: number | null;
  generatorURL: string;
  fingerprint: string;
}

/** A webhook notification (payload version "4"), validated; unknown keys are dropped. */
export interface AlertmanagerPayload {
  version: '4';
  groupKey: string;
  status: 'firing' | 'resolved';
  receiver: string;
  alerts: AlertmanagerAlert[];
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  truncatedAlerts: number;
}

/**
 * One alert as Headroom knows it after any number of notifications: the idempotency key is the
 * fingerprint plus `startsAt`, so repeats and re-sent groups fold into the same record.
 */
export interface ReceivedAlert {
  /** `alertKey(fingerprint, startsAt)`. */
  key: string;
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number;
  /** When a resolved notification said so; null while firing. */
  endsAt: number | null;
  /** When Headroom first received it (any status). */
  receivedAt: number;
}

/** What an alert is about: the catalog service it maps to and, when it is an SLO's, the SLO. */
export interface AlertTarget {
  service: string;
  /** SLO name, when the alert comes from an SLO's rules. */
  slo?: string;
  /** Catalog entity ref, when an annotation names it. */
  entityRef?: string;
  owner?: string;
  lineOfBusiness?: string;
}

/** Alerts of one service and SLO (or alert name) that overlap in time: one incident. */
export interface IncidentDraft {
  /** Stable while the earliest alert stays earliest: `<fingerprint>-<startsAt seconds>`. */
  id: string;
  target: AlertTarget;
  severity: Severity;
  /** The first firing alert's `startsAt`. */
  detectedAt: number;
  /** When Headroom received the first alert. */
  notifiedAt: number;
  /** The last alert's end once all are resolved; null while any fires. */
  resolvedAt: number | null;
  /** The alerts' keys, oldest first. */
  alertKeys: string[];
  fingerprints: string[];
  alertName: string;
  summary?: string;
}

export interface AckEvent {
  /** Unix seconds. */
  at: number;
  fingerprint: string;
  by: string;
}

export interface DeployEvent {
  at: number;
  service: string;
  /** Version, commit or rollout name, when the sender gives one. */
  version?: string;
}

/** Counters of the incident's SLO and its objective: what impact start and mitigation read. */
export interface ImpactInput {
  series: import('../engine/types').PreparedSeries;
  objective: number;
}

export interface Incident extends IncidentDraft {
  /** Earliest time from which the 1-minute error ratio stayed above 1 − objective up to detection. */
  impactStart: number;
  /** `slo` when computed from the counters; `alert` when taken from the first alert's start. */
  impactSource: 'slo' | 'alert';
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  /** Start of the first 5-minute run with the 1-minute error ratio within the allowed ratio. */
  mitigatedAt: number | null;
  mitigationSource: 'slo' | 'alert' | null;
  /** detected − impact start. */
  ttdSeconds: number;
  /** acknowledged − detected; null until acknowledged. */
  ttaSeconds: number | null;
  /** mitigated − impact start; null until mitigated. */
  ttrSeconds: number | null;
  /** resolved − impact start; null until resolved. */
  timeToResolveSeconds: number | null;
}

export interface Stat {
  mean: number;
  p50: number;
  p90: number;
}

/** Seconds per measure; a measure without a target is not graded. */
export interface MttxTarget {
  detectSeconds?: number;
  acknowledgeSeconds?: number;
  recoverSeconds?: number;
}

export type MttxTargets = Partial<Record<Severity, MttxTarget>>;

export interface MttxSummary {
  count: number;
  /** Incidents still open (not resolved). */
  open: number;
  /** null when no incident of the group has the measure. */
  mttd: Stat | null;
  mtta: Stat | null;
  mttr: Stat | null;
  /** Time to resolve (resolved − impact start). */
  mttResolve: Stat | null;
  /** Fraction of graded incidents within every target that applies; null when none is graded. */
  attainment: number | null;
  /** Incidents that count in `attainment`. */
  graded: number;
}
