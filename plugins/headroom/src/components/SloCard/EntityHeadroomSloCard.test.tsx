import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import React from 'react';
import { BackendUnreachableError, headroomApiRef, type HeadroomApi } from '../../api';
import { availabilitySlo, burndown, coldStorage, fakeApi, ledger } from '../../__fixtures__/slos';
import { EntityHeadroomSloCard } from './EntityHeadroomSloCard';
import type { Entity } from '@backstage/catalog-model';

function renderCard(api: HeadroomApi, entity: Entity = ledger) {
  return renderInTestApp(
    <TestApiProvider apis={[[headroomApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityHeadroomSloCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityHeadroomSloCard', () => {
  it("shows each SLO's numbers as the backend reported them", async () => {
    const calls: [string, string, number | undefined][] = [];
    const api = fakeApi({
      listEntitySlos: async ref => {
        expect(ref).toBe('component:default/ledger');
        return [availabilitySlo()];
      },
      getSloBurndown: async (ref, name, points) => {
        calls.push([ref, name, points]);
        return burndown();
      },
    });
    await renderCard(api);
    const slo = await screen.findByTestId('slo-availability');
    const text = (field: string) =>
      within(slo).getByTestId(`slo-availability-${field}`).textContent;
    expect(text('objective')).toBe('99.95%');
    expect(text('sli')).toBe('99.971%');
    expect(text('budget')).toBe('42.5%');
    expect(text('exhaustion')).toBe('3d 4h');
    expect(text('age')).toBe('1m ago');
    expect(text('burn-5m')).toBe('0.30×');
    expect(text('burn-1h')).toBe('1.23×');
    expect(text('burn-6h')).toBe('14.4×');
    expect(within(slo).getByLabelText('Alert state: Ticket')).toBeInTheDocument();
    // The burndown over the whole window, not the stored evaluations: 120 points at most.
    expect(calls).toEqual([['component:default/ledger', 'availability', 120]]);
    const line = within(slo).getByRole('img', {
      name: 'Budget remaining of Ledger postings succeed over its 30d window',
    });
    // 118 px of time from x = 1: the points 10 days apart at 1, 40.3, 79.7 and 119; values from
    // 1 (y = 1) to 0 (y = 27): 1 → 1, 0.9 → 3.6, 0.6 → 11.4, 0.4246 → 27 − 11.04 = 16.0.
    expect(line.querySelector('polyline')).toHaveAttribute(
      'points',
      '1.0,1.0 40.3,3.6 79.7,11.4 119.0,16.0',
    );
    expect(within(slo).getByRole('link', { name: 'Ledger postings succeed' })).toHaveAttribute(
      'href',
      '/catalog/default/component/ledger/slos?slo=availability',
    );
  });

  it('says how to add SLOs to an entity without the annotation', async () => {
    await renderCard(fakeApi({ listEntitySlos: async () => [] }), coldStorage);
    expect(await screen.findByText('cold-storage has no SLOs yet')).toBeInTheDocument();
    expect(document.body).toHaveTextContent('headroom.dev/slo-file: ./slos.yaml');
  });

  it('says the file was not read yet when the annotation is there', async () => {
    await renderCard(fakeApi({ listEntitySlos: async () => [] }));
    expect(await screen.findByText('No SLOs read for ledger yet')).toBeInTheDocument();
  });

  it('says the backend is unreachable', async () => {
    await renderCard(
      fakeApi({
        listEntitySlos: async () => {
          throw new BackendUnreachableError(
            'http://localhost:7007/api/headroom/entities',
            new TypeError('Failed to fetch'),
          );
        },
      }),
    );
    expect(
      await screen.findByText('Error: The Headroom backend is unreachable'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Failed to fetch/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry now' })).toBeInTheDocument();
  });

  it("says when the caller may not read the entity's SLOs", async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotAllowedError',
          message: 'user:default/guest may not read the SLOs of component:default/ledger',
        },
        request: { method: 'GET', url: '/entities/component/default/ledger/slos' },
        response: { statusCode: 403 },
      }),
      { status: 403, statusText: 'Forbidden', headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    await renderCard(
      fakeApi({
        listEntitySlos: async () => {
          throw error;
        },
      }),
    );
    expect(await screen.findByText('Error: You may not read these SLOs')).toBeInTheDocument();
    expect(
      screen.getByText(/may not read the SLOs of component:default\/ledger/),
    ).toBeInTheDocument();
  });

  it('marks numbers stale when the latest evaluation failed, with since when', async () => {
    const slo = availabilitySlo({
      status: {
        ...availabilitySlo().status!,
        ageSeconds: 3 * 3600 + 120,
        lastAttemptAt: '2026-11-25T13:01:00.000Z',
        error: 'Prometheus at http://127.0.0.1:9090 unreachable: connect ECONNREFUSED',
      },
    });
    await renderCard(
      fakeApi({
        listEntitySlos: async () => [slo],
        getSloBurndown: async () => burndown(),
      }),
    );
    const notice = await screen.findByRole('status');
    expect(notice).toHaveTextContent(
      /^Stale: Evaluation failing since the last success at .* \(3h 2m ago\); these numbers are from then\./,
    );
    expect(notice).toHaveTextContent('connect ECONNREFUSED');
    expect(screen.getByTestId('slo-availability-budget')).toHaveTextContent('42.5%');
  });

  it('says an SLO was not evaluated yet', async () => {
    const slo = availabilitySlo({ status: null });
    await renderCard(
      fakeApi({
        listEntitySlos: async () => [slo],
        getSloBurndown: async () => burndown(),
      }),
    );
    expect(await screen.findByText('Not evaluated yet.')).toBeInTheDocument();
    expect(screen.getByTestId('slo-availability-sli')).toHaveTextContent('—');
    expect(screen.getByLabelText('Alert state: Not evaluated')).toBeInTheDocument();
  });

  it('says Prometheus could not be read for the burndown, and still shows the numbers', async () => {
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
    await renderCard(
      fakeApi({
        listEntitySlos: async () => [availabilitySlo()],
        getSloBurndown: async () => {
          throw error;
        },
      }),
    );
    const failed = await screen.findByTestId('slo-availability-burndown-error');
    expect(failed).toHaveTextContent('Burndown unavailable: Prometheus could not be read');
    expect(failed).toHaveAttribute('title', message);
    expect(screen.getByTestId('slo-availability-budget')).toHaveTextContent('42.5%');
    expect(screen.getByTestId('slo-availability-sli')).toHaveTextContent('99.971%');
    expect(screen.getByTestId('slo-availability-burn-1h')).toHaveTextContent('1.23×');
    expect(screen.queryByRole('img', { name: /over its 30d window/ })).not.toBeInTheDocument();
  });

  it('shows the numbers while the burndown is still loading', async () => {
    await renderCard(
      fakeApi({
        listEntitySlos: async () => [availabilitySlo()],
        getSloBurndown: () => new Promise(() => {}),
      }),
    );
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading the burndown of Ledger postings succeed',
      }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('slo-availability-budget')).toHaveTextContent('42.5%');
  });

  it('says when the window had no traffic to burn budget from', async () => {
    const empty = burndown({
      points: burndown().points.map(p => ({ t: p.t, remaining: null })),
    });
    await renderCard(
      fakeApi({
        listEntitySlos: async () => [availabilitySlo()],
        getSloBurndown: async () => empty,
      }),
    );
    expect(
      await screen.findByRole('img', {
        name: 'Budget remaining of Ledger postings succeed over its 30d window: no traffic in the window',
      }),
    ).toBeInTheDocument();
  });
});
