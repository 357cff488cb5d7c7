import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Counters } from './model';

export const METRIC = 'http_request_duration_seconds_count';

/**
 * A metrics endpoint on 127.0.0.1 serving the counters of every service at the moment of the
 * scrape (`service` and `code` labels, code 200 or 500).
 */
export async function startExporter(
  services: Map<string, Counters>,
): Promise<{ target: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    const now = Date.now() / 1000;
    const lines = [`# TYPE ${METRIC} counter`];
    for (const [service, c] of services) {
      c.advanceTo(now);
      lines.push(`${METRIC}{service="${service}",code="200"} ${c.ok}`);
      lines.push(`${METRIC}{service="${service}",code="500"} ${c.err}`);
    }
    res
      .writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' })
      .end(lines.join('\n') + '\n');
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    target: `127.0.0.1:${port}`,
    close: () => new Promise<void>(r => server.close(() => r())),
  };
}
