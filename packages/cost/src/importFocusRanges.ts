import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CostAggregatorState, FocusRowError } from '@headroom/core';
import type { FocusRangePlan } from './focusRanges';
import type { FocusRangeMessage, FocusRangeResult, FocusRangeTask } from './focusRangeWorker';
import { FocusSourceError } from './source';

/** What a file read in ranges adds to an import: the ranges' sums in file order. */
export interface FocusRangesImport {
  states: CostAggregatorState[];
  rows: number;
  bad: number;
  /** The file's first bad rows (at most the task's `sampleLimit`), with their lines in the file. */
  samples: FocusRowError[];
}

type Outcome =
  | { kind: 'done'; result: FocusRangeResult }
  | { kind: 'syntax'; line: number; reason: string }
  | { kind: 'error'; error: unknown }
  | { kind: 'cancelled' };

function startWorker(task: FocusRangeTask): Worker {
  if (__filename.endsWith('.ts')) {
    // Running from TypeScript sources (the tests): the thread compiles them the same way.
    return new Worker(join(__dirname, 'sourceThread.js'), {
      workerData: { sourceEntry: join(__dirname, 'focusRangeWorker.ts'), task },
    });
  }
  return new Worker(join(__dirname, 'focusRangeWorker.js'), { workerData: { task } });
}

/**
 * Reads the ranges of `plan` in one worker thread each and puts their results together as one
 * pass over the file would have: line numbers continue from range to range, the first error in
 * file order is the one thrown (naming file and line), and a range whose end fell inside a
 * quoted field reads on to the end of the file, the ranges after it being dropped.
 */
export async function importFocusRanges(
  fileName: string,
  plan: FocusRangePlan,
  task: Omit<FocusRangeTask, 'start' | 'end' | 'header'>,
): Promise<FocusRangesImport> {
  const { bounds } = plan;
  const workers = bounds.map((start, k) =>
    startWorker({ ...task, header: plan.header, start, end: bounds[k + 1] }),
  );
  // Later ranges no longer count once an earlier one failed or read past its end.
  const cancelAfter = (k: number) => {
    for (let j = k + 1; j < workers.length; j++) void workers[j]!.terminate();
  };
  const outcomes = await Promise.all(
    workers.map(
      (worker, k) =>
        new Promise<Outcome>(resolve => {
          const settle = (o: Outcome) => {
            if (o.kind !== 'done' || o.result.overran) cancelAfter(k);
            resolve(o);
          };
          worker.on('message', (m: FocusRangeMessage) => {
            if (m.type === 'overrun') cancelAfter(k);
            else if (m.type === 'done') settle({ kind: 'done', result: m.result });
            else settle({ kind: 'syntax', line: m.line, reason: m.reason });
          });
          worker.on('error', error => settle({ kind: 'error', error }));
          worker.on('exit', () => resolve({ kind: 'cancelled' }));
        }),
    ),
  );
  const out: FocusRangesImport = { states: [], rows: 0, bad: 0, samples: [] };
  let line = plan.bodyLine;
  for (const o of outcomes) {
    if (o.kind === 'error') throw o.error;
    if (o.kind === 'cancelled') throw new Error(`${fileName}: a part of the import stopped early`);
    if (o.kind === 'syntax') {
      throw new FocusSourceError(`${fileName}: line ${line + o.line - 1}: ${o.reason}`);
    }
    const r = o.result;
    out.states.push(r.state);
    out.rows += r.rows;
    out.bad += r.bad;
    for (const s of r.samples) {
      if (out.samples.length < task.sampleLimit)
        out.samples.push({ ...s, line: line + s.line - 1 });
    }
    line += r.lines;
    if (r.overran) break;
  }
  return out;
}
