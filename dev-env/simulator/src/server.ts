// The live endpoint: the same series as the history, at the moment of each scrape, in the
// Prometheus text format.

import { createServer, type Server } from 'node:http';

import { CounterClock } from './counters';
import { Family, emitSamples, formatValue } from './exposition';
import { handleControl } from './controlApi';
import { SimulationContext } from './model';

/** The exposition at time t (Unix seconds), grouped by family. */
export function renderExposition(ctx: SimulationContext, clock: CounterClock, t: number): string {
  const byFamily = new Map<Family, string[]>();
  emitSamples(ctx, clock.at(t), t, (family, name, labels, value) => {
    let lines = byFamily.get(family);
    if (!lines) {
      lines = [];
      byFamily.set(family, lines);
    }
    lines.push(`${name}${labels} ${formatValue(value)}\n`);
  });
  let text = '';
  for (const [family, lines] of byFamily) {
    // The classic text format names a counter family with its `_total`.
    const typeName = family.type === 'counter' ? `${family.name}_total` : family.name;
    text += `# HELP ${typeName} ${family.help}\n# TYPE ${typeName} ${family.type}\n${lines.join('')}`;
  }
  return text;
}

export interface ServerOptions {
  host: string;
  port: number;
  /** The clock, in Unix seconds; injectable for tests. */
  now?: () => number;
}

/** Starts the endpoint; resolves once it listens. Counters are walked up to now before that. */
export async function startServer(ctx: SimulationContext, options: ServerOptions): Promise<Server> {
  const now = options.now ?? (() => Date.now() / 1000);
  const clock = new CounterClock(ctx);
  clock.at(now());

  const live = ctx.live;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (live && (path === '/control' || path.startsWith('/control/'))) {
      void handleControl(req, res, live, now());
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/metrics') {
      try {
        const body = renderExposition(ctx, clock, now());
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch (error) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`${(error as Error).message}\n`);
      }
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}
