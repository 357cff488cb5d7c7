import { ResponseError } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import React from 'react';
import { headroomApiRef, type HeadroomApi } from '../../api';
import { availabilitySlo, burndown, fakeApi, ledger, snapshots } from '../../__fixtures__/slos';
import { SloDetail } from './SloDetail';

function renderDetail(api: HeadroomApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[headroomApiRef, api]]}>
      <SloDetail
        entity={ledger}
        slo={availabilitySlo()}
        canEdit={false}
        onEdit={() => {}}
        onBack={() => {}}
      />
    </TestApiProvider>,
  );
}

const stored = {
  getSloStatus: async () => ({ status: availabilitySlo().status, snapshots: snapshots() }),
  getSloHistory: async () => [],
};

describe('SloDetail (the SLO tab of one SLO)', () => {
  it('draws the burndown over the whole window with the line of even spend', async () => {
    const calls: [string, string, number | undefined][] = [];
    await renderDetail(
      fakeApi({
        ...stored,
        getSloBurndown: async (ref, name, points) => {
          calls.push([ref, name, points]);
          return burndown();
        },
      }),
    );
    const chart = await screen.findByRole('img', {
      name: /^Budget remaining over the 30d window, /,
    });
    // One read for the summary's sparkline and the chart, at the chart's resolution.
    expect(calls).toEqual([['component:default/ledger', 'availability', 720]]);
    const lines = [...chart.querySelectorAll('polyline')].map(l => l.getAttribute('points'));
    // x: 30 days over 640 px from x = 64, so 10 days = 213.3 px; y: 1 at 12, 0 at 192 (180 px).
    // 0.9 → 12 + 0.1 × 180 = 30, 0.6 → 84, 0.4246 → 12 + 0.5754 × 180 = 115.6.
    expect(lines).toEqual([
      '64.0,12.0 277.3,30.0 490.7,84.0 704.0,115.6',
      // Even spend: all of the budget at the window start, none at its end.
      '64.0,12.0 704.0,192.0',
    ]);
    expect(screen.getByText('Even spend over the window')).toBeInTheDocument();
    // Burn rates still come from the stored evaluations.
    expect(screen.getByRole('img', { name: /^Burn rates by window, / })).toBeInTheDocument();
  });

  it('draws even spend to the end of a calendar period, past the evaluation', async () => {
    const at = Date.parse('2026-11-21T00:00:00.000Z') / 1000;
    const start = Date.parse('2026-11-01T00:00:00.000Z') / 1000;
    const month = burndown({
      window: '1M',
      windowStart: start,
      windowEnd: Date.parse('2026-12-01T00:00:00.000Z') / 1000,
      evaluatedAt: '2026-11-21T00:00:00.000Z',
      points: [
        { t: start, remaining: 1 },
        { t: start + 10 * 86400, remaining: 0.8 },
        { t: at, remaining: 0.5 },
      ],
    });
    await renderDetail(fakeApi({ ...stored, getSloBurndown: async () => month }));
    const chart = await screen.findByRole('img', {
      name: /^Budget remaining over the 1M window, /,
    });
    const lines = [...chart.querySelectorAll('polyline')].map(l => l.getAttribute('points'));
    // 30 days of November over 640 px: day 10 at 277.3, day 20 (the evaluation) at 490.7;
    // 0.8 → 12 + 0.2 × 180 = 48, 0.5 → 102. Even spend reaches 0 on 1 December, at 704.
    expect(lines).toEqual(['64.0,12.0 277.3,48.0 490.7,102.0', '64.0,12.0 704.0,192.0']);
  });

  it('says Prometheus could not be read while the rest of the tab still shows', async () => {
    const message =
      "Burndown of SLO 'availability' of component:default/ledger: Prometheus at http://127.0.0.1:9090 could not be read: connect ECONNREFUSED";
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'ServiceUnavailableError', message },
          request: { method: 'GET', url: '/burndown' },
          response: { statusCode: 503 },
        }),
        { status: 503, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    await renderDetail(
      fakeApi({
        ...stored,
        getSloBurndown: async () => {
          throw error;
        },
      }),
    );
    expect(await screen.findByTestId('burndown-chart-error')).toHaveTextContent(
      `Burndown unavailable: Prometheus could not be read. ${message}`,
    );
    expect(screen.getByTestId('slo-availability-burndown-error')).toHaveTextContent(
      'Burndown unavailable: Prometheus could not be read',
    );
    expect(screen.getByTestId('slo-availability-budget')).toHaveTextContent('42.5%');
    expect(await screen.findByRole('img', { name: /^Burn rates by window, / })).toBeInTheDocument();
    expect(screen.getByText('Definition')).toBeInTheDocument();
  });

  it('shows a progress bar for the chart while the burndown loads', async () => {
    await renderDetail(fakeApi({ ...stored, getSloBurndown: () => new Promise(() => {}) }));
    expect(
      await screen.findByRole('progressbar', { name: 'Loading the burndown' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('slo-availability-budget')).toHaveTextContent('42.5%');
  });
});
