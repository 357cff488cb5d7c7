import type {
  CostDriversResponse,
  CostRollupResponse,
  CostRollupRow,
  LineOfBusinessCostResponse,
  CostGrain,
  CostView,
  EntityCostResponse,
  EntityPeriodCost,
  UnitCostResponse,
} from '@headroom/plugin-headroom-common';

const MONTH_SECONDS: Record<string, number> = {
  '2026-06': 1780272000,
  '2026-07': 1782864000,
  '2026-08': 1785542400,
  '2026-09': 1788220800,
  '2026-10': 1790812800,
  '2026-11': 1793491200,
};

function period(
  date: string,
  cost: string,
  previous: string | null,
  change: string | null,
  changeRatio: number | null,
): EntityPeriodCost {
  return {
    entityRef: 'component:default/ledger',
    period: MONTH_SECONDS[date] ?? Date.parse(`${date}T00:00:00Z`) / 1000,
    date,
    currency: 'USD',
    cost,
    previous,
    change,
    changeRatio,
  };
}

/** Ledger's effective cost per month; November fell by 519.445 USD (−15.23 %). */
export function ledgerMonthlyCost(view: CostView = 'effective'): EntityCostResponse {
  return {
    entityRef: 'component:default/ledger',
    grain: 'month',
    view,
    items: [
      period('2026-06', '3120.40', null, null, null),
      period('2026-07', '3188.12', '3120.40', '67.72', 67.72 / 3120.4),
      period('2026-08', '3301.00', '3188.12', '112.88', 112.88 / 3188.12),
      period('2026-09', '3350.50', '3301.00', '49.50', 49.5 / 3301),
      period('2026-10', '3410.00', '3350.50', '59.50', 59.5 / 3350.5),
      period('2026-11', '2890.555', '3410.00', '-519.445', -519.445 / 3410),
    ],
  };
}

/** Two days of ledger's cost, the second new after a day without cost. */
export function ledgerDailyCost(view: CostView = 'effective'): EntityCostResponse {
  return {
    entityRef: 'component:default/ledger',
    grain: 'day',
    view,
    items: [
      period('2026-11-24', '0.00', '0.00', '0.00', null),
      period('2026-11-25', '101.005', '0.00', '101.005', null),
    ],
  };
}

export function ledgerDrivers(): CostDriversResponse {
  return {
    entityRef: 'component:default/ledger',
    view: 'effective',
    items: [
      {
        serviceName: 'Amazon RDS',
        chargeCategory: 'Usage',
        sharedRuleId: null,
        currency: 'USD',
        cost: '10234.125',
        share: 0.5437,
      },
      {
        serviceName: null,
        chargeCategory: null,
        sharedRuleId: 'platform-shared',
        currency: 'USD',
        cost: '4610.00',
        share: 0.2449,
      },
      {
        serviceName: 'Compute Savings Plans',
        chargeCategory: 'Purchase',
        sharedRuleId: null,
        currency: 'USD',
        cost: '3978.40',
        share: 0.2114,
      },
    ],
    totals: [{ currency: 'USD', cost: '18822.525' }],
  };
}

/** November: 2890.555 USD over 1,250,000 transactions, above the payments band. */
export function ledgerUnitCost(grain: CostGrain = 'month'): UnitCostResponse {
  return {
    entityRef: 'component:default/ledger',
    lineOfBusiness: 'payments',
    grain,
    view: 'effective',
    driver: {
      query: 'sum(increase(business_transactions_total{service="ledger"}[1h]))',
      unit: 'transaction',
    },
    items: [
      {
        period: MONTH_SECONDS['2026-10']!,
        date: '2026-10',
        currency: 'USD',
        cost: '3410.00',
        driver: 1_700_000,
        unitCost: 3410 / 1_700_000,
        band: { entities: 3, p25: 0.0012, p50: 0.0016, p75: 0.0021 },
        position: 'within',
        flagged: false,
      },
      {
        period: MONTH_SECONDS['2026-11']!,
        date: '2026-11',
        currency: 'USD',
        cost: '2890.555',
        driver: 1_250_000,
        unitCost: 2890.555 / 1_250_000,
        band: { entities: 3, p25: 0.0011, p50: 0.0015, p75: 0.0019 },
        position: 'above',
        flagged: true,
      },
    ],
  };
}

const rollupRow = (
  key: string,
  date: string,
  cost: string,
  previous: string | null,
  change: string | null,
  changeRatio: number | null,
): CostRollupRow => ({
  key,
  period: MONTH_SECONDS[date]!,
  date,
  currency: 'USD',
  cost,
  previous,
  change,
  changeRatio,
});

/** October and November per line of business, unallocated spend included. */
export function rollupByLineOfBusiness(view: CostView = 'effective'): CostRollupResponse {
  return {
    by: 'lineOfBusiness',
    grain: 'month',
    view,
    items: [
      rollupRow('(unallocated)', '2026-10', '580.00', null, null, null),
      rollupRow('payments', '2026-10', '4300.00', null, null, null),
      rollupRow('spot', '2026-10', '8200.00', null, null, null),
      rollupRow('(unallocated)', '2026-11', '612.30', '580.00', '32.30', 32.3 / 580),
      rollupRow('payments', '2026-11', '4100.555', '4300.00', '-199.445', -199.445 / 4300),
      rollupRow('spot', '2026-11', '9020.00', '8200.00', '820.00', 0.1),
    ],
  };
}

export function rollupByOwner(view: CostView = 'effective'): CostRollupResponse {
  return {
    by: 'owner',
    grain: 'month',
    view,
    items: [
      rollupRow(
        'group:default/team-core-trading',
        '2026-11',
        '6000.00',
        '5500.00',
        '500.00',
        500 / 5500,
      ),
      rollupRow(
        'group:default/team-payments',
        '2026-11',
        '4100.555',
        '4300.00',
        '-199.445',
        -199.445 / 4300,
      ),
      rollupRow('(unallocated)', '2026-11', '612.30', '580.00', '32.30', 32.3 / 580),
    ],
  };
}

/** The payments services in November: ledger with a unit cost, card-issuing without a driver. */
export function paymentsServicesCost(): LineOfBusinessCostResponse {
  const service = (name: string, cost: string, previous: string, change: string) => ({
    entityRef: `component:default/${name}`,
    period: MONTH_SECONDS['2026-11']!,
    date: '2026-11',
    currency: 'USD',
    cost,
    previous,
    change,
    changeRatio: Number(change) / Number(previous),
  });
  return {
    lineOfBusiness: 'payments',
    grain: 'month',
    view: 'effective',
    items: [
      service('card-issuing', '1210.00', '890.00', '320.00'),
      service('ledger', '2890.555', '3410.00', '-519.445'),
    ],
  };
}
