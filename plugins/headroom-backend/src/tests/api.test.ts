import catalogPlugin from '@backstage/plugin-catalog-backend';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { SloInput } from '@headroom/plugin-headroom-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  backfill,
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from '../../../../test/prometheus/prometheus';
import { ledgerOpenMetrics } from '../__fixtures__/ledgerHistory';
import { catalogModuleHeadroomSlos } from '../catalog/module';
import { ownerEditPermissions } from '../__fixtures__/ownerPolicy';
import { headroomPlugin } from '../plugin';
import { eventually, writeCatalogFixture } from './catalogFixture';

jest.setTimeout(90_000);

const owner = 'user:default/hana.mori';
const outsider = 'user:default/chen.wei';
const ownership: Record<string, string[]> = {
  [owner]: [owner, 'group:default/team-payments'],
  [outsider]: [outsider, 'group:default/team-data'],
};
/** Users under a stricter read policy: they read only the SLOs of entities their groups own. */
const payingReader = 'user:default/omar.haddad';
const dataReader = 'user:default/ines.rossi';
const readScopes: Record<string, string[]> = {
  [payingReader]: [payingReader, 'group:default/team-payments'],
  [dataReader]: [dataReader, 'group:default/team-data'],
};

/**
 * The policy a real deployment uses for Headroom: everyone reads, owners edit. Written as the
 * permission backend would answer, so the plugin's conditional handling is what is tested.
 */
/** Everyone reads, only members of the owning group edit. */
const permissions = ownerEditPermissions(ownership, readScopes);

const validInput: SloInput = {
  name: 'latency',
  displayName: 'Postings under 250 ms',
  objective: 0.99,
  window: '30d',
  indicator: {
    type: 'ratio',
    good: 'http_request_duration_seconds_bucket{service="ledger",le="0.25"}',
    total: 'http_request_duration_seconds_count{service="ledger"}',
  },
};

const STEP = 60;
const DAY = 86_400;
/** End of the backfilled traffic: a whole minute just before the tests run. */
const T = Math.floor(Date.now() / 1000 / STEP) * STEP - 2 * STEP;
const S = T - 2 * DAY;

