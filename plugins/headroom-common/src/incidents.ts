import type { ApiQuery, ApiSchema } from './apiClient';

// The incident routes' JSON, as the backend's OpenAPI document declares it (generated types).

/** One incident and its timeline, as `GET /incidents` serves it (times in RFC 3339). */
export type Incident = ApiSchema<'Incident'>;

/** Incident grades, P1 the worst. */
export type IncidentSeverity = Incident['severity'];

/** `GET /incidents`: incidents whose impact started in the period, oldest first. */
export type IncidentList = ApiSchema<'IncidentList'>;

/** Seconds over the incidents where the measure is known; null when none is. */
export type DurationStat = ApiSchema<'DurationStat'>;

/** MTTx of one group of incidents. */
export type MttxSummary = ApiSchema<'MttxSummary'>;

/** `GET /incidents/mttx`: MTTx per group against the targets, with DORA's measures. */
export type MttxReport = ApiSchema<'MttxReport'>;

/** Targets of one severity, in seconds. */
export type MttxTarget = MttxReport['targets'][string];

export type MttxDimension = MttxReport['by'];

/** Filters of `GET /incidents` and `GET /incidents/mttx`. */
export type IncidentQuery = Omit<ApiQuery<'/incidents/mttx', 'get'>, 'by'>;
