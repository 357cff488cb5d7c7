import type {
  CostAnomaly,
  CostAnomalyList,
  OptimisationList,
  OptimisationRecommendation,
} from '@headroom/plugin-headroom-common';

const GIB = 1024 ** 3;

function recommendation(
  overrides: Partial<OptimisationRecommendation>,
): OptimisationRecommendation {
  return {
    id: 'rec-1',
    entityRef: 'component:default/market-data',
    ownerRef: 'group:default/team-data',
    lineOfBusiness: 'spot',
    resource: 'Deployment/spot/market-data/app',
    status: 'proposed',
    allowedActions: ['accept', 'reject'],
    version: 1,
    action: 'reduce',
    loadClass: 'over-provisioned',
    evidence: ['peak CPU use 31 % of requests over 28 days'],
    current: { replicas: 6, cpuRequest: 2, memRequest: 4 * GIB, cpuLimit: null, memLimit: null },
    recommended: {
      replicas: 2,
      cpuRequest: 2,
      memRequest: 4 * GIB,
      cpuLimit: null,
      memLimit: null,
    },
    needed: {
      cpuCores: 3.4,
      memoryBytes: 5.5 * GIB,
      driverPeak: 5200,
      peakAt: '2026-12-01T14:00:00.000Z',
    },
    driverName: 'messages per second',
    expectedMonthlySaving: '1180.4725',
    currency: 'USD',
    savingBreakdown: { cpu: 980.1, memory: 200.3725, schedule: 0 },
    pricingSource: 'cost-data',
    risk: { level: 'low', reasons: ['budget 91 % left'] },
    sloPolicy: 'normal',
    slo: { name: 'freshness', budgetRemaining: 0.91, burnRate: 0.2 },
    schedule: null,
    baselines: [],
    explanation: [],
    exportFormats: ['kubernetes-patch', 'vpa'],
    realisedMonthlySaving: null,
    window: { from: '2026-10-28T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z', stepSeconds: 300 },
    createdAt: '2026-11-25T06:00:00.000Z',
    updatedAt: '2026-11-25T06:00:00.000Z',
    history: [],
    ...overrides,
  };
}

/** market-data: an open scale-down from 6 to 2 replicas, and a verified earlier one. */
export function marketDataRecommendations(): OptimisationList {
  return {
    items: [
      recommendation({}),
      recommendation({
        id: 'rec-0',
        resource: 'Deployment/spot/market-data/fanout',
        status: 'verified',
        allowedActions: ['rollback'],
        current: {
          replicas: 4,
          cpuRequest: 1,
          memRequest: 2 * GIB,
          cpuLimit: null,
          memLimit: null,
        },
        recommended: {
          replicas: 3,
          cpuRequest: 1,
          memRequest: 1.5 * GIB,
          cpuLimit: null,
          memLimit: null,
        },
        expectedMonthlySaving: '350.00',
        realisedMonthlySaving: '310.005',
      }),
    ],
    totals: [
      {
        currency: 'USD',
        potentialMonthlySaving: '1180.4725',
        realisedMonthlySaving: '310.005',
        count: {
          proposed: 1,
          accepted: 0,
          rejected: 0,
          applied: 0,
          verified: 1,
          regressed: 0,
          'rolled-back': 0,
        },
      },
    ],
  };
}

/** An open increase (it costs more) and an applied change with figures a caller supplied. */
export function increaseAndSupplied(): OptimisationList {
  return {
    items: [
      recommendation({
        id: 'rec-up',
        resource: 'Deployment/spot/market-data/app',
        action: 'increase',
        loadClass: 'under-provisioned',
        recommended: {
          replicas: 8,
          cpuRequest: 2,
          memRequest: 4 * GIB,
          cpuLimit: null,
          memLimit: null,
        },
        expectedMonthlySaving: '-120.5',
        risk: {
          level: 'medium',
          reasons: [
            'medium: under-provisioned for the forecast peak: the change costs 120.5 USD a month more; a reliability fix, not a saving',
          ],
        },
      }),
      recommendation({
        id: 'rec-sup',
        resource: 'Deployment/spot/market-data/fanout',
        status: 'applied',
        allowedActions: ['verify', 'rollback'],
        expectedMonthlySaving: '350.00',
        suppliedMonthlySaving: '506.944444',
      }),
    ],
    totals: [
      {
        currency: 'USD',
        potentialMonthlySaving: '350',
        realisedMonthlySaving: '0',
        count: {
          proposed: 1,
          accepted: 0,
          rejected: 0,
          applied: 1,
          verified: 0,
          regressed: 0,
          'rolled-back': 0,
        },
      },
    ],
  };
}

export function noRecommendations(): OptimisationList {
  return { items: [], totals: [] };
}

export function cardIssuingAnomaly(overrides: Partial<CostAnomaly> = {}): CostAnomaly {
  return {
    id: 'anomaly-1',
    entityRef: 'component:default/card-issuing',
    ownerRef: 'group:default/team-payments',
    lineOfBusiness: 'payments',
    series: 'cost',
    time: Date.parse('2026-11-23T00:00:00.000Z'),
    at: '2026-11-23T00:00:00.000Z',
    stepSeconds: 86400,
    value: 412.5,
    expected: 96.2,
    score: 0.934,
    currency: 'USD',
    text: 'card-issuing cost 412.50 USD on 23 Nov, usually 96.20 USD',
    tags: ['entity:component:default/card-issuing', 'lob:payments', 'series:cost'],
    detectedAt: '2026-11-24T01:00:00.000Z',
    ...overrides,
  };
}

export function anomalies(...items: CostAnomaly[]): CostAnomalyList {
  return { items };
}
