import type { FreezeWindow } from '../change/types';
import type { Runbook, RunbookAction } from './types';

/** An earlier run of a runbook, as the audit log keeps it. */
export interface PastRun {
  runbook: string;
  service: string;
  startedAt: number;
  /** null while the run is still going. */
  endedAt: number | null;
  /** Whether it acted (dry runs and runs stopped by a guardrail did not). */
  executed: boolean;
}

/** Settings that hold for every runbook. */
export interface GlobalGuardrails {
  dryRun: boolean;
  freezeWindows: readonly FreezeWindow[];
}

export interface GuardrailInput {
  now: number;
  runbook: Runbook;
  action: RunbookAction;
  /** The service's line of business and every service in it; null when not known. */
  lineOfBusiness: { name: string; services: readonly string[] } | null;
  /** Earlier runs (of every runbook), not the one deciding now. */
  history: readonly PastRun[];
  /** Names of this run's actions a person approved. */
  approvals: readonly string[];
  global: GlobalGuardrails;
}

export type GuardrailName =
  'rate-limit' | 'cooldown' | 'blast-radius' | 'freeze' | 'approval' | 'dry-run' | 'none';

export interface GuardrailDecision {
  /** run: act; dry-run: record what would run; await-approval: a person must approve; refuse: never. */
  verdict: 'run' | 'dry-run' | 'await-approval' | 'refuse';
  /** The guardrail that decided (`none` when nothing held the action back). */
  guardrail: GuardrailName;
  reason: string;
}

/**
 * Whether an action may run now. The hard limits come first (executions per window, cooldown,
 * share of the line of business acted on at once, freeze), then approval, then dry-run: a dry
 * run so reports what a live run would have met, and a refused action is never "would run".
 */
export function decideAction(input: GuardrailInput): GuardrailDecision {
  const { now, runbook, action, history } = input;
  const g = runbook.guardrails;
  const service = runbook.service;
  const acted = history.filter(r => r.executed && r.service === service);

  const windowStart = now - g.maxExecutions.windowSeconds;
  const inWindow = acted.filter(r => r.startedAt > windowStart).length;
  if (inWindow >= g.maxExecutions.count) {
    return refuse(
      'rate-limit',
      `${service} was acted on ${inWindow} time(s) in the last ${g.maxExecutions.windowSeconds} s; at most ${g.maxExecutions.count}`,
    );
  }

  const running = acted.find(r => r.endedAt === null);
  if (running) {
    return refuse('cooldown', `a run of ${running.runbook} on ${service} is still going`);
  }
  const lastEnd = Math.max(-Infinity, ...acted.map(r => r.endedAt!));
  if (now - lastEnd < g.cooldownSeconds) {
    return refuse(
      'cooldown',
      `the last run on ${service} ended ${Math.round(now - lastEnd)} s ago; cooldown ${g.cooldownSeconds} s`,
    );
  }

  const lob = input.lineOfBusiness;
  if (lob && lob.services.length > 0) {
    const members = new Set(lob.services);
    const busy = new Set(
      history
        .filter(r => r.executed && r.endedAt === null && members.has(r.service))
        .map(r => r.service),
    );
    busy.add(service);
    const share = busy.size / members.size;
    if (share > g.maxLobShare) {
      return refuse(
        'blast-radius',
        `${busy.size} of ${members.size} services of ${lob.name} would be acted on at once (${pct(share)}); at most ${pct(g.maxLobShare)}`,
      );
    }
  }

  const freeze = input.global.freezeWindows.find(w => now >= w.from && now < w.to);
  if (freeze && !action.safe) {
    return refuse(
      'freeze',
      `freeze until ${freeze.to} (${freeze.reason}); ${action.name} is not marked safe`,
    );
  }

  if (action.risky && !input.approvals.includes(action.name)) {
    return {
      verdict: 'await-approval',
      guardrail: 'approval',
      reason: `${action.name} is marked risky and has no approval`,
    };
  }

  if (input.global.dryRun || g.dryRun) {
    return {
      verdict: 'dry-run',
      guardrail: 'dry-run',
      reason: `dry run (${input.global.dryRun ? 'global' : `runbook ${runbook.name}`}): ${action.name} would run`,
    };
  }
  return {
    verdict: 'run',
    guardrail: 'none',
    reason: freeze
      ? `${action.name} is marked safe and may run during the freeze`
      : 'within every guardrail',
  };
}

function refuse(guardrail: GuardrailName, reason: string): GuardrailDecision {
  return { verdict: 'refuse', guardrail, reason };
}

function pct(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}
