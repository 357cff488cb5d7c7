// CPU time the browser spends between two user-timing marks of a page, read from a Chromium
// trace: the thread time of every top-level task, on every thread of every process (the
// renderer's main thread, its JIT compiler threads, the compositor, the GPU process), that runs
// between the marks. Unlike the wall time it hardly grows when other work takes the machine's
// cores, so two contenders can be compared on a shared machine.
//
// The first task counted is the one holding the start mark; it began at most a frame's
// bookkeeping before it (the mark is set in an animation-frame callback).

const CATEGORIES = ['toplevel', 'blink.user_timing', '__metadata'];
const TASK = /^(ThreadControllerImpl::RunTask|ThreadPool_RunTask)$/;

/**
 * Runs `fn` with tracing on and returns its result with `cpuMs` (all threads) and `byThread`
 * (thread name without its number → ms) between the marks `start` and `end`.
 */
export async function withCpuTime(
  browser,
  page,
  fn,
  start = 'render-start',
  end = 'render-painted',
) {
  await browser.startTracing(page, { categories: CATEGORIES });
  let result;
  let trace;
  try {
    result = await fn();
  } finally {
    trace = await browser.stopTracing();
  }
  const events = JSON.parse(trace.toString()).traceEvents;
  const at = name => {
    const e = events.find(x => x.cat === 'blink.user_timing' && x.name === name);
    if (!e) throw new Error(`trace: no "${name}" mark (is the harness built?)`);
    return e.ts;
  };
  const from = at(start);
  const to = at(end);
  const threads = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const byThread = {};
  let cpuMs = 0;
  for (const e of events) {
    if (e.ph !== 'X' || !TASK.test(e.name) || e.ts >= to || e.ts + (e.dur ?? 0) <= from) continue;
    const ms = (e.tdur ?? 0) / 1000;
    const thread = (threads.get(`${e.pid}:${e.tid}`) ?? 'unnamed').replace(/\d+$/, '');
    byThread[thread] = (byThread[thread] ?? 0) + ms;
    cpuMs += ms;
  }
  return { result, cpuMs, byThread };
}
