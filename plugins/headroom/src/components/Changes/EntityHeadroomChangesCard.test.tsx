import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import React from 'react';
import { headroomApiRef, type Change, type ChangeList, type HeadroomApi } from '../../api';
import { fakeApi } from '../../__fixtures__/slos';
import { formatTime } from '../../lib/format';
import { responseError } from '../Cost/testing';
import { EntityHeadroomChangesCard } from './EntityHeadroomChangesCard';

const wallet: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'wallet-api', namespace: 'default' },
  spec: { type: 'service', owner: 'team-custody' },
};

function change(id: string, over: Partial<Change>): Change {
  return {
    id,
    entityRef: 'component:default/wallet-api',
    service: 'wallet-api',
    lineOfBusiness: 'custody',
    version: 'v2',
    kind: 'canary',
    startedAt: '2026-12-07T09:00:00.000Z',
    watchUntil: '2026-12-07T09:30:00.000Z',
    state: 'live',
    recorded: true,
    source: 'user:default/hana.mori',
    assessment: {
      score: 42.46,
      level: 'medium',
      recommendation: 'canary',
      holds: [],
      factors: [
        { name: 'size', score: 0.87, weight: 10, points: 8.7, explanation: '420 lines changed' },
      ],
    },
    verdicts: [],
    rollbacks: [],
    outcome: { incidentId: null, rolledBack: false, failed: false },
    ...over,
  };
}

const log = (items: Change[]): ChangeList => ({
  from: '2026-09-08T09:00:00.000Z',
  to: '2026-12-07T09:00:00.000Z',
  items,
  failureRate: {
    changes: items.length,
    failed: items.filter(c => c.outcome.failed).length,
    changeFailureRate: items.length
      ? items.filter(c => c.outcome.failed).length / items.length
      : null,
  },
  byLineOfBusiness: [],
});

function renderCard(api: HeadroomApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[headroomApiRef, api]]}>
      <EntityProvider entity={wallet}>
        <EntityHeadroomChangesCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityHeadroomChangesCard', () => {
  it('shows each change with its risk, verdict and outcome, newest first', async () => {
    const asked: unknown[] = [];
    const rolledBack = change('c2', {
      version: 'v3',
      startedAt: '2026-12-07T10:00:00.000Z',
      state: 'rolled-back',
      verdicts: [
        {
          at: '2026-12-07T10:01:00.000Z',
          classification: 'Fail',
          score: 0,
          source: 'prometheus',
          verdict: { reason: 'Canary Failed: error_ratio' },
        },
      ],
      rollbacks: [
        {
          at: '2026-12-07T10:01:00.000Z',
          reason: 'roll back: the canary verdict is Fail with score 0',
          trigger: { kind: 'canary' },
          action: 'argo',
          outcome: 'sent',
          detail: {},
        },
      ],
      outcome: { incidentId: 'abc-1796635968', rolledBack: true, failed: true },
    });
    const bare = change('deploy-wallet-api-1', {
      version: 'v1',
      kind: 'deploy',
      startedAt: '2026-12-06T10:00:00.000Z',
      state: 'promoted',
      recorded: false,
      assessment: null,
    });
    await renderCard(
      fakeApi({
        getChanges: async query => {
          asked.push(query);
          return log([bare, change('c1', {}), rolledBack]);
        },
      }),
    );
    expect(await screen.findByTestId('changes-failure-rate')).toHaveTextContent(
      `1 of 3 changes failed (33.3 %) since ${formatTime('2026-09-08T09:00:00.000Z')}`,
    );
    expect(asked).toEqual([{ entityRef: 'component:default/wallet-api' }]);
    const rows = within(screen.getByRole('table', { name: 'Latest changes' })).getAllByRole('row');
    expect(rows.slice(1).map(r => r.getAttribute('data-testid'))).toEqual([
      'change-c2',
      'change-c1',
      'change-deploy-wallet-api-1',
    ]);
    const cells = (id: string) =>
      within(screen.getByTestId(id))
        .getAllByRole('cell')
        .map(c => c.textContent);
    expect(cells('change-c2').slice(1)).toEqual([
      '42.5 medium (canary)',
      'Fail 0',
      'rolled back (argo, sent); caused incident abc-1796635968',
    ]);
    expect(cells('change-c1').slice(1)).toEqual(['42.5 medium (canary)', '–', 'live, watched']);
    expect(cells('change-deploy-wallet-api-1').slice(1)).toEqual(['–', '–', 'no incident']);
  });

  it('says how to record changes when there are none, and what failed when loading fails', async () => {
    const empty = await renderCard(fakeApi({ getChanges: async () => log([]) }));
    expect(
      await screen.findByText('No changes of wallet-api in the last 90 days'),
    ).toBeInTheDocument();
    empty.unmount();
    await renderCard(
      fakeApi({
        getChanges: async () => Promise.reject(await responseError(503, 'Unavailable', 'down')),
      }),
    );
    expect(await screen.findByText(/the changes of wallet-api/)).toBeInTheDocument();
  });
});
