import catalogPlugin from '@backstage/plugin-catalog-backend';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult, isPermission } from '@backstage/plugin-permission-common';
import { formatMoney, normaliseTagValue, parseMoney, type Money } from '@headroom/core';
import { importFocus } from '@headroom/cost';
import { headroomCostImportPermission } from '@headroom/plugin-headroom-common';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { referenceDir } from '../../../../test/reference';
import {
  backfill,
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from '../../../../test/prometheus/prometheus';
import { headroomPlugin } from '../plugin';
import { eventually } from '../tests/catalogFixture';

jest.setTimeout(120_000);

const SAMPLE = path.join(referenceDir('focus'), 'focus_sample.csv');
const OPENCOST = path.join(
  referenceDir('opencost'),
  'allocation_compute_window2d_aggregate_namespace.swagger-example.json',
);
const hana = 'user:default/hana.mori';
const chen = 'user:default/chen.wei';
const as = (user: string) => mockCredentials.user.header(user);
const DAY = 86_400;
/** Two whole UTC days, three and two days ago: the days of the unit-cost data. */
const D0 = Math.floor(Date.now() / 1000 / DAY) * DAY - 3 * DAY;
const isoDay = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);

/** Everyone reads; chen.wei may not import. */
const permissions = mockServices.permissions.mock({
  authorizeConditional: async queries => queries.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorize: async (queries, options) =>
    queries.map(({ permission }) => {
      const principal = options?.credentials.principal as { userEntityRef?: string } | undefined;
      return isPermission(permission, headroomCostImportPermission) &&
        principal?.userEntityRef === chen
        ? { result: AuthorizeResult.DENY }
        : { result: AuthorizeResult.ALLOW };
    }),
});

function writeCatalog(dir: string): string {
  const component = (
    name: string,
    annotations: Record<string, string>,
    extra = 'owner: team-payments\n  system: payments-platform',
  ) => `---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations: ${JSON.stringify(annotations)}
spec:
  type: service
  lifecycle: production
  ${extra}
`;
  const driver = (service: string) => ({
    'headroom.dev/unit-cost-query': `headroom_test_qps{service="${service}"}`,
    'headroom.dev/unit-cost-driver': 'request',
  });
  fs.writeFileSync(
    path.join(dir, 'catalog.yaml'),
    `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-payments }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-data }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Domain
metadata:
  name: payments
  annotations: { headroom.dev/line-of-business: payments }
spec: { owner: team-payments }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: payments-platform }
spec: { owner: team-payments, domain: payments }
${component('ledger', { 'headroom.dev/cost-tags': 'business_unit=PeoriaData', ...driver('ledger') })}${component('card-issuing', driver('card-issuing'))}${component('fiat-onramp', driver('fiat-onramp'))}${component('payouts', driver('payouts'))}${component('platform-kube', { 'backstage.io/kubernetes-namespace': 'kube-system' }, 'owner: team-data')}${component('odd-tags', { 'headroom.dev/cost-tags': 'nonsense' }, 'owner: team-data')}`,
  );
  return path.join(dir, 'catalog.yaml');
}

