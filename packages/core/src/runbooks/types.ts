/**
 * A runbook as code: what triggers it (an alert, an SLO's burn), how it diagnoses (queries,
 * recent changes, dependency health, saturation), the actions the diagnosis chooses, and how
 * recovery is verified. Times are unix seconds; durations are seconds.
 */

/** A PromQL value compared with a bound: the finding holds when the comparison does. */
export interface RunbookExpectation {
  op: 'above' | 'below';
  value: number;
}

export type DiagnosisStep =
  | { kind: 'query'; name: string; query: string; expect: RunbookExpectation }
  | {
      kind: 'recentChanges';
      name: string;
      /** How far back a change counts. */
      withinSeconds: number;
      /** Changes of the entity's dependencies (catalog graph) count too. */
      includeDependencies: boolean;
      /** Which kinds of change count (deploy, flag, scale ...); all when empty. */
      actions: string[];
    }
  | {
      kind: 'dependencyHealth';
      name: string;
      /** PromQL with `{{.service}}` standing for each dependency: its error ratio. */
      errorRatioQuery: string;
      /** A dependency above this ratio is unhealthy; the finding holds when one is. */
      maxErrorRatio: number;
    }
  | {
      kind: 'saturation';
      name: string;
      /** PromQL: the resource in use (e.g. requests per second, cores). */
      query: string;
      /** What the capacity assessment allows; from the runbook or the assessment port. */
      capacity: number | null;
      /** The finding holds when use / capacity is above this share. */
      above: number;
    };

export type RunbookActionType =
  'rollback' | 'scale' | 'restart' | 'shift-traffic' | 'shed-traffic' | 'flag' | 'webhook';

export type RunbookActionParams =
  | { type: 'rollback' }
  | { type: 'restart' }
  | { type: 'scale'; replicas: number }
  | { type: 'shift-traffic'; to: string; weight: number }
  | { type: 'shed-traffic'; share: number }
  | { type: 'flag'; flag: string; enabled: boolean }
  | { type: 'webhook'; url: string; method: 'POST' | 'PUT'; body: Record<string, unknown> };

export type RunbookAction = RunbookActionParams & {
  name: string;
  /** Diagnosis steps whose finding must hold for the action to be chosen (all of them). */
  when: string[];
  /** Needs a person's approval before it runs. */
  risky: boolean;
  /** May run during a freeze. */
  safe: boolean;
};

export interface RunbookTrigger {
  /** Labels an alert must carry, exactly. */
  labels: Record<string, string>;
  /** The SLO's own burn alert (Sloth or Headroom labels): its severity. */
  slo?: { severity: 'page' | 'ticket' };
}

export interface RunbookVerification {
  /** The SLI must be back within the allowed ratio within this long after the action. */
  withinSeconds: number;
  /** ... for a run this long (the mitigation rule's run). */
  stableSeconds: number;
}

export interface RunbookGuardrails {
  dryRun: boolean;
  maxExecutions: { count: number; windowSeconds: number };
  cooldownSeconds: number;
  /** Share of the line of business's services that may be acted on at once (0–1]. */
  maxLobShare: number;
}

export interface Runbook {
  name: string;
  service: string;
  /** The SLO whose counters verify recovery. */
  slo: string;
  trigger: RunbookTrigger;
  diagnosis: DiagnosisStep[];
  actions: RunbookAction[];
  verify: RunbookVerification;
  guardrails: RunbookGuardrails;
  source: { file: string; docIndex: number };
}

/** A change of an entity as a diagnosis reads it (a deploy, a flag toggled, a scale ...). */
export interface RecentChange {
  service: string;
  at: number;
  action: string;
  detail: Record<string, string | number | boolean>;
}

/** What one diagnosis step found. */
export interface Finding {
  step: string;
  kind: DiagnosisStep['kind'];
  holds: boolean;
  /** query: the value; saturation: use / capacity; dependencyHealth: the worst ratio. */
  value: number | null;
  detail: string;
  changes?: RecentChange[];
  unhealthy?: string[];
  /** Why the step could not be evaluated (no data, an error); it then does not hold. */
  error?: string;
}
