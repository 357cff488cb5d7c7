import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import React from 'react';
import { headroomApiRef, type HeadroomApi } from '../../api';
import { fakeApi } from '../../__fixtures__/slos';
import { formatTime } from '../../lib/format';
import { responseError } from '../Cost/testing';
import { EntityHeadroomDrillsCard } from './EntityHeadroomDrillsCard';
import { entityDrills } from './fixtures';

const fiat: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fiat-onramp', namespace: 'default' },
  spec: { type: 'service', owner: 'team-payments' },
};

function renderCard(api: HeadroomApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[headroomApiRef, api]]}>
      <EntityProvider entity={fiat}>
        <EntityHeadroomDrillsCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityHeadroomDrillsCard', () => {
  it("shows the entity's score, its drills and its latest runs, newest first", async () => {
    const asked: string[] = [];
    await renderCard(
      fakeApi({
        getEntityDrills: async ref => {
          asked.push(ref);
          return entityDrills();
        },
      }),
    );
    expect(await screen.findByTestId('drills-score')).toHaveTextContent(
      `Resilience score 87.5 / 100 over 2 runs since ${formatTime('2026-12-15T12:00:00Z')}`,
    );
    expect(asked).toEqual(['component:default/fiat-onramp']);
    expect(screen.getByTestId('drill-fiat-onramp-slow-deposits')).toHaveTextContent(
      `fiat-onramp-slow-deposits: Slow deposits page within 90 s. Scheduled 0 11 * * 3 (UTC). Held ${formatTime('2027-01-07T11:00:00Z')}: the error budget left 31.0 % is below the floor 50.0 %.`,
    );
    const rows = within(screen.getByRole('table', { name: 'Latest drill runs' })).getAllByRole(
      'row',
    );
    expect(rows.slice(1).map(r => r.getAttribute('data-testid'))).toEqual([
      'drill-run-r2',
      'drill-run-r1',
    ]);
    const failed = within(screen.getByTestId('drill-run-r2'))
      .getAllByRole('cell')
      .map(c => c.textContent);
    expect(failed.slice(1)).toEqual([
      'Fail: missed detection',
      'never (missed)',
      '2.2 min',
      '2.13%',
      '75.0',
    ]);
    const passed = within(screen.getByTestId('drill-run-r1'))
      .getAllByRole('cell')
      .map(c => c.textContent);
    // The run that paged raised an incident: the card names it.
    expect(passed.slice(1)).toEqual([
      'PassP2 incident a1b2-1799834447',
      '42 s',
      '2.2 min',
      '2.13%',
      '100.0',
    ]);
  });

  it("names the drills file's problems", async () => {
    await renderCard(
      fakeApi({
        getEntityDrills: async () =>
          entityDrills({
            drills: [],
            runs: [],
            resilience: null,
            problems: [
              'headroom.dev/drills: drills.yaml (document 1) spec.faults[0].magnitude: must be a factor above 1 and at most 1000 for latency',
            ],
          }),
      }),
    );
    const problems = await screen.findByRole('region', { name: 'Problems of the drills file' });
    expect(problems).toHaveTextContent('spec.faults[0].magnitude: must be a factor above 1');
    expect(screen.getByTestId('drills-score')).toHaveTextContent(
      'Resilience score no runs over 0 runs',
    );
  });

  it('says how to add drills when there are none, and what failed when loading fails', async () => {
    const empty = await renderCard(
      fakeApi({
        getEntityDrills: async () =>
          entityDrills({ drills: [], runs: [], resilience: null, file: null }),
      }),
    );
    expect(await screen.findByText('fiat-onramp has no drills')).toBeInTheDocument();
    empty.unmount();
    await renderCard(
      fakeApi({
        getEntityDrills: async () =>
          Promise.reject(await responseError(503, 'Unavailable', 'down')),
      }),
    );
    expect(await screen.findByText(/the drills of fiat-onramp/)).toBeInTheDocument();
  });
});
