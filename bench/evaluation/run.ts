/**
 * Benchmark P7: what one evaluation cycle of the backend costs Prometheus and the backend, for
 * 5,000 SLOs over 20 series each, with the read of the whole window next to the incremental
 * read, in one run against one real Prometheus. See bench/evaluation/README.md.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/evaluation/run.ts [--slos 5000] ...
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigReader } from '@backstage/config';
import { evaluationSettings } from '../../plugins/headroom-backend/src/evaluation/SloEvaluator';
import { startPrometheus, tempDir, type Prometheus } from '../prometheus/prom';
import { cycleEvaluator, MODES, type Mode } from './evaluators';
import {
  DAY,
  mainService,
  SERIES_PER_SLO,
  STEP,
  sweepService,
  writeHistory,
  type HistorySpec,
} from './history';
import { measureCycle, prometheusCpuSeconds, QueryLog, type CycleResult } from './measure';
import { availabilityWrite } from './slos';
import { loadSlos, quietLogger, sqliteStore } from './store';
import { summarise, type SetResult } from './summary';

const { values: args } = parseArgs({
  options: {
    slos: { type: 'string', default: '5000' },
    days: { type: 'string', default: '0.25' },
    cycles: { type: 'string', default: '3' },
    'full-slos': { type: 'string', default: '500' },
    window: { type: 'string', default: '30d' },
    'sweep-slos': { type: 'string', default: '10' },
    'sweep-days': { type: 'string', default: '31' },
    'sweep-windows': { type: 'string', default: '1d,7d,30d' },
    modes: { type: 'string', default: MODES.join(',') },
    concurrency: { type: 'string', default: '4' },
    'timeout-ms': { type: 'string', default: '10000' },
    data: { type: 'string' },
    out: { type: 'string', default: join(__dirname, 'results.json') },
    'max-minutes': { type: 'string', default: '60' },
  },
});

function positiveInt(name: keyof typeof args): number {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a whole number, got ${args[name]}`);
  return n;
}

function positiveNumber(name: keyof typeof args): number {
  const n = Number(args[name]);
  if (!(n > 0)) throw new Error(`--${name} must be a number above 0, got ${args[name]}`);
  return n;
}

const log = (s: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

/**
 * The history in `dir/data`: reused when `dir/history.json` describes the same sets (a kept
 * `--data` folder), otherwise written anew, ending at the last whole minute.
 */
