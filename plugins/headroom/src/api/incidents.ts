// The incident routes' JSON is defined once, in the common package.
export type {
  DurationStat,
  Incident,
  IncidentList,
  IncidentQuery,
  IncidentSeverity,
  MttxDimension,
  MttxReport,
  MttxSummary,
  MttxTarget,
} from '@headroom/plugin-headroom-common';
