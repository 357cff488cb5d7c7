import {
  chooseActions,
  decideAction,
  dependencyHealthFinding,
  failedFinding,
  impactStart,
  parseRfc3339,
  queryFinding,
  recentChangesFinding,
  runResult,
  saturationFinding,
  triggerMatches,
  verifyRecovery,
  type ActionRecord,
  type DiagnosisStep,
  type Finding,
  type GlobalGuardrails,
  type PastRun,
  type PreparedSeries,
  type RecentChange,
  type Runbook,
  type RunbookAction,
  type RunbookAuditRecord,
  type Slo,
} from '@headroom/core';
import type { AlertInfo } from '@headroom/prometheus';

/** What a run reads and does; the CLI wires Prometheus, the simulator and adapters. */
export interface RunbookPorts {
  /** Unix seconds. */
  now(): number;
  sleep(seconds: number): Promise<void>;
  alerts(): Promise<AlertInfo[]>;
  /** An instant query's value (the sum of its samples); null when it returns nothing. */
  queryValue(expr: string, at: number): Promise<number | null>;
  /** Changes of every entity since `since` (deploys, flags, scaling ...). */
  recentChanges(since: number): Promise<RecentChange[]>;
  /** The service's dependencies in the catalog graph. */
  dependencies(service: string): readonly string[];
  /** The capacity the assessment allows for a saturation step without its own; null if none. */
  capacity(service: string, step: string): Promise<number | null>;
  /** The SLO's counters from `from` to `instant`; `at` is the last sample's time. */
  readSeries(instant: number, from: number): Promise<{ series: PreparedSeries; at: number }>;
  /** Carries the action out; returns what was done, throws when it failed. */
  execute(
    action: RunbookAction,
    runbook: Runbook,
    changes: readonly RecentChange[],
  ): Promise<string>;
  log(line: string): void;
  /**
   * Shows the run as waiting for a person to approve `action` (the record so far says so) and
   * waits until `deadline` (unix seconds) for the approval: who gave it and when, or null.
   * Without it a run stops at a risky action and records that it waits.
   */
  awaitApproval?(
    action: RunbookAction,
    waiting: RunbookAuditRecord,
    deadline: number,
  ): Promise<{ by: string; at: number } | null>;
}

export interface RunbookRunOptions {
  pollSeconds: number;
  /** How long to wait for the trigger's alert before giving up (not-triggered). */
  waitSeconds: number;
  /** A person or system starting the run by hand: no alert is waited for. */
  triggeredBy?: string;
  global: GlobalGuardrails;
  approvals: readonly string[];
  history: readonly PastRun[];
  lineOfBusiness: { name: string; services: readonly string[] } | null;
  /** How long a run waits for a risky action's approval (with `awaitApproval`); default 15 min. */
  approvalWaitSeconds?: number;
}

const DEFAULT_APPROVAL_WAIT_SECONDS = 900;

/** How far before detection the counters are read to find the impact's start. */
const IMPACT_LOOKBACK_SECONDS = 900;

/**
 * Runs a runbook: waits for its trigger, diagnoses, then tries the chosen actions in order,
 * each through the guardrails and verified by the SLO's counters, until one recovers the SLI;
 * otherwise escalates with everything tried. Returns the audit record.
 */
