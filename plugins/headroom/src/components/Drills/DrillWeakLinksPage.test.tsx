import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { headroomApiRef, type HeadroomApi } from '../../api';
import { fakeApi } from '../../__fixtures__/slos';
import { DrillWeakLinksPage } from './DrillWeakLinksPage';
import { weakLinksReport } from './fixtures';

jest.setTimeout(30_000);

function renderPage(api: HeadroomApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[headroomApiRef, api]]}>
      <DrillWeakLinksPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const rollup = (key: string) => ({
  key,
  sloCount: 2,
  evaluatedCount: 2,
  compliantCount: 2,
  compliance: 1,
});

describe('DrillWeakLinksPage', () => {
  it('lists each kind of weak link with links to the services, per line of business', async () => {
    const asked: (string | undefined)[] = [];
    await renderPage(
      fakeApi({
        getLineOfBusinessRollup: async () => [rollup('payments'), rollup('spot')] as never,
        getDrillWeakLinks: async q => {
          asked.push(q?.lineOfBusiness);
          return weakLinksReport({ lineOfBusiness: q?.lineOfBusiness ?? null });
        },
        getDrillResilience: async () => ({
          by: 'lineOfBusiness',
          from: '2026-12-15T12:00:00Z',
          to: '2027-01-14T12:00:00Z',
          stepSeconds: 604800,
          series: [
            {
              key: 'payments',
              score: 81.25,
              points: [
                { from: 'a', to: 'b', score: null, runs: 0, faults: 0 },
                { from: 'b', to: 'c', score: 87.5, runs: 2, faults: 2 },
              ],
            },
          ],
        }),
      }),
    );
    const failed = await screen.findByRole('region', {
      name: 'Drills that broke their hypothesis or missed a target',
    });
    expect(failed).toHaveTextContent(
      /fiat-onramp-slow-deposits Fail on .*, missed hypothesis and detection/,
    );
    expect(within(failed).getByRole('link', { name: 'fiat-onramp' })).toHaveAttribute(
      'href',
      '/catalog/default/component/fiat-onramp',
    );
    expect(
      screen.getByRole('region', { name: 'Alerts that never fired in a drill that expected them' }),
    ).toHaveTextContent(
      'fiat-onramp: the page alert of SLO availability stayed silent in 2 runs of fiat-onramp-slow-deposits',
    );
    expect(
      screen.getByRole('region', { name: 'Dependencies whose faults spread to their dependants' }),
    ).toHaveTextContent(
      'ledger → order-gateway (via order-gateway → matching-engine → ledger): burn rate over the fault 14, before it 0.3',
    );
    const undrilled = screen.getByRole('region', {
      name: 'Services with SLOs and no drill in the period',
    });
    expect(
      within(undrilled)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['ledger: never drilled', expect.stringMatching(/^wallet-api: last drilled /)]);
    expect(await screen.findByTestId('resilience-payments')).toHaveTextContent(
      'payments: resilience 81.3 / 100; by week —, 87.5',
    );

    await userEvent.click(screen.getByLabelText('Line of business'));
    await userEvent.click(await screen.findByRole('option', { name: 'payments' }));
    expect(await screen.findByTestId('weak-links-period')).toHaveTextContent(/in payments\.$/);
    expect(asked).toEqual([undefined, 'payments']);
  });

  it('says when there is nothing to fix', async () => {
    await renderPage(
      fakeApi({
        getLineOfBusinessRollup: async () => [],
        getDrillWeakLinks: async () =>
          weakLinksReport({ failedDrills: [], undrilled: [], spreading: [], silentAlerts: [] }),
        getDrillResilience: async () => ({
          by: 'lineOfBusiness',
          from: 'a',
          to: 'b',
          stepSeconds: 604800,
          series: [],
        }),
      }),
    );
    expect(
      await screen.findByText("Every drill's latest run held its hypothesis and met its targets."),
    ).toBeInTheDocument();
    expect(screen.getByText('Every service with SLOs had a drill.')).toBeInTheDocument();
  });
});
