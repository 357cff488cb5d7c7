import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { headroomApiRef, type CostQuery, type HeadroomApi } from '../../api';
import { fakeApi } from '../../__fixtures__/slos';
import { downloadText } from '../../lib/csv';
import {
  ledgerUnitCost,
  paymentsServicesCost,
  rollupByLineOfBusiness,
  rollupByOwner,
} from './fixtures';
import { anomalies, cardIssuingAnomaly, noRecommendations } from '../Optimise/fixtures';
import { ShowbackPage } from './ShowbackPage';
import { responseError } from './testing';

jest.mock('../../lib/csv', () => ({
  ...jest.requireActual('../../lib/csv'),
  downloadText: jest.fn(),
}));
jest.setTimeout(30_000);

const download = downloadText as jest.MockedFunction<typeof downloadText>;

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner },
});

/** The catalog's payments services: one owner written in short form, one in full. */
const catalog = catalogApiMock({
  entities: [
    component('ledger', 'team-payments'),
    component('card-issuing', 'group:default/team-payments'),
    component('market-data', 'team-data'),
  ],
});

function renderPage(api: HeadroomApi) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [headroomApiRef, api],
        [catalogApiRef, catalog],
      ]}
    >
      <ShowbackPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

function showbackApi(overrides: Partial<HeadroomApi> = {}) {
  const queries: (CostQuery & { by: string })[] = [];
  const api = fakeApi({
    getCostRollup: async query => {
      queries.push(query);
      const answer =
        query.by === 'owner' ? rollupByOwner(query.view) : rollupByLineOfBusiness(query.view);
      return { ...answer, grain: query.grain ?? 'day' };
    },
    getLineOfBusinessCost: async lob => {
      expect(lob).toBe('payments');
      return paymentsServicesCost();
    },
    listLineOfBusinessRecommendations: async lob => {
      expect(lob).toBe('payments');
      return noRecommendations();
    },
    listCostAnomalies: async query => {
      expect(query.lineOfBusiness).toBe('payments');
      return anomalies(
        cardIssuingAnomaly(),
        cardIssuingAnomaly({
          id: 'anomaly-2',
          entityRef: 'component:default/ledger',
          series: 'unit-cost',
          time: Date.parse('2026-11-24T00:00:00.000Z'),
          at: '2026-11-24T00:00:00.000Z',
          value: 0.0023124,
          expected: 0.0015,
          score: 0.61,
          text: 'ledger unit cost 0.002312 USD per transaction, usually 0.0015',
        }),
      );
    },
    getEntityUnitCost: async ref =>
      ref === 'component:default/ledger'
        ? ledgerUnitCost()
        : { ...ledgerUnitCost(), entityRef: ref, driver: null, items: [] },
    ...overrides,
  });
  return { api, queries };
}

/**
 * Body cells' text without their buttons; rows are read from the DOM because role queries over
 * tables are slow.
 */
function tableRows(name: string): string[][] {
  const table = screen.getByLabelText(name);
  return [...table.querySelectorAll('tbody tr')].map(r =>
    [...r.querySelectorAll('td')].map(c => {
      const copy = c.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('button').forEach(b => b.remove());
      return copy.textContent ?? '';
    }),
  );
}