export async function runRunbook(
  runbook: Runbook,
  slo: Slo,
  ports: RunbookPorts,
  options: RunbookRunOptions,
): Promise<RunbookAuditRecord> {
  const startedAt = ports.now();
  const mode: RunbookAuditRecord['mode'] =
    options.global.dryRun || runbook.guardrails.dryRun ? 'dry-run' : 'live';
  const trigger = await waitForTrigger(runbook, ports, options, startedAt);
  const base = {
    runbook: runbook.name,
    service: runbook.service,
    slo: runbook.slo,
    mode,
    startedAt,
  };
  if (!trigger) {
    ports.log(`no alert matched the trigger within ${options.waitSeconds} s`);
    return {
      ...base,
      trigger: { by: 'none', labels: {}, firedAt: null },
      endedAt: ports.now(),
      findings: [],
      chosen: [],
      actions: [],
      result: 'not-triggered',
      times: emptyTimes(),
      escalation: null,
      summary: `No alert matched the trigger within ${options.waitSeconds} s; nothing ran.`,
    };
  }
  ports.log(`triggered by ${trigger.by}`);

  const { findings, changes } = await diagnose(runbook, ports);
  for (const f of findings)
    ports.log(`finding ${f.step}: ${f.holds ? 'holds' : 'does not hold'} (${f.detail})`);
  const chosen = chooseActions(runbook, findings);
  ports.log(`chosen: ${chosen.map(a => a.name).join(', ') || 'nothing'}`);

  const actions: ActionRecord[] = [];
  const approvals = [...options.approvals];
  let recoveredAt: number | null = null;
  const decide = (action: RunbookAction) =>
    decideAction({
      now: ports.now(),
      runbook,
      action,
      lineOfBusiness: options.lineOfBusiness,
      history: options.history,
      approvals,
      global: options.global,
    });
  for (const action of chosen) {
    let decision = decide(action);
    ports.log(`${action.name}: ${decision.verdict} (${decision.reason})`);
    let approval: { by: string; at: number } | undefined;
    if (decision.verdict === 'await-approval' && ports.awaitApproval) {
      // The run waits where it stopped: an approval lets it go on from this action.
      const waitSeconds = options.approvalWaitSeconds ?? DEFAULT_APPROVAL_WAIT_SECONDS;
      const waiting = [...actions, notRun(action, decision)];
      const given = await ports.awaitApproval(
        action,
        {
          ...base,
          trigger,
          endedAt: ports.now(),
          findings,
          chosen: chosen.map(a => a.name),
          actions: waiting,
          ...runResult(
            waiting,
            chosen.map(a => a.name),
          ),
          times: { ...emptyTimes(), detectedAt: trigger.firedAt },
        },
        ports.now() + waitSeconds,
      );
      if (given) {
        approval = given;
        approvals.push(action.name);
        // The guardrails are asked again: a freeze or another run may have begun meanwhile.
        decision = decide(action);
        ports.log(
          `${action.name}: approved by ${given.by}; ${decision.verdict} (${decision.reason})`,
        );
      } else {
        decision = {
          verdict: 'refuse',
          guardrail: 'approval',
          reason: `no approval of ${action.name} within ${waitSeconds} s`,
        };
        ports.log(`${action.name}: ${decision.reason}`);
      }
    }
    const approved = approval ? { approval } : {};
    if (decision.verdict !== 'run') {
      actions.push({ ...notRun(action, decision), ...approved });
      // A dry run shows the first action a live run would take; an approval holds the order.
      if (decision.verdict === 'refuse') continue;
      break;
    }
    const sentAt = ports.now();
    let detail: string;
    try {
      detail = await ports.execute(action, runbook, changes);
    } catch (error) {
      const message = (error as Error).message;
      ports.log(`${action.name} failed: ${message}`);
      actions.push({
        ...notRun(action, decision),
        ...approved,
        startedAt: sentAt,
        outcome: 'failed',
        detail: message,
      });
      continue;
    }
    ports.log(`${action.name}: ${detail}`);
    const verification = await verify(runbook, slo, ports, options.pollSeconds, sentAt);
    actions.push({
      action: action.name,
      type: action.type,
      decision,
      startedAt: sentAt,
      outcome: 'succeeded',
      detail,
      ...approved,
      verification,
    });
    ports.log(`${action.name}: ${verification.verdict}`);
    if (verification.verdict === 'recovered') {
      recoveredAt = verification.recoveredAt;
      break;
    }
  }

  const detectedAt = trigger.firedAt;
  let impactStartedAt: number | null = null;
  if (detectedAt !== null) {
    try {
      const { series } = await ports.readSeries(ports.now(), detectedAt - IMPACT_LOOKBACK_SECONDS);
      // As an incident's timeline counts it (core's incidentTimeline): counters that show no
      // impact by detection start it at detection. A fast page can fire on a scrape that falls
      // between two samples of the step grid, before any sample shows the breach.
      impactStartedAt =
        impactStart(series, slo.objective.target, detectedAt, IMPACT_LOOKBACK_SECONDS) ??
        detectedAt;
    } catch (error) {
      ports.log(`impact start: the counters could not be read (${(error as Error).message})`);
    }
  }
  const outcome = runResult(
    actions,
    chosen.map(a => a.name),
  );
  ports.log(outcome.summary);
  return {
    ...base,
    trigger,
    endedAt: ports.now(),
    findings,
    chosen: chosen.map(a => a.name),
    actions,
    ...outcome,
    times: {
      impactStartedAt,
      detectedAt,
      recoveredAt,
      ttdSeconds:
        impactStartedAt !== null && detectedAt !== null ? detectedAt - impactStartedAt : null,
      ttrSeconds:
        impactStartedAt !== null && recoveredAt !== null ? recoveredAt - impactStartedAt : null,
    },
  };
}

