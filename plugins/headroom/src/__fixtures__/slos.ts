import type { Entity } from '@backstage/catalog-model';
import type { SloBurndown, SloSnapshot, SloWithStatus } from '@headroom/plugin-headroom-common';
import type { HeadroomApi } from '../api';

export const ledger: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ledger',
    namespace: 'default',
    annotations: { 'headroom.dev/slo-file': './slos.yaml' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-payments' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-payments' }],
};

export const coldStorage: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cold-storage', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-custody' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-custody' }],
};

const definition = {
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name: 'availability', displayName: 'Ledger postings succeed' },
  spec: {
    service: 'ledger',
    indicator: {
      metadata: { name: 'availability-sli' },
      spec: {
        ratioMetric: {
          counter: true,
          bad: {
            metricSource: {
              type: 'prometheus',
              spec: { query: 'http_requests_total{service="ledger",code=~"5.."}' },
            },
          },
          total: {
            metricSource: {
              type: 'prometheus',
              spec: { query: 'http_requests_total{service="ledger"}' },
            },
          },
        },
      },
    },
    timeWindow: [{ duration: '30d', isRolling: true }],
    budgetingMethod: 'Occurrences',
    objectives: [{ target: 0.9995 }],
  },
};

export function availabilitySlo(overrides: Partial<SloWithStatus> = {}): SloWithStatus {
  return {
    id: 'slo-1',
    entityRef: 'component:default/ledger',
    name: 'availability',
    displayName: 'Ledger postings succeed',
    description: 'Share of ledger requests answered without a server error.',
    ownerRef: 'group:default/team-payments',
    lineOfBusiness: 'payments',
    origin: 'api',
    sourceLocation: null,
    version: 3,
    objective: 0.9995,
    window: '30d',
    evaluationIntervalSeconds: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-24T09:00:00.000Z',
    updatedBy: 'user:default/ana.silva',
    definition,
    status: {
      sloId: 'slo-1',
      evaluatedAt: '2026-11-25T09:59:00.000Z',
      ageSeconds: 75,
      sli: 0.99971234,
      budgetRemaining: 0.4246,
      burnRates: [
        { window: '5m', rate: 0.3 },
        { window: '1h', rate: 1.234 },
        { window: '6h', rate: 14.44 },
      ],
      alertState: 'ticket',
      timeToExhaustionSeconds: 3 * 86400 + 4 * 3600 + 120,
      lastAttemptAt: '2026-11-25T09:59:00.000Z',
      error: null,
    },
    ...overrides,
  };
}

export function snapshots(): SloSnapshot[] {
  return [0.5, 0.47, 0.45, 0.4246].reverse().map((budgetRemaining, i) => ({
    evaluatedAt: new Date(Date.parse('2026-11-25T09:59:00.000Z') - i * 60_000).toISOString(),
    sli: 0.9997,
    budgetRemaining,
    burnRates: [{ window: '1h', rate: 1 + i / 10 }],
    alertState: 'ticket',
    timeToExhaustionSeconds: 100_000,
  }));
}

/**
 * A 30-day burndown of availability in 4 points, 10 days apart: untouched, 0.9, 0.6 and the
 * status's 0.4246 at its evaluation time.
 */
export function burndown(overrides: Partial<SloBurndown> = {}): SloBurndown {
  const at = Date.parse('2026-11-25T09:59:00.000Z') / 1000;
  const start = at - 30 * 86400;
  return {
    entityRef: 'component:default/ledger',
    sloName: 'availability',
    objective: 0.9995,
    window: '30d',
    windowSeconds: 30 * 86400,
    windowStart: start,
    windowEnd: at,
    evaluatedAt: '2026-11-25T09:59:00.000Z',
    stepSeconds: 10 * 86400,
    points: [
      { t: start, remaining: 1 },
      { t: start + 10 * 86400, remaining: 0.9 },
      { t: start + 20 * 86400, remaining: 0.6 },
      { t: at, remaining: 0.4246 },
    ],
    ...overrides,
  };
}

/** A HeadroomApi whose every method fails loudly unless a test provides it. */
export function fakeApi(methods: Partial<HeadroomApi>): HeadroomApi {
  const missing = (name: string) => () => Promise.reject(new Error(`unexpected call to ${name}`));
  return {
    listSlos: missing('listSlos'),
    listEntitySlos: missing('listEntitySlos'),
    getSlo: missing('getSlo'),
    getSloStatus: missing('getSloStatus'),
    getSloHistory: missing('getSloHistory'),
    getSloBurndown: missing('getSloBurndown'),
    createSlo: missing('createSlo'),
    updateSlo: missing('updateSlo'),
    previewSlo: missing('previewSlo'),
    getLineOfBusinessRollup: missing('getLineOfBusinessRollup'),
    getOwnerRollup: missing('getOwnerRollup'),
    getCapacityAssessment: missing('getCapacityAssessment'),
    listCapacityAssessments: missing('listCapacityAssessments'),
    getCapacityCoverage: missing('getCapacityCoverage'),
    getEntityCost: missing('getEntityCost'),
    getEntityCostDrivers: missing('getEntityCostDrivers'),
    getEntityUnitCost: missing('getEntityUnitCost'),
    getCostRollup: missing('getCostRollup'),
    getLineOfBusinessCost: missing('getLineOfBusinessCost'),
    listEntityRecommendations: missing('listEntityRecommendations'),
    listLineOfBusinessRecommendations: missing('listLineOfBusinessRecommendations'),
    listCostAnomalies: missing('listCostAnomalies'),
    getEntityDrills: missing('getEntityDrills'),
    getDrillWeakLinks: missing('getDrillWeakLinks'),
    getDrillResilience: missing('getDrillResilience'),
    listIncidents: missing('listIncidents'),
    getIncidentMttx: missing('getIncidentMttx'),
    acknowledgeIncident: missing('acknowledgeIncident'),
    getIncidentPostmortem: missing('getIncidentPostmortem'),
    getChanges: missing('getChanges'),
    getEntityRunbooks: missing('getEntityRunbooks'),
    listRunbookRuns: missing('listRunbookRuns'),
    approveRunbookAction: missing('approveRunbookAction'),
    getRunbookRecovery: missing('getRunbookRecovery'),
    getRunbookCoverage: missing('getRunbookCoverage'),
    ...methods,
  };
}
