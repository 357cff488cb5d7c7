// The backfilled history and the live endpoint are one series: at the same moment they carry
// the same series with the same values, and the live one carries on from there.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createContext } from './model';
import { writeHistory } from './openmetrics';
import { startServer } from './server';
import { collectingStream, lastTimestampSamples, parseSamples } from './testing';
import { WORLD } from './world';

// Wednesday 2026-11-25 09:16 UTC.
const ANCHOR = 1795598160;
const ctx = createContext(WORLD, 20260101, ANCHOR);

let server: Server;
let now = 0;
const scrape = async (t: number) => {
  now = t;
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  return response.text();
};

beforeAll(async () => {
  now = ANCHOR;
  server = await startServer(ctx, { host: '127.0.0.1', port: 0, now: () => now });
}, 60_000);
afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

describe('history and live endpoint', () => {
  it.each([
    ['at the anchor', ANCHOR - 3600, ANCHOR],
    ['after a top-up past the anchor', ANCHOR + 60, ANCHOR + 1800],
  ])(
    'agree on every series %s',
    async (_case, from, to) => {
      const { stream, text } = collectingStream();
      await writeHistory(ctx, { from, to, step: 60 }, stream);
      const history = lastTimestampSamples(text());
      expect(history.t).toBe(to);

      const live = parseSamples(await scrape(to)).values;
      expect([...live.keys()].sort()).toEqual([...history.values.keys()].sort());
      for (const [series, value] of history.values) {
        expect({ series, value: live.get(series) }).toEqual({ series, value });
      }
    },
    60_000,
  );

  it('continues the counters after the history ends: the next scrape is never lower', async () => {
    const before = parseSamples(await scrape(ANCHOR + 1800)).values;
    const after = parseSamples(await scrape(ANCHOR + 1815)).values;
    const series =
      'http_requests_total{service="order-gateway",lob="spot",team="team-core-trading",code="200"}';
    // One 15-second step of order-gateway: hundreds of requests per second at 09:46 UTC.
    const added = after.get(series)! - before.get(series)!;
    expect(added).toBeGreaterThan(15 * 300);
    expect(added).toBeLessThan(15 * 3000);
    for (const [name, value] of before) {
      if (
        name.includes('_total') ||
        name.includes('_bucket') ||
        name.includes('_count') ||
        name.includes('_sum')
      ) {
        expect(after.get(name)!).toBeGreaterThanOrEqual(value);
      }
    }
  });

  it('answers 404 elsewhere and exposes a health check', async () => {
    const { port } = server.address() as AddressInfo;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
  });
});
