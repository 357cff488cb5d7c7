/**
 * A worker thread's part of a parallel import: one byte range of a CSV file, normalised,
 * attributed and aggregated like the whole file in one pass (see `importFocusRanges`).
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import {
  compileAttributionRules,
  CostAggregator,
  createFocusNormaliser,
  createFocusRowParts,
  type AttributionRule,
  type CostAggregatorState,
  type CostEntity,
  type FocusRowError,
  type NormaliseOptions,
} from '@headroom/core';
import { csvChunks, CsvSyntaxError, type CsvChunks } from './csv';

export interface FocusRangeTask {
  path: string;
  /** Byte offset of the range's first record. */
  start: number;
  /** Byte offset where the next range starts; undefined: the file's end. */
  end?: number;
  header: string[];
  /** The file header's projection (false: a column nobody reads). */
  keep: boolean[] | null;
  normalise: NormaliseOptions;
  rules: readonly AttributionRule[];
  entities: readonly CostEntity[];
  sampleLimit: number;
}

export interface FocusRangeResult {
  state: CostAggregatorState;
  rows: number;
  bad: number;
  /** The first bad rows, lines counted from 1 at the range's start. */
  samples: FocusRowError[];
  /** Lines in the range (what the next range's line numbers start after). */
  lines: number;
  /** Whether the range read past its end (its end was inside a quoted field). */
  overran: boolean;
}

export type FocusRangeMessage =
  /** Sent as soon as the range reads past its end: later ranges started mid-record. */
  | { type: 'overrun' }
  | { type: 'done'; result: FocusRangeResult }
  /** A CSV syntax error, its line counted from 1 at the range's start. */
  | { type: 'syntax'; line: number; reason: string };

export async function importFocusRange(
  task: FocusRangeTask,
  post: (m: FocusRangeMessage) => void,
): Promise<void> {
  const normaliser = createFocusNormaliser(task.header, task.normalise);
  const aggregator = new CostAggregator(compileAttributionRules(task.rules, task.entities));
  const parts = createFocusRowParts();
  const samples: FocusRowError[] = [];
  let rows = 0;
  let bad = 0;
  let overran = false;
  let csv: CsvChunks | undefined;
  const end = task.end;
  async function* bytes(): AsyncGenerator<Buffer> {
    const range = { start: task.start, highWaterMark: 1 << 20 };
    if (end === undefined) {
      yield* createReadStream(task.path, range);
      return;
    }
    yield* createReadStream(task.path, { ...range, end: end - 1 });
    // The cut fell inside a quoted field: this range ends at the end of that record, so it
    // reads on, and the ranges after it (which started mid-record) are void. Reading to the
    // file's end keeps this simple; it only costs time, in a file with line feeds in fields.
    if (csv!.position().pending === 0) return;
    overran = true;
    post({ type: 'overrun' });
    yield* createReadStream(task.path, { start: end, highWaterMark: 1 << 20 });
  }
  try {
    csv = await csvChunks(bytes(), { header: false, keep: task.keep, line: 1 });
    for await (const chunk of csv.chunks) {
      chunk.each((fields, line) => {
        const error = normaliser.normaliseInto(fields, line, parts);
        if (error) {
          bad++;
          if (samples.length < task.sampleLimit) samples.push(error);
          return;
        }
        aggregator.addParts(parts);
        rows++;
      });
    }
  } catch (e) {
    if (e instanceof CsvSyntaxError) {
      post({ type: 'syntax', line: e.line, reason: e.reason });
      return;
    }
    throw e;
  }
  post({
    type: 'done',
    result: {
      state: aggregator.state(),
      rows,
      bad,
      samples,
      lines: csv.position().line - 1,
      overran,
    },
  });
}

if (parentPort && (workerData as { task?: FocusRangeTask } | null)?.task) {
  const port = parentPort;
  importFocusRange((workerData as { task: FocusRangeTask }).task, m => port.postMessage(m)).catch(
    (e: unknown) => {
      // Uncaught in this thread: the parent's Worker emits it as 'error'.
      process.nextTick(() => {
        throw e;
      });
    },
  );
}
