import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import React from 'react';
import { headroomApiRef, type HeadroomApi } from '../../api';
import { coldStorage, fakeApi, ledger } from '../../__fixtures__/slos';
import { formatTime } from '../../lib/format';
import { responseError } from '../Cost/testing';
import { EntityHeadroomCapacityCard } from './EntityHeadroomCapacityCard';
import { ledgerAssessment, ledgerMemoryAssessment } from './fixtures';

function renderCard(api: HeadroomApi, entity: Entity = ledger) {
  return renderInTestApp(
    <TestApiProvider apis={[[headroomApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityHeadroomCapacityCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const text = (id: string) => screen.getByTestId(`capacity-cores-${id}`).textContent;

describe('EntityHeadroomCapacityCard', () => {
  it("shows the latest assessment's numbers as the backend computed them", async () => {
    const requested: string[] = [];
    await renderCard(
      fakeApi({
        listCapacityAssessments: async ref => {
          requested.push(ref);
          return [ledgerAssessment()];
        },
      }),
    );
    expect(await screen.findByTestId('capacity-cores-needed')).toHaveTextContent(
      '7.839 cores = 8 replicas × 1 core',
    );
    expect(requested).toEqual(['component:default/ledger']);
    expect(screen.getByText('CPU for requests per second')).toBeInTheDocument();
    expect(text('monthly-cost')).toBe('228.91 USD');
    expect(text('current')).toBe(
      'Not recorded with this assessment: no verdict against current requests.',
    );
    expect(text('forecast')).toBe('354.3 in 6 months (upper band 442.9; now 200)');
    expect(text('utilisation')).toBe('63.2%: the latency objective caps it below the 70% target');
    expect(text('quality')).toMatch(/^Poor/);
    expect(text('quality')).toContain('declared by the team before the service had usage history');
    expect(text('assessed')).toBe(
      `Version 3, ${formatTime('2026-11-20T10:00:00.000Z')} by user:default/hana.mori. Current until ${formatTime('2027-02-18T10:00:00.000Z')}.`,
    );
    expect(text('approval')).toBe(
      `Approved by user:default/ana.silva on ${formatTime('2026-11-21T08:30:00.000Z')}`,
    );
    expect(text('note')).toBe('launch estimate from the load test');
  });

  it('shows the newest CPU and the newest memory assessment when they are different versions', async () => {
    await renderCard(
      fakeApi({
        listCapacityAssessments: async () => [
          ledgerAssessment(),
          ledgerMemoryAssessment(),
          ledgerAssessment({ version: 1, note: 'first guess' }),
        ],
      }),
    );
    expect(await screen.findByTestId('capacity-GiB-needed')).toHaveTextContent(
      '4.107 GiB = 5 replicas × 1 GiB',
    );
    expect(screen.getByText('CPU and memory for requests per second')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'CPU' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Memory' })).toBeInTheDocument();
    expect(text('assessed')).toMatch(/^Version 3,/);
    expect(screen.getByTestId('capacity-GiB-assessed')).toHaveTextContent(/^Version 2,/);
    expect(screen.getByTestId('capacity-GiB-monthly-cost')).toHaveTextContent('14.99 USD');
    expect(screen.getByTestId('capacity-GiB-utilisation')).toHaveTextContent('80.0% (the target)');
    expect(screen.getByTestId('capacity-GiB-approval')).toHaveTextContent('Not approved yet');
  });

  it('gives the verdict against current requests with the spare and its monthly cost', async () => {
    const base = ledgerAssessment();
    // 12 cores requested against 7.8393 needed: 4.1607 spare, 53 %, × 0.04 USD × 730 h.
    const assessment = ledgerAssessment({
      result: {
        ...base.result,
        capacity: {
          ...base.result.capacity,
          current: {
            provisioned: 12,
            difference: 4.160691063681022,
            relative: 0.5307467,
            verdict: 'over-provisioned',
            monthlyCost: 121.49217905948584,
            limitsProvisioned: 24,
            limitsShortfall: 0,
          },
        },
      },
    });
    await renderCard(fakeApi({ listCapacityAssessments: async () => [assessment] }));
    expect(await screen.findByTestId('capacity-cores-verdict')).toHaveTextContent(
      'Over-provisioned',
    );
    expect(text('current')).toBe(
      '12 cores Over-provisioned spare 4.161 cores (53%), 121.49 USD a month on spare',
    );
  });

  it('says a stale assessment is stale, and that it is not approved', async () => {
    await renderCard(
      fakeApi({
        listCapacityAssessments: async () => [
          ledgerAssessment({ stale: true, approvedAt: null, approvedBy: null }),
        ],
      }),
    );
    expect(await screen.findByText(/^Stale since/)).toHaveTextContent(
      `Stale since ${formatTime('2027-02-18T10:00:00.000Z')}: reassess.`,
    );
    expect(text('approval')).toBe('Not approved yet');
  });

  it('says how to create an assessment when there is none', async () => {
    await renderCard(fakeApi({ listCapacityAssessments: async () => [] }), coldStorage);
    expect(await screen.findByText('cold-storage has no capacity assessment')).toBeInTheDocument();
    expect(document.body).toHaveTextContent('headroom:capacity:assess');
    expect(document.body).toHaveTextContent(
      '/api/headroom/capacity/entities/component/default/cold-storage/assessments',
    );
  });

  it('shows progress while loading', async () => {
    await renderCard(fakeApi({ listCapacityAssessments: () => new Promise(() => {}) }));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('names what failed on a server error', async () => {
    const error = await responseError(500, 'Internal Server Error', 'database is locked');
    await renderCard(
      fakeApi({
        listCapacityAssessments: async () => {
          throw error;
        },
      }),
    );
    expect(
      await screen.findByText(
        'Error: Could not load the capacity assessment of ledger: the Headroom backend answered 500 Internal Server Error',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('database is locked')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry now' })).toBeInTheDocument();
  });

  it('says when the caller may not read the assessment', async () => {
    const error = await responseError(
      403,
      'Forbidden',
      'user:default/guest may not read component:default/ledger',
    );
    await renderCard(
      fakeApi({
        listCapacityAssessments: async () => {
          throw error;
        },
      }),
    );
    expect(
      await screen.findByText('Error: You may not read the capacity assessment of ledger'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/may not read component:default\/ledger\. Ask the owners/),
    ).toBeInTheDocument();
  });
});
