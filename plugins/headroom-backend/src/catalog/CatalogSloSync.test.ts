import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { CatalogSloSync } from './CatalogSloSync';

jest.setTimeout(30_000);

const slo = (target: number) => `apiVersion: openslo/v1
kind: SLO
metadata: { name: availability }
spec:
  service: wallet-api
  indicator:
    metadata: { name: wallet-api-availability }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: prometheus, spec: { query: 'http_requests_total{service="wallet-api",code=~"5.."}' } } }
        total: { metricSource: { type: prometheus, spec: { query: 'http_requests_total{service="wallet-api"}' } } }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: ${target} }]
`;

describe('CatalogSloSync', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-sync-'));
    fs.writeFileSync(path.join(dir, 'slos.yaml'), slo(0.999));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const component = (): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'wallet-api',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
        'headroom.dev/slo-file': './slos.yaml',
      },
    },
    spec: { owner: 'team-custody', system: 'custody-platform' },
  });
  const system: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'custody-platform', namespace: 'default' },
    spec: { owner: 'team-custody', domain: 'custody' },
  };
  const domain: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'custody', namespace: 'default' },
    spec: { owner: 'team-custody' },
  };

  it('stores file SLOs with owner and line of business, parses again only what changed, and drops SLOs of entities that left', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSloStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const syncSpy = jest.spyOn(store, 'syncFileSlos');
    let entities = [component(), system, domain];
    const catalog = catalogServiceMock({ entities });
    // The mock's query filter does not know "annotation exists": answer as the catalog would.
    catalog.queryEntities = async () => ({
      items: entities.filter(e => e.metadata.annotations?.['headroom.dev/slo-file']),
      totalItems: 1,
      pageInfo: {},
    });
    const makeSync = () =>
      new CatalogSloSync({
        catalog,
        auth: mockServices.auth(),
        reader: mockServices.urlReader.mock(),
        store,
        logger: mockServices.logger.mock(),
      });
    const sync = makeSync();

    expect(await sync.run()).toEqual({
      entities: 1,
      created: 1,
      updated: 0,
      deleted: 0,
      failed: 0,
    });
    const [stored] = await store.listByEntity('component:default/wallet-api');
    expect(stored).toMatchObject({
      origin: 'file',
      objective: 0.999,
      ownerRef: 'group:default/team-custody',
      lineOfBusiness: 'custody',
      sourceLocation: `${dir}/slos.yaml`,
      updatedBy: 'catalog',
    });

    expect(await sync.run()).toEqual({
      entities: 1,
      created: 0,
      updated: 0,
      deleted: 0,
      failed: 0,
    });
    expect(syncSpy).toHaveBeenCalledTimes(1);

    fs.writeFileSync(path.join(dir, 'slos.yaml'), slo(0.9995));
    expect(await sync.run()).toEqual({
      entities: 1,
      created: 0,
      updated: 1,
      deleted: 0,
      failed: 0,
    });
    expect((await store.listByEntity('component:default/wallet-api'))[0]).toMatchObject({
      objective: 0.9995,
      version: 2,
    });

    fs.writeFileSync(path.join(dir, 'slos.yaml'), slo(2));
    expect(await sync.run()).toMatchObject({ failed: 1, updated: 0 });
    expect((await store.listByEntity('component:default/wallet-api'))[0]?.objective).toBe(0.9995);

    entities = [system, domain];
    expect(await sync.run()).toEqual({
      entities: 0,
      created: 0,
      updated: 0,
      deleted: 1,
      failed: 0,
    });
    expect(await store.listByEntity('component:default/wallet-api')).toEqual([]);

    // Back in the catalog with the same file: parsed again, not skipped as "seen before".
    fs.writeFileSync(path.join(dir, 'slos.yaml'), slo(0.9995));
    entities = [component(), system, domain];
    expect(await sync.run()).toMatchObject({ created: 1 });
  });

  it('pages through a catalog larger than one page, asking only for the fields it reads', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSloStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const many = Array.from({ length: 250 }, (_, i): Entity => {
      const entity = component();
      return { ...entity, metadata: { ...entity.metadata, name: `wallet-${i}` } };
    });
    const catalog = catalogServiceMock({ entities: [...many, system, domain] });
    const query = jest.spyOn(catalog, 'queryEntities');
    const sync = new CatalogSloSync({
      catalog,
      auth: mockServices.auth(),
      reader: mockServices.urlReader.mock(),
      store,
      logger: mockServices.logger.mock(),
    });
    expect(await sync.run()).toEqual({
      entities: 250,
      created: 250,
      updated: 0,
      deleted: 0,
      failed: 0,
    });
    // 100 a page: three pages, each naming the fields.
    expect(query).toHaveBeenCalledTimes(3);
    for (const [request] of query.mock.calls) {
      expect(request).toMatchObject({ limit: 100, fields: expect.arrayContaining(['relations']) });
    }
    const stored = await store.listAll();
    expect(stored).toHaveLength(250);
    expect(new Set(stored.map(s => s.lineOfBusiness))).toEqual(new Set(['custody']));
  });
});
