// A canary served beside the stable version: its own series while it is live, its own error
// share and latency, the service's requests split by its weight and counted once, and nothing
// new in the exposition when no canary is live.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CounterClock, countersAt } from './counters';
import { emitSamples } from './exposition';
import { ControlError, liveControlsFor } from './live';
import { createContext, type ServiceCounters } from './model';
import { renderExposition, startServer } from './server';
import { parseSamples } from './testing';
import { WORLD } from './world';

// Wednesday 2026-11-25 09:16 UTC.
const ANCHOR = 1795598160;
const WALLET = WORLD.services.findIndex(s => s.name === 'wallet-api');
const labels = 'service="wallet-api",lob="custody",team="team-custody"';

function world() {
  const live = liveControlsFor(WORLD.services);
  return { live, ctx: { ...createContext(WORLD, 20260101, ANCHOR), live } };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
/** Requests of every code added between two counter readings. */
const added = (before: readonly number[], after: readonly number[]) =>
  after.map((v, k) => v - before[k]!);

describe('canary in the traffic model', () => {
  // One walk from the epoch for the whole block: the world with a canary from ANCHOR to
  // ANCHOR + 600 against the same world without it.
  const plain = createContext(WORLD, 20260101, ANCHOR);
  const { live, ctx } = world();
  let before: ServiceCounters[];
  let during: ServiceCounters[];
  let plainBefore: ServiceCounters[];
  let plainDuring: ServiceCounters[];
  const clock = new CounterClock(ctx);
  const plainClock = new CounterClock(plain);

  beforeAll(() => {
    before = clock.at(ANCHOR);
    plainBefore = plainClock.at(ANCHOR);
    live.startCanary(
      'wallet-api',
      { version: 'v2', weight: 0.25, errorShare: 0.2, latencyFactor: 3 },
      ANCHOR,
    );
    during = clock.at(ANCHOR + 600);
    plainDuring = plainClock.at(ANCHOR + 600);
  });

  it('splits the requests by weight and counts each one once', () => {
    const canary = during[WALLET]!.canaries![0]!;
    const stable = sum(added(before[WALLET]!.requests, during[WALLET]!.requests));
    const total = sum(added(plainBefore[WALLET]!.requests, plainDuring[WALLET]!.requests));
    expect(stable + sum(canary.requests)).toBe(total);
    expect(sum(canary.requests) / total).toBeCloseTo(0.25, 2);
    // Every other service is untouched.
    expect(during.filter((_, i) => i !== WALLET)).toEqual(
      plainDuring.filter((_, i) => i !== WALLET),
    );
  });

  it('fails its own share of requests on top of the service share', () => {
    const canary = during[WALLET]!.canaries![0]!;
    const stable = added(before[WALLET]!.requests, during[WALLET]!.requests);
    // STATUS_CODES order: 200, 429, 500, 503.
    const canary500 = canary.requests[2]! / sum(canary.requests);
    const stable500 = stable[2]! / sum(stable);
    expect(stable500).toBeLessThan(0.01);
    expect(canary500 - stable500).toBeGreaterThan(0.18);
    expect(canary500 - stable500).toBeLessThan(0.22);
  });

  it('answers slower by its latency factor', () => {
    const canary = during[WALLET]!.canaries![0]!;
    const w = during[WALLET]!;
    const b = before[WALLET]!;
    const stableMean = (w.durationSum - b.durationSum) / (w.durationCount - b.durationCount);
    expect(canary.durationSum / canary.durationCount / stableMean).toBeCloseTo(3, 1);
    expect(canary.durationCount).toBe(sum(canary.requests));
  });

  it('is recounted from the epoch to the same numbers', () => {
    expect(countersAt(ctx, ANCHOR + 600)).toEqual(during);
  });
});

describe('canary series in the exposition', () => {
  it('adds nothing while no canary is live, and its series while one is', () => {
    const { live, ctx } = world();
    const plain = createContext(WORLD, 20260101, ANCHOR);
    const clock = new CounterClock(ctx);
    const text = renderExposition(ctx, clock, ANCHOR);
    expect(text).toBe(renderExposition(plain, new CounterClock(plain), ANCHOR));
    expect(text).not.toContain('track=');

    live.startCanary('wallet-api', { version: 'v2', weight: 0.1 }, ANCHOR);
    const values = parseSamples(renderExposition(ctx, clock, ANCHOR + 120)).values;
    const canaryOk = `http_requests_total{${labels},track="canary",version="v2",code="200"}`;
    expect(values.get(canaryOk)).toBeGreaterThan(0);
    expect(
      values.get(`http_request_duration_seconds_count{${labels},track="canary",version="v2"}`),
    ).toBeGreaterThan(0);
    expect(
      values.get(
        `http_request_duration_seconds_bucket{${labels},track="canary",version="v2",le="+Inf"}`,
      ),
    ).toBe(
      values.get(`http_request_duration_seconds_count{${labels},track="canary",version="v2"}`),
    );

    live.abortCanary('wallet-api', ANCHOR + 180);
    const after = renderExposition(ctx, clock, ANCHOR + 240);
    expect(after).not.toContain('track=');
  });

  it('the history writer sees no canary series without live controls', () => {
    const plain = createContext(WORLD, 20260101, ANCHOR);
    const names: string[] = [];
    emitSamples(plain, countersAt(plain, ANCHOR), ANCHOR, (_f, name, l) => names.push(name + l));
    expect(names.some(n => n.includes('track='))).toBe(false);
  });
});

describe('canary control actions', () => {
  it('promote makes the canary version the service version, with its faults', () => {
    const { live } = world();
    live.startCanary(
      'wallet-api',
      { version: 'v2', weight: 0.2, errorShare: 0.1, latencyFactor: 2 },
      ANCHOR,
    );
    const promoted = live.promoteCanary('wallet-api', ANCHOR + 60);
    expect(promoted).toMatchObject({ action: 'promote', faults: ['fault-1', 'fault-2'] });
    expect(live.activeCanary('wallet-api', ANCHOR + 60)).toBeUndefined();
    expect(live.snapshot().services['wallet-api']!.version).toBe('v2');
    expect(live.activeFaults('wallet-api', ANCHOR + 61).map(f => [f.kind, f.magnitude])).toEqual([
      ['errors', 0.1],
      ['latency', 2],
    ]);
    // Rolling the promoted version back ends what it brought.
    expect(live.rollback('wallet-api', ANCHOR + 120).faults).toEqual(['fault-1', 'fault-2']);
  });

  it('rollback while a canary is live aborts it and keeps the stable version', () => {
    const { live } = world();
    live.startCanary('wallet-api', { version: 'v2', weight: 0.2, errorShare: 0.5 }, ANCHOR);
    const event = live.rollback('wallet-api', ANCHOR + 30);
    expect(event).toMatchObject({ action: 'rollback', detail: { from: 'v2', to: 'v1' } });
    expect(live.snapshot().canaries[0]).toMatchObject({ end: ANCHOR + 30, outcome: 'aborted' });
    expect(live.snapshot().services['wallet-api']!.version).toBe('v1');
    expect(live.activeCanary('wallet-api', ANCHOR + 29)?.version).toBe('v2');
  });

  it('refuses bad canaries naming the field, and changes nothing', () => {
    const { live } = world();
    const refuse = (fn: () => unknown, status: number, message: string) => {
      try {
        fn();
        throw new Error('not refused');
      } catch (e) {
        expect(e).toBeInstanceOf(ControlError);
        expect((e as ControlError).status).toBe(status);
        expect((e as Error).message).toContain(message);
      }
    };
    refuse(
      () => live.startCanary('wallet-api', { version: 'v2', weight: 1 }, ANCHOR),
      400,
      'weight:',
    );
    refuse(
      () => live.startCanary('wallet-api', { version: 'v2', weight: 0.1, errorShare: 2 }, ANCHOR),
      400,
      'errorShare:',
    );
    refuse(
      () =>
        live.startCanary('wallet-api', { version: 'v2', weight: 0.1, latencyFactor: 0 }, ANCHOR),
      400,
      'latencyFactor:',
    );
    refuse(() => live.startCanary('wallet-api', { version: 'v1', weight: 0.1 }, ANCHOR), 409, 'v1');
    refuse(() => live.startCanary('nope', { version: 'v2', weight: 0.1 }, ANCHOR), 404, 'nope');
    refuse(() => live.promoteCanary('wallet-api', ANCHOR), 409, 'no live canary');
    refuse(() => live.abortCanary('wallet-api', ANCHOR), 409, 'no live canary');
    expect(live.snapshot().canaries).toEqual([]);
    expect(live.snapshot().events).toEqual([]);
    live.startCanary('wallet-api', { version: 'v2', weight: 0.1 }, ANCHOR);
    refuse(() => live.startCanary('wallet-api', { version: 'v3', weight: 0.1 }, ANCHOR), 409, 'v2');
  });
});

describe('canary over the control API', () => {
  let server: Server;
  let now = ANCHOR;
  const { ctx } = world();
  const url = (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(url(path), {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const scrape = async () => parseSamples(await (await fetch(url('/metrics'))).text()).values;

  beforeAll(async () => {
    server = await startServer(ctx, { host: '127.0.0.1', port: 0, now: () => now });
  }, 60_000);
  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

  it('starts, shows and aborts a canary; refused requests answer 400 or 409', async () => {
    expect(await call('POST', '/control/services/wallet-api/canary', { version: 'v2' })).toEqual({
      status: 400,
      body: { error: 'weight: must be a finite number' },
    });
    expect((await call('POST', '/control/services/wallet-api/canary/abort')).status).toBe(409);
    const started = await call('POST', '/control/services/wallet-api/canary', {
      version: 'v2',
      weight: 0.3,
      errorShare: 0.05,
    });
    expect(started).toMatchObject({
      status: 201,
      body: { id: 'canary-1', version: 'v2', weight: 0.3, errorShare: 0.05, latencyFactor: 1 },
    });
    now = ANCHOR + 60;
    const series = `http_requests_total{${labels},track="canary",version="v2",code="500"}`;
    expect((await scrape()).get(series)).toBeGreaterThan(0);
    expect((await call('GET', '/control')).body['canaries']).toHaveLength(1);

    const aborted = await call('POST', '/control/services/wallet-api/canary/abort');
    expect(aborted).toMatchObject({ status: 200, body: { action: 'abort' } });
    now = ANCHOR + 75;
    expect((await scrape()).has(series)).toBe(false);
  });
});
