import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { headroomApiRef, type HeadroomApi } from '../../api';
import { fakeApi } from '../../__fixtures__/slos';
import { formatTime } from '../../lib/format';
import { RunbookAutomationPage } from './RunbookAutomationPage';
import { lobCoverage, recovery } from './fixtures';

jest.setTimeout(30_000);

function renderPage(api: HeadroomApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[headroomApiRef, api]]}>
      <RunbookAutomationPage />
    </TestApiProvider>,
  );
}

const rollup = (key: string) => ({
  key,
  sloCount: 2,
  evaluatedCount: 2,
  compliantCount: 2,
  compliance: 1,
});

describe('RunbookAutomationPage', () => {
  it('shows the auto-recovered share and MTTR auto against manual, per line of business', async () => {
    const asked: (string | undefined)[] = [];
    await renderPage(
      fakeApi({
        getRunbookCoverage: async q =>
          q?.lineOfBusiness
            ? lobCoverage({
                lineOfBusiness: q.lineOfBusiness,
                alerts: lobCoverage().alerts.slice(2),
                covered: 1,
                share: 0.5,
                services: lobCoverage().services.slice(1),
              })
            : lobCoverage(),
        getLineOfBusinessRollup: async () => [rollup('payments'), rollup('spot')] as never,
        getRunbookRecovery: async q => {
          asked.push(q?.lineOfBusiness);
          return q?.lineOfBusiness
            ? recovery({
                lineOfBusiness: q.lineOfBusiness,
                incidents: 2,
                manual: { count: 1, ttr: { mean: 600, p50: 600, p90: 600 } },
                autoRecoveredShare: 0.5,
              })
            : recovery();
        },
      }),
    );
    // 1 of 4 incidents = 25 %.
    expect(await screen.findByTestId('automation-share')).toHaveTextContent(
      `1 of 4 incidents from ${formatTime('2026-11-07T12:00:00Z')} to ${formatTime('2026-12-07T12:00:00Z')} in every line of business recovered automatically (25 %).`,
    );
    // 1000 s manual MTTR − 130 s = 870 s = 14.5 min.
    expect(screen.getByTestId('automation-time-saved')).toHaveTextContent(
      'Time saved against the manual MTTR: 14.5 min',
    );
    const cells = (key: string) =>
      within(screen.getByTestId(`recovery-${key}`))
        .getAllByRole('cell')
        .map(c => c.textContent);
    // 130 s = 2.2 min; 1000 s = 16.7 min, 900 s = 15.0 min, 1380 s = 23.0 min.
    expect(cells('auto')).toEqual(['Recovered by a runbook', '1', '2.2 min', '2.2 min', '2.2 min']);
    expect(cells('manual')).toEqual([
      'Recovered by people',
      '3',
      '16.7 min',
      '15.0 min',
      '23.0 min',
    ]);
    await userEvent.click(screen.getByLabelText('Line of business'));
    await userEvent.click(await screen.findByRole('option', { name: 'payments' }));
    // 1 of 2 = 50 %.
    expect(
      await screen.findByText(/in payments recovered automatically \(50 %\)/),
    ).toBeInTheDocument();
    expect(asked).toEqual([undefined, 'payments']);
    // payments: wallet-api's page of its 2 alerts (50 %).
    expect(await screen.findByTestId('automation-coverage')).toHaveTextContent(
      '1 of 2 SLO alerts in payments have a runbook (50 %).',
    );
    expect(screen.queryByTestId('coverage-ledger')).not.toBeInTheDocument();
  });

  it('shows which alerts of the line of business have a runbook, per service', async () => {
    await renderPage(
      fakeApi({
        getLineOfBusinessRollup: async () => [rollup('payments')] as never,
        getRunbookRecovery: async () => recovery(),
        getRunbookCoverage: async () =>
          lobCoverage({
            problems: ['headroom.dev/runbooks: runbooks.yaml (document 1) spec.slo: is required'],
          }),
      }),
    );
    // 1 of 4 alerts = 25 %.
    expect(await screen.findByTestId('automation-coverage')).toHaveTextContent(
      '1 of 4 SLO alerts in every line of business have a runbook (25 %).',
    );
    const cells = (key: string) =>
      within(screen.getByTestId(`coverage-${key}`))
        .getAllByRole('cell')
        .map(c => c.textContent);
    expect(cells('ledger')).toEqual(['ledger', '2', '0', '0 %']);
    expect(cells('wallet-api')).toEqual(['wallet-api', '2', '1', '50 %']);
    expect(
      screen.getByText('headroom.dev/runbooks: runbooks.yaml (document 1) spec.slo: is required'),
    ).toBeInTheDocument();
  });
});
