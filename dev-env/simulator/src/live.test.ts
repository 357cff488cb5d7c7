// Live faults and control actions: they change the traffic from the moment they happen, never
// before, and every action ends exactly the faults its remedy clears.

import { ControlError, liveControlsFor } from './live';
import { countersAt, CounterClock } from './counters';
import { createContext, errorSharesAt, latencyAt, replicasAt } from './model';
import { WORLD } from './world';

// Wednesday 2026-11-25 09:16 UTC.
const ANCHOR = 1795598160;
const service = (name: string) => WORLD.services.find(s => s.name === name)!;
const wallet = service('wallet-api');

function world() {
  const live = liveControlsFor(WORLD.services);
  return { live, ctx: { ...createContext(WORLD, 20260101, ANCHOR), live } };
}

describe('live faults', () => {
  it('adds a 500 share from its start and not before', () => {
    const { live, ctx } = world();
    const before = errorSharesAt(ctx, wallet, ANCHOR + 59).internalError;
    live.inject({ service: 'wallet-api', kind: 'errors', magnitude: 0.3 }, ANCHOR + 60);
    expect(errorSharesAt(ctx, wallet, ANCHOR + 59).internalError).toBe(before);
    expect(errorSharesAt(ctx, wallet, ANCHOR + 60).internalError).toBeCloseTo(before + 0.3, 12);
  });

  it('keeps the shares of one request at most 1 under an outage on top of errors', () => {
    const { live, ctx } = world();
    live.inject({ service: 'wallet-api', kind: 'errors', magnitude: 0.8 }, ANCHOR);
    live.inject({ service: 'wallet-api', kind: 'outage', magnitude: 1 }, ANCHOR);
    const s = errorSharesAt(ctx, wallet, ANCHOR + 1);
    expect(s.tooManyRequests + s.internalError + s.unavailable).toBeCloseTo(1, 12);
  });

  it('ends with its duration', () => {
    const { live, ctx } = world();
    const base = latencyAt(ctx, wallet, ANCHOR + 200).medianSeconds;
    live.inject(
      { service: 'wallet-api', kind: 'latency', magnitude: 4, durationSeconds: 120 },
      ANCHOR,
    );
    const slow = latencyAt(ctx, wallet, ANCHOR + 60).medianSeconds;
    expect(
      slow / latencyAt({ ...ctx, live: undefined }, wallet, ANCHOR + 60).medianSeconds,
    ).toBeCloseTo(4, 12);
    expect(latencyAt(ctx, wallet, ANCHOR + 200).medianSeconds).toBe(base);
  });

  it('takes replicas away with lost capacity until scaled back to the defined count', () => {
    const { live, ctx } = world();
    const defined = wallet.replicas;
    live.inject({ service: 'wallet-api', kind: 'capacity-loss', magnitude: 0.5 }, ANCHOR);
    expect(replicasAt(ctx, wallet, ANCHOR + 1)).toBe(Math.max(1, Math.round(defined * 0.5)));
    const partial = live.scale('wallet-api', Math.max(1, defined - 1), ANCHOR + 100);
    expect(partial.faults).toEqual([]);
    const full = live.scale('wallet-api', defined + 2, ANCHOR + 200);
    expect(full.faults).toEqual(['fault-1']);
    expect(replicasAt(ctx, wallet, ANCHOR + 201)).toBe(defined + 2);
    expect(errorSharesAt(ctx, wallet, ANCHOR + 201)).toEqual(
      errorSharesAt(ctx, wallet, ANCHOR - 1),
    );
  });
});

