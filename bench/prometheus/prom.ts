import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Absolute path of a binary on PATH, or a clear error. */
export function binary(name: 'prometheus' | 'promtool'): string {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = r.stdout.trim();
  if (r.status !== 0 || !path) {
    throw new Error(`${name} not found on PATH: run dev-env/prometheus/install.sh first`);
  }
  return path;
}

export function promtool(args: string[]): string {
  const r = spawnSync(binary('promtool'), args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  if (r.status !== 0)
    throw new Error(`promtool ${args.slice(0, 3).join(' ')} failed:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * OpenMetrics text written in pieces (the cost benchmark's history is tens of millions of
 * lines), then turned into TSDB blocks by promtool. One block may span the whole history:
 * promtool's default of 2-hour blocks makes a 30-day backfill some 40 times slower. Callers
 * write all samples of one metric name before the next (OpenMetrics keeps families together).
 */
export class OpenMetricsFile {
  private fd: number;
  private buf: string[] = [];
  private types = new Set<string>();

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  sample(metric: string, labels: string, value: number, t: number): void {
    if (!this.types.has(metric)) {
      this.types.add(metric);
      this.buf.push(`# TYPE ${metric} unknown`);
    }
    this.buf.push(`${metric}{${labels}} ${value} ${t}`);
    if (this.buf.length >= 50_000) this.flush();
  }

  private flush(): void {
    if (this.buf.length) writeSync(this.fd, this.buf.join('\n') + '\n');
    this.buf = [];
  }

  private args(dataDir: string): string[] {
    this.buf.push('# EOF');
    this.flush();
    closeSync(this.fd);
    mkdirSync(dataDir, { recursive: true });
    return [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '--quiet',
      '--max-block-duration=800h',
      this.path,
      dataDir,
    ];
  }

  /** Ends the file and writes its blocks into `dataDir`; the text file is removed. */
  toBlocks(dataDir: string): void {
    promtool(this.args(dataDir));
    rmSync(this.path, { force: true });
  }

  /** The same in a separate process, so that several files convert at once. */
  toBlocksAsync(dataDir: string): Promise<void> {
    const args = this.args(dataDir);
    return new Promise((resolve, reject) => {
      const child = spawn(binary('promtool'), args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
      child.on('error', reject);
      child.on('exit', code => {
        rmSync(this.path, { force: true });
        if (code === 0) resolve();
        else reject(new Error(`promtool create-blocks-from openmetrics failed:\n${err}`));
      });
    });
  }
}

export function seriesLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');
}

export interface Prometheus {
  url: string;
  dir: string;
  rulesDir: string;
  reload(): Promise<void>;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  dir: string;
  rules: Record<string, string>;
  scrapeTargets: string[];
  scrapeInterval?: string;
  evaluationInterval?: string;
  /** Also scrape Prometheus' own /metrics (job `prometheus`). */
  selfScrape?: boolean;
}

/** Prometheus on a free loopback port, data in `dir/data`, rules in `dir/rules`. */
export async function startPrometheus(o: PrometheusOptions): Promise<Prometheus> {
  const rulesDir = join(o.dir, 'rules');
  mkdirSync(rulesDir, { recursive: true });
  mkdirSync(join(o.dir, 'data'), { recursive: true });
  for (const [name, text] of Object.entries(o.rules)) writeFileSync(join(rulesDir, name), text);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // A fixed `instance`, so that the backfilled history and the scraped samples are one series
  // whatever port the exporter listens on.
  const jobs = [
    `  - job_name: bench\n    static_configs:\n      - targets: [${o.scrapeTargets.map(t => JSON.stringify(t)).join(', ')}]\n    relabel_configs:\n      - target_label: instance\n        replacement: bench\n`,
  ];
  if (o.selfScrape)
    jobs.push(
      `  - job_name: prometheus\n    static_configs:\n      - targets: ["127.0.0.1:${port}"]\n`,
    );
  writeFileSync(
    join(o.dir, 'prometheus.yml'),
    `global:\n  scrape_interval: ${o.scrapeInterval ?? '15s'}\n  evaluation_interval: ${o.evaluationInterval ?? '30s'}\nrule_files:\n  - ${rulesDir}/*.yml\nscrape_configs:\n${jobs.join('')}`,
  );
  const log: string[] = [];
  const child: ChildProcess = spawn(
    binary('prometheus'),
    [
      `--config.file=${join(o.dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(o.dir, 'data')}`,
      '--storage.tsdb.retention.time=60d',
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-lifecycle',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const keep = (b: Buffer) => {
    log.push(b.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = async () => {
    if (exited) return;
    const done = new Promise(r => child.once('exit', r));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(t);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`Prometheus exited during start-up:\n${log.join('')}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Prometheus not ready after 60 s:\n${log.join('')}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return {
    url,
    dir: o.dir,
    rulesDir,
    reload: async () => {
      const r = await fetch(`${url}/-/reload`, { method: 'POST' });
      if (!r.ok) throw new Error(`reload failed: HTTP ${r.status} ${await r.text()}`);
    },
    stop,
  };
}

/** One metric family from Prometheus' own /metrics, as (labels, value) pairs. */
export async function selfMetrics(
  url: string,
): Promise<Array<{ name: string; labels: Record<string, string>; value: number }>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}
