import { testRun } from './history-factory';
import { dependencyPath, weakLinks, type CatalogService } from './weakLinks';

const DAY = 86400;
const NOW = 1_800_000_000;

const catalog: CatalogService[] = [
  { name: 'order-gateway', lineOfBusiness: 'spot', dependsOn: ['matching-engine'], hasSlo: true },
  { name: 'matching-engine', lineOfBusiness: 'spot', dependsOn: ['ledger'], hasSlo: true },
  { name: 'ledger', lineOfBusiness: 'payments', dependsOn: [], hasSlo: true },
  {
    name: 'fiat-onramp',
    lineOfBusiness: 'payments',
    dependsOn: ['ledger', 'wallet-api'],
    hasSlo: true,
  },
  { name: 'wallet-api', lineOfBusiness: 'custody', dependsOn: ['ledger'], hasSlo: true },
  { name: 'cold-storage', lineOfBusiness: 'custody', dependsOn: [], hasSlo: false },
];

const runs = [
  // matching-engine failed a week ago, passes since: not a weak link any more.
  testRun({ service: 'matching-engine', at: NOW - 6 * DAY, passed: 4, detectionWithin: false }),
  testRun({ service: 'matching-engine', at: NOW - DAY }),
  // fiat-onramp: its page never came (no page rule), twice.
  ...[3, 1].map(d =>
    testRun({
      service: 'fiat-onramp',
      at: NOW - d * DAY,
      passed: 5,
      alertFiredAt: null,
      detectionWithin: false,
    }),
  ),
  // ledger's outage drill: order-gateway (two hops up) and cold-storage (not linked) burnt.
  testRun({
    service: 'ledger',
    at: NOW - 2 * DAY,
    recoveryWithin: false,
    passed: 5,
    dependants: [
      { service: 'matching-engine', slo: 'availability', steady: true, detail: 'burn 0.4' },
      { service: 'order-gateway', slo: 'availability', steady: false, detail: 'burn 14' },
      { service: 'cold-storage', slo: 'availability', steady: false, detail: 'burn 3' },
    ],
  }),
  // wallet-api last drilled 40 days ago; order-gateway never.
  testRun({ service: 'wallet-api', at: NOW - 40 * DAY }),
];

describe('weakLinks', () => {
  const report = weakLinks(catalog, runs, { now: NOW, lookbackSeconds: 30 * DAY });

  it('lists drills whose latest run broke the hypothesis or missed a target', () => {
    expect(report.failedDrills.map(f => [f.service, f.verdict, f.misses])).toEqual([
      ['fiat-onramp', 'Fail', ['hypothesis', 'detection']],
      ['ledger', 'Fail', ['hypothesis', 'recovery']],
    ]);
    expect(report.failedDrills[0]!.at).toBe('2027-01-14T08:00:00Z');
  });

  it('lists services with SLOs and no drill in the period, with the last one before', () => {
    expect(report.undrilled).toEqual([
      { service: 'order-gateway', lastDrillAt: null },
      { service: 'wallet-api', lastDrillAt: '2026-12-06T08:00:00Z' },
    ]);
    expect(report.from).toBe('2026-12-16T08:00:00Z');
  });

  it('lists dependencies whose fault spread, with the catalog path or none', () => {
    expect(report.spreading.map(s => [s.dependency, s.dependant, s.path, s.detail])).toEqual([
      ['ledger', 'cold-storage', null, 'burn 3'],
      ['ledger', 'order-gateway', ['order-gateway', 'matching-engine', 'ledger'], 'burn 14'],
    ]);
  });

  it('lists expected alerts that fired in none of the runs that expected them', () => {
    expect(report.silentAlerts).toEqual([
      {
        service: 'fiat-onramp',
        slo: 'availability',
        severity: 'page',
        drills: ['fiat-onramp-drill'],
        runs: 2,
      },
    ]);
  });

  it('keeps one line of business; a spread counts for either end', () => {
    const spot = weakLinks(catalog, runs, {
      now: NOW,
      lookbackSeconds: 30 * DAY,
      lineOfBusiness: 'spot',
    });
    expect(spot.failedDrills).toEqual([]);
    expect(spot.undrilled.map(u => u.service)).toEqual(['order-gateway']);
    expect(spot.spreading.map(s => s.dependant)).toEqual(['order-gateway']);
    expect(spot.silentAlerts).toEqual([]);
  });

  it('drops what happened before N days: a shorter look-back sees fewer runs', () => {
    const short = weakLinks(catalog, runs, { now: NOW, lookbackSeconds: 1.5 * DAY });
    expect(short.failedDrills.map(f => f.service)).toEqual(['fiat-onramp']);
    expect(short.undrilled.map(u => u.service)).toEqual(['ledger', 'order-gateway', 'wallet-api']);
    expect(short.silentAlerts.map(a => a.runs)).toEqual([1]);
  });
});

describe('dependencyPath', () => {
  it('finds the shortest dependsOn path, or null', () => {
    expect(dependencyPath(catalog, 'fiat-onramp', 'ledger')).toEqual(['fiat-onramp', 'ledger']);
    expect(dependencyPath(catalog, 'ledger', 'fiat-onramp')).toBeNull();
    expect(dependencyPath(catalog, 'ledger', 'ledger')).toEqual(['ledger']);
  });
});
