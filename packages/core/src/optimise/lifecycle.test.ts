import { parseMoney } from '../cost/decimal';
import {
  allowedActions,
  proposeRecommendation,
  RecommendationTransitionError,
  transitionRecommendation as step,
} from './lifecycle';
import { verifySaving } from './verify';

const M = (s: string) => parseMoney(s)!;
const good = verifySaving({
  before: { cost: M('1000'), driver: 1e6, seconds: 86400 * 30 },
  after: { cost: M('700'), driver: 1e6, seconds: 86400 * 30 },
  promisedMonthlySaving: M('300'),
});
const regressed = verifySaving({
  before: { cost: M('1000'), driver: 1e6, seconds: 86400 * 30, burnRate: 0.4 },
  after: { cost: M('700'), driver: 1e6, seconds: 86400 * 30, burnRate: 1.6 },
  promisedMonthlySaving: M('300'),
});

describe('recommendation lifecycle', () => {
  it('proposed → accepted → applied → verified, keeping who, why and when', () => {
    let s = proposeRecommendation('market-data/cpu', 100);
    s = step(s, { type: 'accept', by: 'alice', at: 200, reason: 'launch cancelled' });
    s = step(s, { type: 'apply', by: 'deploy-bot', at: 300 });
    s = step(s, { type: 'verify', at: 400, verification: good });
    expect(s.status).toBe('verified');
    expect(s.history.map(e => [e.status, e.at, e.by ?? null])).toEqual([
      ['proposed', 100, 'headroom'],
      ['accepted', 200, 'alice'],
      ['applied', 300, 'deploy-bot'],
      ['verified', 400, null],
    ]);
    expect(s.history[1]!.reason).toBe('launch cancelled');
    expect(s.history[3]!.verification).toBe(good);
    expect(allowedActions(s)).toEqual([]);
  });

  it('a regression after applying suggests rollback; rolling back ends it', () => {
    let s = proposeRecommendation('r1', 0);
    s = step(s, { type: 'accept', by: 'bob', at: 1 });
    s = step(s, { type: 'apply', by: 'bob', at: 2 });
    s = step(s, { type: 'verify', at: 3, verification: regressed });
    expect(s.status).toBe('regressed');
    expect(allowedActions(s)).toEqual(['rollback']);
    s = step(s, { type: 'rollback', by: 'bob', at: 4, reason: 'burn rate 1.6' });
    expect(s.status).toBe('rolled-back');
  });

  it('rejects with a reason, from proposed or accepted', () => {
    const s = step(proposeRecommendation('r2', 0), {
      type: 'reject',
      by: 'carol',
      at: 5,
      reason: 'peak season',
    });
    expect(s.status).toBe('rejected');
    expect(s.history[1]).toEqual({ status: 'rejected', at: 5, by: 'carol', reason: 'peak season' });
  });

  it('refuses invalid transitions with clear errors', () => {
    const p = proposeRecommendation('r3', 10);
    expect(() => step(p, { type: 'apply', by: 'x', at: 11 })).toThrow(
      new RecommendationTransitionError(
        'recommendation r3: cannot apply when proposed (allowed: accept, reject)',
      ),
    );
    const rejected = step(p, { type: 'reject', by: 'x', at: 11, reason: 'no' });
    expect(() => step(rejected, { type: 'accept', by: 'x', at: 12 })).toThrow(
      'recommendation r3: cannot accept when rejected (rejected is final)',
    );
    expect(() => step(p, { type: 'accept', by: 'x', at: 9 })).toThrow(
      'recommendation r3: accept at 9 is before the last step (proposed at 10)',
    );
    expect(() => step(p, { type: 'accept', by: ' ', at: 11 })).toThrow(
      'recommendation r3: accept needs who (by)',
    );
    expect(() => step(p, { type: 'reject', by: 'x', at: 11, reason: '' })).toThrow(
      'recommendation r3: reject needs a reason',
    );
    expect(() => proposeRecommendation('', 0)).toThrow(
      'proposeRecommendation: id must not be empty',
    );
  });

  it('does not change the state it was given', () => {
    const p = proposeRecommendation('r4', 0);
    step(p, { type: 'accept', by: 'x', at: 1 });
    expect(p.status).toBe('proposed');
    expect(p.history).toHaveLength(1);
  });
});
