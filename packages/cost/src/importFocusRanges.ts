import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CostAggregatorState, FocusRowError } from '@headroom/core';
import type { FocusRangePlan } from './focusRanges';
import type { FocusFileTask, FocusRangeMessage, FocusRangeResult } from './focusRangeWorker';
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
  | { kind: 'error'; error: unknown };

function startWorker(file: FocusFileTask): Worker {
  if (__filename.endsWith('.ts')) {
    // Running from TypeScript sources (the tests): the thread compiles them the same way.
    return new Worker(join(__dirname, 'sourceThread.js'), {
      workerData: { sourceEntry: join(__dirname, 'focusRangeWorker.ts'), file },
    });
  }
  return new Worker(join(__dirname, 'focusRangeWorker.js'), { workerData: { file } });
}

/**
 * Reads the ranges of `plan` in `threads` worker threads, handing out the next range to the
 * first thread free (a thread slowed by other work takes fewer), and puts their results
 * together as one pass over the file would have: line numbers continue from range to range,
 * the first error in file order is the one thrown (naming file and line), and a range whose end
 * fell inside a quoted field reads on to the end of the file, the ranges after it dropped.
 */
export async function importFocusRanges(
  fileName: string,
  plan: FocusRangePlan,
  file: FocusFileTask,
  threads: number,
): Promise<FocusRangesImport> {
  const { bounds } = plan;
  const outcomes = await new Promise<Outcome[]>(resolve => {
    const outcomes: Outcome[] = [];
    const running = new Map<Worker, number>();
    const workers: Worker[] = [];
    let next = 0;
    // Ranges after `last` no longer count: an earlier one failed or read past its end.
    let last = bounds.length - 1;
    const stop = (w: Worker) => {
      running.delete(w);
      void w.terminate();
    };
    const finished = () => {
      for (let k = 0; k <= last; k++) if (!outcomes[k]) return false;
      return true;
    };
    const cut = (k: number) => {
      last = Math.min(last, k);
      for (const [w, j] of running) if (j > last) stop(w);
    };
    const settle = (w: Worker, k: number, o: Outcome) => {
      outcomes[k] = o;
      if (o.kind !== 'done' || o.result.overran) cut(k);
      if (finished()) {
        for (const other of workers) stop(other);
        resolve(outcomes.slice(0, last + 1));
      } else if (next <= last) {
        running.set(w, next);
        w.postMessage({ index: next, start: bounds[next], end: bounds[next + 1] });
        next++;
      } else stop(w);
    };
    for (let t = 0; t < Math.min(threads, bounds.length); t++) {
      const w = startWorker(file);
      workers.push(w);
      running.set(w, next);
      w.postMessage({ index: next, start: bounds[next], end: bounds[next + 1] });
      next++;
      w.on('message', (m: FocusRangeMessage) => {
        if (m.type === 'overrun') cut(m.index);
        else if (m.type === 'done') settle(w, m.index, { kind: 'done', result: m.result });
        else settle(w, m.index, { kind: 'syntax', line: m.line, reason: m.reason });
      });
      w.on('error', error => {
        const k = running.get(w);
        if (k !== undefined) settle(w, k, { kind: 'error', error });
      });
      w.on('exit', () => {
        const k = running.get(w);
        if (k !== undefined) {
          settle(w, k, {
            kind: 'error',
            error: new Error(`${fileName}: a reading thread stopped`),
          });
        }
      });
    }
  });
  const out: FocusRangesImport = { states: [], rows: 0, bad: 0, samples: [] };
  let line = plan.bodyLine;
  for (const o of outcomes) {
    if (o.kind === 'error') throw o.error;
    if (o.kind === 'syntax') {
      throw new FocusSourceError(`${fileName}: line ${line + o.line - 1}: ${o.reason}`);
    }
    const r = o.result;
    out.states.push(r.state);
    out.rows += r.rows;
    out.bad += r.bad;
    for (const s of r.samples) {
      if (out.samples.length < file.sampleLimit)
        out.samples.push({ ...s, line: line + s.line - 1 });
    }
    line += r.lines;
    if (r.overran) break;
  }
  return out;
}
