import type { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import React from 'react';
import { headroomApiRef, type HeadroomApi } from '../../api';
import { fakeApi } from '../../__fixtures__/slos';
import { formatTime } from '../../lib/format';
import { responseError } from '../Cost/testing';
import { EntityHeadroomRunbooksCard } from './EntityHeadroomRunbooksCard';
import { entityRunbooks, recoveredRun, T0, waitingRun } from './fixtures';

const walletApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'wallet-api', namespace: 'default' },
  spec: { type: 'service', owner: 'team-payments' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-payments' }],
};

function renderCard(api: HeadroomApi, owns: string[] = ['group:default/team-payments']) {
  const identity = {
    getBackstageIdentity: async () => ({
      type: 'user' as const,
      userEntityRef: 'user:default/ana',
      ownershipEntityRefs: ['user:default/ana', ...owns],
    }),
  };
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [headroomApiRef, api],
        [identityApiRef, identity],
      ]}
    >
      <EntityProvider entity={walletApi}>
        <EntityHeadroomRunbooksCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const iso = (s: number) => new Date(s * 1000).toISOString();

describe('EntityHeadroomRunbooksCard', () => {
  it('shows alert coverage, the success rate and the latest runs with findings and actions', async () => {
    const asked: string[] = [];
    await renderCard(
      fakeApi({
        getEntityRunbooks: async ref => {
          asked.push(ref);
          return entityRunbooks();
        },
      }),
    );
    // One of the two SLO alerts has a runbook: 1 / 2 = 50 %.
    expect(await screen.findByTestId('runbooks-coverage')).toHaveTextContent(
      '1 of 2 SLO alerts have a runbook (50 %)',
    );
    expect(asked).toEqual(['component:default/wallet-api']);
    expect(screen.getByTestId('coverage-0')).toHaveTextContent(
      'SloErrorBudgetBurn (wallet-api): wallet-api-bad-release',
    );
    expect(screen.getByTestId('coverage-1')).toHaveTextContent(
      'SloErrorBudgetBurn (wallet-api): no runbook',
    );
    // 1 recovered of 1 that acted = 100 %; 130 s is 2.2 min.
    expect(screen.getByTestId('runbooks-summary')).toHaveTextContent(
      `2 runs since ${formatTime('2026-11-07T12:00:00Z')}: 1 recovered of 1 that acted (success rate 100 %), 0 escalated, 0 dry, 1 held back. Median time to recover 2.2 min, to detect 40 s.`,
    );
    expect(screen.getByTestId('runbook-run-run-1')).toHaveTextContent(
      `wallet-api-bad-release (live) triggered by SloErrorBudgetBurn at ${formatTime(iso(T0 + 45))}: Recovered. Recovered by rollback after trying rollback.`,
    );
    expect(screen.getByTestId('runbook-run-run-1')).toHaveTextContent(
      'Detected in 40 s, recovered in 2.2 min',
    );
    expect(screen.getByTestId('finding-run-1-recent-change')).toHaveTextContent(
      'recent-change: found — wallet-api deployed v42 4 min before the impact',
    );
    expect(screen.getByTestId('action-run-1-rollback')).toHaveTextContent(
      'rollback (rollback): succeeded, recovered — no guardrail held it back',
    );
    // Newest first: the waiting run comes before the recovered one.
    const runs = screen.getAllByTestId(/^runbook-run-/).map(e => e.getAttribute('data-testid'));
    expect(runs).toEqual(['runbook-run-run-2', 'runbook-run-run-1']);
  });

  it('lets an owner approve the risky action a run waits on', async () => {
    const approved: [string, string][] = [];
    let runs = [recoveredRun(), waitingRun()];
    await renderCard(
      fakeApi({
        getEntityRunbooks: async () => entityRunbooks({ runs }),
        approveRunbookAction: async (id, action) => {
          approved.push([id, action]);
          const run = {
            ...waitingRun(),
            approvals: [{ action, by: 'user:default/ana', at: '2026-12-07T11:01:00Z' }],
          };
          runs = [recoveredRun(), run];
          return run;
        },
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Approve restart' }));
    await waitFor(() => expect(approved).toEqual([['run-2', 'restart']]));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Approve restart' })).toBeNull(),
    );
  });

  it('offers no approval to someone who does not own the service', async () => {
    await renderCard(fakeApi({ getEntityRunbooks: async () => entityRunbooks() }), [
      'group:default/team-spot',
    ]);
    expect(await screen.findByTestId('runbook-run-run-2')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('runbooks-summary')).toBeInTheDocument());
    expect(screen.queryByRole('button', { name: /Approve/ })).toBeNull();
  });

  it("names the runbooks file's problems, says how to add runbooks, and what failed", async () => {
    const broken = await renderCard(
      fakeApi({
        getEntityRunbooks: async () =>
          entityRunbooks({
            runs: [],
            definitions: {
              file: 'runbooks.yaml',
              runbooks: [],
              problems: ['runbooks.yaml (document 1) spec.actions[0].type: unknown action reboot'],
            },
          }),
      }),
    );
    expect(
      await screen.findByRole('region', { name: 'Problems of the runbooks file' }),
    ).toHaveTextContent('spec.actions[0].type: unknown action reboot');
    broken.unmount();
    const empty = await renderCard(
      fakeApi({
        getEntityRunbooks: async () =>
          entityRunbooks({
            runs: [],
            definitions: { file: null, runbooks: [], problems: [] },
          }),
      }),
    );
    expect(await screen.findByText('wallet-api has no runbooks')).toBeInTheDocument();
    empty.unmount();
    await renderCard(
      fakeApi({
        getEntityRunbooks: async () =>
          Promise.reject(await responseError(503, 'Unavailable', 'down')),
      }),
    );
    expect(await screen.findByText(/the runbooks of wallet-api/)).toBeInTheDocument();
  });
});
