import type { SloRollup, SloWithStatus } from '@headroom/plugin-headroom-common';
import { availabilitySlo } from '../../__fixtures__/slos';

/**
 * Four SLOs over two lines of business and two teams, one of them without either and never
 * evaluated, with the rollups the backend computes from them (worked out by hand below).
 */
export function overviewSlos(): SloWithStatus[] {
  const ledgerAvailability = availabilitySlo();
  const base = ledgerAvailability.status!;
  return [
    ledgerAvailability,
    availabilitySlo({
      id: 'slo-2',
      name: 'latency',
      displayName: 'Ledger answers fast',
      objective: 0.99,
      status: {
        ...base,
        sloId: 'slo-2',
        sli: 0.9991,
        budgetRemaining: 0.9,
        burnRates: [
          { window: '5m', rate: 0.5 },
          { window: '1h', rate: 0.2 },
        ],
        alertState: 'ok',
        timeToExhaustionSeconds: null,
      },
    }),
    availabilitySlo({
      id: 'slo-3',
      entityRef: 'component:default/order-gateway',
      displayName: 'Orders accepted',
      ownerRef: 'group:default/team-core-trading',
      lineOfBusiness: 'trading',
      objective: 0.999,
      status: {
        ...base,
        sloId: 'slo-3',
        sli: 0.995,
        budgetRemaining: 0.05,
        burnRates: [
          { window: '5m', rate: 2.5 },
          { window: '1h', rate: null },
        ],
        alertState: 'page',
      },
    }),
    availabilitySlo({
      id: 'slo-4',
      entityRef: 'component:default/vault',
      displayName: null,
      ownerRef: null,
      lineOfBusiness: null,
      objective: 0.999,
      status: null,
    }),
  ];
}

/**
 * payments: ledger's two SLOs, both within their objectives (SLI 99.971% ≥ 99.95%, 99.91% ≥
 * 99%); budget left min 0.4246, mean (0.4246 + 0.9) / 2 = 0.6623; worst burn 14.44 (availability).
 */
export function lobRollups(): SloRollup[] {
  return [
    {
      key: 'payments',
      sloCount: 2,
      evaluatedCount: 2,
      compliantCount: 2,
      compliance: 1,
      budgetRemainingMin: 0.4246,
      budgetRemainingMean: 0.6623,
      worstBurnRate: 14.44,
      worstSlo: 'component:default/ledger#availability',
    },
    {
      key: 'trading',
      sloCount: 1,
      evaluatedCount: 1,
      compliantCount: 0,
      compliance: 0,
      budgetRemainingMin: 0.05,
      budgetRemainingMean: 0.05,
      worstBurnRate: 2.5,
      worstSlo: 'component:default/order-gateway#availability',
    },
    {
      key: 'unassigned',
      sloCount: 1,
      evaluatedCount: 0,
      compliantCount: 0,
      compliance: null,
      budgetRemainingMin: null,
      budgetRemainingMean: null,
      worstBurnRate: null,
      worstSlo: null,
    },
  ];
}

/** The same grouping by owner: each line of business has exactly one team here. */
export function ownerRollups(): SloRollup[] {
  const [payments, trading, unassigned] = lobRollups();
  return [
    { ...payments!, key: 'group:default/team-payments' },
    { ...trading!, key: 'group:default/team-core-trading' },
    unassigned!,
  ];
}