/** The unit-cost data: per day ledger 10, card-issuing 20, fiat-onramp 30, payouts 40 USD. */
function unitCostCsv(): string {
  const lines = [
    'BilledCost,EffectiveCost,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ServiceName,Tags',
  ];
  const month = new Date(D0 * 1000);
  const bp = (m: number) =>
    new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + m, 1))
      .toISOString()
      .slice(0, 10);
  for (const day of [D0, D0 + DAY]) {
    const bpOfDay =
      new Date(day * 1000).getUTCMonth() === month.getUTCMonth() ? [bp(0), bp(1)] : [bp(1), bp(2)];
    for (const [service, cost] of [
      ['ledger', 10],
      ['card-issuing', 20],
      ['fiat-onramp', 30],
      ['payouts', 40],
    ] as const) {
      const start = new Date((day + 3600) * 1000).toISOString();
      const end = new Date((day + 7200) * 1000).toISOString();
      lines.push(
        `${cost},${cost},USD,${bpOfDay[0]},${bpOfDay[1]},${start},${end},Usage,Amazon EC2,"{""service"":""${service}""}"`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Requests per second of the four services over the two days (and an hour either side). */
function driversOpenMetrics(): string {
  const qps: Record<string, number> = {
    ledger: 100,
    'card-issuing': 100,
    'fiat-onramp': 100,
    payouts: 10,
  };
  const out = ['# TYPE headroom_test_qps gauge'];
  for (const [service, v] of Object.entries(qps)) {
    for (let t = D0 - 3600; t <= D0 + 2 * DAY + 3600; t += 60) {
      out.push(`headroom_test_qps{service="${service}"} ${v} ${t}`);
    }
  }
  return [...out, '# EOF', ''].join('\n');
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('cost API with the real catalog', () => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;
  let dir: string;
  let prometheus: RunningPrometheus;
  let focusServer: Server;
  let openCostServer: Server;
  /** What the FOCUS server does: serve the sample, or drop the connection half-way. */
  let focusMode: 'full' | 'drop' = 'full';
  const openCostQueries: URLSearchParams[] = [];
  const sampleText = fs.readFileSync(SAMPLE);

  /** Independent sums of the sample, through @headroom/cost's own import loop. */
  let peoria: { billed: Money; effective: Money; services: Map<string, Money> };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-cost-api-'));
    const location = writeCatalog(dir);
    peoria = { billed: 0n, effective: 0n, services: new Map() };
    await importFocus(SAMPLE, {
      onRow(row) {
        const bu = row.tags.business_unit;
        if (bu === undefined || normaliseTagValue(bu) !== 'peoriadata') return;
        peoria.billed += row.billedCost;
        peoria.effective += row.effectiveCost;
        const s = row.serviceName ?? '';
        peoria.services.set(s, (peoria.services.get(s) ?? 0n) + row.billedCost);
      },
    });

    focusServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      if (focusMode === 'full') {
        res.end(sampleText);
        return;
      }
      // Half the file, then the connection drops.
      res.write(sampleText.subarray(0, Math.floor(sampleText.length / 2)), () =>
        setTimeout(() => res.socket?.destroy(), 50),
      );
    });
    const focusUrl = await listen(focusServer);
    const openCostBody = fs.readFileSync(OPENCOST);
    openCostServer = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== '/allocation/compute') {
        res.writeHead(404).end();
        return;
      }
      openCostQueries.push(url.searchParams);
      res.writeHead(200, { 'content-type': 'application/json' }).end(openCostBody);
    });
    const openCostUrl = await listen(openCostServer);

    const promDir = tempDir('headroom-cost-prom-');
    backfill(driversOpenMetrics(), path.join(promDir, 'data'));
    prometheus = await startPrometheus({ dir: promDir });

    const backend = await startTestBackend({
      features: [
        headroomPlugin,
        catalogPlugin,
        schedulerServiceFactory,
        permissions.factory,
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Component', 'System', 'Domain', 'Group', 'User', 'Location'] }],
              locations: [{ type: 'file', target: location }],
              processingInterval: { seconds: 2 },
            },
            headroom: {
              prometheus: { baseUrl: prometheus.url, timeoutMs: 5000 },
              evaluation: { enabled: false },
              cost: {
                sources: [
                  { id: 'aws', type: 'focus', location: `${focusUrl}/focus.csv` },
                  {
                    id: 'k8s',
                    type: 'opencost',
                    baseUrl: openCostUrl,
                    window: '2d',
                    schedule: { seconds: 3 },
                  },
                  { id: 'manual', type: 'upload' },
                ],
              },
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
          .get('/api/catalog/entities/by-name/component/default/odd-tags')
          .set('authorization', as(hana));
        const ledger = await request(server)
          .get('/api/catalog/entities/by-name/component/default/ledger')
          .set('authorization', as(hana));
        return res.status === 200 && ledger.body.relations?.length ? true : undefined;
      },
      60_000,
      'the catalog to hold the fixture',
    );
  });

  afterAll(async () => {
    await stop?.();
    await prometheus?.stop();
    focusServer?.close();
    openCostServer?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string) => request(server).get(url).set('authorization', as(hana));
  const SEPT = 'from=2024-09-01&to=2024-10-01';

  it('imports the FOCUS sample on request and reconciles to its exact totals', async () => {
    const res = await request(server)
      .post('/api/headroom/cost/imports')
      .set('authorization', as(hana))
      .send({ sourceId: 'aws' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      sourceId: 'aws',
      trigger: 'request',
      status: 'succeeded',
      requestedBy: hana,
      rows: 1000,
      badRows: 0,
      error: null,
    });
    // One row of the sample is billed in October (0.24 billed, 0 effective): two periods that
    // add up to the file's totals.
    expect(res.body.periods).toEqual([
      {
        key: 'aws#2024-09-01T00:00:00Z#USD',
        currency: 'USD',
        billingPeriodStart: '2024-09-01',
        billingPeriodEnd: '2024-10-01',
        rows: 999,
        billed: '20.28022672899',
        effective: '14.97651418586',
      },
      {
        key: 'aws#2024-10-01T00:00:00Z#USD',
        currency: 'USD',
        billingPeriodStart: '2024-10-01',
        billingPeriodEnd: '2024-11-01',
        rows: 1,
        billed: '0.24',
        effective: '0.00',
      },
    ]);
    expect(res.body.warnings).toEqual([
      'component:default/odd-tags: annotation headroom.dev/cost-tags: "nonsense" is not key=value; ignored',
    ]);

    const rec = await get('/api/headroom/cost/reconciliation?sourceId=aws');
    expect(rec.status).toBe(200);
    expect(rec.body.ok).toBe(true);
    expect(rec.body.items.map((r: { date: string; view: string }) => [r.date, r.view])).toEqual([
      ['2024-09-01', 'billed'],
      ['2024-09-01', 'effective'],
      ['2024-10-01', 'billed'],
      ['2024-10-01', 'effective'],
    ]);
    const total = (view: string, field: 'bill' | 'attributed' | 'unallocated') =>
      formatMoney(
        (rec.body.items as Record<string, string>[])
          .filter(r => r.view === view)
          .reduce((sum, r) => sum + parseMoney(r[field]!)!, 0n),
      );
    expect(total('billed', 'bill')).toBe('20.52022672899');
    expect(total('effective', 'bill')).toBe('14.97651418586');
    // Attributed: PeoriaData's rows (the reference README: 15.9580993182 billed) to ledger.
    expect(total('billed', 'attributed')).toBe('15.9580993182');
    expect(total('billed', 'unallocated')).toBe('4.56212741079');
    expect(total('effective', 'attributed')).toBe(formatMoney(peoria.effective));
    expect(total('effective', 'unallocated')).toBe(
      formatMoney(14_976514185860n - peoria.effective),
    );
    expect(formatMoney(peoria.billed)).toBe('15.9580993182');

    const daily = await get(
      '/api/headroom/cost/reconciliation?grain=day&from=2024-09-01&to=2024-10-01',
    );
    expect(daily.body.ok).toBe(true);
    expect(daily.body.items.length).toBeGreaterThanOrEqual(2 * 28);
  });

  it('rolls up by line of business and owner with unallocated, as JSON and CSV', async () => {
    const res = await get(
      `/api/headroom/cost/rollup?by=lineOfBusiness&grain=month&view=billed&${SEPT}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ by: 'lineOfBusiness', grain: 'month', view: 'billed' });
    expect(
      res.body.items.map((r: { key: string; date: string; cost: string }) => [
        r.key,
        r.date,
        r.cost,
      ]),
    ).toEqual([
      ['(unallocated)', '2024-09', '4.56212741079'],
      ['payments', '2024-09', '15.9580993182'],
    ]);
    const owners = await get(`/api/headroom/cost/rollup?by=owner&grain=month&view=billed&${SEPT}`);
    expect(owners.body.items.map((r: { key: string }) => r.key)).toEqual([
      '(unallocated)',
      'group:default/team-payments',
    ]);
    const csv = await get(
      `/api/headroom/cost/rollup?by=lineOfBusiness&grain=month&view=billed&${SEPT}&format=csv`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toBe(
      'key,date,period,currency,cost,previous,change,changeRatio\r\n' +
        `(unallocated),2024-09,${Date.UTC(2024, 8, 1) / 1000},USD,4.56212741079,,,\r\n` +
        `payments,2024-09,${Date.UTC(2024, 8, 1) / 1000},USD,15.9580993182,,,\r\n`,
    );
    // Every day of the month has its unallocated row, even days all of whose cost was attributed.
    const days = await get(`/api/headroom/cost/rollup?by=entity&grain=day&view=billed&${SEPT}`);
    const unallocatedDays = days.body.items.filter(
      (r: { key: string }) => r.key === '(unallocated)',
    );
    const allDays = new Set(days.body.items.map((r: { date: string }) => r.date));
    expect(unallocatedDays.length).toBe(allDays.size);
  });

  it("serves an entity's cost by day and month with change, its drivers, and its line of business", async () => {
    const month = await get(
      `/api/headroom/cost/entities/component/default/ledger?grain=month&view=billed&${SEPT}`,
    );
    expect(month.status).toBe(200);
    expect(month.body.items).toEqual([
      {
        entityRef: 'component:default/ledger',
        period: Date.UTC(2024, 8, 1) / 1000,
        date: '2024-09',
        currency: 'USD',
        cost: '15.9580993182',
        previous: null,
        change: null,
        changeRatio: null,
      },
    ]);
    // The datasource's call: unix seconds, default grain (day) and view (effective).
    const from = Date.UTC(2024, 8, 1) / 1000;
    const daily = await get(
      `/api/headroom/cost/entities/component/default/ledger?from=${from}&to=${from + 30 * DAY}`,
    );
    let sum = 0n;
    const items = daily.body.items as {
      cost: string;
      period: number;
      previous: string | null;
      change: string | null;
    }[];
    for (const r of items) {
      sum += parseMoney(r.cost)!;
      expect(r.period % DAY).toBe(0);
      if (r.previous !== null) {
        expect(parseMoney(r.cost)! - parseMoney(r.previous)!).toBe(parseMoney(r.change!)!);
      }
    }
    expect(formatMoney(sum)).toBe(formatMoney(peoria.effective));
    expect(items.filter(r => r.previous !== null).length).toBeGreaterThan(0);

    const drivers = await get(
      `/api/headroom/cost/entities/component/default/ledger/drivers?view=billed&${SEPT}&limit=3`,
    );
    expect(drivers.status).toBe(200);
    expect(drivers.body.totals).toEqual([{ currency: 'USD', cost: '15.9580993182' }]);
    const expected = [...peoria.services]
      .sort((a, b) => (a[1] === b[1] ? 0 : a[1] > b[1] ? -1 : 1))
      .slice(0, 3)
      .map(([s, v]) => [s, formatMoney(v, 2)]);
    expect(
      drivers.body.items.map((d: { serviceName: string; cost: string }) => [d.serviceName, d.cost]),
    ).toEqual(expected);
    expect(drivers.body.items[0].share).toBeCloseTo(Number(expected[0]![1]) / 15.9580993182, 6);

    const lob = await get(
      `/api/headroom/cost/lines-of-business/payments?grain=month&view=billed&${SEPT}`,
    );
    expect(
      lob.body.items.map((r: { entityRef: string; cost: string }) => [r.entityRef, r.cost]),
    ).toEqual([['component:default/ledger', '15.9580993182']]);
  });

  it('replaces a re-imported period, and keeps it when a later import fails mid-file', async () => {
    const ledgerMonth = async () =>
      (
        await get(
          `/api/headroom/cost/entities/component/default/ledger?grain=month&view=billed&${SEPT}`,
        )
      ).body.items.map((r: { cost: string }) => r.cost);
    const gz = gzipSync(sampleText);
    const again = await request(server)
      .post('/api/headroom/cost/imports/aws/upload')
      .set('authorization', as(hana))
      .set('content-type', 'application/gzip')
      .send(gz);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ trigger: 'upload', status: 'succeeded', rows: 1000 });
    expect(await ledgerMonth()).toEqual(['15.9580993182']);

    const truncated = await request(server)
      .post('/api/headroom/cost/imports/aws/upload')
      .set('authorization', as(hana))
      .set('content-type', 'application/gzip')
      .send(gz.subarray(0, Math.floor(gz.length * 0.6)));
    expect(truncated.status).toBe(422);
    expect(truncated.body.error.message).toMatch(/^upload: .*unexpected end of file/);
    expect(truncated.body.run).toMatchObject({ status: 'failed', rows: 0, periods: [] });
    expect(await ledgerMonth()).toEqual(['15.9580993182']);

    focusMode = 'drop';
    try {
      const dropped = await request(server)
        .post('/api/headroom/cost/imports')
        .set('authorization', as(hana))
        .send({ sourceId: 'aws' });
      expect(dropped.status).toBe(502);
      expect(dropped.body.run).toMatchObject({ sourceId: 'aws', status: 'failed' });
      expect(dropped.body.error.message).toMatch(/focus\.csv/);
    } finally {
      focusMode = 'full';
    }
    expect(await ledgerMonth()).toEqual(['15.9580993182']);
    const rec = await get('/api/headroom/cost/reconciliation?sourceId=aws');
    expect(rec.body.ok).toBe(true);
    expect(
      rec.body.items
        .filter((r: { view: string }) => r.view === 'billed')
        .map((r: { bill: string }) => r.bill),
    ).toEqual(['20.28022672899', '0.24']);

    const runs = await get('/api/headroom/cost/imports?sourceId=aws');
    expect(
      runs.body.items.map((r: { trigger: string; status: string }) => [r.trigger, r.status]),
    ).toEqual([
      ['request', 'failed'],
      ['upload', 'failed'],
      ['upload', 'succeeded'],
      ['request', 'succeeded'],
    ]);
  });

  it('reports bad rows of an upload with their line, column and reason, and imports the rest', async () => {
    const csv = [
      'BilledCost,EffectiveCost,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ServiceName,Tags',
      '1.5,1.5,EUR,2024-08-01,2024-09-01,2024-08-02T00:00:00Z,2024-08-02T01:00:00Z,Usage,S3,"{""service"":""payouts""}"',
      'abc,1,EUR,2024-08-01,2024-09-01,2024-08-02T00:00:00Z,2024-08-02T01:00:00Z,Usage,S3,{}',
      '2.25,2.25,EUR,2024-08-01,2024-09-01,2024-08-03T00:00:00Z,2024-08-03T01:00:00Z,Usage,S3,{}',
      '1,1,EUR,2024-08-01,2024-09-01,yesterday,2024-08-03T01:00:00Z,Usage,S3,{}',
      '',
    ].join('\n');
    const res = await request(server)
      .post('/api/headroom/cost/imports/manual/upload')
      .set('authorization', as(hana))
      .set('content-type', 'text/csv')
      .send(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'succeeded', rows: 2, badRows: 2 });
    expect(
      res.body.badRowSamples.map((s: { file: string; line: number; column: string }) => [
        s.file,
        s.line,
        s.column,
      ]),
    ).toEqual([
      ['upload', 3, 'BilledCost'],
      ['upload', 5, 'ChargePeriodStart'],
    ]);
    const run = await get(`/api/headroom/cost/imports/${res.body.id}`);
    expect(run.body.badRowSamples).toHaveLength(2);
    expect(run.body.badRowSamples[0].message).toMatch(/abc/);
    const rec = await get(
      '/api/headroom/cost/reconciliation?sourceId=manual&from=2024-08-01&to=2024-09-01',
    );
    expect(
      rec.body.items.map(
        (r: { view: string; bill: string; attributed: string; unallocated: string }) => [
          r.view,
          r.bill,
          r.attributed,
          r.unallocated,
        ],
      ),
    ).toEqual([
      ['billed', '3.75', '1.50', '2.25'],
      ['effective', '3.75', '1.50', '2.25'],
    ]);
  });

  it('imports OpenCost allocations on its schedule and attributes namespaces to entities', async () => {
    const run = await eventually(
      async () => {
        const runs = await get('/api/headroom/cost/imports?sourceId=k8s');
        return (runs.body.items as { trigger: string; status: string }[]).find(
          r => r.trigger === 'schedule' && r.status === 'succeeded',
        );
      },
      30_000,
      'a scheduled OpenCost import',
    );
    expect(run).toMatchObject({ rows: 3, badRows: 0 });
    expect(openCostQueries[0]?.get('window')).toBe('2d');
    expect(openCostQueries[0]?.get('aggregate')).toBe('namespace');
    expect(openCostQueries[0]?.get('step')).toBe('1d');
    const kube = await get(
      '/api/headroom/cost/entities/component/default/platform-kube?grain=day&from=2023-01-18&to=2023-01-21',
    );
    expect(kube.body.items.map((r: { date: string; cost: string }) => [r.date, r.cost])).toEqual([
      ['2023-01-18', '0.425469'],
    ]);
    const rec = await get('/api/headroom/cost/reconciliation?sourceId=k8s');
    // kube-system to platform-kube; opencost (0.030644) and prometheus (0) unallocated.
    expect(rec.body.items[0]).toMatchObject({
      date: '2023-01-01',
      bill: '0.456113',
      attributed: '0.425469',
      unallocated: '0.030644',
      ok: true,
    });
    const asked = openCostQueries.length;
    const now = await request(server)
      .post('/api/headroom/cost/imports')
      .set('authorization', as(hana))
      .send({ sourceId: 'k8s' });
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({ trigger: 'request', status: 'succeeded', rows: 3 });
    expect(now.body.periods).toEqual([
      {
        key: 'k8s#2023-01-01T00:00:00Z#USD',
        currency: 'USD',
        billingPeriodStart: '2023-01-01',
        billingPeriodEnd: '2023-02-01',
        rows: 3,
        billed: '0.456113',
        effective: '0.456113',
      },
    ]);
    expect(openCostQueries.length).toBeGreaterThan(asked);
    const sources = await get('/api/headroom/cost/sources');
    expect(
      sources.body.items.map((s: { id: string; type: string; scheduleSeconds: number | null }) => [
        s.id,
        s.type,
        s.scheduleSeconds,
      ]),
    ).toEqual([
      ['aws', 'focus', null],
      ['k8s', 'opencost', 3],
      ['manual', 'upload', null],
    ]);
  });

  it('divides cost by the Prometheus driver and places it in the line-of-business band', async () => {
    const up = await request(server)
      .post('/api/headroom/cost/imports/manual/upload')
      .set('authorization', as(hana))
      .set('content-type', 'text/csv')
      .send(unitCostCsv());
    expect(up.body).toMatchObject({ status: 'succeeded', rows: 8, badRows: 0 });
    const range = `from=${isoDay(D0)}&to=${isoDay(D0 + 2 * DAY)}&view=billed`;
    const unit = async (name: string) =>
      (await get(`/api/headroom/cost/entities/component/default/${name}/unit-cost?${range}`)).body;
    const ledger = await unit('ledger');
    expect(ledger).toMatchObject({
      entityRef: 'component:default/ledger',
      lineOfBusiness: 'payments',
      grain: 'day',
      driver: { query: 'headroom_test_qps{service="ledger"}', unit: 'request' },
    });
    // Unit costs per day: 10/100, 20/100, 30/100, 40/10 → sorted 0.1, 0.2, 0.3, 4.
    // p25 = 0.1 + 0.75·0.1 = 0.175, p50 = 0.25, p75 = 0.3 + 0.25·3.7 = 1.225.
    expect(ledger.items).toHaveLength(2);
    for (const [i, row] of (ledger.items as Record<string, unknown>[]).entries()) {
      expect(row).toMatchObject({
        period: D0 + i * DAY,
        date: isoDay(D0 + i * DAY),
        currency: 'USD',
        cost: '10.00',
        driver: 100,
        position: 'below',
        flagged: true,
      });
      expect(row.unitCost).toBeCloseTo(0.1, 12);
      const band = row.band as { entities: number; p25: number; p50: number; p75: number };
      expect(band.entities).toBe(4);
      expect(band.p25).toBeCloseTo(0.175, 12);
      expect(band.p50).toBeCloseTo(0.25, 12);
      expect(band.p75).toBeCloseTo(1.225, 12);
    }
    const card = await unit('card-issuing');
    expect(
      card.items.map((r: { unitCost: number; position: string }) => [r.unitCost, r.position]),
    ).toEqual([
      [0.2, 'within'],
      [0.2, 'within'],
    ]);
    const payouts = await unit('payouts');
    expect(
      payouts.items.map((r: { unitCost: number; flagged: boolean; position: string }) => [
        r.unitCost,
        r.position,
        r.flagged,
      ]),
    ).toEqual([
      [4, 'above', true],
      [4, 'above', true],
    ]);
    const kube = await unit('platform-kube');
    expect(kube.driver).toBeNull();
  });

  it('refuses unauthenticated callers, callers without the import permission, and bad parameters by name', async () => {
    expect((await request(server).get('/api/headroom/cost/rollup')).status).toBe(401);
    expect(
      (
        await request(server)
          .post('/api/headroom/cost/imports/manual/upload')
          .set('content-type', 'text/csv')
          .send('x')
      ).status,
    ).toBe(401);
    const denied = await request(server)
      .post('/api/headroom/cost/imports')
      .set('authorization', as(chen))
      .send({ sourceId: 'aws' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/headroom\.cost\.import/);

    const bad = async (url: string, param: RegExp) => {
      const res = await get(url);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(param);
    };
    await bad(
      '/api/headroom/cost/rollup?grain=week',
      /Query parameter grain .* must be one of day, month, got 'week'/,
    );
    await bad('/api/headroom/cost/rollup?by=team', /Query parameter by /);
    await bad('/api/headroom/cost/rollup?view=list', /Query parameter view /);
    await bad('/api/headroom/cost/rollup?format=xml', /Query parameter format /);
    await bad(
      '/api/headroom/cost/entities/component/default/ledger?from=yesterday',
      /Query parameter from .*got 'yesterday'/,
    );
    await bad(
      '/api/headroom/cost/entities/component/default/ledger?to=2024-02-30',
      /Query parameter to /,
    );
    await bad(
      '/api/headroom/cost/entities/component/default/ledger?from=2024-10-01&to=2024-09-01',
      /from and to/,
    );
    await bad(
      '/api/headroom/cost/lines-of-business/payments?form=2024-09-01',
      /Unknown query parameter form/,
    );
    await bad(
      '/api/headroom/cost/entities/component/default/ledger/drivers?limit=0',
      /Query parameter limit /,
    );
    await bad('/api/headroom/cost/reconciliation?grain=week', /Query parameter grain /);
    await bad('/api/headroom/cost/imports/abc', /Path parameter id /);

    const noSource = await request(server)
      .post('/api/headroom/cost/imports')
      .set('authorization', as(hana))
      .send({ sourceId: 'nope' });
    expect(noSource.status).toBe(404);
    const noField = await request(server)
      .post('/api/headroom/cost/imports')
      .set('authorization', as(hana))
      .send({ source: 'aws' });
    expect(noField.status).toBe(400);
    expect(noField.body.error.message).toMatch(/unknown fields: source/);
    const wrongType = await request(server)
      .post('/api/headroom/cost/imports/manual/upload')
      .set('authorization', as(hana))
      .set('content-type', 'application/json')
      .send({ a: 1 });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.message).toMatch(/Header content-type/);
  });
});