describe('ShowbackPage', () => {
  beforeEach(() => download.mockReset());

  it('shows the newest period per line of business with unallocated cost as its own last row', async () => {
    const { api, queries } = showbackApi();
    await renderPage(api);
    await screen.findByRole('table', { name: 'Cost per line of business' });
    expect(queries).toEqual([
      {
        by: 'lineOfBusiness',
        grain: 'month',
        view: 'effective',
        from: expect.stringMatching(/^\d{4}-\d{2}-01$/),
      },
    ]);
    expect(screen.getByText('Lines of business, Nov 2026 (effective)')).toBeInTheDocument();
    expect(tableRows('Cost per line of business')).toEqual([
      ['spot', '9,020.00 USD', '+820.00 USD', '+10.0%'],
      ['payments', '4,100.56 USD', '−199.45 USD', '−4.6%'],
      ['Unallocated (no attribution rule matched)', '612.30 USD', '+32.30 USD', '+5.6%'],
    ]);
  });

  it('exports exactly the rows shown as CSV', async () => {
    const { api } = showbackApi();
    await renderPage(api);
    await screen.findByRole('table', { name: 'Cost per line of business' });
    await userEvent.click(
      screen.getByRole('button', { name: 'Export the cost per line of business as CSV' }),
    );
    expect(download).toHaveBeenCalledTimes(1);
    const [filename, text] = download.mock.calls[0]!;
    expect(filename).toBe('headroom-cost-lineOfBusiness-2026-11-effective.csv');
    expect(text).toBe(
      'line_of_business,period,currency,cost,change,change_percent\r\n' +
        'spot,Nov 2026,USD,9020,820,10\r\n' +
        'payments,Nov 2026,USD,4100.56,-199.45,-4.6\r\n' +
        'Unallocated (no attribution rule matched),Nov 2026,USD,612.3,32.3,5.6\r\n',
    );
  });

  it('shows an earlier period when chosen', async () => {
    const { api } = showbackApi();
    await renderPage(api);
    await screen.findByRole('table', { name: 'Cost per line of business' });
    await userEvent.click(screen.getByLabelText('Period'));
    await userEvent.click(screen.getByRole('option', { name: 'Oct 2026' }));
    expect(tableRows('Cost per line of business')).toEqual([
      ['spot', '8,200.00 USD', '—', '—'],
      ['payments', '4,300.00 USD', '—', '—'],
      ['Unallocated (no attribution rule matched)', '580.00 USD', '—', '—'],
    ]);
  });

  it('asks per team, per day and billed when chosen', async () => {
    const { api, queries } = showbackApi();
    await renderPage(api);
    await screen.findByRole('table', { name: 'Cost per line of business' });
    await userEvent.click(screen.getByRole('button', { name: 'Teams' }));
    expect(await screen.findByRole('table', { name: 'Cost per team' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'team-core-trading' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-core-trading',
    );
    expect(tableRows('Cost per team')[2]).toEqual([
      'Unallocated (no attribution rule matched)',
      '612.30 USD',
      '+32.30 USD',
      '+5.6%',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Daily' }));
    await userEvent.click(screen.getByRole('button', { name: 'Billed' }));
    await waitFor(() => expect(queries).toHaveLength(4));
    expect(queries.map(q => [q.by, q.grain, q.view])).toEqual([
      ['lineOfBusiness', 'month', 'effective'],
      ['owner', 'month', 'effective'],
      ['owner', 'day', 'effective'],
      ['owner', 'day', 'billed'],
    ]);
  });

  it("opens a line of business's services with their unit costs, and exports them", async () => {
    const { api } = showbackApi();
    await renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show the services of payments' }),
    );
    await screen.findByRole('table', { name: 'Services of payments, Nov 2026' });
    expect(tableRows('Services of payments, Nov 2026')).toEqual([
      [
        'ledger',
        '2,890.56 USD',
        '−519.45 USD',
        '−15.2%',
        '0.002312 USD per transaction',
        'above the band',
      ],
      ['card-issuing', '1,210.00 USD', '+320.00 USD', '+36.0%', 'no business driver declared', '—'],
    ]);
    const optimisation = await screen.findByRole('region', { name: 'Optimisation of payments' });
    expect(optimisation).toHaveTextContent('No open recommendations.');
    expect(tableRows('Cost anomalies').map(r => [r[0], r[2], r[3], r[4], r[5]])).toEqual([
      ['ledger', 'unit-cost', '0.002312 USD', '0.0015 USD', '0.61'],
      ['card-issuing', 'cost', '412.50 USD', '96.20 USD', '0.93'],
    ]);
    await userEvent.click(
      screen.getByRole('button', { name: 'Export the services of payments as CSV' }),
    );
    expect(download.mock.calls[0]![1]).toBe(
      'service,period,currency,cost,change,change_percent,unit_cost,per,band,note\r\n' +
        'component:default/ledger,Nov 2026,USD,2890.56,-519.45,-15.2,0.002312,USD per transaction,above,\r\n' +
        'component:default/card-issuing,Nov 2026,USD,1210,320,36,,,,no business driver declared\r\n',
    );
  });

  it("opens a team's services from the catalog's owners, with their unit costs", async () => {
    const { api, queries } = showbackApi({
      getCostRollup: async query => {
        queries.push(query);
        if (query.by === 'owner') return { ...rollupByOwner(query.view), grain: 'month' };
        expect(query.by).toBe('entity');
        return {
          by: 'entity',
          grain: 'month',
          view: 'effective',
          items: [
            ...paymentsServicesCost().items.map(({ entityRef, ...rest }) => ({
              key: entityRef,
              ...rest,
            })),
            {
              ...paymentsServicesCost().items[0]!,
              key: 'component:default/market-data',
              cost: '5000.00',
            },
          ],
        };
      },
    });
    await renderPage(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Teams' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show the services of team-payments' }),
    );
    await screen.findByRole('table', { name: 'Services of team-payments, Nov 2026' });
    expect(tableRows('Services of team-payments, Nov 2026').map(r => r.slice(0, 5))).toEqual([
      ['ledger', '2,890.56 USD', '−519.45 USD', '−15.2%', '0.002312 USD per transaction'],
      ['card-issuing', '1,210.00 USD', '+320.00 USD', '+36.0%', 'no business driver declared'],
    ]);
    expect(queries.map(q => q.by)).toEqual(['lineOfBusiness', 'owner', 'entity']);
    expect(
      screen.queryByRole('region', { name: 'Optimisation of payments' }),
    ).not.toBeInTheDocument();
  });

  it('names what failed when the rollup cannot be loaded', async () => {
    const error = await responseError(500, 'Internal Server Error', 'cost store unavailable');
    const { api } = showbackApi({
      getCostRollup: async () => {
        throw error;
      },
    });
    await renderPage(api);
    expect(
      await screen.findByText(
        'Error: Could not load the cost per line of business: the Headroom backend answered 500 Internal Server Error',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('cost store unavailable')).toBeInTheDocument();
  });

  it('says when the caller may not read cost', async () => {
    const error = await responseError(403, 'Forbidden', 'user:default/guest may not read cost');
    const { api } = showbackApi({
      getCostRollup: async () => {
        throw error;
      },
    });
    await renderPage(api);
    expect(
      await screen.findByText('Error: You may not read the cost per line of business'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    const { api } = showbackApi({ getCostRollup: () => new Promise(() => {}) });
    await renderPage(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });
});
