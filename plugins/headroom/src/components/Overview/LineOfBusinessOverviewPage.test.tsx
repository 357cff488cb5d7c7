import { ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { headroomApiRef, type HeadroomApi, type SloListQuery } from '../../api';
import { fakeApi } from '../../__fixtures__/slos';
import { LineOfBusinessOverviewPage } from './LineOfBusinessOverviewPage';
import { lobRollups, overviewSlos, ownerRollups } from './overviewFixtures';

// Material UI tables render slowly in jsdom on a busy machine.
jest.setTimeout(30_000);

function overviewApi(overrides: Partial<HeadroomApi> = {}) {
  const listCalls: SloListQuery[] = [];
  const api = fakeApi({
    listSlos: async (query = {}) => {
      listCalls.push(query);
      const all = overviewSlos();
      const offset = query.offset ?? 0;
      return { items: all.slice(offset, offset + (query.limit ?? 100)), totalCount: all.length };
    },
    getLineOfBusinessRollup: async () => lobRollups(),
    getOwnerRollup: async () => ownerRollups(),
    ...overrides,
  });
  return { api, listCalls };
}

function renderPage(api: HeadroomApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[headroomApiRef, api]]}>
      <LineOfBusinessOverviewPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The text of each body row's cells. */
function rowsOf(testId: string): string[][] {
  const table = screen.getByTestId(testId);
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent ?? ''),
    );
}

const firstColumn = (testId: string) => rowsOf(testId).map(r => r[0]);

