import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { selfMetrics } from '../prometheus/prom';

/**
 * Prometheus' query log (`query_log_file`): one JSON line per query with its
 * `stats.samples.totalQueryableSamples`, the samples the engine selected for it. This version
 * (2.42) has no `prometheus_engine_query_samples_total`; the log gives the same count per query.
 */
export class QueryLog {
  private offset = 0;
  private rest = '';

  constructor(readonly path: string) {}

  /** Everything logged since the last call. */
  take(): { queries: number; samples: number; evalSeconds: number } {
    let size = 0;
    try {
      size = statSync(this.path).size;
    } catch {
      return { queries: 0, samples: 0, evalSeconds: 0 };
    }
    const out = { queries: 0, samples: 0, evalSeconds: 0 };
    const fd = openSync(this.path, 'r');
    try {
      const buf = Buffer.alloc(16 << 20);
      while (this.offset < size) {
        const n = readSync(fd, buf, 0, Math.min(buf.length, size - this.offset), this.offset);
        if (n <= 0) break;
        this.offset += n;
        const lines = (this.rest + buf.toString('utf8', 0, n)).split('\n');
        this.rest = lines.pop() ?? '';
        for (const line of lines) {
          if (!line) continue;
          const entry = JSON.parse(line) as {
            stats?: {
              timings?: { evalTotalTime?: number };
              samples?: { totalQueryableSamples?: number };
            };
          };
          out.queries++;
          out.samples += entry.stats?.samples?.totalQueryableSamples ?? 0;
          out.evalSeconds += entry.stats?.timings?.evalTotalTime ?? 0;
        }
      }
    } finally {
      closeSync(fd);
    }
    return out;
  }
}

export async function prometheusCpuSeconds(url: string): Promise<number> {
  const m = (await selfMetrics(url)).find(x => x.name === 'process_cpu_seconds_total');
  if (!m) throw new Error(`${url}/metrics has no process_cpu_seconds_total`);
  return m.value;
}

export interface CycleResult {
  /** The evaluation instant (unix seconds). */
  at: number;
  /** Seeding cycle of the incremental path (no state yet: it reads the whole window). */
  seed: boolean;
  evaluated: number;
  failed: number;
  queries: number;
  /** Samples Prometheus selected for this cycle's queries (query log). */
  samples: number;
  /** Samples in Prometheus' answers, as the evaluator counted them (`evaluator.reads`). */
  samplesReturned: number;
  /** Σ of Prometheus' own evaluation time of those queries (query log), seconds. */
  promEvalSeconds: number;
  promCpuSeconds: number;
  backendCpuSeconds: number;
  wallSeconds: number;
  loadAverage: number;
}

/**
 * One evaluation cycle: `run` evaluates every due SLO at `at`. Prometheus' CPU comes from its
 * own counter before and after, the backend's from `process.cpuUsage` of this process (the
 * evaluator, its HTTP client and SQLite all run in it), the samples from the query log read after
 * the CPU has been taken, so that reading the log is not counted.
 */
export async function measureCycle(
  promUrl: string,
  log: QueryLog,
  at: number,
  seed: boolean,
  run: (now: Date) => Promise<{ evaluated: number; failed: number }>,
  samplesReturned: () => number,
): Promise<CycleResult> {
  log.take();
  const prom0 = await prometheusCpuSeconds(promUrl);
  const returned0 = samplesReturned();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = await run(new Date(at * 1000));
  const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const prom1 = await prometheusCpuSeconds(promUrl);
  const read = log.take();
  return {
    at,
    seed,
    evaluated: result.evaluated,
    failed: result.failed,
    queries: read.queries,
    samples: read.samples,
    samplesReturned: samplesReturned() - returned0,
    promEvalSeconds: read.evalSeconds,
    promCpuSeconds: prom1 - prom0,
    backendCpuSeconds: (cpu.user + cpu.system) / 1e6,
    wallSeconds,
    loadAverage: loadavg()[0]!,
  };
}
