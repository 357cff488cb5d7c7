/**
 * A worker thread's part of a parallel import: byte ranges of one CSV file, one after another
 * as the importing thread hands them out, each normalised, attributed and aggregated like the
 * whole file in one pass (see `importFocusRanges`).
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import {
  compileAttributionRules,
  CostAggregator,
  createFocusNormaliser,
  createFocusRowParts,
  type AttributionRule,
  type Attributor,
  type CostAggregatorState,
  type CostEntity,
  type FocusNormaliser,
  type FocusRowError,
  type NormaliseOptions,
} from '@headroom/core';
import { csvChunks, CsvSyntaxError, type CsvChunks } from './csv';

/** What every range of one file shares (given to each thread once). */
export interface FocusFileTask {
  path: string;
  header: string[];
  /** The file header's projection (false: a column nobody reads). */
  keep: boolean[] | null;
  normalise: NormaliseOptions;
  rules: readonly AttributionRule[];
  entities: readonly CostEntity[];
  sampleLimit: number;
}

export interface FocusRange {
  /** The range's place in the file (0 first). */
  index: number;
  /** Byte offset of the range's first record. */
  start: number;
  /** Byte offset where the next range starts; undefined: the file's end. */
  end?: number;
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
  | { type: 'overrun'; index: number }
  | { type: 'done'; index: number; result: FocusRangeResult }
  /** A CSV syntax error, its line counted from 1 at the range's start. */
  | { type: 'syntax'; index: number; line: number; reason: string };

/** The file's normaliser and rules, compiled once per thread. */
export interface FocusRangeReader {
  task: FocusFileTask;
  normaliser: FocusNormaliser;
  attributor: Attributor;
}

export function focusRangeReader(task: FocusFileTask): FocusRangeReader {
  return {
    task,
    normaliser: createFocusNormaliser(task.header, task.normalise),
    attributor: compileAttributionRules(task.rules, task.entities),
  };
}

export async function importFocusRange(
  reader: FocusRangeReader,
  range: FocusRange,
  post: (m: FocusRangeMessage) => void,
): Promise<void> {
  const { task, normaliser } = reader;
  const { index, start, end } = range;
  // One aggregator per range: merged in file order, the cells keep one pass's order.
  const aggregator = new CostAggregator(reader.attributor);
  const parts = createFocusRowParts();
  const samples: FocusRowError[] = [];
  let rows = 0;
  let bad = 0;
  let overran = false;
  let csv: CsvChunks | undefined;
  async function* bytes(): AsyncGenerator<Buffer> {
    const from = { start, highWaterMark: 1 << 20 };
    if (end === undefined) {
      yield* createReadStream(task.path, from);
      return;
    }
    yield* createReadStream(task.path, { ...from, end: end - 1 });
    // The cut fell inside a quoted field: this range ends at the end of that record, so it
    // reads on, and the ranges after it (which started mid-record) are void. Reading to the
    // file's end keeps this simple; it only costs time, in a file with line feeds in fields.
    if (csv!.position().pending === 0) return;
    overran = true;
    post({ type: 'overrun', index });
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
      post({ type: 'syntax', index, line: e.line, reason: e.reason });
      return;
    }
    throw e;
  }
  post({
    type: 'done',
    index,
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

const shared = (workerData as { file?: FocusFileTask } | null)?.file;
if (parentPort && shared) {
  const port = parentPort;
  const reader = focusRangeReader(shared);
  // The importing thread sends the next range only after this one's answer.
  port.on('message', (range: FocusRange) => {
    importFocusRange(reader, range, m => port.postMessage(m)).catch((e: unknown) => {
      // Uncaught in this thread: the parent's Worker emits it as 'error'.
      process.nextTick(() => {
        throw e;
      });
    });
  });
}