async function waitForTrigger(
  runbook: Runbook,
  ports: RunbookPorts,
  options: RunbookRunOptions,
  startedAt: number,
): Promise<RunbookAuditRecord['trigger'] | undefined> {
  if (options.triggeredBy !== undefined)
    return { by: options.triggeredBy, labels: {}, firedAt: null };
  for (;;) {
    let alerts: AlertInfo[] = [];
    try {
      alerts = await ports.alerts();
    } catch (error) {
      ports.log(`alerts could not be read (${(error as Error).message})`);
    }
    const firing = matchingAlert(alerts, runbook);
    if (firing) return firing;
    if (ports.now() - startedAt >= options.waitSeconds) return undefined;
    await ports.sleep(options.pollSeconds);
  }
}

/** The earliest firing alert that matches the trigger. */
function matchingAlert(
  alerts: readonly AlertInfo[],
  runbook: Runbook,
): RunbookAuditRecord['trigger'] | undefined {
  let best: RunbookAuditRecord['trigger'] | undefined;
  for (const a of alerts) {
    if (a.state !== 'firing' || !triggerMatches(runbook, a.labels)) continue;
    const firedAt = a.activeAt === undefined ? null : (parseRfc3339(a.activeAt) ?? null);
    if (!best || (firedAt !== null && (best.firedAt === null || firedAt < best.firedAt))) {
      best = {
        by: `alert ${a.labels['alertname'] ?? '(unnamed)'}`,
        labels: { ...a.labels },
        firedAt,
      };
    }
  }
  return best;
}

async function diagnose(
  runbook: Runbook,
  ports: RunbookPorts,
): Promise<{ findings: Finding[]; changes: RecentChange[] }> {
  const now = ports.now();
  const findings: Finding[] = [];
  let changes: RecentChange[] = [];
  for (const step of runbook.diagnosis) {
    try {
      const f = await evaluate(step, runbook, ports, now);
      if (f.changes) changes = [...changes, ...f.changes];
      findings.push(f);
    } catch (error) {
      findings.push(failedFinding(step, (error as Error).message));
    }
  }
  return { findings, changes };
}

async function evaluate(
  step: DiagnosisStep,
  runbook: Runbook,
  ports: RunbookPorts,
  now: number,
): Promise<Finding> {
  const service = runbook.service;
  switch (step.kind) {
    case 'query':
      return queryFinding(step, await ports.queryValue(step.query, now));
    case 'recentChanges':
      return recentChangesFinding(
        step,
        service,
        ports.dependencies(service),
        await ports.recentChanges(now - step.withinSeconds),
        now,
      );
    case 'dependencyHealth': {
      const ratios = new Map<string, number | null>();
      for (const dep of ports.dependencies(service)) {
        const q = step.errorRatioQuery.replace(/\{\{\s*\.service\s*\}\}/g, dep);
        ratios.set(dep, await ports.queryValue(q, now));
      }
      return dependencyHealthFinding(step, ratios);
    }
    case 'saturation':
      return saturationFinding(
        step,
        await ports.queryValue(step.query, now),
        step.capacity ?? (await ports.capacity(service, step.name)),
      );
  }
}

/** Polls the counters until the action's verification is decided. */
async function verify(
  runbook: Runbook,
  slo: Slo,
  ports: RunbookPorts,
  pollSeconds: number,
  actionAt: number,
): Promise<NonNullable<ActionRecord['verification']>> {
  const deadline = actionAt + runbook.verify.withinSeconds;
  for (;;) {
    await ports.sleep(pollSeconds);
    try {
      // The 1-minute ratio at the first sample after the action needs a minute before it.
      const { series, at } = await ports.readSeries(ports.now(), actionAt - 120);
      const state = verifyRecovery(series, slo.objective.target, actionAt, runbook.verify, at);
      if (state.verdict !== 'pending') {
        return { verdict: state.verdict, recoveredAt: state.recoveredAt, deadline: state.deadline };
      }
    } catch (error) {
      // Counters that cannot be read prove nothing: the action has not been shown to work.
      ports.log(`verification: the counters could not be read (${(error as Error).message})`);
      if (ports.now() >= deadline + runbook.verify.stableSeconds) {
        return { verdict: 'timed-out', recoveredAt: null, deadline };
      }
    }
  }
}

function notRun(action: RunbookAction, decision: ActionRecord['decision']): ActionRecord {
  return {
    action: action.name,
    type: action.type,
    decision,
    startedAt: null,
    outcome: 'not-run',
    detail: decision.reason,
    verification: null,
  };
}

function emptyTimes(): RunbookAuditRecord['times'] {
  return {
    impactStartedAt: null,
    detectedAt: null,
    recoveredAt: null,
    ttdSeconds: null,
    ttrSeconds: null,
  };
}
