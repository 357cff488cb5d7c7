import catalogPlugin from '@backstage/plugin-catalog-backend';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
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

jest.setTimeout(120_000);

/**
 * The release gate over evaluated SLOs, as a pipeline or Flagger calls it: the status code is
 * the answer. Real catalog, real Prometheus, the backend's own scheduled evaluation:
 * - ledger: two days of traffic, 1 % errors on the second against a 99.95 % objective, so its
 *   availability budget is spent (remaining 1 − 0.5 % / 0.05 % = −9): 409;
 * - card-issuing: the same volume without errors against 99.9 %: budget untouched, 200;
 * - fiat-onramp: in the catalog without SLOs: 412 under the default policy;
 * - a ref the catalog does not know: 404.
 */

const owner = 'user:default/hana.mori';
const permissions = ownerEditPermissions({ [owner]: [owner, 'group:default/team-payments'] }, {});
const STEP = 60;
const DAY = 86_400;
const T = Math.floor(Date.now() / 1000 / STEP) * STEP - 2 * STEP;
const S = T - 2 * DAY;

/** card-issuing: 100 good requests a step, never an error. */
function healthyOpenMetrics(): string {
  const ok: string[] = [];
  const err: string[] = [];
  let count = 0;
  for (let t = S; t <= T; t += STEP) {
    ok.push(`http_requests_total{service="card-issuing",code="200"} ${count} ${t}`);
    err.push(`http_requests_total{service="card-issuing",code="500"} 0 ${t}`);
    count += 100;
  }
  return [...ok, ...err].join('\n');
}

