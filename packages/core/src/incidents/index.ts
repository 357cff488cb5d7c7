export * from './types';
export { parseRfc3339, formatRfc3339, formatRfc3339OrNull, GO_ZERO_TIME } from './rfc3339';
export { parseAlertmanagerPayload, PayloadError } from './payload';
export { alertKey, receivedAlerts, mergeAlerts, alertTarget } from './alerts';
export {
  alertSeverity,
  worstSeverity,
  isSeverity,
  parseSeverityMapping,
  DEFAULT_SEVERITY_MAPPING,
} from './severity';
export type { SeverityMapping } from './severity';
export { groupIncidents } from './grouping';
export {
  impactStart,
  mitigationTime,
  IMPACT_RATIO_WINDOW_SECONDS,
  MITIGATION_RUN_SECONDS,
  DEFAULT_IMPACT_LOOKBACK_SECONDS,
} from './impact';
export { incidentTimeline, incidentTimelines, firstAck, computeImpact } from './timeline';
export type { ComputedImpact } from './timeline';
export {
  durationStat,
  meetsTargets,
  summariseIncidents,
  mttxBy,
  mttxTrend,
  dimensionValue,
  parseMttxTargets,
  DEFAULT_MTTX_TARGETS,
} from './stats';
export type { MttxDimension } from './stats';
export { doraSummary, DEFAULT_ATTRIBUTION_SECONDS } from './dora';
export type { DoraSummary, DeploymentOutcome } from './dora';
export { parseIncidentEvent } from './events';
export type { IncidentEvent } from './events';
export { toIncidentJson } from './json';
export type { IncidentJson } from './json';
export { postmortemMarkdown } from './postmortem';
