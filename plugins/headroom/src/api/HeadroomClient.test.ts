import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { HeadroomClient } from './HeadroomClient';

function client(answer: (url: string) => Response) {
  const urls: string[] = [];
  const discoveryApi: DiscoveryApi = {
    getBaseUrl: async id => `http://backstage.test/api/${id}`,
  };
  const fetchApi: FetchApi = {
    fetch: async input => {
      const url = String(input);
      urls.push(url);
      return answer(url);
    },
  };
  return { api: new HeadroomClient({ discoveryApi, fetchApi }), urls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('HeadroomClient', () => {
  it('reads an entity capacity assessment, and null when there is none', async () => {
    const { api, urls } = client(url =>
      url.includes('/ledger/')
        ? json({ version: 2 })
        : json({ error: { name: 'NotFoundError', message: 'no assessment' } }, 404),
    );
    expect(await api.getCapacityAssessment('component:default/ledger')).toEqual({ version: 2 });
    expect(await api.getCapacityAssessment('component:default/cold-storage')).toBeNull();
    expect(urls).toEqual([
      'http://backstage.test/api/headroom/capacity/entities/component/default/ledger/assessment',
      'http://backstage.test/api/headroom/capacity/entities/component/default/cold-storage/assessment',
    ]);
  });

  it("reads an SLO's burndown, with the number of points when given", async () => {
    const { api, urls } = client(() => json({ points: [] }));
    expect(await api.getSloBurndown('component:default/ledger', 'availability', 120)).toEqual({
      points: [],
    });
    await api.getSloBurndown('component:default/ledger', 'availability');
    expect(urls).toEqual([
      'http://backstage.test/api/headroom/entities/component/default/ledger/slos/availability/burndown?points=120',
      'http://backstage.test/api/headroom/entities/component/default/ledger/slos/availability/burndown',
    ]);
  });

  it('lists every assessment of an entity', async () => {
    const { api, urls } = client(() => json({ items: [{ version: 2 }, { version: 1 }] }));
    expect(await api.listCapacityAssessments('component:default/ledger')).toEqual([
      { version: 2 },
      { version: 1 },
    ]);
    expect(urls).toEqual([
      'http://backstage.test/api/headroom/capacity/entities/component/default/ledger/assessments',
    ]);
  });

  it('still fails on a 404 of a route that does not answer null', async () => {
    const { api } = client(() =>
      json({ error: { name: 'NotFoundError', message: 'no such route' } }, 404),
    );
    await expect(api.getCapacityCoverage()).rejects.toMatchObject({ name: 'ResponseError' });
  });

  it('puts cost queries in the query string, leaving out absent fields', async () => {
    const { api, urls } = client(() => json({ items: [] }));
    await api.getEntityCost('component:default/ledger', { grain: 'day', view: 'effective' });
    await api.getEntityCostDrivers('component:default/ledger', {
      view: 'billed',
      from: '2026-10-01',
      limit: 5,
    });
    await api.getEntityUnitCost('component:default/ledger', { grain: 'month' });
    await api.getCostRollup({ by: 'owner', grain: 'month', view: 'billed', from: '2026-06-01' });
    await api.getLineOfBusinessCost('spot & margin', { view: 'effective' });
    expect(urls.map(u => u.replace('http://backstage.test/api/headroom/', ''))).toEqual([
      'cost/entities/component/default/ledger?grain=day&view=effective',
      'cost/entities/component/default/ledger/drivers?view=billed&from=2026-10-01&limit=5',
      'cost/entities/component/default/ledger/unit-cost?grain=month',
      'cost/rollup?by=owner&grain=month&view=billed&from=2026-06-01',
      'cost/lines-of-business/spot%20%26%20margin?view=effective',
    ]);
  });

  it('reads recommendations and anomalies of an entity and of a line of business', async () => {
    const { api, urls } = client(() => json({ items: [], totals: [] }));
    await api.listEntityRecommendations('component:default/market-data');
    await api.listLineOfBusinessRecommendations('spot');
    await api.listCostAnomalies({ entityRef: 'component:default/card-issuing' });
    await api.listCostAnomalies({ lineOfBusiness: 'payments', minScore: 0.5 });
    expect(urls.map(u => u.replace('http://backstage.test/api/headroom/', ''))).toEqual([
      'optimise/entities/component/default/market-data/recommendations',
      'optimise/lines-of-business/spot/recommendations',
      'optimise/anomalies?entityRef=component%3Adefault%2Fcard-issuing',
      'optimise/anomalies?minScore=0.5&lob=payments',
    ]);
  });
});
