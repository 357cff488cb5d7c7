import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALL_HINT = 'run dev-env/prometheus/install.sh (Debian package prometheus) first';

/** Absolute path of a binary on PATH; a missing one fails the test with the install hint. */
export function requireBinary(name: 'prometheus' | 'promtool'): string {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = r.stdout.trim();
  if (r.status !== 0 || !path) throw new Error(`${name} not found on PATH: ${INSTALL_HINT}`);
  return path;
}

export interface PromtoolResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function promtool(args: string[], cwd?: string): PromtoolResult {
  const bin = requireBinary('promtool');
  const r = spawnSync(bin, args, { encoding: 'utf8', cwd, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
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

export function tempDir(prefix = 'headroom-prom-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Writes OpenMetrics text (ending in `# EOF`) and turns it into TSDB blocks in `dataDir`.
 * Blocks may span up to `maxBlockDuration` (default 800h): promtool's default of 2 hours writes
 * one block per 2 hours of history (31 days: 372 blocks, ≈ 25 s); one long block takes < 1 s.
 */
export function backfill(
  openMetrics: string,
  dataDir: string,
  opts: { maxBlockDuration?: string } = {},
): void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, '..', `backfill-${process.pid}-${Date.now()}.om`);
  writeFileSync(file, openMetrics);
  const r = promtool([
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    '--quiet',
    `--max-block-duration=${opts.maxBlockDuration ?? '800h'}`,
    file,
    dataDir,
  ]);
  rmSync(file, { force: true });
  if (r.status !== 0)
    throw new Error(`promtool create-blocks-from openmetrics failed:\n${r.stderr}${r.stdout}`);
}

/**
 * Evaluates the recording rules of `ruleFile` against a running Prometheus at
 * start, start + interval, ... (up to end) and writes the results as blocks into `outDir`
 * (`promtool tsdb create-blocks-from rules`): the history that recording rules would have had.
 * Prometheus reads the new blocks after a restart.
 */
export function backfillRules(
  ruleFile: string,
  url: string,
  start: number,
  end: number,
  evalInterval: string,
  outDir: string,
): void {
  mkdirSync(outDir, { recursive: true });
  const r = promtool([
    'tsdb',
    'create-blocks-from',
    'rules',
    '--quiet',
    `--url=${url}`,
    `--start=${start}`,
    `--end=${end}`,
    `--eval-interval=${evalInterval}`,
    `--output-dir=${outDir}`,
    ruleFile,
  ]);
  if (r.status !== 0)
    throw new Error(`promtool create-blocks-from rules failed:\n${r.stderr}${r.stdout}`);
}

export interface RunningPrometheus {
  url: string;
  dir: string;
  rulesDir: string;
  /** Asks Prometheus to re-read its configuration and rule files. */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** A folder to use (it may already hold backfilled blocks in `data/`); default: a new temp folder. */
  dir?: string;
  rules?: Record<string, string>;
  evaluationInterval?: string;
  scrapeInterval?: string;
  scrapeTargets?: string[];
  /**
   * Drop the job and instance labels from scraped samples, as the demo does: backfilled history
   * has neither, so the live series then continue the backfilled ones instead of starting beside
   * them (a sum over both would count the new series' whole value as an increase).
   */
  continueBackfill?: boolean;
}

/** Starts Prometheus on a free loopback port with its data in a temporary folder. */
export async function startPrometheus(opts: StartOptions = {}): Promise<RunningPrometheus> {
  const bin = requireBinary('prometheus');
  const dir = opts.dir ?? tempDir();
  const rulesDir = join(dir, 'rules');
  mkdirSync(rulesDir, { recursive: true });
  mkdirSync(join(dir, 'data'), { recursive: true });
  for (const [name, text] of Object.entries(opts.rules ?? {}))
    writeFileSync(join(rulesDir, name), text);
  const scrape = opts.scrapeTargets?.length
    ? `scrape_configs:\n  - job_name: headroom\n    static_configs:\n      - targets: [${opts.scrapeTargets.map(t => JSON.stringify(t)).join(', ')}]\n` +
      (opts.continueBackfill
        ? '    metric_relabel_configs:\n      - action: labeldrop\n        regex: instance|job\n'
        : '')
    : '';
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: ${opts.scrapeInterval ?? '15s'}\n  evaluation_interval: ${opts.evaluationInterval ?? '30s'}\nrule_files:\n  - ${rulesDir}/*.yml\n${scrape}`,
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log: string[] = [];
  const child: ChildProcess = spawn(
    bin,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
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
    if (!exited) {
      const done = new Promise(r => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(t);
    }
    if (!opts.dir) rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`Prometheus exited during start-up:\n${log.join('')}`);
    try {
      const r = await fetch(`${url}/-/ready`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Prometheus not ready after 30 s:\n${log.join('')}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return {
    url,
    dir,
    rulesDir,
    reload: async () => {
      const r = await fetch(`${url}/-/reload`, { method: 'POST' });
      if (!r.ok) throw new Error(`reload failed: HTTP ${r.status} ${await r.text()}`);
    },
    stop,
  };
}