function prepareHistory(dir: string, wanted: Omit<HistorySpec, 'end'>): HistorySpec {
  const metaFile = join(dir, 'history.json');
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as HistorySpec & { samples: number };
    const same = (Object.keys(wanted) as Array<keyof typeof wanted>).every(
      k => meta[k] === wanted[k],
    );
    if (same) {
      log(`reusing the history in ${dir} (${meta.samples} samples)`);
      return meta;
    }
    rmSync(join(dir, 'data'), { recursive: true, force: true });
  }
  const spec: HistorySpec = { ...wanted, end: Math.floor(Date.now() / 1000 / STEP) * STEP - STEP };
  const t0 = Date.now();
  log(
    `writing history: ${spec.services} services × ${spec.days} d and ${spec.sweepServices} × ${spec.sweepDays} d, ${SERIES_PER_SLO} series each`,
  );
  const samples = writeHistory(spec, dir, join(dir, 'data'));
  log(`history: ${samples} samples in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  writeFileSync(metaFile, JSON.stringify({ ...spec, samples }));
  return spec;
}

/** Evaluates `writes` in `mode` on a fresh SQLite store: `cycles` cycles ending at `end`. */
async function runSet(
  prom: Prometheus,
  queryLog: QueryLog,
  dir: string,
  label: string,
  windowDays: number,
  writes: ReturnType<typeof availabilityWrite>[],
  mode: Mode,
  end: number,
  cycles: number,
  concurrency: number,
): Promise<SetResult> {
  const file = join(dir, `${label}-${mode}.sqlite`);
  rmSync(file, { force: true });
  const { store, knex, database } = await sqliteStore(file);
  try {
    await loadSlos(store, writes);
    const warnings: string[] = [];
    const settings = evaluationSettings(
      new ConfigReader({
        headroom: {
          prometheus: { baseUrl: prom.url, timeoutMs: Number(args['timeout-ms']) },
          // One pass evaluates every SLO: a cycle is one `runDue`.
          evaluation: { batchSize: writes.length, concurrency },
        },
      }),
    );
    const evaluator = await cycleEvaluator(mode, {
      store,
      database,
      logger: quietLogger(warnings),
      settings,
    });
    // The incremental path's first cycle has no state and reads the whole window: counted apart.
    const seeds = evaluator.seedCycles;
    const results: CycleResult[] = [];
    for (let k = 0; k < cycles + seeds; k++) {
      const at = end - (cycles + seeds - 1 - k) * STEP;
      const r = await measureCycle(
        prom.url,
        queryLog,
        at,
        k < seeds,
        now => evaluator.runDue(now),
        evaluator.samplesReturned,
      );
      log(
        `${label} ${mode} cycle ${k + 1}: ${r.evaluated} evaluated, ${r.failed} failed, ${r.samples} samples, ${r.wallSeconds.toFixed(1)} s wall, Prometheus ${r.promCpuSeconds.toFixed(1)} s CPU, backend ${r.backendCpuSeconds.toFixed(1)} s CPU, load ${r.loadAverage.toFixed(2)}`,
      );
      results.push(r);
    }
    const statuses = new Map(
      (await store.listWithStatus({}, new Date(end * 1000))).map(x => [
        `${x.slo.entityRef}/${x.slo.name}`,
        x.status,
      ]),
    );
    return {
      label,
      mode,
      slos: writes.length,
      windowDays,
      cycles: results,
      warnings: warnings.slice(0, 5),
      warningCount: warnings.length,
      databaseBytes: statSync(file).size,
      statuses,
    };
  } finally {
    await knex.destroy();
    rmSync(file, { force: true });
  }
}

/** What `cleanUp` stops and removes, also when the run is stopped from outside. */
const running: { prom?: Prometheus; tempDir?: string } = {};

async function cleanUp(): Promise<void> {
  const { prom, tempDir: dir } = running;
  running.prom = undefined;
  running.tempDir = undefined;
  await prom?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const slos = positiveInt('slos');
  const cycles = positiveInt('cycles');
  const concurrency = positiveInt('concurrency');
  const sweepWindows = (args['sweep-windows'] ?? '').split(',').filter(Boolean);
  const modes = (args.modes ?? '').split(',').filter(Boolean) as Mode[];
  for (const m of modes)
    if (!MODES.includes(m))
      throw new Error(`--modes: unknown mode "${m}" (known: ${MODES.join(', ')})`);
  const windowDays = (w: string) => {
    const m = /^(\d+)d$/.exec(w);
    if (!m) throw new Error(`window "${w}" must be a number of days, e.g. 30d`);
    return Number(m[1]);
  };
  const started = new Date();
  const loadStart = loadavg();
  const dir = args.data ?? tempDir('headroom-eval-bench-');
  mkdirSync(dir, { recursive: true });
  if (!args.data) running.tempDir = dir;
  try {
    const spec = prepareHistory(dir, {
      services: slos,
      days: positiveNumber('days'),
      sweepServices: positiveInt('sweep-slos'),
      sweepDays: positiveInt('sweep-days'),
    });
    const prom = await startPrometheus({ dir, rules: {}, scrapeTargets: [] });
    running.prom = prom;
    // The query log is a reloadable global setting; it gives each query's sample count.
    const queryLogFile = join(dir, 'query.log');
    rmSync(queryLogFile, { force: true });
    const config = readFileSync(join(dir, 'prometheus.yml'), 'utf8');
    writeFileSync(
      join(dir, 'prometheus.yml'),
      config.replace(/^global:\n/, `global:\n  query_log_file: ${queryLogFile}\n`),
    );
    await prom.reload();
    const queryLog = new QueryLog(queryLogFile);
    // Prometheus at rest: the CPU it spends without queries, over 10 s.
    const idle0 = await prometheusCpuSeconds(prom.url);
    await new Promise(r => setTimeout(r, 10_000));
    const idleCpuPerSecond = ((await prometheusCpuSeconds(prom.url)) - idle0) / 10;

    const sets: SetResult[] = [];
    // Written again after every set: a run stopped early still leaves what it measured.
    const report = () => {
      const r = summarise({
        command:
          `node -r @backstage/cli-node/config/nodeTransform.cjs bench/evaluation/run.ts ${process.argv.slice(2).join(' ')}`.trim(),
        started: started.toISOString(),
        finished: new Date().toISOString(),
        machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
        loadStart,
        loadEnd: loadavg(),
        history: spec,
        historyDaysNote: `main set: ${spec.days} d of history (${(spec.days * DAY) / STEP} samples per series), sweep: ${spec.sweepDays} d`,
        idlePromCpuPerSecond: idleCpuPerSecond,
        sets,
      });
      writeFileSync(args.out!, JSON.stringify(r.json, null, 2) + '\n');
      return r;
    };
    const run = async (
      label: string,
      window: string,
      writes: ReturnType<typeof availabilityWrite>[],
      mode: Mode,
    ) => {
      sets.push(
        await runSet(
          prom,
          queryLog,
          dir,
          label,
          windowDays(window),
          writes,
          mode,
          spec.end,
          cycles,
          concurrency,
        ),
      );
      report();
    };
    // The sweep first: its full reads of up to 30 days are the longest per SLO but few.
    for (const w of sweepWindows) {
      const writes = Array.from({ length: spec.sweepServices }, (_, i) =>
        availabilityWrite(sweepService(i), w),
      );
      if (!writes.length) break;
      for (const mode of modes) await run(`sweep-${w}`, w, writes, mode);
    }
    const main = Array.from({ length: slos }, (_, i) =>
      availabilityWrite(mainService(i), args.window!),
    );
    // The whole-window read of every SLO is what takes long: it runs on the first SLOs only.
    const fullSlos = Math.min(slos, positiveInt('full-slos'));
    for (const mode of modes)
      await run('main', args.window!, mode === 'full' ? main.slice(0, fullSlos) : main, mode);
    console.log(report().markdown);
    log(`figures written to ${args.out}`);
  } finally {
    await cleanUp();
  }
}

// The run stops by itself: past the deadline it fails, and `main`'s clean-up still runs.
const deadline = setTimeout(
  () => {
    console.error(`bench: stopped after --max-minutes ${args['max-minutes']}`);
    process.emit('SIGTERM');
  },
  Number(args['max-minutes']) * 60_000,
);
deadline.unref();
let stopping: (() => void) | undefined;
process.once('SIGTERM', () => stopping?.());
process.once('SIGINT', () => stopping?.());
Promise.race([
  main(),
  new Promise<never>((_, reject) => {
    stopping = () => reject(new Error('stopped before the end'));
  }),
])
  .catch(e => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => void cleanUp().then(() => process.exit()));
