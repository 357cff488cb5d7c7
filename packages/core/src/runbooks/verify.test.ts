import { T0, scrapedSeries } from '../incidents/test-factory';
import { runResult, type ActionRecord } from './audit';
import { verifyRecovery } from './verify';

const verify = { withinSeconds: 300, stableSeconds: 60 };

describe('verifyRecovery', () => {
  it('is recovered at the start of the first clean minute-long run after the action', () => {
    // All requests fail in the steps ending T0+15 … T0+60; the action at T0+60. The 1-minute
    // window at T0+105 still holds the step ending T0+60; the one at T0+120, (T0+60, T0+120], is
    // the first clean one, and the run is a minute long at T0+180.
    const series = scrapedSeries(T0 - 300, 40, t => (t > T0 && t <= T0 + 60 ? 1 : 0));
    expect(verifyRecovery(series, 0.999, T0 + 60, verify, T0 + 285)).toEqual({
      verdict: 'recovered',
      recoveredAt: T0 + 120,
      deadline: T0 + 360,
    });
  });

  it('is pending while the counters do not yet show the run, then times out', () => {
    const failing = scrapedSeries(T0 - 300, 60, t => (t > T0 ? 1 : 0));
    expect(verifyRecovery(failing, 0.999, T0 + 60, verify, T0 + 400).verdict).toBe('pending');
    // Deadline T0+360; a run begun by then would be seen by T0+420.
    expect(verifyRecovery(failing, 0.999, T0 + 60, verify, T0 + 420)).toEqual({
      verdict: 'timed-out',
      recoveredAt: null,
      deadline: T0 + 360,
    });
    // A recovery that begins after the deadline does not count for this action.
    const late = scrapedSeries(T0 - 300, 60, t => (t > T0 && t <= T0 + 400 ? 1 : 0));
    expect(verifyRecovery(late, 0.999, T0 + 60, verify, T0 + 585).verdict).toBe('timed-out');
  });
});

describe('runResult', () => {
  const decision = {
    verdict: 'run' as const,
    guardrail: 'none' as const,
    reason: 'within every guardrail',
  };
  const ran = (action: string, over: Partial<ActionRecord>): ActionRecord => ({
    action,
    type: 'restart',
    decision,
    startedAt: T0,
    outcome: 'succeeded',
    detail: '',
    verification: { verdict: 'timed-out', recoveredAt: null, deadline: T0 + 300 },
    ...over,
  });

  it('escalates with everything tried when an action fails and the next times out', () => {
    const actions = [
      ran('roll-back', { outcome: 'failed', detail: '409 no earlier version', verification: null }),
      ran('restart', {}),
    ];
    expect(runResult(actions, ['roll-back', 'restart'])).toEqual({
      result: 'escalated',
      escalation: {
        reason: 'no recovery within 300 s of restart',
        tried: ['roll-back', 'restart'],
      },
      summary:
        'Not recovered after roll-back, restart: escalated to people (no recovery within 300 s of restart).',
    });
  });

  it('recovers, waits for approval, refuses and dry-runs by what the actions met', () => {
    expect(
      runResult(
        [
          ran('roll-back', {
            verification: { verdict: 'recovered', recoveredAt: T0 + 60, deadline: T0 + 300 },
          }),
        ],
        ['roll-back'],
      ).result,
    ).toBe('recovered');
    const notRun = (verdict: ActionRecord['decision']['verdict']) =>
      ran('x', {
        outcome: 'not-run',
        startedAt: null,
        verification: null,
        decision: { verdict, guardrail: 'none', reason: 'r' },
      });
    expect(runResult([notRun('dry-run')], ['x']).summary).toBe(
      'Dry run: would have run x; nothing was changed.',
    );
    expect(runResult([notRun('await-approval')], ['x']).result).toBe('awaiting-approval');
    expect(runResult([notRun('refuse')], ['x']).escalation).toEqual({ reason: 'x: r', tried: [] });
    expect(runResult([], []).escalation).toEqual({
      reason: 'the diagnosis chose no action',
      tried: [],
    });
  });

  it('escalates when nobody approved a risky action before the deadline', () => {
    const unapproved = ran('restart', {
      outcome: 'not-run',
      startedAt: null,
      verification: null,
      decision: {
        verdict: 'refuse',
        guardrail: 'approval',
        reason: 'no approval of restart within 900 s',
      },
    });
    expect(runResult([unapproved], ['restart'])).toEqual({
      result: 'escalated',
      escalation: { reason: 'no approval of restart within 900 s', tried: [] },
      summary: 'Not approved in time: escalated to people (no approval of restart within 900 s).',
    });
    // Another guardrail's refusal is still a refusal.
    expect(
      runResult(
        [{ ...unapproved, decision: { ...unapproved.decision, guardrail: 'freeze' } }],
        ['restart'],
      ).result,
    ).toBe('refused');
  });
});
