import { parseMoney, verifySaving, type PeriodObservation } from '@headroom/core';
import type { OptimisationEvent } from '@headroom/plugin-headroom-common';
import { step, type MeasuredPeriod } from './lifecycle';
import { recommendationJson, totalsOf } from './json';
import type { StoredRecommendation } from './types';

const DAY = 86_400_000;
const APPLIED = new Date('2026-11-02T10:00:00Z');

function applied(): StoredRecommendation {
  const event = (status: OptimisationEvent['status'], at: Date): OptimisationEvent => ({
    status,
    at: at.toISOString(),
    by: 'user:default/hana.mori',
    reason: null,
    verification: null,
  });
  return {
    id: 'r1',
    entityRef: 'component:default/payouts',
    resource: 'Deployment/payments/payouts/app',
    ownerRef: 'group:default/team-payments',
    lineOfBusiness: 'payments',
    status: 'applied',
    version: 3,
    currency: 'USD',
    expectedMonthlySaving: '500',
    realisedMonthlySaving: null,
    detail: {} as StoredRecommendation['detail'],
    history: [
      event('proposed', new Date(APPLIED.getTime() - 2 * DAY)),
      event('accepted', new Date(APPLIED.getTime() - DAY)),
      event('applied', APPLIED),
    ],
    createdAt: new Date(APPLIED.getTime() - 2 * DAY),
    updatedAt: APPLIED,
  };
}

/** A 30-day period costing `cost` for a million requests, 99.9 % good. */
function period(from: Date, cost: string, source?: 'measured' | 'supplied'): MeasuredPeriod {
  const observation: PeriodObservation = {
    cost: parseMoney(cost)!,
    driver: 1_000_000,
    seconds: 30 * 86_400,
    slo: { good: 999_000, total: 1_000_000 },
  };
  return {
    from,
    to: new Date(from.getTime() + 30 * DAY),
    observation,
    ...(source ? { source } : {}),
  };
}

function verifyRequest(source?: 'measured' | 'supplied') {
  const before = period(new Date(APPLIED.getTime() - 30 * DAY), '3000', source);
  const after = period(APPLIED, '2500', source);
  return {
    type: 'verify' as const,
    by: 'user:default/hana.mori',
    at: new Date(APPLIED.getTime() + 31 * DAY),
    verification: verifySaving({
      before: before.observation,
      after: after.observation,
      promisedMonthlySaving: parseMoney('500')!,
    }),
    before,
    after,
  };
}

describe('optimisation lifecycle: what counts as verified', () => {
  it('verifies a saving only from measured periods', () => {
    const result = step(applied(), verifyRequest('measured'));
    expect(result.status).toBe('verified');
    // 500 over 30 days × 730 / 720.
    expect(result.realisedMonthlySaving).toBe('506.944444');
    expect(result.event.verification?.source).toBe('measured');
  });

  it.each([undefined, 'supplied'] as const)(
    'keeps figures the caller supplied (%s) apart: marked supplied, status and realised unchanged',
    source => {
      const rec = applied();
      const result = step(rec, verifyRequest(source));
      expect(result.status).toBe('applied');
      expect(result.realisedMonthlySaving).toBeUndefined();
      expect(result.event).toMatchObject({
        status: 'applied',
        by: 'user:default/hana.mori',
        verification: { source: 'supplied', realisedMonthlySaving: '506.944444' },
      });
      expect(result.event.reason).toMatch(
        /^figures supplied by the caller, not measured: 506\.944444/,
      );

      const stored: StoredRecommendation = {
        ...rec,
        history: [...rec.history, result.event],
        detail: { exports: {}, workload: {}, service: 'payouts' } as never,
      };
      const json = recommendationJson(stored);
      expect(json.realisedMonthlySaving).toBeNull();
      expect(json.suppliedMonthlySaving).toBe('506.944444');
      expect(totalsOf([stored])[0]).toMatchObject({ realisedMonthlySaving: '0' });
    },
  );

  it('refuses a back-dated apply, naming the field; a few minutes of delay pass', () => {
    const rec = { ...applied(), status: 'accepted' as const };
    rec.history = rec.history.slice(0, 2);
    const now = new Date(APPLIED.getTime() + 3 * 3_600_000);
    const apply = (at: Date) => step(rec, { type: 'apply', by: 'user:default/hana.mori', at }, now);
    expect(() => apply(APPLIED)).toThrow(
      /^Body field at of the apply step \(2026-11-02T10:00:00.000Z\) is 3 h before now: a back-dated apply is refused/,
    );
    const late = new Date(now.getTime() - 4 * 60_000);
    expect(apply(late)).toMatchObject({ status: 'applied', event: { at: late.toISOString() } });
  });
});
