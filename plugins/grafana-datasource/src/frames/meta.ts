/**
 * What the Headroom panels read from `frame.meta.custom`: which part of an SLO a frame holds and
 * the SLO it belongs to, so that one query can return many SLOs and a panel can group them.
 */
export type HeadroomFrameKind =
  | 'sloList'
  | 'status'
  | 'burndown'
  | 'burnRates'
  | 'recorded'
  | 'unitCost'
  | 'unitCostBand'
  | 'capacity'
  | 'cost'
  | 'anomalies'
  | 'incidents'
  | 'mttx'
  | 'drillRuns'
  | 'weakLinks'
  | 'resilience'
  | 'changes'
  | 'changeFailureRate';

export interface HeadroomFrameMeta {
  headroom: HeadroomFrameKind;
  /** `<entityRef>#<slo name>`, or the entity ref for unit cost. */
  key?: string;
  title?: string;
  /** Burndown: the current window, unix milliseconds and seconds. */
  windowStartMs?: number;
  /** The window's real end: a calendar period's next start, or the evaluation for a rolling one. */
  windowEndMs?: number;
  windowSeconds?: number;
  objective?: number;
}
