import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  compileAttributionRules,
  CostAggregator,
  formatMoney,
  reconcileCosts,
  rollupCosts,
} from '@headroom/core';
import { referenceDir } from '../../../test/reference';
import { fetchOpenCostAllocations } from './opencost';

const body = readFileSync(
  join(
    referenceDir('opencost'),
    'allocation_compute_window2d_aggregate_namespace.swagger-example.json',
  ),
  'utf8',
);

let server: Server;
let base: string;
const seen: IncomingMessage[] = [];
let reply: { status: number; body: string } = { status: 200, body };

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    if (!req.url?.startsWith('/allocation/compute'))
      return void res.writeHead(404).end('not found');
    res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>(r => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
  reply = { status: 200, body };
});

describe('fetchOpenCostAllocations', () => {
  it('asks for the window and aggregation and maps the real response to rows', async () => {
    const r = await fetchOpenCostAllocations(base, {
      window: '2d',
      aggregate: 'namespace',
      step: '1d',
    });
    expect(seen[0]!.url).toBe('/allocation/compute?window=2d&aggregate=namespace&step=1d');
    expect(r.errors).toEqual([]);
    expect(
      r.rows.map(x => [
        x.resourceName,
        formatMoney(x.billedCost),
        x.tags.namespace,
        x.tags.cluster,
      ]),
    ).toEqual([
      ['kube-system', '0.425469', 'kube-system', 'cluster-one'],
      ['opencost', '0.030644', 'opencost', 'cluster-one'],
      ['prometheus', '0', 'prometheus', 'cluster-one'],
    ]);
    expect(r.rows[0]).toMatchObject({
      chargePeriodStart: Date.parse('2023-01-18T11:38:45Z') / 1000,
      chargePeriodEnd: Date.parse('2023-01-20T11:38:00Z') / 1000,
      billingPeriodStart: Date.parse('2023-01-01T00:00:00Z') / 1000,
      billingCurrency: 'USD',
    });
  });

  it('attributes namespaces to catalog entities and keeps the rest unallocated', async () => {
    const { rows } = await fetchOpenCostAllocations(`${base}/`, {
      window: '2d',
      aggregate: 'namespace',
    });
    const entities = [
      {
        ref: 'component:default/opencost',
        owner: 'group:default/platform',
        annotations: { 'backstage.io/kubernetes-namespace': 'opencost' },
      },
    ];
    const agg = new CostAggregator(
      compileAttributionRules([{ id: 'ns', type: 'namespace' }], entities),
    );
    rows.forEach(r => agg.add(r));
    const result = agg.finish();
    const byOwner = rollupCosts(result, entities, { by: 'owner', grain: 'month', view: 'billed' });
    expect(byOwner.map(r => [r.key, formatMoney(r.cost)])).toEqual([
      ['(unallocated)', '0.425469'],
      ['group:default/platform', '0.030644'],
    ]);
    expect(reconcileCosts(result).every(r => r.ok)).toBe(true);
  });

  it('reports HTTP and API errors with the URL', async () => {
    reply = { status: 500, body: 'boom' };
    await expect(
      fetchOpenCostAllocations(base, { window: '2d', aggregate: 'namespace' }),
    ).rejects.toThrow(
      `GET ${base}/allocation/compute?window=2d&aggregate=namespace: HTTP 500 boom`,
    );
    reply = { status: 200, body: JSON.stringify({ code: 400, message: 'bad window' }) };
    await expect(
      fetchOpenCostAllocations(base, { window: 'x', aggregate: 'namespace' }),
    ).rejects.toThrow(/code 400: bad window/);
    reply = {
      status: 200,
      body: JSON.stringify({
        code: 200,
        data: [
          {
            a: { name: 'a', start: 'x', end: '2023-01-01T00:00:00Z', totalCost: 1 },
            b: {
              name: 'b',
              start: '2023-01-01T00:00:00Z',
              end: '2023-01-02T00:00:00Z',
              totalCost: 'NaN',
            },
          },
        ],
      }),
    };
    const r = await fetchOpenCostAllocations(base, { window: '1d', aggregate: 'namespace' });
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([
      { line: 1, column: 'start', message: 'allocation "a": start "x" is not a date-time' },
      { line: 2, column: 'totalCost', message: 'allocation "b": totalCost "NaN" is not a number' },
    ]);
  });
});