describe('headroom backend with the real catalog', () => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;
  let fixtureDir: string;
  let breakCardIssuing: () => void;
  let prometheus: RunningPrometheus;
  let prometheusDir: string;
  const base = '/api/headroom/entities/component/default';
  const as = (user: string) => mockCredentials.user.header(user);

  beforeAll(async () => {
    const fixture = writeCatalogFixture();
    fixtureDir = fixture.dir;
    breakCardIssuing = fixture.breakCardIssuing;
    prometheusDir = tempDir('headroom-api-');
    backfill(ledgerOpenMetrics(S, T, STEP), path.join(prometheusDir, 'data'));
    prometheus = await startPrometheus({ dir: prometheusDir });
    const backend = await startTestBackend({
      features: [
        headroomPlugin,
        catalogModuleHeadroomSlos,
        catalogPlugin,
        schedulerServiceFactory,
        permissions.factory,
        // As in production: a request without a token is nobody.
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Component', 'System', 'Domain', 'Group', 'User', 'Location'] }],
              locations: [{ type: 'file', target: fixture.location }],
              processingInterval: { seconds: 2 },
            },
            headroom: {
              catalogSync: { intervalSeconds: 1 },
              api: { maxBodyBytes: 16384 },
              // Only the preview queries Prometheus here: stored statuses stay unevaluated.
              prometheus: { baseUrl: prometheus.url, timeoutMs: 5000 },
              evaluation: { enabled: false },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    await eventually(
      async () => {
        const res = await request(server)
          .get(`${base}/ledger/slos`)
          .set('Authorization', as(owner));
        return res.body.items?.length === 2 ? res.body : undefined;
      },
      60_000,
      'the SLOs of ledger to be synced from the catalog',
    );
  });

  afterAll(async () => {
    await stop?.();
    await prometheus?.stop();
    fs.rmSync(fixtureDir, { recursive: true, force: true });
    fs.rmSync(prometheusDir, { recursive: true, force: true });
  });

  it('serves the SLOs declared in the file the entity annotation points to, with owner and line of business from the catalog', async () => {
    const res = await request(server).get(`${base}/ledger/slos`).set('Authorization', as(owner));
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: { name: string }) => s.name)).toEqual(['availability', 'errors']);
    const availability = res.body.items[0];
    expect(availability).toMatchObject({
      entityRef: 'component:default/ledger',
      origin: 'file',
      version: 1,
      objective: 0.9995,
      window: '30d',
      ownerRef: 'group:default/team-payments',
      lineOfBusiness: 'payments',
      updatedBy: 'catalog',
      status: null,
    });
    expect(availability.sourceLocation).toBe(`${fixtureDir}/ledger/slos.yaml`);
    expect(availability.definition).toMatchObject({ apiVersion: 'openslo/v1', kind: 'SLO' });
  });

  it('reports a broken SLO file as a processing error on the entity, with the field path, and keeps the last good SLOs', async () => {
    const slosOf = async () =>
      (await request(server).get(`${base}/card-issuing/slos`).set('Authorization', as(owner))).body
        .items as { name: string; objective: number; version: number }[];
    await eventually(
      async () => ((await slosOf()).length === 1 ? true : undefined),
      30_000,
      'card-issuing SLOs',
    );
    breakCardIssuing();
    const errors = await eventually(
      async () => {
        const res = await request(server)
          .get('/api/catalog/entities/by-name/component/default/card-issuing')
          .set('Authorization', as(owner));
        const items = res.body?.status?.items as { error: { message: string } }[] | undefined;
        return items && items.length > 0 ? items : undefined;
      },
      30_000,
      'the processing error of card-issuing',
    );
    const messages = errors.map(e => e.error.message).join('\n');
    expect(messages).toContain('headroom.dev/slo-file');
    expect(messages).toContain(`${fixtureDir}/card-issuing/slos.yaml`);
    expect(messages).toContain('spec.objectives[0].target');
    // Give the sync time to run over the broken file: the stored SLO must not change.
    await new Promise(r => setTimeout(r, 2500));
    expect((await slosOf()).map(s => [s.name, s.objective, s.version])).toEqual([
      ['availability', 0.999, 1],
    ]);
  });

  it('gives an entity without SLOs an empty summary', async () => {
    const res = await request(server)
      .get(`${base}/fiat-onramp/summary`)
      .set('Authorization', as(owner));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'component:default/fiat-onramp',
      sloCount: 0,
      compliantCount: 0,
      budgetRemainingMin: null,
      worstBurnRate: null,
      slos: [],
    });
  });

  it('rolls SLOs up per owner and per line of business, counting only evaluated SLOs in compliance', async () => {
    const owners = await request(server)
      .get('/api/headroom/rollups/owners')
      .set('Authorization', as(owner));
    expect(owners.status).toBe(200);
    expect(owners.body.items).toEqual([
      {
        key: 'group:default/team-payments',
        sloCount: 3,
        evaluatedCount: 0,
        compliantCount: 0,
        compliance: null,
        budgetRemainingMin: null,
        budgetRemainingMean: null,
        worstBurnRate: null,
        worstSlo: null,
      },
    ]);
    const lobs = await request(server)
      .get('/api/headroom/rollups/lines-of-business')
      .set('Authorization', as(owner));
    expect(
      lobs.body.items.map((r: { key: string; sloCount: number }) => [r.key, r.sloCount]),
    ).toEqual([['payments', 3]]);
  });

  it('serves Prometheus rules for every SLO as a rule file', async () => {
    const res = await request(server).get('/api/headroom/rules').set('Authorization', as(owner));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/yaml');
    expect(res.text).toContain('groups:');
    for (const service of ['ledger', 'card-issuing']) {
      expect(res.text).toContain(`http_requests_total{service="${service}",code=~"5.."}`);
    }
  });

  it('denies a release while SLOs have not been evaluated, and one for an entity without SLOs (412: nothing can vouch for it)', async () => {
    const ledger = await request(server)
      .post('/api/headroom/release-gate')
      .set('Authorization', as(owner))
      .send({ entityRef: 'component:default/ledger' });
    expect(ledger.status).toBe(412);
    expect(ledger.body.decision).toBe('deny');
    expect(ledger.body.reasons).toEqual([
      "SLO 'availability' has not been evaluated yet",
      "SLO 'errors' has not been evaluated yet",
    ]);
    expect(ledger.body).toMatchObject({ rhythm: 'freeze', blockers: ['not-evaluated'] });
    const onramp = await request(server)
      .post('/api/headroom/release-gate')
      .set('Authorization', as(owner))
      .send({ entityRef: 'component:fiat-onramp' });
    expect(onramp.status).toBe(412);
    expect(onramp.body).toMatchObject({
      decision: 'deny',
      entityRef: 'component:default/fiat-onramp',
      rhythm: 'freeze',
      blockers: ['no-slos'],
      reasons: [
        'component:default/fiat-onramp has no SLOs: no error budget can vouch for this release (policy withoutSlos: deny)',
      ],
    });
    // No configuration: core's one default policy, the one `headroom gate` applies.
    expect(onramp.body.policy).toEqual({
      minBudgetRemaining: 0.1,
      cautionBudgetRemaining: 0.25,
      maxStatusAgeSeconds: 900,
      withoutSlos: 'deny',
      denyOnPage: true,
      denyOnTicket: false,
    });
    const bad = await request(server)
      .post('/api/headroom/release-gate')
      .set('Authorization', as(owner))
      .send({ entityRef: 'ledger; drop table' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('entityRef');
  });

  it('refuses a release of an entity the catalog does not know (404), naming the closest ones', async () => {
    const typo = await request(server)
      .post('/api/headroom/release-gate')
      .set('Authorization', as(owner))
      .send({ entityRef: 'component:default/ledgr' });
    expect(typo.status).toBe(404);
    expect(typo.body.error.message).toBe(
      'No entity component:default/ledgr in the catalog: the release gate only judges catalog entities; did you mean component:default/ledger?',
    );
    const unknown = await request(server)
      .post('/api/headroom/release-gate')
      .set('Authorization', as(owner))
      .send({ entityRef: 'component:default/payment-router' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'No entity component:default/payment-router in the catalog: the release gate only judges catalog entities',
    );
  });

  it('serves the status of an SLO that was never evaluated as null, with no snapshots', async () => {
    const res = await request(server)
      .get(`${base}/ledger/slos/availability/status`)
      .set('Authorization', as(owner));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: null, snapshots: [] });
  });

  describe('the list of all SLOs', () => {
    const list = (user: string, query: string) =>
      request(server).get(`/api/headroom/slos${query}`).set('Authorization', as(user));
    const refs = (res: request.Response) =>
      res.body.items.map((s: { entityRef: string; name: string }) => `${s.entityRef}#${s.name}`);
    const all = [
      'component:default/card-issuing#availability',
      'component:default/ledger#availability',
      'component:default/ledger#errors',
    ];

    it('lists every readable SLO with its status, ordered by entity and name', async () => {
      const res = await list(owner, '');
      expect(res.status).toBe(200);
      expect(refs(res)).toEqual(all);
      expect(res.body.totalCount).toBe(3);
      expect(res.body.items[1]).toMatchObject({
        ownerRef: 'group:default/team-payments',
        lineOfBusiness: 'payments',
        origin: 'file',
        status: null,
      });
    });

    it('filters by owner, line of business and entity', async () => {
      const q = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;
      expect(refs(await list(owner, q({ owner: 'group:default/team-payments' })))).toEqual(all);
      expect(refs(await list(owner, q({ owner: 'group:default/team-data' })))).toEqual([]);
      expect(refs(await list(owner, q({ lineOfBusiness: 'payments' })))).toEqual(all);
      expect(refs(await list(owner, q({ lineOfBusiness: 'lending' })))).toEqual([]);
      // A ref without namespace means the default one, as everywhere in Backstage.
      expect(refs(await list(owner, q({ entityRef: 'component:ledger' })))).toEqual(all.slice(1));
      expect(
        refs(
          await list(
            owner,
            q({ entityRef: 'component:default/ledger', owner: 'group:default/team-data' }),
          ),
        ),
      ).toEqual([]);
    });

    it('pages with limit and offset after the permission filter', async () => {
      const page = await list(owner, '?limit=2&offset=1');
      expect(refs(page)).toEqual(all.slice(1, 3));
      expect(page.body.totalCount).toBe(3);
      expect(refs(await list(owner, '?limit=1000&offset=3'))).toEqual([]);
    });

    it('leaves out the SLOs a conditional read decision does not allow', async () => {
      const paying = await list(payingReader, '');
      expect(refs(paying)).toEqual(all);
      const data = await list(dataReader, '');
      expect(data.status).toBe(200);
      expect(data.body).toEqual({ items: [], totalCount: 0 });
    });

    it.each([
      ['limit=1001', /limit .* is 1001; the maximum is 1000/],
      ['limit=0', /limit must match pattern/],
      ['limit=ten', /limit must match pattern/],
      ['offset=-1', /offset must match pattern/],
      ['entityRef=ledger', /entityRef/],
    ])('answers ?%s with 400 naming the parameter', async (query, message) => {
      const res = await list(owner, `?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  });

  it('requires Backstage auth', async () => {
    const res = await request(server).get(`${base}/ledger/slos`);
    expect(res.status).toBe(401);
  });

  describe('editing', () => {
    afterEach(async () => {
      const current = await request(server)
        .get(`${base}/ledger/slos/latency`)
        .set('Authorization', as(owner));
      if (current.status === 200) {
        await request(server)
          .delete(`${base}/ledger/slos/latency?version=${current.body.version}`)
          .set('Authorization', as(owner));
      }
    });

    it('lets a member of the owning group create, update and delete, with versions, history and 409 on a stale version', async () => {
      const created = await request(server)
        .post(`${base}/ledger/slos`)
        .set('Authorization', as(owner))
        .send(validInput);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'latency',
        origin: 'api',
        version: 1,
        updatedBy: owner,
        ownerRef: 'group:default/team-payments',
        lineOfBusiness: 'payments',
      });

      const updated = await request(server)
        .put(`${base}/ledger/slos/latency`)
        .set('Authorization', as(owner))
        .send({ version: 1, slo: { ...validInput, objective: 0.995 } });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ version: 2, objective: 0.995 });

      const stale = await request(server)
        .put(`${base}/ledger/slos/latency`)
        .set('Authorization', as(owner))
        .send({ version: 1, slo: { ...validInput, objective: 0.9 } });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toContain('at version 2, not 1');

      const history = await request(server)
        .get(`${base}/ledger/slos/latency/history`)
        .set('Authorization', as(owner));
      expect(
        history.body.items.map((v: { version: number; change: string }) => [v.version, v.change]),
      ).toEqual([
        [2, 'update'],
        [1, 'create'],
      ]);
      expect(history.body.items[0].diff).toEqual([
        { path: 'objective.target', before: 0.99, after: 0.995 },
      ]);

      const staleDelete = await request(server)
        .delete(`${base}/ledger/slos/latency?version=1`)
        .set('Authorization', as(owner));
      expect(staleDelete.status).toBe(409);
      const deleted = await request(server)
        .delete(`${base}/ledger/slos/latency?version=2`)
        .set('Authorization', as(owner));
      expect(deleted.status).toBe(204);
      const gone = await request(server)
        .get(`${base}/ledger/slos/latency`)
        .set('Authorization', as(owner));
      expect(gone.status).toBe(404);
    });

    it('refuses edits by someone outside the owning group with 403, and stores nothing', async () => {
      const res = await request(server)
        .post(`${base}/ledger/slos`)
        .set('Authorization', as(outsider))
        .send(validInput);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('group:default/team-payments');
      const list = await request(server)
        .get(`${base}/ledger/slos`)
        .set('Authorization', as(outsider));
      expect(list.status).toBe(200);
      expect(list.body.items.map((s: { name: string }) => s.name)).toEqual([
        'availability',
        'errors',
      ]);
    });

    it('refuses to edit an SLO that lives in a file, naming the file', async () => {
      const current = await request(server)
        .get(`${base}/ledger/slos/availability`)
        .set('Authorization', as(owner));
      const res = await request(server)
        .put(`${base}/ledger/slos/availability`)
        .set('Authorization', as(owner))
        .send({ version: current.body.version, slo: { ...validInput, name: 'availability' } });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('ledger/slos.yaml');
    });

    it('answers 404 for an entity that is not in the catalog', async () => {
      const res = await request(server)
        .post(`${base}/no-such-service/slos`)
        .set('Authorization', as(owner))
        .send(validInput);
      expect(res.status).toBe(404);
    });

    // Every bad body names an SLO that never existed, so "nothing stored" means no history at all.
    const badBase: SloInput = { ...validInput, name: 'freshness' };
    const badInputs: [string, () => request.Test, RegExp][] = [
      [
        'malformed JSON',
        () =>
          request(server)
            .post(`${base}/ledger/slos`)
            .set('Authorization', as(owner))
            .set('Content-Type', 'application/json')
            .send('{"name": "latency", "objective": 0.99,'),
        /not valid JSON/,
      ],
      [
        'an unknown field',
        () =>
          request(server)
            .post(`${base}/ledger/slos`)
            .set('Authorization', as(owner))
            .send({ ...badBase, owner: 'group:default/team-data' }),
        /additional properties/,
      ],
      [
        'an unknown field inside the indicator',
        () =>
          request(server)
            .post(`${base}/ledger/slos`)
            .set('Authorization', as(owner))
            .send({ ...badBase, indicator: { ...validInput.indicator, query: 'up' } }),
        /indicator.*additional properties/,
      ],
      [
        'an objective of 1.5',
        () =>
          request(server)
            .post(`${base}/ledger/slos`)
            .set('Authorization', as(owner))
            .send({ ...badBase, objective: 1.5 }),
        /objective must be < 1/,
      ],
      [
        'an objective of 0',
        () =>
          request(server)
            .post(`${base}/ledger/slos`)
            .set('Authorization', as(owner))
            .send({ ...badBase, objective: 0 }),
        /objective must be > 0/,
      ],
      [
        'a body over the size limit',
        () =>
          request(server)
            .post(`${base}/ledger/slos`)
            .set('Authorization', as(owner))
            .send({ ...badBase, description: 'x'.repeat(20_000) }),
        /limit is 16384 bytes/,
      ],
      [
        'a name with quotes',
        () =>
          request(server)
            .post(`${base}/ledger/slos`)
            .set('Authorization', as(owner))
            .send({ ...badBase, name: 'lat"ency' }),
        /name must match pattern/,
      ],
      [
        'a display name with markup',
        () =>
          request(server)
            .post(`${base}/ledger/slos`)
            .set('Authorization', as(owner))
            .send({ ...badBase, displayName: '<script>alert(1)</script>' }),
        /displayName must match pattern/,
      ],
      [
        'both good and bad events',
        () =>
          request(server)
            .post(`${base}/ledger/slos`)
            .set('Authorization', as(owner))
            .send({ ...badBase, indicator: { ...validInput.indicator, bad: 'x_total' } }),
        /indicator: needs exactly one of bad and good/,
      ],
      [
        'a window that is not a duration',
        () =>
          request(server)
            .post(`${base}/ledger/slos`)
            .set('Authorization', as(owner))
            .send({ ...badBase, window: 'a month' }),
        /window must match pattern/,
      ],
    ];

    it.each(badInputs)(
      'answers %s with 400 and a clear message, storing nothing',
      async (_what, send, message) => {
        const res = await send();
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
        const list = await request(server)
          .get(`${base}/ledger/slos`)
          .set('Authorization', as(owner));
        expect(list.body.items.map((s: { name: string }) => s.name)).toEqual([
          'availability',
          'errors',
        ]);
        const history = await request(server)
          .get(`${base}/ledger/slos/freshness/history`)
          .set('Authorization', as(owner));
        expect(history.status).toBe(404);
      },
    );
  });

  // Last: its final test stops Prometheus.
  describe('preview', () => {
    const errorsInput: SloInput = {
      name: 'preview-errors',
      objective: 0.99,
      window: '30d',
      indicator: {
        type: 'ratio',
        bad: 'http_requests_total{service="ledger",code=~"5.."}',
        total: 'http_requests_total{service="ledger"}',
      },
    };
    const preview = (user: string, body: object) =>
      request(server).post(`${base}/ledger/slos/preview`).set('Authorization', as(user)).send(body);
    const expectNothingStored = async () => {
      const res = await request(server)
        .get(`${base}/ledger/slos/preview-errors/history`)
        .set('Authorization', as(owner));
      expect(res.status).toBe(404);
    };

    it('evaluates the definition now on what Prometheus holds, with the burndown, and stores nothing', async () => {
      const res = await preview(owner, errorsInput);
      expect(res.status).toBe(200);
      // 288 000 requests over two days, 1 440 of them errors: SLI 0.995, and half of the 1 %
      // budget of a 99 % objective (2 880 errors) spent. The last hour has 1 % errors: burn rate 1.
      expect(res.body.sli).toBeCloseTo(0.995, 9);
      expect(res.body.budgetRemaining).toBeCloseTo(0.5, 9);
      expect(
        res.body.burnRates.find((b: { window: string }) => b.window === '1h').rate,
      ).toBeCloseTo(1, 9);
      expect(res.body.alertState).toBe('ok');
      const at = Date.parse(res.body.evaluatedAt) / 1000;
      const points = res.body.burndown as { t: number; remaining: number }[];
      // One point an hour (30 days / 720) from the window start, and the evaluation time last.
      expect(points).toHaveLength(721);
      expect(points[0]!.t).toBe(at - 30 * DAY);
      expect(points.at(-1)).toEqual({ t: at, remaining: expect.closeTo(0.5, 9) });
      for (const { t, remaining } of points) {
        // Errors up to t: one a minute after the first day, 1 440 at most.
        const errors = Math.min(1440, Math.max(0, Math.floor((t - S - DAY) / STEP)));
        expect(remaining).toBeCloseTo(1 - errors / 2880, 9);
      }
      await expectNothingStored();
    });

    it.each([
      ['an objective of 1.5', { ...errorsInput, objective: 1.5 }, /objective must be < 1/],
      [
        'both good and bad events',
        { ...errorsInput, indicator: { ...errorsInput.indicator, good: 'x_total' } },
        /indicator: needs exactly one of bad and good/,
      ],
      [
        'a window that is not a duration',
        { ...errorsInput, window: 'a month' },
        /window must match pattern/,
      ],
    ])('validates the body as on create: %s gives 400', async (_what, body, message) => {
      const res = await preview(owner, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      await expectNothingStored();
    });

    it('needs the edit permission, like create', async () => {
      const res = await preview(outsider, errorsInput);
      expect(res.status).toBe(403);
    });

    it('answers 503 with the error when Prometheus cannot be queried, never made-up numbers', async () => {
      await prometheus.stop();
      const res = await preview(owner, errorsInput);
      expect(res.status).toBe(503);
      expect(res.body.error.message).toContain("SLO 'preview-errors'");
      expect(res.body.error.message).toContain(prometheus.url);
      expect(res.body.sli).toBeUndefined();
      await expectNothingStored();
    });
  });
});
