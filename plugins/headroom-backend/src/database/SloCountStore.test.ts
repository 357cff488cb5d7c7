import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { availabilitySlo, sloWrite } from '../__fixtures__/slos';
import { DatabaseSloStore } from './DatabaseSloStore';
import { SloCountStore, type CountChunk, type CountState } from './SloCountStore';
import { decodeSteps, encodeSteps } from './stepBlobs';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function createStores(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database({ knex, migrations: { skip: false } });
  return {
    knex,
    slos: await DatabaseSloStore.create({ database }),
    counts: await SloCountStore.create({ database }),
  };
}

const STEP = 60;
const SPAN = 4 * STEP;

function state(settledTo: number, carryValue = 12.5): CountState {
  return {
    key: 'k1',
    coveredFrom: 0,
    settledTo,
    carry: {
      events: new Map([['{"pod":"a"}', { value: carryValue, at: settledTo }]]),
      total: new Map([
        ['{"pod":"a"}', { value: 1e15 + 1, at: settledTo }],
        ['{"pod":"b"}', { value: 0.1, at: settledTo - STEP }],
      ]),
    },
  };
}

function chunk(start: number, events: number[], total: number[]): CountChunk {
  return {
    start,
    end: start + SPAN,
    events: Float64Array.from(events),
    total: Float64Array.from(total),
    corrections: [],
  };
}

describe('step blobs', () => {
  it('keep whole increases and NaN as Float32, anything else as Float64, exactly', () => {
    const whole = Float64Array.from([0, 3, NaN, 16_777_216]);
    expect(encodeSteps(whole)).toHaveLength(1 + 4 * 4);
    expect(Array.from(decodeSteps(encodeSteps(whole), 'x'))).toEqual(Array.from(whole));
    const fractional = Float64Array.from([0.1, 3, NaN, 16_777_217, 1e300]);
    expect(encodeSteps(fractional)).toHaveLength(1 + 5 * 8);
    expect(Array.from(decodeSteps(encodeSteps(fractional), 'x'))).toEqual(Array.from(fractional));
  });

  it('refuse bytes of another shape, naming whose they are', () => {
    expect(() => decodeSteps(Uint8Array.from([4, 0, 0, 0]), 'counts of SLO s1')).toThrow(
      'counts of SLO s1: stored steps have width 4 and 4 bytes, not a Float32 or Float64 array',
    );
  });
});

