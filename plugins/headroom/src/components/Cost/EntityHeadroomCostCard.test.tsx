import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { headroomApiRef, type CostQuery, type HeadroomApi } from '../../api';
import { fakeApi, ledger } from '../../__fixtures__/slos';
import { EntityHeadroomCostCard } from './EntityHeadroomCostCard';
import { ledgerDailyCost, ledgerDrivers, ledgerMonthlyCost, ledgerUnitCost } from './fixtures';
import { responseError } from './testing';

function renderCard(api: HeadroomApi, entity: Entity = ledger) {
  return renderInTestApp(
    <TestApiProvider apis={[[headroomApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityHeadroomCostCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

/** An API answering ledger's fixtures, recording every cost query. */
function ledgerApi(overrides: Partial<HeadroomApi> = {}) {
  const costQueries: CostQuery[] = [];
  const api = fakeApi({
    getEntityCost: async (ref, query = {}) => {
      expect(ref).toBe('component:default/ledger');
      costQueries.push(query);
      return query.grain === 'day' ? ledgerDailyCost(query.view) : ledgerMonthlyCost(query.view);
    },
    getEntityCostDrivers: async () => ledgerDrivers(),
    getEntityUnitCost: async (_ref, query = {}) => ledgerUnitCost(query.grain),
    ...overrides,
  });
  return { api, costQueries };
}

describe('EntityHeadroomCostCard', () => {
  it("shows the latest month's cost, its change, the unit cost against the band and the drivers", async () => {
    const { api, costQueries } = ledgerApi();
    await renderCard(api);
    expect(await screen.findByTestId('cost-latest-USD')).toHaveTextContent('2,890.56 USD');
    expect(screen.getByTestId('cost-change-USD')).toHaveTextContent(
      '−15.2% (−519.45 USD) vs the month before',
    );
    expect(costQueries).toEqual([
      { grain: 'month', view: 'effective', from: expect.stringMatching(/^\d{4}-\d{2}-01$/) },
    ]);
    expect(
      screen.getByRole('img', {
        name: /^Effective cost of ledger per month: Jun 2026 3,120.40 USD, Jul 2026 3,188.12 USD, .* Nov 2026 2,890.56 USD$/,
      }),
    ).toBeInTheDocument();

    expect(screen.getByTestId('unit-cost-value')).toHaveTextContent('0.002312 USD per transaction');
    expect(screen.getByTestId('unit-cost-position')).toHaveTextContent('Above the band');
    expect(screen.getByTestId('unit-cost-band')).toHaveTextContent(
      'payments band (p25–p75 of 3 services): 0.0011–0.0019, median 0.0015',
    );

    const drivers = screen.getByRole('table', { name: 'Top cost drivers of ledger' });
    const rows = within(drivers)
      .getAllByRole('row')
      .slice(1)
      .map(r =>
        within(r)
          .getAllByRole('cell')
          .map(c => c.textContent),
      );
    expect(rows).toEqual([
      ['Amazon RDS', '10,234.13 USD', '54.4%'],
      ['Shared cost (platform-shared)', '4,610.00 USD', '24.5%'],
      ['Compute Savings Plans (Purchase)', '3,978.40 USD', '21.1%'],
    ]);
  });

  it('compares month to date with the same days of the month before, and drivers since the bill starts', async () => {
    // A bill that starts in November, read on 7 December: 7 days of December against 1–7 November.
    const { api } = ledgerApi({
      getEntityCost: async () => ({
        entityRef: 'component:default/ledger',
        grain: 'month',
        view: 'effective',
        items: [
          { ...ledgerMonthlyCost().items[5]!, previous: null, change: null, changeRatio: null },
          {
            entityRef: 'component:default/ledger',
            period: Date.UTC(2026, 11, 1) / 1000,
            date: '2026-12',
            currency: 'USD',
            cost: '700.00',
            previous: '680.00',
            change: '20.00',
            changeRatio: 20 / 680,
            partial: { days: 7, of: 31 },
          },
        ],
      }),
    });
    await renderCard(api);
    expect(await screen.findByTestId('cost-change-USD')).toHaveTextContent(
      '+2.9% (+20.00 USD) vs the same 7 days of the month before',
    );
    expect(screen.getByText(/^Top cost drivers since Nov 2026/)).toBeInTheDocument();
  });

  it('asks again with the chosen grain and view', async () => {
    const { api, costQueries } = ledgerApi();
    await renderCard(api);
    await screen.findByTestId('cost-latest-USD');

    await userEvent.click(screen.getByRole('button', { name: 'Daily' }));
    await waitFor(() =>
      expect(screen.getByTestId('cost-latest-USD')).toHaveTextContent('101.01 USD'),
    );
    expect(screen.getByTestId('cost-change-USD')).toHaveTextContent(
      '+101.01 USD from nothing the day before',
    );
    expect(screen.getByRole('button', { name: 'Daily' })).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(screen.getByRole('button', { name: 'Billed' }));
    await waitFor(() => expect(costQueries).toHaveLength(3));
    expect(costQueries.map(q => [q.grain, q.view])).toEqual([
      ['month', 'effective'],
      ['day', 'effective'],
      ['day', 'billed'],
    ]);
    expect(costQueries[1]!.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await screen.findByText('Billed: as invoiced')).toBeInTheDocument();
  });

  it("does not show the months' numbers under the daily toggle while the days load", async () => {
    let answerDays: (value: ReturnType<typeof ledgerDailyCost>) => void = () => {};
    const { api } = ledgerApi({
      getEntityCost: (_ref, query = {}) =>
        query.grain === 'day'
          ? new Promise(resolve => {
              answerDays = resolve;
            })
          : Promise.resolve(ledgerMonthlyCost()),
    });
    await renderCard(api);
    await screen.findByTestId('cost-latest-USD');
    await userEvent.click(screen.getByRole('button', { name: 'Daily' }));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByTestId('cost-latest-USD')).not.toBeInTheDocument();
    answerDays(ledgerDailyCost());
    expect(await screen.findByTestId('cost-latest-USD')).toHaveTextContent('101.01 USD');
  });

  it('says no cost is attributed, and how to attribute it', async () => {
    const { api } = ledgerApi({
      getEntityCost: async () => ({
        entityRef: 'component:default/ledger',
        grain: 'month',
        view: 'effective',
        items: [],
      }),
      getEntityCostDrivers: async () => ({ ...ledgerDrivers(), items: [], totals: [] }),
      getEntityUnitCost: async () => ({ ...ledgerUnitCost(), items: [] }),
    });
    await renderCard(api);
    expect(await screen.findByText('No cost attributed to ledger')).toBeInTheDocument();
    expect(document.body).toHaveTextContent('headroom.dev/cost-tags');
  });

  it('names what failed when the cost cannot be loaded', async () => {
    const error = await responseError(
      500,
      'Internal Server Error',
      'relation "cost_cells" does not exist',
    );
    const { api } = ledgerApi({
      getEntityCost: async () => {
        throw error;
      },
    });
    await renderCard(api);
    expect(
      await screen.findByText(
        'Error: Could not load the cost of ledger: the Headroom backend answered 500 Internal Server Error',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('relation "cost_cells" does not exist')).toBeInTheDocument();
  });

  it('says when the caller may not read cost', async () => {
    const error = await responseError(403, 'Forbidden', 'user:default/guest may not read cost');
    const { api } = ledgerApi({
      getEntityCost: async () => {
        throw error;
      },
    });
    await renderCard(api);
    expect(
      await screen.findByText('Error: You may not read the cost of ledger'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/user:default\/guest may not read cost\. Ask the owners/),
    ).toBeInTheDocument();
  });

  it('keeps the cost when only the unit cost fails, and names that failure', async () => {
    const error = await responseError(
      503,
      'Service Unavailable',
      'Unit cost of component:default/ledger: the drivers could not be read from Prometheus: connect ECONNREFUSED',
    );
    const { api } = ledgerApi({
      getEntityUnitCost: async () => {
        throw error;
      },
    });
    await renderCard(api);
    expect(await screen.findByTestId('cost-latest-USD')).toHaveTextContent('2,890.56 USD');
    expect(screen.getByRole('status')).toHaveTextContent(
      'Could not load the unit cost of ledger: the Headroom backend answered 503 Service Unavailable: Unit cost of component:default/ledger: the drivers could not be read from Prometheus: connect ECONNREFUSED',
    );
  });

  it('says how to get a unit cost when no driver is declared', async () => {
    const { api } = ledgerApi({
      getEntityUnitCost: async () => ({ ...ledgerUnitCost(), driver: null, items: [] }),
    });
    await renderCard(api);
    expect(await screen.findByText(/declares no business driver/)).toHaveTextContent(
      'headroom.dev/unit-cost-query',
    );
  });

  it('shows progress while loading', async () => {
    const { api } = ledgerApi({ getEntityCost: () => new Promise(() => {}) });
    await renderCard(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });
});