describe('LineOfBusinessOverviewPage', () => {
  it('shows each line of business and team with the numbers the API rolled up', async () => {
    const { api, listCalls } = overviewApi();
    await renderPage(api);
    await screen.findByTestId('headroom-lob-table');
    // Least budget left first; the line of business that was never evaluated last.
    expect(rowsOf('headroom-lob-table')).toEqual([
      ['tradingSLOs', '1', '0% (0/1)', '5.0%', '5.0%', '2.50×', 'order-gateway / availability'],
      ['paymentsSLOs', '2', '100% (2/2)', '42.5%', '66.2%', '14.4×', 'ledger / availability'],
      ['unassignedSLOs', '1', '—', '—', '—', '—', '—'],
    ]);
    expect(rowsOf('headroom-team-table').map(r => r.slice(1))).toEqual([
      ['1', '0% (0/1)', '5.0%', '5.0%', '2.50×', 'order-gateway / availability'],
      ['2', '100% (2/2)', '42.5%', '66.2%', '14.4×', 'ledger / availability'],
      ['1', '—', '—', '—', '—', '—'],
    ]);
    const lobTable = screen.getByTestId('headroom-lob-table');
    expect(within(lobTable).getByRole('link', { name: 'ledger / availability' })).toHaveAttribute(
      'href',
      '/catalog/default/component/ledger/slos?slo=availability',
    );
    expect(screen.getByRole('heading', { name: 'Lines of business (3)' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'SLOs (4)' })).toBeInTheDocument();
    // One request for every SLO, not one per component.
    expect(listCalls).toEqual([{ limit: 1000, offset: 0 }]);
  });

  it('shows every SLO with its service, team and the worst of its burn rates', async () => {
    await renderPage(overviewApi().api);
    await screen.findByTestId('headroom-slo-table');
    const rows = rowsOf('headroom-slo-table');
    expect(rows.map(r => [r[0], r[1], r[2], r[4], r[5], r[6], r[7]])).toEqual([
      ['order-gateway', 'Orders accepted', 'trading', '99.9% / 30d', '99.500%', '5.0%', '2.50×'],
      [
        'ledger',
        'Ledger postings succeed',
        'payments',
        '99.95% / 30d',
        '99.971%',
        '42.5%',
        '14.4×',
      ],
      ['ledger', 'Ledger answers fast', 'payments', '99% / 30d', '99.910%', '90.0%', '0.50×'],
      ['vault', 'availability', '—', '99.9% / 30d', '—', '—', '—'],
    ]);
    const table = screen.getByTestId('headroom-slo-table');
    expect(within(table).getByLabelText('Alert state: Page')).toBeInTheDocument();
    expect(within(table).getByLabelText('Alert state: Not evaluated')).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: 'Ledger answers fast' })).toHaveAttribute(
      'href',
      '/catalog/default/component/ledger/slos?slo=latency',
    );
  });

  it('sorts on a header click, each direction, with unknown values last', async () => {
    const user = userEvent.setup({ delay: null });
    await renderPage(overviewApi().api);
    const table = await screen.findByTestId('headroom-lob-table');
    const header = (name: string) =>
      within(table).getByRole('button', { name }).closest('th') as HTMLElement;
    expect(header('Least budget left')).toHaveAttribute('aria-sort', 'ascending');

    await user.click(within(table).getByRole('button', { name: 'Least budget left' }));
    expect(header('Least budget left')).toHaveAttribute('aria-sort', 'descending');
    expect(firstColumn('headroom-lob-table')).toEqual([
      'paymentsSLOs',
      'tradingSLOs',
      'unassignedSLOs',
    ]);

    await user.click(within(table).getByRole('button', { name: 'SLOs' }));
    expect(header('SLOs')).toHaveAttribute('aria-sort', 'ascending');
    expect(header('Least budget left')).not.toHaveAttribute('aria-sort');
    expect(rowsOf('headroom-lob-table').map(r => r[1])).toEqual(['1', '1', '2']);

    await user.click(within(table).getByRole('button', { name: 'Worst burn' }));
    await user.click(within(table).getByRole('button', { name: 'Worst burn' }));
    expect(rowsOf('headroom-lob-table').map(r => r[5])).toEqual(['14.4×', '2.50×', '—']);

    // The other tables keep their own order.
    expect(firstColumn('headroom-slo-table')).toEqual([
      'order-gateway',
      'ledger',
      'ledger',
      'vault',
    ]);
  });

  it('filters by text, line of business and team, keeping the three tables in agreement', async () => {
    const user = userEvent.setup({ delay: null });
    await renderPage(overviewApi().api);
    await screen.findByTestId('headroom-slo-table');

    await user.click(screen.getByRole('textbox', { name: 'Filter' }));
    await user.paste('LEDGER');
    expect(rowsOf('headroom-slo-table').map(r => r[1])).toEqual([
      'Ledger postings succeed',
      'Ledger answers fast',
    ]);
    // Rollups match on their key and their worst SLO.
    expect(firstColumn('headroom-lob-table')).toEqual(['paymentsSLOs']);
    expect(screen.getByRole('heading', { name: 'SLOs (2)' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(rowsOf('headroom-slo-table')).toHaveLength(4);

    await user.click(screen.getByRole('button', { name: 'Show the SLOs of trading' }));
    expect(firstColumn('headroom-lob-table')).toEqual(['tradingSLOs']);
    expect(rowsOf('headroom-team-table')).toHaveLength(1);
    expect(rowsOf('headroom-slo-table').map(r => r[1])).toEqual(['Orders accepted']);
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    // The team menu: SLOs without an owner are the "unassigned" team.
    await user.click(within(screen.getByRole('search')).getByRole('button', { name: /^Team/ }));
    await user.click(await screen.findByRole('option', { name: 'unassigned' }));
    expect(rowsOf('headroom-slo-table').map(r => r[0])).toEqual(['vault']);
    expect(firstColumn('headroom-lob-table')).toEqual(['unassignedSLOs']);

    await user.clear(screen.getByRole('textbox', { name: 'Filter' }));
    await user.paste('nothing-like-this');
    expect(rowsOf('headroom-slo-table')).toEqual([['Nothing matches the filter.']]);
  });

  describe('CSV export', () => {
    let downloads: { filename: string; blob: Blob }[];
    let blobs: Blob[];
    const createObjectURL = URL.createObjectURL;
    const revokeObjectURL = URL.revokeObjectURL;

    beforeEach(() => {
      downloads = [];
      blobs = [];
      URL.createObjectURL = (blob: Blob) => {
        blobs.push(blob);
        return `blob:headroom/${blobs.length - 1}`;
      };
      URL.revokeObjectURL = () => {};
      jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function click(
        this: HTMLAnchorElement,
      ) {
        const index = Number(this.href.split('/').pop());
        downloads.push({ filename: this.download, blob: blobs[index]! });
      });
    });

    afterEach(() => {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
      jest.restoreAllMocks();
    });

    it('exports the rows shown, in their order, with raw values', async () => {
      const user = userEvent.setup({ delay: null });
      await renderPage(overviewApi().api);
      await screen.findByTestId('headroom-slo-table');
      await user.click(screen.getByRole('button', { name: 'Export SLOs as CSV' }));
      expect(downloads.map(d => d.filename)).toEqual(['headroom-slos.csv']);
      expect(await downloads[0]!.blob.text()).toBe(
        [
          'service,slo,lineOfBusiness,team,objective,sli,budgetRemaining,worstBurnRate,alertState',
          'order-gateway,availability,trading,group:default/team-core-trading,0.999,0.995,0.05,2.5,page',
          'ledger,availability,payments,group:default/team-payments,0.9995,0.99971234,0.4246,14.44,ticket',
          'ledger,latency,payments,group:default/team-payments,0.99,0.9991,0.9,0.5,ok',
          'vault,availability,,,0.999,,,,',
          '',
        ].join('\r\n'),
      );

      await user.click(screen.getByRole('button', { name: 'Show the SLOs of payments' }));
      await user.click(screen.getByRole('button', { name: 'Export Lines of business as CSV' }));
      expect(downloads[1]!.filename).toBe('headroom-lines-of-business.csv');
      expect(await downloads[1]!.blob.text()).toBe(
        [
          'lineOfBusiness,sloCount,compliance,budgetRemainingMin,budgetRemainingMean,worstBurnRate,worstSlo',
          'payments,2,1,0.4246,0.6623,14.44,component:default/ledger#availability',
          '',
        ].join('\r\n'),
      );
    });
  });

  it('says there are no SLOs yet', async () => {
    await renderPage(
      fakeApi({
        listSlos: async () => ({ items: [], totalCount: 0 }),
        getLineOfBusinessRollup: async () => [],
        getOwnerRollup: async () => [],
      }),
    );
    expect(await screen.findByText('No SLOs yet')).toBeInTheDocument();
    expect(screen.queryByTestId('headroom-lob-table')).not.toBeInTheDocument();
  });

  it('says what failed when the backend answers with an error', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'Error', message: 'database connection lost' },
          request: { method: 'GET', url: '/slos' },
          response: { statusCode: 500 },
        }),
        { status: 500, statusText: 'Internal Server Error' },
      ),
    );
    await renderPage(
      overviewApi({
        listSlos: async () => {
          throw error;
        },
      }).api,
    );
    expect(await screen.findByText('Error: The Headroom backend answered 500')).toBeInTheDocument();
    expect(screen.getByText(/database connection lost/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry now' })).toBeInTheDocument();
    expect(screen.queryByTestId('headroom-lob-table')).not.toBeInTheDocument();
  });

  it('retries after an error and then shows the tables', async () => {
    const user = userEvent.setup({ delay: null });
    let fail = true;
    const { api } = overviewApi();
    const flaky = {
      ...api,
      listSlos: async (query?: SloListQuery) => {
        if (fail) throw new Error('socket hang up');
        return api.listSlos(query);
      },
    };
    await renderPage(flaky);
    expect(await screen.findByText('Error: Could not load SLOs')).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry now' }));
    await waitFor(() => expect(screen.getByTestId('headroom-lob-table')).toBeInTheDocument());
    expect(screen.queryByText('Error: Could not load SLOs')).not.toBeInTheDocument();
  });
});
