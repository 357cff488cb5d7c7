import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import React from 'react';
import { headroomApiRef, type CostAnomalyQuery, type HeadroomApi } from '../../api';
import { fakeApi } from '../../__fixtures__/slos';
import { formatTime } from '../../lib/format';
import { responseError } from '../Cost/testing';
import { EntityHeadroomOptimisationCard } from './EntityHeadroomOptimisationCard';
import {
  anomalies,
  cardIssuingAnomaly,
  increaseAndSupplied,
  marketDataRecommendations,
  noRecommendations,
} from './fixtures';

const marketData: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'market-data', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-data' },
};

function renderCard(api: HeadroomApi, entity: Entity = marketData) {
  return renderInTestApp(
    <TestApiProvider apis={[[headroomApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityHeadroomOptimisationCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const cells = (testId: string) =>
  [...screen.getByTestId(testId).querySelectorAll('td')].map(c => c.textContent);

describe('EntityHeadroomOptimisationCard', () => {
  it('shows open recommendations with their savings, realised savings and anomalies', async () => {
    const anomalyQueries: CostAnomalyQuery[] = [];
    await renderCard(
      fakeApi({
        listEntityRecommendations: async ref => {
          expect(ref).toBe('component:default/market-data');
          return marketDataRecommendations();
        },
        listCostAnomalies: async query => {
          anomalyQueries.push(query);
          return anomalies(
            cardIssuingAnomaly({
              id: 'a-md',
              entityRef: 'component:default/market-data',
              value: 1234.5678,
              expected: 600,
              score: 0.5,
              text: 'market-data cost 1,234.57 USD, usually 600.00 USD',
            }),
          );
        },
      }),
    );
    expect(await screen.findByTestId('savings-USD')).toHaveTextContent(
      'Potential savings 1,180.47 USD a month from 1 open recommendation; realised 310.01 USD a month from 1 verified.',
    );
    expect(cells('recommendation-rec-1')).toEqual([
      'Scale down (over-provisioned) Deployment/spot/market-data/app',
      '6 × 2 cores, 4 GiB',
      '2 × 2 cores, 4 GiB',
      '1,180.47 USD',
      'low',
      'proposed',
    ]);
    expect(screen.queryByTestId('recommendation-rec-0')).not.toBeInTheDocument();
    expect(screen.getByTestId('realised-rec-0')).toHaveTextContent(
      'Deployment/spot/market-data/fanout: 310.01 USD a month of 350.00 USD expected (verified)',
    );
    expect(cells('anomaly-a-md')).toEqual([
      formatTime('2026-11-23T00:00:00.000Z'),
      'cost',
      '1,234.57 USD',
      '600.00 USD',
      '0.50',
      'market-data cost 1,234.57 USD, usually 600.00 USD',
    ]);
    expect(anomalyQueries).toEqual([
      {
        entityRef: 'component:default/market-data',
        from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    ]);
  });

  it('lists an increase under risk, not savings, and supplied figures apart from realised', async () => {
    await renderCard(
      fakeApi({
        listEntityRecommendations: async () => increaseAndSupplied(),
        listCostAnomalies: async () => anomalies(),
      }),
    );
    const increases = await screen.findByRole('table', { name: 'Capacity to add' });
    expect(increases).toContainElement(screen.getByTestId('recommendation-rec-up'));
    expect(cells('recommendation-rec-up')).toEqual([
      'Scale up (under-provisioned) Deployment/spot/market-data/app',
      '6 × 2 cores, 4 GiB',
      '8 × 2 cores, 4 GiB',
      '120.50 USD',
      'medium',
      'proposed',
    ]);
    const savings = screen.getByRole('table', { name: 'Open recommendations' });
    expect(savings).not.toContainElement(screen.getByTestId('recommendation-rec-up'));
    expect(screen.getByText('Costs a month more')).toBeInTheDocument();
    expect(screen.getByTestId('supplied-rec-sup')).toHaveTextContent(
      'Deployment/spot/market-data/fanout: 506.94 USD a month supplied by a caller (applied)',
    );
    expect(screen.queryByTestId('realised-rec-sup')).not.toBeInTheDocument();
  });

  it('says there is nothing to do when there are no recommendations or anomalies', async () => {
    await renderCard(
      fakeApi({
        listEntityRecommendations: async () => noRecommendations(),
        listCostAnomalies: async () => anomalies(),
      }),
    );
    expect(await screen.findByText('No open recommendations.')).toBeInTheDocument();
    expect(screen.getByText('No cost anomalies in the last 30 days.')).toBeInTheDocument();
  });

  it('names what failed on a server error', async () => {
    const error = await responseError(
      500,
      'Internal Server Error',
      'optimisation store unavailable',
    );
    await renderCard(
      fakeApi({
        listEntityRecommendations: async () => {
          throw error;
        },
        listCostAnomalies: async () => anomalies(),
      }),
    );
    expect(
      await screen.findByText(
        'Error: Could not load the recommendations and anomalies of market-data: the Headroom backend answered 500 Internal Server Error',
      ),
    ).toBeInTheDocument();
  });

  it('says when the caller may not read them', async () => {
    const error = await responseError(403, 'Forbidden', 'user:default/guest may not read cost');
    await renderCard(
      fakeApi({
        listEntityRecommendations: async () => noRecommendations(),
        listCostAnomalies: async () => {
          throw error;
        },
      }),
    );
    expect(
      await screen.findByText(
        'Error: You may not read the recommendations and anomalies of market-data',
      ),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderCard(
      fakeApi({
        listEntityRecommendations: () => new Promise(() => {}),
        listCostAnomalies: async () => anomalies(),
      }),
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });
});
