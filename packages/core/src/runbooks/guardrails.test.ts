import { decideAction, type GuardrailInput, type PastRun } from './guardrails';
import { demoRunbook } from './test-factory';
import type { RunbookAction } from './types';

const NOW = 1_800_000_000;
const runbook = demoRunbook(); // at most 2 runs an hour, cooldown 600 s, 50 % of a LoB at once
const rollback = runbook.actions[0]!;
const webhook = runbook.actions[3]!; // risky
const custody = {
  name: 'custody',
  services: ['wallet-api', 'cold-storage', 'ledger', 'fiat-onramp'],
};

const input = (over: Partial<GuardrailInput> = {}): GuardrailInput => ({
  now: NOW,
  runbook,
  action: rollback,
  lineOfBusiness: custody,
  history: [],
  approvals: [],
  global: { dryRun: false, freezeWindows: [] },
  ...over,
});
const past = (
  service: string,
  startedAt: number,
  endedAt: number | null,
  executed = true,
): PastRun => ({
  runbook: `${service}-errors`,
  service,
  startedAt,
  endedAt,
  executed,
});

describe('decideAction', () => {
  it('runs an action within every guardrail', () => {
    expect(decideAction(input())).toEqual({
      verdict: 'run',
      guardrail: 'none',
      reason: 'within every guardrail',
    });
  });

  it('refuses a third run within the hour (rate limit 2 per 3600 s)', () => {
    // Runs at −3000 s and −1200 s are in the window (after NOW − 3600); the one at −3700 s is not.
    const history = [
      past('wallet-api', NOW - 3700, NOW - 3650),
      past('wallet-api', NOW - 3000, NOW - 2900),
    ];
    expect(decideAction(input({ history })).verdict).toBe('run');
    history.push(past('wallet-api', NOW - 1200, NOW - 1100));
    expect(decideAction(input({ history }))).toEqual({
      verdict: 'refuse',
      guardrail: 'rate-limit',
      reason: 'wallet-api was acted on 2 time(s) in the last 3600 s; at most 2',
    });
    // Dry runs and other services do not count.
    const others = [
      past('wallet-api', NOW - 1200, NOW - 1100, false),
      past('ledger', NOW - 1000, NOW - 900),
    ];
    expect(decideAction(input({ history: [history[1]!, ...others] })).verdict).toBe('run');
  });

  it('refuses within the cooldown after the last run ended, and while one is going', () => {
    // Ended 599 s ago with a 600 s cooldown: refused; 600 s ago: allowed.
    expect(decideAction(input({ history: [past('wallet-api', NOW - 700, NOW - 599)] }))).toEqual({
      verdict: 'refuse',
      guardrail: 'cooldown',
      reason: 'the last run on wallet-api ended 599 s ago; cooldown 600 s',
    });
    expect(
      decideAction(input({ history: [past('wallet-api', NOW - 700, NOW - 600)] })).verdict,
    ).toBe('run');
    expect(decideAction(input({ history: [past('wallet-api', NOW - 30, null)] }))).toEqual({
      verdict: 'refuse',
      guardrail: 'cooldown',
      reason: 'a run of wallet-api-errors on wallet-api is still going',
    });
  });

  it('refuses acting on more than half of a line of business at once', () => {
    // One other custody service in progress: 2 of 4 = 50 %, allowed. Two: 3 of 4 = 75 %, refused.
    const one = [past('ledger', NOW - 60, null)];
    expect(decideAction(input({ history: one })).verdict).toBe('run');
    const two = [...one, past('cold-storage', NOW - 30, null)];
    expect(decideAction(input({ history: two }))).toEqual({
      verdict: 'refuse',
      guardrail: 'blast-radius',
      reason: '3 of 4 services of custody would be acted on at once (75 %); at most 50 %',
    });
    // Finished runs and services of another line of business are not "at once".
    const done = [
      ...one,
      past('cold-storage', NOW - 300, NOW - 200),
      past('order-gateway', NOW - 10, null),
    ];
    expect(decideAction(input({ history: done })).verdict).toBe('run');
  });

  it('asks approval for a risky action until it is given', () => {
    expect(decideAction(input({ action: webhook }))).toEqual({
      verdict: 'await-approval',
      guardrail: 'approval',
      reason: 'page-ledger is marked risky and has no approval',
    });
    expect(decideAction(input({ action: webhook, approvals: ['page-ledger'] })).verdict).toBe(
      'run',
    );
  });

  it('refuses during a freeze unless the action is marked safe', () => {
    const global = {
      dryRun: false,
      freezeWindows: [{ from: NOW - 10, to: NOW + 3600, reason: 'year-end close' }],
    };
    expect(decideAction(input({ global }))).toEqual({
      verdict: 'refuse',
      guardrail: 'freeze',
      reason: `freeze until ${NOW + 3600} (year-end close); roll-back is not marked safe`,
    });
    const safe: RunbookAction = { ...rollback, safe: true };
    expect(decideAction(input({ global, action: safe }))).toEqual({
      verdict: 'run',
      guardrail: 'none',
      reason: 'roll-back is marked safe and may run during the freeze',
    });
    // The window's end is exclusive.
    expect(decideAction(input({ global, now: NOW + 3600 })).verdict).toBe('run');
  });

  it('records what a dry run (global or per runbook) would do, after the hard limits', () => {
    expect(decideAction(input({ global: { dryRun: true, freezeWindows: [] } }))).toEqual({
      verdict: 'dry-run',
      guardrail: 'dry-run',
      reason: 'dry run (global): roll-back would run',
    });
    const dry = { ...runbook, guardrails: { ...runbook.guardrails, dryRun: true } };
    expect(decideAction(input({ runbook: dry })).reason).toBe(
      'dry run (runbook wallet-api-errors): roll-back would run',
    );
    // A dry run still says when a live run would have been refused.
    expect(
      decideAction(input({ runbook: dry, history: [past('wallet-api', NOW - 100, NOW - 50)] }))
        .guardrail,
    ).toBe('cooldown');
  });
});
