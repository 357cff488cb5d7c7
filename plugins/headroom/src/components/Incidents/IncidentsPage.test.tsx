import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import React from 'react';
import { headroomApiRef, type MttxReport } from '../../api';
import { fakeApi } from '../../__fixtures__/slos';
import { IncidentsPage } from './IncidentsPage';
import { incidentList, mttxBySeverity } from './fixtures';

/**
 * By hand: spot had 2 P1s (TTD 45 and 120 s, mean 82.5; TTR 240 s), one graded and missed;
 * custody 1 P2 (TTD 30 s, TTR 600 s) without targets, so nothing graded.
 */
const byLob: MttxReport = {
  ...mttxBySeverity,
  by: 'lineOfBusiness',
  groups: {
    spot: mttxBySeverity.groups.P1!,
    custody: {
      count: 1,
      open: 0,
      mttd: { mean: 30, p50: 30, p90: 30 },
      mtta: null,
      mttr: { mean: 600, p50: 600, p90: 600 },
      attainment: null,
      graded: 0,
    },
  },
};

describe('IncidentsPage', () => {
  it('shows attainment per line of business, MTTx per severity and the incidents', async () => {
    const asked: unknown[] = [];
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            headroomApiRef,
            fakeApi({
              getIncidentMttx: async q => {
                asked.push(q);
                return q.by === 'lineOfBusiness' ? byLob : mttxBySeverity;
              },
              listIncidents: async q => {
                asked.push(q);
                return incidentList();
              },
            }),
          ],
        ]}
      >
        <IncidentsPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const lobs = await screen.findByRole('table', { name: 'MTTx per line of business' });
    const rows = within(lobs)
      .getAllByRole('row')
      .slice(1)
      .map(r =>
        within(r)
          .getAllByRole('cell')
          .map(c => c.textContent),
      );
    // Per line of business there are no per-severity targets to show beside the means.
    expect(rows).toEqual([
      ['custody', '1', '30 s', '—', '10.0 min', 'not graded'],
      ['spot', '2 (1 open)', '83 s', '3.0 min', '4.0 min', '0 % of 1'],
    ]);
    await waitFor(() => expect(screen.getByTestId('mttx-P1')).toBeInTheDocument());
    expect(
      within(screen.getByTestId('mttx-P1'))
        .getAllByRole('cell')
        .map(c => c.textContent)[2],
    ).toBe('83 s (target 60 s, missed)');
    const list = await screen.findByRole('table', { name: 'Incidents' });
    const incidentRows = within(list).getAllByRole('row').slice(1);
    expect(incidentRows.map(r => r.getAttribute('data-testid'))).toEqual([
      'incident-row-inc-open',
      'incident-row-inc-resolved',
    ]);
    expect(
      within(incidentRows[1]!)
        .getAllByRole('cell')
        .slice(3, 7)
        .map(c => c.textContent),
    ).toEqual(['2.0 min', '3.0 min', '4.0 min', 'resolved']);
    expect(asked).toEqual(
      expect.arrayContaining([{ by: 'lineOfBusiness' }, { by: 'severity' }, {}]),
    );
  });
});
