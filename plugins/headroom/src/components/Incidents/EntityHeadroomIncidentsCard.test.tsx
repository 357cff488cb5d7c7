import { identityApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import React from 'react';
import { headroomApiRef, type HeadroomApi } from '../../api';
import { fakeApi } from '../../__fixtures__/slos';
import { formatTime } from '../../lib/format';
import { recoveredRun, waitingRun } from '../Runbooks/fixtures';
import { EntityHeadroomIncidentsCard } from './EntityHeadroomIncidentsCard';
import {
  incidentList,
  mttxBySeverity,
  openIncident,
  orderGateway,
  resolvedIncident,
} from './fixtures';

function identity(ownershipEntityRefs: string[]) {
  return {
    getBackstageIdentity: async () => ({
      type: 'user' as const,
      userEntityRef: 'user:default/ana',
      ownershipEntityRefs,
    }),
  };
}

function renderCard(api: HeadroomApi, owns: string[] = ['group:default/team-core-trading']) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [headroomApiRef, api],
        [identityApiRef, identity(owns)],
      ]}
    >
      <EntityProvider entity={orderGateway}>
        <EntityHeadroomIncidentsCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityHeadroomIncidentsCard', () => {
  it('shows the open incident with its timeline, the latest resolved one and MTTx against the targets', async () => {
    const asked: unknown[] = [];
    await renderCard(
      fakeApi({
        listIncidents: async q => {
          asked.push(q);
          return incidentList();
        },
        getIncidentMttx: async q => {
          asked.push(q);
          return mttxBySeverity;
        },
      }),
    );
    expect(await screen.findByTestId('incidents-headline')).toHaveTextContent(
      `1 open incident, 2 since ${formatTime('2026-09-08T10:30:00Z')}.`,
    );
    expect(asked).toEqual(
      expect.arrayContaining([
        { entityRef: 'component:default/order-gateway' },
        { entityRef: 'component:default/order-gateway', by: 'severity' },
      ]),
    );
    const open = screen.getByTestId('incident-inc-open');
    expect(within(open).getByRole('heading')).toHaveTextContent(
      'P1 open: SloErrorBudgetBurn (SLO availability)',
    );
    await waitFor(() =>
      expect(screen.getByTestId('step-inc-open-Detected')).toHaveTextContent(
        `Detected: ${formatTime('2026-12-07T10:00:45Z')} (TTD 45 s, within the 60 s target)`,
      ),
    );
    expect(screen.getByTestId('step-inc-open-Impact started')).toHaveTextContent(
      `Impact started: ${formatTime('2026-12-07T10:00:00Z')} (from the SLO's 1-minute error ratio)`,
    );
    expect(screen.getByTestId('step-inc-open-Mitigated')).toHaveTextContent('Mitigated: not yet');
    expect(screen.getByTestId('resolved-inc-resolved')).toHaveTextContent(
      `P1 SloErrorBudgetBurn on ${formatTime('2026-12-01T08:02:00Z')}: detected in 2.0 min, recovered in 4.0 min`,
    );
    const cells = within(screen.getByTestId('mttx-P1'))
      .getAllByRole('cell')
      .map(c => c.textContent);
    // 82.5 s rounds to 83 s, over 60 s; 240 s is 4.0 min, under 5.0 min; no MTTA target.
    expect(cells).toEqual([
      'P1',
      '2 (1 open)',
      '83 s (target 60 s, missed)',
      '3.0 min',
      '4.0 min (target 5.0 min)',
      '0 % of 1',
    ]);
  });

  it('lets an owner acknowledge an open incident and shows who did', async () => {
    const acked: string[] = [];
    let items = incidentList();
    await renderCard(
      fakeApi({
        listIncidents: async () => items,
        getIncidentMttx: async () => mttxBySeverity,
        acknowledgeIncident: async id => {
          acked.push(id);
          const done = openIncident({
            acknowledgedAt: '2026-12-07T10:02:45Z',
            acknowledgedBy: 'user:default/ana',
            ttaSeconds: 120,
          });
          items = incidentList([resolvedIncident, done]);
          return done;
        },
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Acknowledge' }));
    await waitFor(() =>
      expect(screen.getByTestId('step-inc-open-Acknowledged')).toHaveTextContent(
        `Acknowledged: ${formatTime('2026-12-07T10:02:45Z')} (by user:default/ana, TTA 2.0 min)`,
      ),
    );
    expect(acked).toEqual(['inc-open']);
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
  });

  it('offers no acknowledgement to someone who does not own the service', async () => {
    await renderCard(
      fakeApi({
        listIncidents: async () => incidentList(),
        getIncidentMttx: async () => mttxBySeverity,
      }),
      ['group:default/team-payments'],
    );
    expect(await screen.findByTestId('incident-inc-open')).toBeInTheDocument();
    // The identity answers asynchronously: give it the time to (not) show the button.
    await waitFor(() =>
      expect(screen.getAllByRole('button', { name: 'Postmortem draft' })).toHaveLength(2),
    );
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
  });

  it("shows a runbook's diagnosis and actions in the incident it answered", async () => {
    const asked: unknown[] = [];
    await renderCard(
      fakeApi({
        listIncidents: async () => incidentList(),
        getIncidentMttx: async () => mttxBySeverity,
        listRunbookRuns: async q => {
          asked.push(q);
          // Two runs of the entity: one answered the open incident, one another incident.
          return { items: [recoveredRun(), recoveredRun({ id: 'run-9', incidentId: 'other' })] };
        },
      }),
    );
    const runs = await screen.findByRole('region', { name: 'Runbook runs of incident inc-open' });
    expect(asked).toEqual([{ entityRef: 'component:default/order-gateway' }]);
    expect(within(runs).getByTestId('finding-run-1-recent-change')).toHaveTextContent(
      'recent-change: found — wallet-api deployed v42 4 min before the impact',
    );
    expect(within(runs).getByTestId('action-run-1-rollback')).toHaveTextContent(
      'rollback (rollback): succeeded, recovered',
    );
    expect(screen.queryByTestId('runbook-run-run-9')).toBeNull();
  });

  it('lets an owner approve, on the incident, the risky action its runbook run waits on', async () => {
    const approved: [string, string][] = [];
    const waiting = { ...waitingRun(), incidentId: 'inc-open' };
    let runs = [waiting];
    await renderCard(
      fakeApi({
        listIncidents: async () => incidentList(),
        getIncidentMttx: async () => mttxBySeverity,
        listRunbookRuns: async () => ({ items: runs }),
        approveRunbookAction: async (id, action) => {
          approved.push([id, action]);
          const run = {
            ...waiting,
            approvals: [{ action, by: 'user:default/ana', at: '2026-12-07T11:01:00Z' }],
          };
          runs = [run];
          return run;
        },
      }),
    );
    const block = await screen.findByRole('region', { name: 'Runbook runs of incident inc-open' });
    fireEvent.click(await within(block).findByRole('button', { name: 'Approve restart' }));
    await waitFor(() => expect(approved).toEqual([['run-2', 'restart']]));
    expect(await screen.findByTestId('approval-run-2-restart')).toHaveTextContent(
      `restart approved by user:default/ana at ${formatTime('2026-12-07T11:01:00Z')}`,
    );
    expect(screen.queryByRole('button', { name: 'Approve restart' })).toBeNull();
  });

  it('offers no approval on the incident to someone who does not own the service', async () => {
    await renderCard(
      fakeApi({
        listIncidents: async () => incidentList(),
        getIncidentMttx: async () => mttxBySeverity,
        listRunbookRuns: async () => ({ items: [{ ...waitingRun(), incidentId: 'inc-open' }] }),
      }),
      ['group:default/team-payments'],
    );
    expect(await screen.findByTestId('runbook-run-run-2')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getAllByRole('button', { name: 'Postmortem draft' })).toHaveLength(2),
    );
    expect(screen.queryByRole('button', { name: /Approve/ })).toBeNull();
  });

  it("opens the backend's postmortem draft as Markdown", async () => {
    const asked: string[] = [];
    await renderCard(
      fakeApi({
        listIncidents: async () => incidentList(),
        getIncidentMttx: async () => mttxBySeverity,
        getIncidentPostmortem: async id => {
          asked.push(id);
          return '# Postmortem: order-gateway P1\n\n| Step | Time |\n| --- | --- |\n| Detected | 10:00:45 |\n';
        },
      }),
    );
    const block = await screen.findByTestId('incident-inc-open');
    fireEvent.click(within(block).getByRole('button', { name: 'Postmortem draft' }));
    // Backstage's Markdown renderer is loaded lazily on first use.
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Postmortem: order-gateway P1' },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '10:00:45' })).toBeInTheDocument();
    expect(asked).toEqual(['inc-open']);
  }, 30_000);
});
