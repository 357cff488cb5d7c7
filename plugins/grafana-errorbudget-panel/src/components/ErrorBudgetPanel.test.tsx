import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { dateTime, LoadingState, type DataFrame, type PanelProps } from '@grafana/data';
import { ErrorBudgetPanel } from './ErrorBudgetPanel';
import { DEFAULT_OPTIONS, type ErrorBudgetOptions } from '../types';
import { AT, DAY, sloFrames } from '../__fixtures__/sloFrames';

function props(
  series: DataFrame[],
  extra: Partial<PanelProps<ErrorBudgetOptions>> = {}
): PanelProps<ErrorBudgetOptions> {
  const range = {
    from: dateTime((AT - 30 * DAY) * 1000),
    to: dateTime(AT * 1000),
    raw: { from: 'now-30d', to: 'now' },
  };
  return {
    id: 1,
    data: { state: LoadingState.Done, series, timeRange: range },
    timeRange: range,
    timeZone: 'utc',
    options: DEFAULT_OPTIONS,
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    width: 800,
    height: 500,
    renderCounter: 0,
    title: 'Error budget',
    eventBus: {} as PanelProps['eventBus'],
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables: (s: string) => s,
    onChangeTimeRange: jest.fn(),
    ...extra,
  } as PanelProps<ErrorBudgetOptions>;
}

const steady = (_t: number) => 0.5; // 0.5 of 1000 a minute: half the 99.9 % budget's pace

describe('ErrorBudgetPanel with frames computed by the engine', () => {
  it('shows the budget left, time to exhaustion and the burn-rate table', () => {
    render(<ErrorBudgetPanel {...props(sloFrames('ledger', steady))} />);
    // Half the budget spent: 50.0 %; 0.5 left at half pace lasts 30 days (Grafana: "4.29 week").
    expect(screen.getByTestId('budget-remaining')).toHaveTextContent('50.0%');
    expect(screen.getByTestId('time-to-exhaustion')).toHaveTextContent('exhausted in 4.29 week');
    const table = screen.getByRole('table', { name: 'Burn rates' });
    const rows = within(table).getAllByRole('row');
    // Header and two windows for each of the four alert conditions.
    expect(rows).toHaveLength(9);
    expect(rows[1]).toHaveTextContent(/page1h0\.50 ×14\.40 ×no/);
    expect(screen.getByTestId('alert-state')).toHaveTextContent('ok');
    expect(screen.getByRole('img', { name: 'Error budget burndown' })).toBeInTheDocument();
  });

  it('marks firing alerts and an overspent budget during an outage', () => {
    const outage = (t: number) => (t > AT - 3600 ? 1000 : 0.5);
    render(<ErrorBudgetPanel {...props(sloFrames('ledger', outage))} />);
    // bad = 0.5 * (43 200 - 60) + 60 000 = 81 570 of 43 200 allowed: 1 - 1.8882 = -88.8 %.
    expect(screen.getByTestId('budget-remaining')).toHaveTextContent('-88.8%');
    expect(screen.getByTestId('time-to-exhaustion')).toHaveTextContent('budget spent');
    expect(screen.getByTestId('alert-state')).toHaveTextContent('page');
    const firing = screen.getAllByRole('row').filter((r) => r.textContent?.endsWith('yes'));
    expect(firing.length).toBeGreaterThanOrEqual(2);
    expect(firing[0]).toHaveTextContent(/page1h1000\.00 ×14\.40 ×yes/);
  });

  it('draws one cell per SLO when the query returns several', () => {
    const series = [...sloFrames('ledger', steady), ...sloFrames('wallet', (t) => (t > AT - 15 * DAY ? 0.9 : 0))];
    render(<ErrorBudgetPanel {...props(series)} />);
    const cells = screen.getAllByTestId('slo-cell');
    expect(cells.map((c) => c.getAttribute('data-slo'))).toEqual([
      'component:default/ledger#availability',
      'component:default/wallet#availability',
    ]);
    // 0.9 a minute for the last 15 days: 0.9 * 21 600 = 19 440 of 43 200 allowed, 55.0 % spent.
    expect(within(cells[1]!).getByTestId('budget-remaining')).toHaveTextContent('55.0%');
  });

  it('says "No data" for a window without traffic (NaN burndown, null budget)', () => {
    render(<ErrorBudgetPanel {...props(sloFrames('idle', steady, { noTraffic: true }))} />);
    expect(screen.getByTestId('budget-remaining')).toHaveTextContent('No data');
    expect(screen.getByTestId('time-to-exhaustion')).toHaveTextContent('not burning');
    expect(screen.getByTestId('alert-state')).toHaveTextContent('no-data');
  });

  it('shows the data error view for an empty response and for a query error', () => {
    const { unmount } = render(<ErrorBudgetPanel {...props([])} />);
    expect(screen.getByText('Unable to render data: No data.')).toBeInTheDocument();
    unmount();
    const errored = props([]);
    errored.data = {
      ...errored.data,
      state: LoadingState.Error,
      errors: [{ message: 'GET /x: HTTP 502 Bad Gateway', refId: 'A' }],
    };
    render(<ErrorBudgetPanel {...errored} />);
    expect(screen.getByText('Unable to render data: GET /x: HTTP 502 Bad Gateway.')).toBeInTheDocument();
  });

  it('hides the table and the burndown when the options say so', () => {
    render(
      <ErrorBudgetPanel
        {...props(sloFrames('ledger', steady), {
          options: { ...DEFAULT_OPTIONS, showBurnRates: false, showBurndown: false },
        })}
      />
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });
});
