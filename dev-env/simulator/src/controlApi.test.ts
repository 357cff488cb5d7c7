// The control API over HTTP, as drills and runbooks call it: a planted bad version shows up in
// the next scrapes as 5xx answers and stops once rolled back; refused requests change nothing.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { liveControlsFor } from './live';
import { createContext } from './model';
import { startServer } from './server';
import { parseSamples } from './testing';
import { WORLD } from './world';

// Wednesday 2026-11-25 09:16 UTC.
const ANCHOR = 1795598160;
const ctx = { ...createContext(WORLD, 20260101, ANCHOR), live: liveControlsFor(WORLD.services) };

let server: Server;
let now = ANCHOR;
const url = (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
const call = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(url(path), {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
/** wallet-api's requests by code at t (a scrape: the counters walk forward to t). */
const requests = async (t: number) => {
  now = t;
  const values = parseSamples(await (await fetch(url('/metrics'))).text()).values;
  const series = (code: string) =>
    values.get(
      `http_requests_total{service="wallet-api",lob="custody",team="team-custody",code="${code}"}`,
    )!;
  return {
    failed: series('500') + series('503'),
    shed: series('429'),
    all: series('200') + series('429') + series('500') + series('503'),
  };
};
const failures = async (t: number) => (await requests(t)).failed;

/** Failed requests over (from, to], scraped in time order so the counters walk forward. */
const increase = async (from: number, to: number) => {
  const before = await failures(from);
  return (await failures(to)) - before;
};

beforeAll(async () => {
  server = await startServer(ctx, { host: '127.0.0.1', port: 0, now: () => now });
}, 60_000);
afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

describe('control API', () => {
  it('a bad version fails requests from its deploy until its rollback', async () => {
    const healthy = await increase(ANCHOR, ANCHOR + 60);
    now = ANCHOR + 60;
    const deploy = await call('POST', '/control/services/wallet-api/deploy', {
      version: 'v2',
      fault: { kind: 'errors', magnitude: 0.5 },
    });
    expect(deploy).toMatchObject({ status: 200, body: { action: 'deploy', faults: ['fault-1'] } });
    const bad = await increase(ANCHOR + 60, ANCHOR + 120);
    expect(bad).toBeGreaterThan(20 * Math.max(healthy, 1));

    now = ANCHOR + 120;
    const rollback = await call('POST', '/control/services/wallet-api/rollback');
    expect(rollback).toMatchObject({
      status: 200,
      body: { detail: { from: 'v2', to: 'v1' }, faults: ['fault-1'] },
    });
    const after = await increase(ANCHOR + 120, ANCHOR + 180);
    expect(after).toBeLessThan(bad / 20);

    const state = await call('GET', '/control');
    expect(state.status).toBe(200);
    expect((state.body['services'] as Record<string, unknown>)['wallet-api']).toMatchObject({
      version: 'v1',
    });
    expect((state.body['events'] as unknown[]).length).toBe(2);
  });

  it('injects and clears a fault by id', async () => {
    now = ANCHOR + 200;
    const injected = await call('POST', '/control/faults', {
      service: 'ledger',
      kind: 'latency',
      magnitude: 3,
      durationSeconds: 600,
    });
    expect(injected).toMatchObject({ status: 201, body: { kind: 'latency', end: ANCHOR + 800 } });
    const id = injected.body['id'] as string;
    expect(await call('DELETE', `/control/faults/${id}`)).toMatchObject({
      status: 200,
      body: { id, end: ANCHOR + 200 },
    });
    expect((await call('DELETE', `/control/faults/${id}`)).status).toBe(409);
  });

  it('shifts and sheds traffic away from a bad version: fewer requests meet its fault', async () => {
    // Over (from, to]: failed, shed (429) and all requests.
    const over = async (from: number, to: number) => {
      const a = await requests(from);
      const b = await requests(to);
      return { failed: b.failed - a.failed, shed: b.shed - a.shed, all: b.all - a.all };
    };
    now = ANCHOR + 300;
    expect(
      (
        await call('POST', '/control/services/wallet-api/deploy', {
          version: 'v3',
          fault: { kind: 'errors', magnitude: 1 },
        })
      ).status,
    ).toBe(200);
    const bad = await over(ANCHOR + 300, ANCHOR + 360);
    expect(bad.failed / bad.all).toBeGreaterThan(0.99);

    // Three quarters to the standby: a quarter of the requests still meet the bad version.
    now = ANCHOR + 360;
    expect(
      await call('POST', '/control/services/wallet-api/shift', { to: 'standby-eu', weight: 0.75 }),
    ).toMatchObject({
      status: 200,
      body: { action: 'shift', detail: { to: 'standby-eu', weight: 0.75 }, faults: [] },
    });
    const shifted = await over(ANCHOR + 360, ANCHOR + 420);
    expect(shifted.failed / shifted.all).toBeGreaterThan(0.2);
    expect(shifted.failed / shifted.all).toBeLessThan(0.3);

    // Half shed at the edge as 429s besides: an eighth fail (0.5 × 0.25).
    now = ANCHOR + 420;
    expect(await call('POST', '/control/services/wallet-api/shed', { share: 0.5 })).toMatchObject({
      status: 200,
      body: { action: 'shed', detail: { share: 0.5 } },
    });
    const shed = await over(ANCHOR + 420, ANCHOR + 480);
    expect(shed.failed / shed.all).toBeGreaterThan(0.09);
    expect(shed.failed / shed.all).toBeLessThan(0.16);
    expect(shed.shed / shed.all).toBeGreaterThan(0.4);

    // Both back to 0: every request meets the bad version again, which is still deployed.
    now = ANCHOR + 480;
    await call('POST', '/control/services/wallet-api/shed', { share: 0 });
    await call('POST', '/control/services/wallet-api/shift', { to: 'standby-eu', weight: 0 });
    const back = await over(ANCHOR + 480, ANCHOR + 540);
    expect(back.failed / back.all).toBeGreaterThan(0.99);
    now = ANCHOR + 540;
    expect((await call('POST', '/control/services/wallet-api/rollback')).status).toBe(200);
  });

  it.each([
    [
      'POST',
      '/control/faults',
      { service: 'ledger', kind: 'errors' },
      400,
      'magnitude: must be a finite number',
    ],
    [
      'POST',
      '/control/faults',
      { service: 'nope', kind: 'errors', magnitude: 0.1 },
      404,
      'no service "nope"',
    ],
    ['POST', '/control/faults', '{not json', 400, 'body: not JSON'],
    ['POST', '/control/faults', '[1]', 400, 'body: must be a JSON object'],
    [
      'POST',
      '/control/services/ledger/scale',
      { replicas: 'many' },
      400,
      'replicas: must be a finite number',
    ],
    ['POST', '/control/services/ledger/flags/x', {}, 400, 'enabled: must be true or false'],
    [
      'POST',
      '/control/services/ledger/shed',
      { share: 1 },
      400,
      'share: must be a share from 0 up to 1 (not 1), got 1',
    ],
    [
      'POST',
      '/control/services/ledger/shift',
      { to: 'eu', weight: 2 },
      400,
      'weight: must be a share from 0 to 1, got 2',
    ],
    [
      'POST',
      '/control/services/ledger/shift',
      { weight: 0.5 },
      400,
      'to: must be a non-empty string',
    ],
    [
      'POST',
      '/control/services/ledger/deploy',
      { version: 'v9', fault: { kind: 'errors' } },
      400,
      'fault.magnitude',
    ],
    ['POST', '/control/services/ledger/rollback', undefined, 409, 'no earlier version'],
    ['PUT', '/control/faults', {}, 404, 'no control route PUT /control/faults'],
  ])('%s %s %j → %i naming the problem', async (method, path, body, status, message) => {
    const before = await call('GET', '/control');
    const answer = await call(method, path, body);
    expect(answer.status).toBe(status);
    expect(answer.body['error']).toContain(message);
    expect(await call('GET', '/control')).toEqual(before);
  });

  it('refuses a body over the size bound', async () => {
    const answer = await call('POST', '/control/faults', { pad: 'x'.repeat(20_000) });
    expect(answer).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('body: larger than') },
    });
  });
});
