import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

const SCRIPTS = resolve(__dirname, '..', '..', 'dev-env', 'alertmanager');

export interface RunningAlertmanager {
  url: string;
  dir: string;
  /** Stops it and starts it again on the same port with the same state, as a restart would. */
  restart(): void;
  stop(): void;
}

/**
 * Alertmanager from the Debian package, through the project's own dev-env scripts (a missing
 * binary fails with the install hint). `env` sets WEBHOOK_URL, WEBHOOK_TOKEN, GROUP_WAIT, …
 */
export function startAlertmanager(env: Record<string, string>): RunningAlertmanager {
  const run = (extra: Record<string, string>) =>
    execFileSync(resolve(SCRIPTS, 'start.sh'), [], {
      env: { ...process.env, ...env, ...extra },
      encoding: 'utf8',
    });
  const out = run({});
  const url = /ALERTMANAGER_URL=(\S+)/.exec(out)?.[1];
  const dir = /ALERTMANAGER_DIR=(\S+)/.exec(out)?.[1];
  if (!url || !dir) throw new Error(`start.sh printed no URL and folder:\n${out}`);
  const stop = (keep: boolean) =>
    execFileSync(resolve(SCRIPTS, 'stop.sh'), [dir], {
      env: { ...process.env, KEEP: keep ? '1' : '0' },
      encoding: 'utf8',
    });
  return {
    url,
    dir,
    restart: () => {
      stop(true);
      run({ ALERTMANAGER_DIR: dir });
    },
    stop: () => stop(false),
  };
}

/** The Prometheus configuration lines that send alerts to an Alertmanager at `url`. */
export function alertingConfig(url: string): string {
  return `alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['${new URL(url).host}']\n`;
}

export interface Notification {
  receivedAt: number;
  authorization: string | undefined;
  body: unknown;
}

export interface WebhookReceiver {
  url: string;
  notifications: Notification[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A minimal webhook receiver on loopback that keeps every notification it is sent. */
export async function startReceiver(): Promise<WebhookReceiver> {
  const notifications: Notification[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then(text => {
      notifications.push({
        receivedAt: Date.now() / 1000,
        authorization: req.headers.authorization,
        body: JSON.parse(text),
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    notifications,
    close: () => new Promise(r => server.close(() => r())),
  };
}

export interface SimulatedService {
  target: string;
  /** Unix seconds from which it has been counting. */
  startedAt: number;
  /** http_requests_total at `t` (unix seconds): the exact integrals the endpoint serves. */
  counters(t: number): { ok: number; failed: number };
  /**
   * Its history from `startedAt` to `until` every `stepSeconds`, as OpenMetrics for
   * `promtool tsdb create-blocks-from openmetrics`, labelled as Prometheus' scrape job `job`
   * labels them, so that backfilled and scraped samples are one series.
   */
  history(until: number, stepSeconds: number, job: string): string;
  close(): Promise<void>;
}

/**
 * A service answering `rate` requests per second, every one failing (code 500) during
 * `outage`; its cumulative counters at any instant are exact integrals from `startedAt`
 * (`historySeconds` ago), so the planted truth is known to the millisecond. Exposed as
 * http_requests_total{service, code}.
 */
export async function startSimulatedService(
  service: string,
  rate: number,
  outage: { from: number; to: number },
  historySeconds = 0,
): Promise<SimulatedService> {
  const startedAt = Date.now() / 1000 - historySeconds;
  const counters = (t: number) => {
    const total = rate * (t - startedAt);
    const failed = rate * Math.max(0, Math.min(t, outage.to) - Math.max(startedAt, outage.from));
    return { ok: total - failed, failed };
  };
  const server = createServer((_req, res) => {
    const { ok, failed } = counters(Date.now() / 1000);
    res
      .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
      .end(
        [
          '# TYPE http_requests_total counter',
          `http_requests_total{service="${service}",code="200"} ${ok}`,
          `http_requests_total{service="${service}",code="500"} ${failed}`,
          '',
        ].join('\n'),
      );
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const target = `127.0.0.1:${port}`;
  return {
    target,
    startedAt,
    counters,
    history: (until, stepSeconds, job) => {
      const labels = (code: string) =>
        `{code="${code}",instance="${target}",job="${job}",service="${service}"}`;
      const ok: string[] = [];
      const failed: string[] = [];
      for (let t = Math.ceil(startedAt); t <= until; t += stepSeconds) {
        const c = counters(t);
        ok.push(`http_requests_total${labels('200')} ${c.ok} ${t}`);
        failed.push(`http_requests_total${labels('500')} ${c.failed} ${t}`);
      }
      return ['# TYPE http_requests_total unknown', ...ok, ...failed, '# EOF', ''].join('\n');
    },
    close: () => new Promise(r => server.close(() => r())),
  };
}

export const sleep = (seconds: number) => new Promise(r => setTimeout(r, seconds * 1000));

/** Waits until `check` is true, polling every second, or fails after `seconds`. */
export async function waitFor(what: string, seconds: number, check: () => boolean): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    await sleep(1);
  }
}
