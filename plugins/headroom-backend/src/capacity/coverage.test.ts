import { coverageReport, createdAtOf, isCurrent, serviceCreatedAt } from './coverage';

const now = new Date('2026-12-01T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('coverageReport', () => {
  const services = [
    // payments: 4 services, one of them new
    { entityRef: 'component:default/ledger', lineOfBusiness: 'payments', createdAt: null },
    {
      entityRef: 'component:default/card-issuing',
      lineOfBusiness: 'payments',
      createdAt: daysAgo(400),
    },
    { entityRef: 'component:default/fiat-onramp', lineOfBusiness: 'payments', createdAt: null },
    { entityRef: 'component:default/payouts', lineOfBusiness: 'payments', createdAt: daysAgo(3) },
    // trading: 2 services, both new
    { entityRef: 'component:default/matching', lineOfBusiness: 'trading', createdAt: daysAgo(30) },
    { entityRef: 'component:default/quotes', lineOfBusiness: 'trading', createdAt: daysAgo(10) },
    // unknown line of business
    { entityRef: 'component:default/orphan', lineOfBusiness: null, createdAt: daysAgo(31) },
  ];
  const latest = [
    // current and approved
    {
      entityRef: 'component:default/ledger',
      version: 3,
      assessedAt: daysAgo(10),
      approvedAt: daysAgo(9),
    },
    // exactly 90 days old: still current
    {
      entityRef: 'component:default/card-issuing',
      version: 1,
      assessedAt: daysAgo(90),
      approvedAt: null,
    },
    // 91 days: stale
    {
      entityRef: 'component:default/fiat-onramp',
      version: 2,
      assessedAt: daysAgo(91),
      approvedAt: daysAgo(91),
    },
    {
      entityRef: 'component:default/payouts',
      version: 1,
      assessedAt: daysAgo(3),
      approvedAt: null,
    },
    {
      entityRef: 'component:default/quotes',
      version: 1,
      assessedAt: daysAgo(1),
      approvedAt: daysAgo(1),
    },
    // an assessment of something that is no longer a service does not count
    { entityRef: 'component:default/gone', version: 1, assessedAt: daysAgo(1), approvedAt: null },
  ];

  it('counts current, approved, stale and missing per line of business and for new services', () => {
    const report = coverageReport(services, latest, { now, staleAfterDays: 90 });
    expect(report.linesOfBusiness.map(g => g.lineOfBusiness)).toEqual([
      'payments',
      'trading',
      null,
    ]);
    const [payments, trading, unknown] = report.linesOfBusiness;
    // payments: ledger, card-issuing, payouts current (3 of 4); fiat-onramp stale
    expect(payments).toMatchObject({
      services: 4,
      assessed: 3,
      approved: 1,
      stale: 1,
      missing: 0,
      share: 0.75,
    });
    expect(payments!.newServices).toEqual({
      services: 1,
      assessed: 1,
      approved: 0,
      stale: 0,
      missing: 0,
      share: 1,
    });
    expect(payments!.unassessed).toEqual(['component:default/fiat-onramp']);
    // trading: both new (30 days counts), quotes assessed, matching not
    expect(trading).toMatchObject({
      services: 2,
      assessed: 1,
      approved: 1,
      missing: 1,
      share: 0.5,
    });
    expect(trading!.newServices).toMatchObject({ services: 2, assessed: 1, share: 0.5 });
    // 31 days is not new
    expect(unknown).toMatchObject({ services: 1, assessed: 0, missing: 1, share: 0 });
    expect(unknown!.newServices).toMatchObject({ services: 0, share: null });
    // total: 4 of 7 current; new: payouts, matching, quotes → 2 of 3
    expect(report.total).toMatchObject({
      services: 7,
      assessed: 4,
      approved: 2,
      stale: 1,
      missing: 2,
    });
    expect(report.total.share).toBeCloseTo(4 / 7, 12);
    expect(report.total.newServices).toMatchObject({ services: 3, assessed: 2 });
    expect(report.total.newServices.share).toBeCloseTo(2 / 3, 12);
    expect(report.total.unassessed).toEqual([
      'component:default/fiat-onramp',
      'component:default/matching',
      'component:default/orphan',
    ]);
  });

  it('follows the configured stale age', () => {
    const report = coverageReport(services, latest, { now, staleAfterDays: 30 });
    // ledger (10 d), payouts (3 d), quotes (1 d) remain current
    expect(report.total).toMatchObject({ assessed: 3, stale: 2, missing: 2 });
  });

  it('has no share for no services', () => {
    const report = coverageReport([], latest, { now, staleAfterDays: 90 });
    expect(report.total).toMatchObject({ services: 0, share: null });
    expect(report.linesOfBusiness).toEqual([]);
  });
});

describe('helpers', () => {
  it('isCurrent includes the boundary', () => {
    expect(isCurrent(daysAgo(90), now, 90)).toBe(true);
    expect(isCurrent(new Date(daysAgo(90).getTime() - 1), now, 90)).toBe(false);
  });

  it('createdAtOf reads the annotation and ignores junk', () => {
    expect(createdAtOf({ 'headroom.dev/created-at': '2026-11-20T08:00:00Z' })).toEqual(
      new Date('2026-11-20T08:00:00Z'),
    );
    expect(createdAtOf({ 'headroom.dev/created-at': 'last week' })).toBeNull();
    expect(createdAtOf(undefined)).toBeNull();
  });

  it('serviceCreatedAt: the annotation, else the first sighting unless it was the first look', () => {
    const seen = { firstSeenAt: daysAgo(4), baseline: false };
    expect(serviceCreatedAt({ 'headroom.dev/created-at': '2026-11-20T08:00:00Z' }, seen)).toEqual(
      new Date('2026-11-20T08:00:00Z'),
    );
    expect(serviceCreatedAt({}, seen)).toEqual(daysAgo(4));
    expect(serviceCreatedAt(undefined, { ...seen, baseline: true })).toBeNull();
    expect(serviceCreatedAt(undefined, undefined)).toBeNull();
  });

  it('a service created outside the template counts as new from its first sighting', () => {
    const service = (name: string, createdAt: Date | null) => ({
      entityRef: `component:default/${name}`,
      lineOfBusiness: 'payments',
      createdAt,
    });
    const report = coverageReport(
      [
        service('ledger', serviceCreatedAt({}, { firstSeenAt: daysAgo(200), baseline: true })),
        service('hand-made', serviceCreatedAt({}, { firstSeenAt: daysAgo(6), baseline: false })),
      ],
      [],
      { now, staleAfterDays: 90 },
    );
    expect(report.total.newServices).toMatchObject({ services: 1, missing: 1, share: 0 });
    expect(report.total).toMatchObject({ services: 2, missing: 2 });
  });
});
