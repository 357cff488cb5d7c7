import { createHash } from 'node:crypto';
import type { CounterSamples, Slo } from '@headroom/core';
import {
  copyCarry,
  counterSelectors,
  fetchSeriesOnGrid,
  pruneCarry,
  sampleGrid,
  samplesFromIncreases,
  stepIncreases,
  type CounterSelectors,
  type PrometheusClient,
  type RangeSeries,
  type RequestOptions,
  type SamplePlan,
} from '@headroom/prometheus';
import type {
  CountChunk,
  CountCorrection,
  CounterName,
  CountSave,
  CountState,
  SloCountStore,
} from '../database/SloCountStore';

/** Steps a kept chunk holds: half a day at the default 60 s step. */
export const CHUNK_STEPS = 720;
/** Bumped when what is kept changes meaning: every SLO then starts over once. */
const LAYOUT = 1;

export interface IncrementalRead {
  samples: CounterSamples;
  /** What to keep of this read: give it to `SloCountStore.save` (or `saveMany`, batched). */
  save: CountSave | undefined;
  /** Samples Prometheus returned for this read. */
  samplesRead: number;
  /** True when the read started over: the whole plan was read. */
  backfilled: boolean;
}

/** What the kept counts of an SLO depend on: another value means counting again from scratch. */
export function countKey(selectors: CounterSelectors, stepSeconds: number): string {
  const { events, total, kind } = selectors;
  return createHash('sha256')
    .update(
      JSON.stringify({ layout: LAYOUT, chunkSteps: CHUNK_STEPS, events, total, kind, stepSeconds }),
    )
    .digest('hex');
}

function samplesIn(series: readonly RangeSeries[]): number {
  let n = 0;
  for (const s of series) n += s.timestamps.length;
  return n;
}

/**
 * Reads an SLO's counter samples for a plan the way `readPlannedSamples` does, but from what
 * earlier reads counted: only the steps after the last settled one are asked of Prometheus (the
 * newest `overlapSeconds` of them again each time, since a late scrape can still change them),
 * and the whole plan once, when the SLO is first seen or its counters, step or window no longer
 * match what is kept. The engine then gets the same samples as from one read of the whole plan
 * (see `stepIncreases`), so every number is the same. Reading writes nothing: the caller keeps
 * `save`, at once or with other SLOs' in one transaction; until then the next read of the SLO
 * starts from what was kept before, which is only slower.
 */
export class IncrementalSampleReader {
  constructor(
    private readonly options: {
      client: PrometheusClient;
      counts: SloCountStore;
      /** How far back the newest steps are read again; default 300 s. */
      overlapSeconds?: number;
    },
  ) {}

  async read(
    sloId: string,
    slo: Slo,
    plan: SamplePlan,
    opts: RequestOptions = {},
  ): Promise<IncrementalRead> {
    const { client, counts } = this.options;
    const step = plan.stepSeconds;
    const selectors = counterSelectors(slo);
    const grid = sampleGrid(plan.start, plan.end, step);
    if (grid.length === 0) {
      const empty = new Float64Array(0);
      return {
        samples: { timestamps: grid, events: empty, total: empty, kind: selectors.kind },
        save: undefined,
        samplesRead: 0,
        backfilled: false,
      };
    }
    const first = grid[0]!;
    const at = grid[grid.length - 1]!;
    const span = CHUNK_STEPS * step;
    const key = countKey(selectors, step);

    const loaded = await counts.load(sloId, first, at);
    const fresh =
      !loaded ||
      loaded.state.key !== key ||
      loaded.state.coveredFrom > first ||
      loaded.state.settledTo < first;
    const state: CountState = fresh
      ? {
          key,
          coveredFrom: first,
          settledTo: first - step,
          carry: { events: new Map(), total: new Map() },
        }
      : loaded.state;
    const chunks = new Map<number, CountChunk>(
      fresh ? [] : loaded.chunks.map(c => [c.start, c] as const),
    );

    const from = state.settledTo + step;
    const touched = new Set<number>();
    let samplesRead = 0;
    if (from <= at) {
      const readGrid = sampleGrid(from, at, step);
      const [events, total] = await Promise.all([
        fetchSeriesOnGrid(client, selectors.events, readGrid, step, opts),
        fetchSeriesOnGrid(client, selectors.total, readGrid, step, opts),
      ]);
      samplesRead = samplesIn(events) + samplesIn(total);
      const overlap = this.options.overlapSeconds ?? 300;
      const settle = Math.max(state.settledTo, Math.floor((at - overlap) / step) * step);
      const settled = Math.round((settle - from) / step) + 1;
      const chunkOf = (t: number): CountChunk => {
        const start = Math.floor(t / span) * span;
        let c = chunks.get(start);
        if (!c) {
          c = {
            start,
            end: start + span,
            events: new Float64Array(CHUNK_STEPS).fill(NaN),
            total: new Float64Array(CHUNK_STEPS).fill(NaN),
            corrections: [],
          };
          chunks.set(start, c);
        }
        if (!touched.has(start)) {
          // What was counted at or after `from` is counted again now.
          c.corrections = c.corrections.filter(k => k.at < from);
          touched.add(start);
        }
        return c;
      };
      for (const [counter, series] of [
        ['events', events],
        ['total', total],
      ] as const) {
        // The carry advances to the settled step only; the steps after it are read again later.
        const parts = [
          stepIncreases(series, readGrid.subarray(0, settled), step, state.carry[counter]),
          stepIncreases(series, readGrid.subarray(settled), step, copyCarry(state.carry[counter])),
        ];
        let i = 0;
        for (const part of parts) {
          for (let k = 0; k < part.increases.length; k++, i++) {
            const t = readGrid[i]!;
            const c = chunkOf(t);
            c[counter][Math.round((t - c.start) / step)] = part.increases[k]!;
          }
          for (const correction of part.corrections) {
            chunkOf(correction.at).corrections.push({ ...correction, counter });
          }
        }
      }
      state.settledTo = settle;
    }
    // Series last seen before the plan are new to every later read: forget them.
    pruneCarry(state.carry.events, first);
    pruneCarry(state.carry.total, first);
    state.coveredFrom = first;
    return {
      save: {
        state,
        chunks: [...touched].map(start => chunks.get(start)!),
        dropBefore: first,
        replace: fresh,
      },
      samples: samplesFromIncreases(
        grid,
        gather(grid, step, chunks, 'events'),
        gather(grid, step, chunks, 'total'),
        selectors.kind,
      ),
      samplesRead,
      backfilled: fresh,
    };
  }
}

/** One counter's kept increases on `grid` (NaN where nothing is kept) and its corrections. */
function gather(
  grid: Float64Array,
  step: number,
  chunks: ReadonlyMap<number, CountChunk>,
  counter: CounterName,
): { increases: Float64Array; corrections: CountCorrection[] } {
  const increases = new Float64Array(grid.length).fill(NaN);
  const corrections: CountCorrection[] = [];
  const first = grid[0]!;
  const last = grid[grid.length - 1]!;
  for (const c of chunks.values()) {
    if (c.end <= first || c.start > last) continue;
    const values = c[counter];
    // The chunk's steps that fall on the grid, copied in one go.
    const a = Math.max(0, Math.round((first - c.start) / step));
    const b = Math.min(values.length, Math.floor((last - c.start) / step) + 1);
    if (b > a)
      increases.set(values.subarray(a, b), Math.round((c.start + a * step - first) / step));
    for (const k of c.corrections) if (k.counter === counter) corrections.push(k);
  }
  return { increases, corrections };
}