describe('release gate status codes', () => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;
  let prometheus: RunningPrometheus;
  let prometheusDir: string;
  let fixtureDir: string;
  const as = () => mockCredentials.user.header(owner);
  const gate = (body: Record<string, unknown>) =>
    request(server).post('/api/headroom/release-gate').set('Authorization', as()).send(body);

  beforeAll(async () => {
    const fixture = writeCatalogFixture();
    fixtureDir = fixture.dir;
    prometheusDir = tempDir('headroom-gate-');
    const ledger = ledgerOpenMetrics(S, T, STEP).replace('# EOF\n', '');
    backfill(`${ledger}${healthyOpenMetrics()}\n# EOF\n`, path.join(prometheusDir, 'data'));
    prometheus = await startPrometheus({ dir: prometheusDir });
    const backend = await startTestBackend({
      features: [
        headroomPlugin,
        catalogModuleHeadroomSlos,
        catalogPlugin,
        schedulerServiceFactory,
        permissions.factory,
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
              prometheus: { baseUrl: prometheus.url, timeoutMs: 5000 },
              evaluation: { schedulerIntervalSeconds: 1, defaultIntervalSeconds: 5 },
              delivery: { flaggerToken: 'flagger-hook-token' },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    // Both entities in the catalog (no 404) and their SLOs evaluated (no 412 "not evaluated").
    for (const entityRef of ['component:default/ledger', 'component:default/card-issuing']) {
      await eventually(
        async () => ([200, 409].includes((await gate({ entityRef })).status) ? true : undefined),
        90_000,
        `the SLOs of ${entityRef} to be evaluated`,
      );
    }
  });

  afterAll(async () => {
    await stop?.();
    await prometheus?.stop();
    fs.rmSync(fixtureDir, { recursive: true, force: true });
    fs.rmSync(prometheusDir, { recursive: true, force: true });
  });

  it('200: card-issuing has its budget, at a normal rhythm', async () => {
    const res = await gate({ entityRef: 'component:default/card-issuing' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      decision: 'allow',
      rhythm: 'normal',
      blockers: [],
      reasons: ["SLO 'availability': error budget remaining 100.0 %"],
    });
  });

  it('409: ledger has spent its availability budget; the body says why and under which policy', async () => {
    const res = await gate({ entityRef: 'component:default/ledger' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ decision: 'deny', rhythm: 'freeze' });
    expect(res.body.blockers).toContain('budget');
    expect(res.body.reasons).toContainEqual(
      expect.stringMatching(
        /^SLO 'availability': error budget remaining -\d+\.\d % is at or below the minimum 10\.0 %$/,
      ),
    );
    expect(res.body.policy.minBudgetRemaining).toBe(0.1);
  });

  it('409 for card-issuing too when the caller asks for a stricter minimum than its budget', async () => {
    const res = await gate({ entityRef: 'component:default/card-issuing', minBudgetRemaining: 1 });
    expect(res.status).toBe(409);
    expect(res.body.reasons).toEqual([
      "SLO 'availability': error budget remaining 100.0 % is at or below the minimum 100.0 %",
    ]);
  });

  it('412 for an entity without SLOs; 404 for one the catalog does not know', async () => {
    expect((await gate({ entityRef: 'component:default/fiat-onramp' })).status).toBe(412);
    const typo = await gate({ entityRef: 'component:default/card-isuing' });
    expect(typo.status).toBe(404);
    expect(typo.body.error.message).toContain('did you mean component:default/card-issuing?');
  });

  describe('Argo Rollouts web metric', () => {
    const analysis = (entityRef: string) =>
      request(server)
        .get('/api/headroom/delivery/argo/analysis')
        .query({ entityRef })
        .set('Authorization', as());

    it('answers 200 with data.ok for Argo to judge: true for card-issuing, false for ledger', async () => {
      const good = await analysis('component:default/card-issuing');
      expect(good.status).toBe(200);
      expect(good.body.data).toMatchObject({
        ok: true,
        decision: 'allow',
        rhythm: 'normal',
        budgetRemaining: 1,
        rollback: false,
      });
      const bad = await analysis('component:default/ledger');
      expect(bad.status).toBe(200);
      expect(bad.body.data).toMatchObject({ ok: false, decision: 'deny', rhythm: 'freeze' });
      expect(bad.body.data.budgetRemaining).toBeLessThan(0);
    });

    it("the documented AnalysisTemplate's url, jsonPath and successCondition give Successful and Failed", async () => {
      const docs = fs.readFileSync(
        path.resolve(__dirname, '../../../../docs/progressive-delivery.md'),
        'utf8',
      );
      const template = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)]
        .map(m => parse(m[1]!))
        .find(d => d.kind === 'AnalysisTemplate');
      const metric = template.spec.metrics[0];
      const web = metric.provider.web as { url: string; jsonPath: string };
      // Argo's jsonPath `{$.a.b}` and a successCondition reading one boolean of the result.
      const jsonPath = /^\{\$\.([\w.]+)\}$/.exec(web.jsonPath)![1]!.split('.');
      const condition = /^result\.([\w.]+)$/.exec(metric.successCondition)![1]!.split('.');
      const dig = (v: unknown, keys: string[]) =>
        keys.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], v);
      const measure = async (entityRef: string) => {
        const url = new URL(web.url.replace('{{ args.entity-ref }}', entityRef));
        const res = await request(server)
          .get(`${url.pathname}${url.search}`)
          .set('Authorization', as());
        if (res.status < 200 || res.status > 299) return 'Error';
        return dig(dig(res.body, jsonPath), condition) === true ? 'Successful' : 'Failed';
      };
      expect(await measure('component:default/card-issuing')).toBe('Successful');
      expect(await measure('component:default/ledger')).toBe('Failed');
      expect(await measure('component:default/fiat-onramp')).toBe('Failed');
      expect(await measure('component:default/ledgr')).toBe('Error');
    });

    it('404 for an entity the catalog does not know (a measurement error, not a verdict)', async () => {
      expect((await analysis('component:default/podinfo')).status).toBe(404);
    });
  });

  describe('Flagger webhooks', () => {
    const hook = (path: string, body: Record<string, unknown>) =>
      request(server)
        .post(`/api/headroom/delivery/flagger/${path}`)
        .set('Authorization', as())
        .send({ namespace: 'test', phase: 'Progressing', checksum: '85d557f47b', ...body });

    it('gate: 200 advances card-issuing, 409 halts ledger (named in metadata), 404 for an unknown canary', async () => {
      expect((await hook('gate', { name: 'card-issuing' })).status).toBe(200);
      const ledger = await hook('gate', {
        name: 'podinfo',
        metadata: { entityRef: 'component:default/ledger' },
      });
      expect(ledger.status).toBe(409);
      expect(ledger.body).toMatchObject({
        decision: 'deny',
        entityRef: 'component:default/ledger',
      });
      expect((await hook('gate', { name: 'podinfo' })).status).toBe(404);
      expect((await hook('gate', { name: 'fiat-onramp' })).status).toBe(412);
    });

    it('rollback: 200 (roll back now) while ledger pages, 409 (keep going) for card-issuing', async () => {
      const ledger = await hook('rollback', { name: 'ledger' });
      expect(ledger.status).toBe(200);
      expect(ledger.body).toEqual({
        rollback: true,
        entityRef: 'component:default/ledger',
        reasons: ["SLO 'availability': a page burn-rate alert is firing; roll the change back"],
      });
      const card = await hook('rollback', { name: 'card-issuing' });
      expect(card.status).toBe(409);
      expect(card.body.rollback).toBe(false);
    });

    it('Flagger sends no headers: metadata.token authenticates it, a wrong or missing one is 401', async () => {
      const tokenOnly = (token?: string) =>
        request(server)
          .post('/api/headroom/delivery/flagger/gate')
          .send({
            name: 'card-issuing',
            namespace: 'test',
            ...(token ? { metadata: { token } } : {}),
          });
      expect((await tokenOnly('flagger-hook-token')).status).toBe(200);
      const wrong = await tokenOnly('guess');
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.message).toBe(
        'metadata.token does not match headroom.delivery.flaggerToken',
      );
      expect((await tokenOnly()).status).toBe(401);
      // The Argo route is not opened by it: Argo sends a Backstage token in a header.
      const argo = await request(server)
        .get('/api/headroom/delivery/argo/analysis')
        .query({ entityRef: 'component:default/card-issuing' });
      expect(argo.status).toBe(401);
    });

    it('refuses a payload without the canary name, naming the field', async () => {
      const res = await request(server)
        .post('/api/headroom/delivery/flagger/gate')
        .set('Authorization', as())
        .send({ namespace: 'test' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('name');
    });
  });
});
