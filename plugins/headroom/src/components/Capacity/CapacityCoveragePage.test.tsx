import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { headroomApiRef, type HeadroomApi } from '../../api';
import { fakeApi } from '../../__fixtures__/slos';
import { responseError } from '../Cost/testing';
import { CapacityCoveragePage } from './CapacityCoveragePage';
import { coverageReport } from './fixtures';

jest.setTimeout(30_000);

function renderPage(api: HeadroomApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[headroomApiRef, api]]}>
      <CapacityCoveragePage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const cell = (id: string) => screen.getByTestId(`coverage-${id}`).textContent;

describe('CapacityCoveragePage', () => {
  it('shows the shares per line of business and links every unassessed service', async () => {
    await renderPage(fakeApi({ getCapacityCoverage: async () => coverageReport() }));
    expect(await screen.findByTestId('coverage-summary')).toHaveTextContent(
      '3 of 6 (50%) services have an assessment younger than 90 days; of services created in the last 30 days, 0 of 1 (0%).',
    );
    expect(cell('custody-assessed')).toBe('1 of 3 (33%)');
    expect(cell('custody-missing')).toBe('2');
    expect(cell('custody-new')).toBe('0 of 1 (0%)');
    expect(cell('payments-assessed')).toBe('2 of 3 (67%)');
    expect(cell('payments-stale')).toBe('1');
    expect(cell('payments-approved')).toBe('1');
    expect(cell('payments-new')).toBe('no services');
    expect(cell('All lines of business-assessed')).toBe('3 of 6 (50%)');

    const custody = screen.getByRole('region', { name: 'Unassessed services of custody' });
    expect(within(custody).getByRole('link', { name: 'withdrawal-signer' })).toHaveAttribute(
      'href',
      '/catalog/default/component/withdrawal-signer',
    );
    expect(
      within(custody)
        .getAllByRole('link')
        .map(a => a.textContent),
    ).toEqual(['cold-storage', 'withdrawal-signer']);
  });

  it('narrows the page to one line of business', async () => {
    await renderPage(fakeApi({ getCapacityCoverage: async () => coverageReport() }));
    await screen.findByTestId('coverage-summary');
    await userEvent.click(screen.getByLabelText('Line of business'));
    await userEvent.click(screen.getByRole('option', { name: 'payments' }));
    expect(screen.queryByTestId('coverage-custody-assessed')).not.toBeInTheDocument();
    expect(screen.queryByTestId('coverage-All lines of business-assessed')).not.toBeInTheDocument();
    expect(cell('payments-assessed')).toBe('2 of 3 (67%)');
    expect(
      screen.queryByRole('region', { name: 'Unassessed services of custody' }),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'card-issuing' })).toBeInTheDocument();
  });

  it('names what failed when the report cannot be loaded', async () => {
    const error = await responseError(500, 'Internal Server Error', 'catalog timed out');
    await renderPage(
      fakeApi({
        getCapacityCoverage: async () => {
          throw error;
        },
      }),
    );
    expect(
      await screen.findByText(
        'Error: Could not load capacity coverage: the Headroom backend answered 500 Internal Server Error',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('catalog timed out')).toBeInTheDocument();
  });

  it('says when the caller may not read coverage', async () => {
    const error = await responseError(403, 'Forbidden', 'user:default/guest may not read SLOs');
    await renderPage(
      fakeApi({
        getCapacityCoverage: async () => {
          throw error;
        },
      }),
    );
    expect(
      await screen.findByText('Error: You may not read capacity coverage'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderPage(fakeApi({ getCapacityCoverage: () => new Promise(() => {}) }));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });
});
