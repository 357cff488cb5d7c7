import { DEFAULT_RELEASE_GATE_POLICY, decideRelease, type GateSloStatus } from './releaseGate';

const status = (over: Partial<GateSloStatus>): GateSloStatus => ({
  name: 'svc/availability',
  ageSeconds: 60,
  budgetRemaining: 0.8,
  firing: [],
  ...over,
});

describe('decideRelease', () => {
  it('allows at a normal rhythm with budget to spare', () => {
    const d = decideRelease([status({})], DEFAULT_RELEASE_GATE_POLICY);
    expect(d.decision).toBe('allow');
    expect(d.rhythm).toBe('normal');
    expect(d.reasons).toEqual(['svc/availability: error budget remaining 80.0 %']);
  });

  it('slows down below the caution level and on a slow burn', () => {
    expect(
      decideRelease([status({ budgetRemaining: 0.2 })], DEFAULT_RELEASE_GATE_POLICY),
    ).toMatchObject({
      decision: 'allow',
      rhythm: 'cautious',
    });
    expect(
      decideRelease([status({ firing: ['ticket'] })], DEFAULT_RELEASE_GATE_POLICY),
    ).toMatchObject({
      decision: 'allow',
      rhythm: 'cautious',
    });
  });

  it('denies when the budget is at or below the minimum, and says by how much', () => {
    const d = decideRelease([status({ budgetRemaining: 0.056 })], DEFAULT_RELEASE_GATE_POLICY);
    expect(d.decision).toBe('deny');
    expect(d.rhythm).toBe('freeze');
    expect(d.reasons[0]).toBe(
      'svc/availability: error budget remaining 5.6 % is at or below the minimum 10.0 %',
    );
    expect(
      decideRelease([status({ budgetRemaining: 0.1 })], DEFAULT_RELEASE_GATE_POLICY).decision,
    ).toBe('deny');
    expect(
      decideRelease([status({ budgetRemaining: -0.5 })], DEFAULT_RELEASE_GATE_POLICY).decision,
    ).toBe('deny');
  });

  it('denies while a page fires, even with budget left', () => {
    const d = decideRelease([status({ firing: ['page'] })], DEFAULT_RELEASE_GATE_POLICY);
    expect(d.decision).toBe('deny');
    expect(d.reasons).toContain('svc/availability: a page burn-rate alert is firing');
  });

  it('denies on what it does not know: never evaluated, no traffic, stale status', () => {
    expect(
      decideRelease(
        [status({ ageSeconds: null, error: 'connection refused' })],
        DEFAULT_RELEASE_GATE_POLICY,
      ).reasons[0],
    ).toMatch(/^svc\/availability has not been evaluated yet: connection refused$/);
    expect(
      decideRelease([status({ budgetRemaining: null })], DEFAULT_RELEASE_GATE_POLICY).decision,
    ).toBe('deny');
    const stale = decideRelease([status({ ageSeconds: 3600 })], {
      ...DEFAULT_RELEASE_GATE_POLICY,
      maxStatusAgeSeconds: 600,
    });
    expect(stale.decision).toBe('deny');
    expect(stale.reasons[0]).toMatch(/status is 3600 s old \(limit 600 s\)/);
  });

  it('takes the worst SLO: one frozen SLO denies the release', () => {
    const d = decideRelease(
      [
        status({ name: 'a' }),
        status({ name: 'b', budgetRemaining: 0.2 }),
        status({ name: 'c', firing: ['page'] }),
      ],
      DEFAULT_RELEASE_GATE_POLICY,
    );
    expect(d.decision).toBe('deny');
    expect(d.slos.map(s => [s.name, s.rhythm])).toEqual([
      ['a', 'normal'],
      ['b', 'cautious'],
      ['c', 'freeze'],
    ]);
  });

  it('denies a release without SLOs by default, and says which policy decided', () => {
    expect(decideRelease([], DEFAULT_RELEASE_GATE_POLICY, 'component:default/fiat-onramp')).toEqual(
      {
        decision: 'deny',
        rhythm: 'freeze',
        reasons: [
          'component:default/fiat-onramp has no SLOs: no error budget can vouch for this release (policy withoutSlos: deny)',
        ],
        slos: [],
        blockers: ['no-slos'],
        policy: DEFAULT_RELEASE_GATE_POLICY,
      },
    );
  });

  it('allows when there is nothing to protect under withoutSlos: allow, and says so', () => {
    const policy = { ...DEFAULT_RELEASE_GATE_POLICY, withoutSlos: 'allow' as const };
    expect(decideRelease([], policy, 'component:default/fiat-onramp')).toEqual({
      decision: 'allow',
      rhythm: 'normal',
      reasons: ['component:default/fiat-onramp has no SLOs; nothing to protect'],
      slos: [],
      blockers: [],
      policy,
    });
  });

  it('one default policy: 10 % minimum, 25 % caution, 15 minutes of staleness, no SLOs denied', () => {
    expect(DEFAULT_RELEASE_GATE_POLICY).toEqual({
      minBudgetRemaining: 0.1,
      cautionBudgetRemaining: 0.25,
      maxStatusAgeSeconds: 900,
      withoutSlos: 'deny',
      denyOnPage: true,
      denyOnTicket: false,
    });
    expect(decideRelease([status({ ageSeconds: 901 })]).blockers).toEqual(['stale']);
  });

  it('names what blocked the release, for machines: budget and alerts apart from the unknown', () => {
    const d = decideRelease([
      status({ name: 'a', budgetRemaining: 0.05 }),
      status({ name: 'b', firing: ['page', 'ticket'] }),
      status({ name: 'c', budgetRemaining: null }),
      status({ name: 'd', ageSeconds: null }),
    ]);
    expect(d.blockers).toEqual(['budget', 'page', 'ticket', 'no-traffic', 'not-evaluated']);
    expect(d.slos.map(s => s.blockers)).toEqual([
      ['budget'],
      ['page', 'ticket'],
      ['no-traffic'],
      ['not-evaluated'],
    ]);
    expect(decideRelease([status({})]).blockers).toEqual([]);
  });

  it('rejects a withoutSlos that is neither allow nor deny', () => {
    expect(() =>
      decideRelease([], {
        ...DEFAULT_RELEASE_GATE_POLICY,
        withoutSlos: 'maybe' as 'allow',
      }),
    ).toThrow("withoutSlos must be 'allow' or 'deny', got maybe");
  });

  it('rejects a policy whose caution level is below its minimum', () => {
    expect(() =>
      decideRelease([], {
        ...DEFAULT_RELEASE_GATE_POLICY,
        minBudgetRemaining: 0.3,
        cautionBudgetRemaining: 0.2,
      }),
    ).toThrow(/cautionBudgetRemaining \(0.2\) must be >= minBudgetRemaining \(0.3\)/);
  });
});
