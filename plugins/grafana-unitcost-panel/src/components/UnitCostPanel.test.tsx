import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { createDataFrame, dateTime, FieldType, LoadingState, type DataFrame, type PanelProps } from '@grafana/data';
import { parseMoney, unitCostBands, unitCosts, type DriverValue, type PeriodCost } from '@headroom/core';
import { UnitCostPanel } from './UnitCostPanel';
import { DEFAULT_OPTIONS, type UnitCostOptions } from '../types';

const DAY = 86_400;
const P0 = 1_799_971_200; // a UTC midnight
const entities = ['a', 'b', 'c', 'd'].map((n) => ({ ref: `component:default/${n}`, lineOfBusiness: 'retail' }));

/** Day 1: unit costs 0.1, 0.2, 0.3, 0.4; day 2: the first entity has no traffic. */
function costFrames(): DataFrame[] {
  const costs: PeriodCost[] = [];
  const drivers: DriverValue[] = [];
  entities.forEach((e, i) => {
    for (const [d, cost, driver] of [
      [0, `${100 * (i + 1)}`, 1000],
      [1, `${120 * (i + 1)}`, i === 0 ? 0 : 1000],
    ] as const) {
      costs.push({ entityRef: e.ref, period: P0 + d * DAY, currency: 'USD', cost: parseMoney(cost)! });
      drivers.push({ entityRef: e.ref, period: P0 + d * DAY, value: driver });
    }
  });
  const unit = unitCosts(costs, drivers).filter((u) => u.entityRef === entities[0]!.ref);
  const bands = unitCostBands(unitCosts(costs, drivers), entities);
  return [
    createDataFrame({
      refId: 'A',
      meta: { custom: { headroom: 'unitCost', key: entities[0]!.ref } },
      fields: [
        { name: 'time', type: FieldType.time, values: unit.map((u) => u.period * 1000) },
        {
          name: 'unitCost',
          type: FieldType.number,
          values: unit.map((u) => u.unitCost),
          config: { displayName: 'Cost per request', unit: 'currencyUSD', decimals: 3 },
        },
        {
          name: 'cost',
          type: FieldType.number,
          values: unit.map((u) => u.cost),
          config: { unit: 'currencyUSD', decimals: 2 },
        },
        {
          name: 'driver',
          type: FieldType.number,
          values: unit.map((u) => u.driver),
          config: { unit: 'short', decimals: 0 },
        },
      ],
    }),
    createDataFrame({
      refId: 'A',
      meta: { custom: { headroom: 'unitCostBand', key: 'retail', title: 'retail' } },
      fields: [
        { name: 'time', type: FieldType.time, values: bands.map((b) => b.period * 1000) },
        {
          name: 'p25',
          type: FieldType.number,
          values: bands.map((b) => b.p25),
          config: { unit: 'currencyUSD', decimals: 3 },
        },
        {
          name: 'p50',
          type: FieldType.number,
          values: bands.map((b) => b.p50),
          config: { unit: 'currencyUSD', decimals: 3 },
        },
        {
          name: 'p75',
          type: FieldType.number,
          values: bands.map((b) => b.p75),
          config: { unit: 'currencyUSD', decimals: 3 },
        },
      ],
    }),
  ];
}

function props(series: DataFrame[], extra: Partial<PanelProps<UnitCostOptions>> = {}): PanelProps<UnitCostOptions> {
  const range = { from: dateTime(P0 * 1000), to: dateTime((P0 + DAY) * 1000), raw: { from: 'now-2d', to: 'now' } };
  return {
    id: 2,
    data: { state: LoadingState.Done, series, timeRange: range },
    timeRange: range,
    timeZone: 'utc',
    options: DEFAULT_OPTIONS,
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    width: 676,
    height: 300,
    renderCounter: 0,
    title: 'Unit cost',
    eventBus: {} as PanelProps['eventBus'],
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables: (s: string) => s,
    onChangeTimeRange: jest.fn(),
    ...extra,
  } as PanelProps<UnitCostOptions>;
}

describe('UnitCostPanel with unit costs and bands from the engine', () => {
  it('shows cost and driver behind the hovered point, and the band', () => {
    render(<UnitCostPanel {...props(costFrames())} />);
    // Plot from x = 64 to 664: the first period is at the left edge.
    fireEvent.mouseMove(screen.getByRole('img', { name: 'Unit cost' }), { clientX: 70, clientY: 50 });
    // 100 / 1000 = $0.100; the band of 0.1, 0.2, 0.3, 0.4: p25 = 0.175, p75 = 0.325 (type 7).
    expect(screen.getByTestId('tooltip-row')).toHaveTextContent('Cost per request: $0.100 = cost $100.00 / driver 1 K');
    expect(screen.getByTestId('tooltip-band')).toHaveTextContent('retail: p25 $0.175 · p75 $0.325');
    expect(screen.getByTestId('band')).toBeInTheDocument();
  });

  it('keeps the tooltip inside the panel on the side with more room', () => {
    render(<UnitCostPanel {...props(costFrames())} />);
    // Panel 676 px wide: at x = 660 the left side has more room; the tooltip ends 12 px left
    // of the cursor (right: 676 - 660 + 12 = 28) and is at most 660 - 16 = 644 px wide.
    fireEvent.mouseMove(screen.getByRole('img', { name: 'Unit cost' }), { clientX: 660, clientY: 50 });
    const tip = screen.getByRole('tooltip');
    expect(tip.style.right).toBe('28px');
    expect(tip.style.maxWidth).toBe('644px');
    fireEvent.mouseMove(screen.getByRole('img', { name: 'Unit cost' }), { clientX: 70, clientY: 50 });
    expect(screen.getByRole('tooltip').style.left).toBe('82px');
    expect(screen.getByRole('tooltip').style.maxWidth).toBe('590px');
  });

  it('shows no unit cost where the driver is 0 and leaves a gap', () => {
    render(<UnitCostPanel {...props(costFrames())} />);
    fireEvent.mouseMove(screen.getByRole('img', { name: 'Unit cost' }), { clientX: 660, clientY: 50 });
    expect(screen.getByTestId('tooltip-row')).toHaveTextContent('Cost per request: – = cost $120.00 / driver 0');
    // One point only: a single move, no line segment.
    expect(screen.getByTestId('unit-cost-line').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+$/);
  });

  it('shows the data error view when there is nothing to draw', () => {
    render(<UnitCostPanel {...props([])} />);
    expect(screen.getByText('Unable to render data: No data.')).toBeInTheDocument();
  });
});
