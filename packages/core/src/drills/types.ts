/**
 * A drill: a fault put on purpose into one service, with the SLO as the steady state, and what
 * the company expects to happen (a page within a minute, recovery within five). The record of a
 * run says whether the hypothesis held, how long detection and recovery took, and the budget the
 * drill spent; its resilience score follows Litmus's formula.
 */

/** Faults a drill can put in. `dependency-outage` takes a dependency down; `bad-deploy` ships a
 * version that fails until it is rolled back. */
export type DrillFaultType =
  'errors' | 'latency' | 'outage' | 'capacity-loss' | 'dependency-outage' | 'bad-deploy';

export interface DrillFault {
  type: DrillFaultType;
  /** The catalog component the fault is put into (for dependency-outage: the dependency). */
  target: string;
  /** errors/outage/bad-deploy: share of requests failing; latency: factor; capacity-loss: share of replicas. */
  magnitude: number;
  durationSeconds: number;
  /** Litmus's fault weight, 0–10 (0–3 low, 4–6 medium, 7–10 high priority). */
  weight: number;
}

/** A steady-state term over the SLO: a burn rate below a bound, or the SLI above one. */
export type SteadyStateTerm =
  | { kind: 'burnRate'; windowSeconds: number; below: number }
  | { kind: 'sli'; windowSeconds: number; above: number };

/** Stops the fault at once: a burn rate above a bound, or an incident of a severity (or worse). */
export type AbortCondition =
  | { kind: 'burnRate'; windowSeconds: number; above: number }
  | { kind: 'incident'; severity: 'P1' | 'P2' | 'P3' | 'P4' };

export interface DrillExpectations {
  /** An alert of this severity for the SLO within this many seconds of the fault's start. */
  alert?: { severity: 'page' | 'ticket'; withinSeconds: number };
  /**
   * The SLI back within the allowed error ratio within this many seconds of the fault's start:
   * the start of the first run of `stableSeconds` (default 300, as for incidents' mitigation) in
   * which every 1-minute error ratio is within it.
   */
  recovery?: { withinSeconds: number; stableSeconds: number; by: 'runbook' | 'fault-end' };
}

export interface DrillSchedule {
  /** Five-field cron (minute hour day-of-month month day-of-week), UTC. */
  cron?: string;
  /** Game days: fixed instants (RFC 3339). */
  at?: string[];
  /** Not run while the entity's error budget left is below this share (0–1). */
  minBudgetRemaining: number;
}

export interface Drill {
  name: string;
  /** The component the drill is about (its SLO is the steady state). */
  service: string;
  /** The SLO's name (as in its file) whose terms are the steady state. */
  slo: string;
  hypothesis: string;
  steadyState: SteadyStateTerm[];
  faults: DrillFault[];
  blastRadius: { maxServices: number };
  abort: AbortCondition[];
  expect: DrillExpectations;
  schedule?: DrillSchedule;
  source: { file: string; docIndex: number };
}

/** One check of the run, as a Litmus probe: its name, when it ran and whether it passed. */
export interface DrillProbe {
  name: string;
  /** Litmus's probe modes: SOT before the fault, EOT after it, OnChaos during it. */
  mode: 'SOT' | 'EOT' | 'OnChaos';
  passed: boolean;
  detail: string;
}

export type DrillVerdict = 'Pass' | 'Fail' | 'Aborted' | 'Skipped';

export interface DrillRunRecord {
  drill: string;
  service: string;
  slo: string;
  verdict: DrillVerdict;
  /** Why, in one sentence. */
  summary: string;
  startedAt: string;
  faultStartedAt: string | null;
  faultEndedAt: string | null;
  endedAt: string;
  probes: DrillProbe[];
  detection: {
    expected: boolean;
    alertFiredAt: string | null;
    ttdSeconds: number | null;
    withinTarget: boolean | null;
  };
  recovery: {
    expected: boolean;
    recoveredAt: string | null;
    ttrSeconds: number | null;
    withinTarget: boolean | null;
  };
  aborted: { at: string; reason: string } | null;
  /** Share of the SLO window's error budget that the drill's bad events used (0–1+). */
  budgetSpent: number | null;
  /** Litmus: Σ(weight × probe success %) / Σ weight, 0–100. */
  resilienceScore: number;
}
