import { decideChangeRollback, type ChangeSignal, type WatchedChange } from './rollback';

const change: WatchedChange = { startedAt: 1000, watchSeconds: 600, state: 'live' };
const canary = (at: number, classification: 'Pass' | 'Marginal' | 'Fail', score: number) =>
  ({ kind: 'canary', at, classification, score }) as ChangeSignal;
const page: ChangeSignal = { kind: 'page-burn', at: 1300, reasons: ["SLO 'availability'"] };

describe('decideChangeRollback', () => {
  it('rolls back on a failed verdict inside the window, naming it', () => {
    const d = decideChangeRollback(
      change,
      [canary(1100, 'Pass', 100), canary(1200, 'Fail', 40)],
      1250,
    );
    expect(d).toEqual({
      rollback: true,
      trigger: canary(1200, 'Fail', 40),
      reason: 'roll back: the canary verdict is Fail with score 40',
      watchEndsAt: 1600,
    });
  });

  it('rolls back on a page burn, and reports the earliest trigger', () => {
    const d = decideChangeRollback(change, [page, canary(1400, 'Fail', 0)], 1500);
    expect(d.rollback).toBe(true);
    expect(d.trigger).toBe(page);
    expect(d.reason).toBe("roll back: a page burn on the entity: SLO 'availability'");
  });

  it('keeps a passing or marginal change unless the policy rolls back on Marginal', () => {
    const marginal = [canary(1100, 'Pass', 100), canary(1200, 'Marginal', 80)];
    expect(decideChangeRollback(change, marginal, 1300)).toMatchObject({
      rollback: false,
      reason: '2 signal(s) in the watch window, none calls for a rollback',
    });
    expect(
      decideChangeRollback(change, marginal, 1300, { rollbackOnMarginal: true }),
    ).toMatchObject({ rollback: true, trigger: marginal[1] });
  });

  it('ignores signals before the change, after the window or not yet seen', () => {
    const outside = [canary(999, 'Fail', 0), canary(1600, 'Fail', 0), canary(1500, 'Fail', 0)];
    expect(decideChangeRollback(change, outside, 1400)).toMatchObject({
      rollback: false,
      reason: 'nothing seen in the watch window yet',
    });
  });

  it('does nothing after the window or once the change is no longer live', () => {
    const failed = [canary(1100, 'Fail', 0)];
    expect(decideChangeRollback(change, failed, 1600).reason).toBe('the watch window has ended');
    expect(decideChangeRollback({ ...change, state: 'rolled-back' }, failed, 1200)).toMatchObject({
      rollback: false,
      reason: 'the change is rolled-back, no longer live',
    });
    expect(() => decideChangeRollback({ ...change, watchSeconds: 0 }, failed, 1200)).toThrow(
      'watchSeconds must be above 0',
    );
  });
});