describe.each(databases.eachSupportedId())('SloCountStore (%s)', databaseId => {
  let stores: Awaited<ReturnType<typeof createStores>>;
  let sloId: string;

  beforeAll(async () => {
    stores = await createStores(databaseId);
  });

  beforeEach(async () => {
    const created = await stores.slos.create(
      sloWrite('component:default/ledger', availabilitySlo('ledger')),
      'user:default/hana.mori',
    );
    sloId = created.id;
  });

  afterEach(async () => {
    await stores.knex('headroom_slo_count_chunks').del();
    await stores.knex('headroom_slo_count_states').del();
    await stores.knex('headroom_slo_versions').del();
    await stores.knex('headroom_slos').del();
  });

  it('has nothing for an SLO never counted', async () => {
    expect(await stores.counts.load(sloId, 0, 1000)).toBeUndefined();
    expect(await stores.counts.storedBytes(sloId)).toBe(0);
  });

  it('keeps the state, the carry and the steps to the bit, and loads only the chunks asked for', async () => {
    const corrections = [{ counter: 'total' as const, at: 300, previous: 120, delta: 7.25 }];
    const saved = await stores.counts.save(sloId, {
      state: state(420),
      chunks: [
        chunk(0, [NaN, 1, 2, 3], [NaN, 10, 20, 30]),
        { ...chunk(SPAN, [0.1, 0.2, NaN, NaN], [1, 2, NaN, NaN]), corrections },
      ],
      dropBefore: 0,
      replace: false,
    });
    expect(saved).toBe(true);

    const all = (await stores.counts.load(sloId, 0, 420))!;
    expect(all.state.key).toBe('k1');
    expect(all.state.coveredFrom).toBe(0);
    expect(all.state.settledTo).toBe(420);
    expect(all.state.carry).toEqual(state(420).carry);
    expect(all.chunks.map(c => [c.start, c.end])).toEqual([
      [0, SPAN],
      [SPAN, 2 * SPAN],
    ]);
    expect(Array.from(all.chunks[0]!.events)).toEqual([NaN, 1, 2, 3]);
    expect(Array.from(all.chunks[1]!.events)).toEqual([0.1, 0.2, NaN, NaN]);
    expect(all.chunks[1]!.corrections).toEqual(corrections);
    expect(all.chunks[0]!.corrections).toEqual([]);

    // Only the chunks holding steps of [from, to].
    expect((await stores.counts.load(sloId, SPAN, 420))!.chunks.map(c => c.start)).toEqual([SPAN]);
    expect((await stores.counts.load(sloId, 0, SPAN - STEP))!.chunks.map(c => c.start)).toEqual([
      0,
    ]);
    // Four Float32 steps for the first chunk's two counters, Float64 for the fractional one.
    expect(await stores.counts.storedBytes(sloId)).toBeGreaterThan(2 * 17 + 33 + 17);
  });

  it('overwrites a chunk written again, drops chunks that left the window, or all of them', async () => {
    const first = [
      chunk(0, [1, 1, 1, 1], [2, 2, 2, 2]),
      chunk(SPAN, [1, NaN, NaN, NaN], [2, NaN, NaN, NaN]),
    ];
    await stores.counts.save(sloId, {
      state: state(SPAN),
      chunks: first,
      dropBefore: 0,
      replace: false,
    });
    await stores.counts.save(sloId, {
      state: { ...state(SPAN + STEP, 99), coveredFrom: SPAN },
      chunks: [chunk(SPAN, [5, 6, NaN, NaN], [7, 8, NaN, NaN])],
      dropBefore: SPAN,
      replace: false,
    });
    let loaded = (await stores.counts.load(sloId, 0, 10 * SPAN))!;
    expect(loaded.chunks.map(c => c.start)).toEqual([SPAN]);
    expect(Array.from(loaded.chunks[0]!.total)).toEqual([7, 8, NaN, NaN]);
    expect(loaded.state.settledTo).toBe(SPAN + STEP);
    expect(loaded.state.coveredFrom).toBe(SPAN);
    expect(loaded.state.carry.events.get('{"pod":"a"}')).toEqual({ value: 99, at: SPAN + STEP });

    await stores.counts.save(sloId, {
      state: { ...state(5 * SPAN), key: 'k2', coveredFrom: 4 * SPAN },
      chunks: [chunk(4 * SPAN, [0, 0, 0, 0], [0, 0, 0, 0])],
      dropBefore: 0,
      replace: true,
    });
    loaded = (await stores.counts.load(sloId, 0, 10 * SPAN))!;
    expect(loaded.state.key).toBe('k2');
    expect(loaded.chunks.map(c => c.start)).toEqual([4 * SPAN]);

    await stores.counts.clear(sloId);
    expect(await stores.counts.load(sloId, 0, 10 * SPAN)).toBeUndefined();
  });

  it('keeps no chunk in which nothing was counted, and drops one that became so', async () => {
    const empty = chunk(SPAN, [NaN, NaN, NaN, NaN], [NaN, NaN, NaN, NaN]);
    await stores.counts.save(sloId, {
      state: state(2 * SPAN),
      chunks: [chunk(0, [1, NaN, NaN, NaN], [2, NaN, NaN, NaN]), empty],
      dropBefore: 0,
      replace: true,
    });
    let loaded = (await stores.counts.load(sloId, 0, 10 * SPAN))!;
    expect(loaded.chunks.map(c => c.start)).toEqual([0]);
    // A chunk with only a correction is kept: the correction is counted.
    const corrected = {
      ...empty,
      corrections: [{ counter: 'events' as const, at: SPAN, previous: 5, delta: 5 }],
    };
    await stores.counts.save(sloId, {
      state: state(2 * SPAN),
      chunks: [corrected],
      dropBefore: 0,
      replace: false,
    });
    loaded = (await stores.counts.load(sloId, 0, 10 * SPAN))!;
    expect(loaded.chunks.map(c => c.start)).toEqual([0, SPAN]);
    // Written again with nothing counted (the steps were read again): the kept one goes.
    await stores.counts.save(sloId, {
      state: state(2 * SPAN),
      chunks: [chunk(0, [NaN, NaN, NaN, NaN], [NaN, NaN, NaN, NaN])],
      dropBefore: 0,
      replace: false,
    });
    loaded = (await stores.counts.load(sloId, 0, 10 * SPAN))!;
    expect(loaded.chunks.map(c => c.start)).toEqual([SPAN]);
  });

  it('writes a batch of SLOs in one go, skipping those deleted meanwhile', async () => {
    const other = await stores.slos.create(
      sloWrite('component:default/ledger', availabilitySlo('ledger', 'latency')),
      'user:default/hana.mori',
    );
    const one = (id: string, settledTo: number) => ({
      sloId: id,
      state: state(settledTo),
      chunks: [chunk(0, [1, 2, 3, 4], [5, 6, 7, 8])],
      dropBefore: 0,
      replace: false,
    });
    expect(
      await stores.counts.saveMany([one(sloId, 60), one('gone', 60), one(other.id, 120)]),
    ).toBe(2);
    expect((await stores.counts.load(sloId, 0, 60))!.state.settledTo).toBe(60);
    expect((await stores.counts.load(other.id, 0, 60))!.state.settledTo).toBe(120);
    expect(await stores.counts.load('gone', 0, 60)).toBeUndefined();
    expect(await stores.counts.saveMany([])).toBe(0);
  });

  it('writes nothing for an SLO deleted meanwhile, and goes with a deleted SLO', async () => {
    expect(
      await stores.counts.save('no-such-slo', {
        state: state(0),
        chunks: [chunk(0, [1, 2, 3, 4], [1, 2, 3, 4])],
        dropBefore: 0,
        replace: false,
      }),
    ).toBe(false);
    expect(await stores.counts.storedBytes()).toBe(0);

    await stores.counts.save(sloId, {
      state: state(0),
      chunks: [chunk(0, [1, 2, 3, 4], [1, 2, 3, 4])],
      dropBefore: 0,
      replace: false,
    });
    await stores.slos.delete(
      'component:default/ledger',
      'availability',
      1,
      'user:default/hana.mori',
    );
    expect(await stores.counts.load(sloId, 0, 1000)).toBeUndefined();
  });
});