describe('control actions', () => {
  it('a bad version fails until it is rolled back; a restart does not help', () => {
    const { live, ctx } = world();
    const healthy = errorSharesAt(ctx, wallet, ANCHOR).internalError;
    const deploy = live.deploy('wallet-api', 'v2', ANCHOR, { kind: 'errors', magnitude: 0.2 });
    expect(deploy.faults).toEqual(['fault-1']);
    expect(live.restart('wallet-api', ANCHOR + 30).faults).toEqual([]);
    expect(errorSharesAt(ctx, wallet, ANCHOR + 60).internalError).toBeCloseTo(healthy + 0.2, 12);
    const rollback = live.rollback('wallet-api', ANCHOR + 90);
    expect(rollback).toMatchObject({ detail: { from: 'v2', to: 'v1' }, faults: ['fault-1'] });
    expect(errorSharesAt(ctx, wallet, ANCHOR + 90).internalError).toBe(healthy);
    expect(live.snapshot().services['wallet-api']).toMatchObject({
      version: 'v1',
      previousVersions: [],
    });
    expect(() => live.rollback('wallet-api', ANCHOR + 100)).toThrow('no earlier version');
  });

  it('a restart clears an injected fault whose remedy is a restart', () => {
    const { live } = world();
    live.inject({ service: 'wallet-api', kind: 'errors', magnitude: 0.1 }, ANCHOR);
    live.inject(
      { service: 'wallet-api', kind: 'errors', magnitude: 0.1, clearedBy: 'none' },
      ANCHOR,
    );
    expect(live.restart('wallet-api', ANCHOR + 10).faults).toEqual(['fault-1']);
    expect(live.activeFaults('wallet-api', ANCHOR + 11).map(f => f.id)).toEqual(['fault-2']);
  });

  it('a planted flag fault starts when the flag goes on and ends when it goes off', () => {
    const { live } = world();
    live.plantFlag('wallet-api', 'new-fee-engine', { kind: 'latency', magnitude: 3 });
    expect(live.setFlag('wallet-api', 'new-fee-engine', true, ANCHOR).faults).toEqual(['fault-1']);
    expect(live.activeFaults('wallet-api', ANCHOR + 1)).toHaveLength(1);
    expect(live.setFlag('wallet-api', 'new-fee-engine', false, ANCHOR + 50).faults).toEqual([
      'fault-1',
    ]);
    expect(live.activeFaults('wallet-api', ANCHOR + 50)).toHaveLength(0);
  });

  it('refuses bad requests naming the field, and changes nothing', () => {
    const { live } = world();
    const refuse = (fn: () => unknown, message: string) => {
      expect(fn).toThrow(ControlError);
      expect(fn).toThrow(message);
    };
    refuse(
      () => live.inject({ service: 'nope', kind: 'errors', magnitude: 0.1 }, ANCHOR),
      'no service "nope"',
    );
    refuse(
      () => live.inject({ service: 'wallet-api', kind: 'errors', magnitude: 1.5 }, ANCHOR),
      'magnitude: must be a share above 0 and at most 1',
    );
    refuse(
      () => live.inject({ service: 'wallet-api', kind: 'latency', magnitude: 0.5 }, ANCHOR),
      'magnitude: must be a factor above 1',
    );
    refuse(
      () => live.inject({ service: 'wallet-api', kind: 'bogus' as never, magnitude: 0.5 }, ANCHOR),
      'kind: must be one of errors, latency, outage, capacity-loss',
    );
    refuse(
      () =>
        live.inject(
          { service: 'wallet-api', kind: 'errors', magnitude: 0.5, durationSeconds: 1.5 },
          ANCHOR,
        ),
      'durationSeconds: must be an integer',
    );
    refuse(() => live.scale('wallet-api', 0, ANCHOR), 'replicas: must be an integer from 1');
    refuse(() => live.deploy('wallet-api', 'v1', ANCHOR), 'already runs version v1');
    const snapshot = live.snapshot();
    expect(snapshot.faults).toEqual([]);
    expect(snapshot.events).toEqual([]);
    expect(snapshot.services['wallet-api']).toEqual({
      version: 'v1',
      previousVersions: [],
      replicas: null,
      flags: {},
    });
  });
});

describe('counters under live faults', () => {
  it('the live walk and a recount from the epoch agree, and counters never go down', () => {
    const { live, ctx } = world();
    const clock = new CounterClock(ctx);
    const before = clock.at(ANCHOR);
    live.deploy('wallet-api', 'v2', ANCHOR, { kind: 'outage', magnitude: 1 });
    const during = clock.at(ANCHOR + 300);
    live.rollback('wallet-api', ANCHOR + 300);
    const after = clock.at(ANCHOR + 600);
    const i = WORLD.services.indexOf(wallet);
    // STATUS_CODES order: 200, 429, 500, 503; the outage answers 503.
    const added503 = during[i]!.requests[3]! - before[i]!.requests[3]!;
    const added200 = during[i]!.requests[0]! - before[i]!.requests[0]!;
    expect(added503).toBeGreaterThan(0);
    expect(added200).toBe(0);
    expect(after[i]!.requests[0]!).toBeGreaterThan(during[i]!.requests[0]!);
    expect(countersAt(ctx, ANCHOR + 600)).toEqual(after);
    for (let k = 0; k < before.length; k++) {
      after[k]!.requests.forEach((v, c) =>
        expect(v).toBeGreaterThanOrEqual(before[k]!.requests[c]!),
      );
    }
  });
});
