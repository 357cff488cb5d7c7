import { mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { DEFAULT_RELEASE_GATE_POLICY } from '@headroom/core';
import { releaseGateHttpStatus, releaseGatePolicy, withPolicy } from './releaseGate';

const config = (releaseGate: JsonObject) =>
  mockServices.rootConfig({ data: { headroom: { releaseGate } } });

describe('releaseGatePolicy', () => {
  it('is core’s default policy when nothing is configured: the 10 % the CLI uses too', () => {
    expect(releaseGatePolicy(mockServices.rootConfig({ data: {} }))).toEqual(
      DEFAULT_RELEASE_GATE_POLICY,
    );
    expect(releaseGatePolicy(mockServices.rootConfig({ data: {} })).minBudgetRemaining).toBe(0.1);
  });

  it('takes configured values over the default, lifting the caution level to a higher minimum', () => {
    expect(
      releaseGatePolicy(
        config({ minBudgetRemaining: 0.3, withoutSlos: 'allow', denyOnTicket: true }),
      ),
    ).toEqual({
      ...DEFAULT_RELEASE_GATE_POLICY,
      minBudgetRemaining: 0.3,
      cautionBudgetRemaining: 0.3,
      withoutSlos: 'allow',
      denyOnTicket: true,
    });
  });

  it('refuses a policy it could not apply, naming the key', () => {
    expect(() => releaseGatePolicy(config({ withoutSlos: 'sometimes' }))).toThrow(
      "headroom.releaseGate.withoutSlos must be 'allow' or 'deny', got 'sometimes'",
    );
    expect(() =>
      releaseGatePolicy(config({ minBudgetRemaining: 0.5, cautionBudgetRemaining: 0.2 })),
    ).toThrow(
      'headroom.releaseGate: cautionBudgetRemaining (0.2) must be >= minBudgetRemaining (0.5)',
    );
    expect(() => releaseGatePolicy(config({ maxStatusAgeSeconds: 0 }))).toThrow(
      'headroom.releaseGate: maxStatusAgeSeconds must be > 0, got 0',
    );
  });
});

describe('withPolicy', () => {
  it('ignores absent overrides and keeps the base', () => {
    const base = { ...DEFAULT_RELEASE_GATE_POLICY, minBudgetRemaining: 0.2 };
    expect(withPolicy({ minBudgetRemaining: undefined, maxStatusAgeSeconds: 60 }, base)).toEqual({
      ...base,
      maxStatusAgeSeconds: 60,
    });
  });
});

describe('releaseGateHttpStatus', () => {
  it('200 allows; 409 is a budget or alert denial; 412 is a denial for lack of evidence', () => {
    expect(releaseGateHttpStatus({ decision: 'allow', blockers: [] })).toBe(200);
    // A cautious rhythm still allows.
    expect(releaseGateHttpStatus({ decision: 'allow', blockers: ['ticket'] })).toBe(200);
    expect(releaseGateHttpStatus({ decision: 'deny', blockers: ['budget'] })).toBe(409);
    expect(releaseGateHttpStatus({ decision: 'deny', blockers: ['page'] })).toBe(409);
    expect(releaseGateHttpStatus({ decision: 'deny', blockers: ['stale', 'budget'] })).toBe(409);
    for (const b of ['no-slos', 'not-evaluated', 'stale', 'no-traffic'] as const) {
      expect(releaseGateHttpStatus({ decision: 'deny', blockers: [b] })).toBe(412);
    }
  });
});
