import type { CapacityAssessment, CapacityCoverageReport } from '../../api';

/**
 * The backend's answer for ledger's assessment (200 requests per second growing 10 % a month for
 * 6 months, 0.5 + 0.01 cores per request per second, p99 latency objective 0.25 s at 0.02 s of
 * work), as its model computed it.
 */
export function ledgerAssessment(overrides: Partial<CapacityAssessment> = {}): CapacityAssessment {
  return {
    entityRef: 'component:default/ledger',
    version: 3,
    ownerRef: 'group:default/team-payments',
    lineOfBusiness: 'payments',
    inputs: {
      driver: 'requests per second',
      expectedPeak: 200,
      growthPerMonth: 0.1,
      horizonMonths: 6,
      peakUncertainty: 0.25,
      usage: { unit: 'cores', baseline: 0.5, perUnit: 0.01, noise: 0.2 },
      targetUtilisation: 0.7,
      latency: { serviceTimeSeconds: 0.02, objectiveSeconds: 0.25, percentile: 0.99 },
      requestPerReplica: 1,
      pricePerUnitHour: 0.04,
      currency: 'USD',
    },
    result: {
      driverPeakNow: 200,
      driverPeakAtHorizon: 354.3122000000002,
      driverUpperAtHorizon: 442.89025000000026,
      capacity: {
        unit: 'cores',
        needed: 7.839308936318978,
        neededPerReplica: null,
        components: {
          driverPeak: 354.3122000000002,
          usageAtPeak: 4.043122000000002,
          usageMargin: 0.2,
          forecastMargin: 0.8857805000000007,
          margin: 0.9080787929360818,
          utilisation: 0.6315863851209527,
          latencyUtilisationCap: 0.6315863851209527,
        },
        current: null,
        nFold: null,
        quality: 'poor',
        reasons: [
          'fit: the usage line is declared by the team before the service had usage history, not measured',
        ],
        explanation: ['needed = (4.043 + 0.9081) / 0.6316 = 7.839 cores'],
      },
    },
    recommendation: {
      unit: 'cores',
      needed: 7.839308936318978,
      replicas: 8,
      requestPerReplica: 1,
      monthlyCost: 228.90782094051417,
      currency: 'USD',
    },
    note: 'launch estimate from the load test',
    assessedAt: '2026-11-20T10:00:00.000Z',
    assessedBy: 'user:default/hana.mori',
    approvedAt: '2026-11-21T08:30:00.000Z',
    approvedBy: 'user:default/ana.silva',
    staleAt: '2027-02-18T10:00:00.000Z',
    stale: false,
    ...overrides,
  };
}

/** Coverage of the demo's payments and custody services, one new service among them. */
export function coverageReport(): CapacityCoverageReport {
  return {
    generatedAt: '2026-11-25T10:00:00.000Z',
    staleAfterDays: 90,
    newWithinDays: 30,
    total: {
      lineOfBusiness: null,
      services: 6,
      assessed: 3,
      approved: 2,
      stale: 1,
      missing: 2,
      share: 0.5,
      newServices: { services: 1, assessed: 0, approved: 0, stale: 0, missing: 1, share: 0 },
      unassessed: [
        'component:default/card-issuing',
        'component:default/cold-storage',
        'component:default/withdrawal-signer',
      ],
    },
    linesOfBusiness: [
      {
        lineOfBusiness: 'custody',
        services: 3,
        assessed: 1,
        approved: 1,
        stale: 0,
        missing: 2,
        share: 1 / 3,
        newServices: { services: 1, assessed: 0, approved: 0, stale: 0, missing: 1, share: 0 },
        unassessed: ['component:default/cold-storage', 'component:default/withdrawal-signer'],
      },
      {
        lineOfBusiness: 'payments',
        services: 3,
        assessed: 2,
        approved: 1,
        stale: 1,
        missing: 0,
        share: 2 / 3,
        newServices: { services: 0, assessed: 0, approved: 0, stale: 0, missing: 0, share: null },
        unassessed: ['component:default/card-issuing'],
      },
    ],
  };
}

/** Ledger's memory, assessed a version earlier: 1.5 GiB + 0.004 GiB per request per second. */
export function ledgerMemoryAssessment(): CapacityAssessment {
  const cpu = ledgerAssessment();
  return {
    ...cpu,
    version: 2,
    inputs: {
      ...cpu.inputs,
      usage: { unit: 'GiB', baseline: 1.5, perUnit: 0.004, noise: 0.1 },
      targetUtilisation: 0.8,
      latency: undefined,
      pricePerUnitHour: 0.005,
    },
    result: {
      ...cpu.result,
      capacity: {
        ...cpu.result.capacity,
        unit: 'GiB',
        needed: 4.106753105044256,
        components: {
          driverPeak: 354.3122000000002,
          usageAtPeak: 2.9172488000000008,
          usageMargin: 0.1,
          forecastMargin: 0.3543122000000003,
          margin: 0.3681536840354042,
          utilisation: 0.8,
          latencyUtilisationCap: null,
        },
        explanation: [],
      },
    },
    recommendation: {
      unit: 'GiB',
      needed: 4.106753105044256,
      replicas: 5,
      requestPerReplica: 1,
      monthlyCost: 14.989648833411536,
      currency: 'USD',
    },
    note: null,
    assessedAt: '2026-11-18T10:00:00.000Z',
    approvedAt: null,
    approvedBy: null,
    staleAt: '2027-02-16T10:00:00.000Z',
  };
}
