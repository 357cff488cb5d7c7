import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { judgeDrill, type Drill } from '@headroom/core';
import { recordDrillRun } from './backendRecord';

describe('recordDrillRun', () => {
  let server: Server;
  let url: string;
  const seen: { path?: string; headers?: IncomingHttpHeaders; body?: unknown }[] = [];
  let answer: { status: number; body: unknown } = { status: 201, body: { id: 'run-1' } };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', c => (text += c));
      req.on('end', () => {
        seen.push({ path: req.url, headers: req.headers, body: JSON.parse(text) });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  const drill: Drill = {
    name: 'wallet-api-errors',
    service: 'wallet-api',
    slo: 'availability',
    hypothesis: 'pages within a minute',
    steadyState: [{ kind: 'burnRate', windowSeconds: 300, below: 2 }],
    faults: [
      { type: 'errors', target: 'wallet-api', magnitude: 0.5, durationSeconds: 60, weight: 8 },
    ],
    blastRadius: { maxServices: 1 },
    abort: [],
    expect: { alert: { severity: 'page', withinSeconds: 60 } },
    source: { file: 'drills.yaml', docIndex: 0 },
  };
  const record = judgeDrill(drill, {
    startedAt: 1_800_000_000,
    endedAt: 1_800_000_100,
    before: [{ term: drill.steadyState[0]!, value: 5 }],
  });

  it('POSTs the record with the faults and the expected severity, with the token', async () => {
    expect(await recordDrillRun(url, drill, record, 'tok')).toBe('run-1');
    expect(seen[0]!.path).toBe('/api/headroom/drills/runs');
    expect(seen[0]!.headers!.authorization).toBe('Bearer tok');
    expect(seen[0]!.body).toEqual({
      record,
      faults: [{ type: 'errors', target: 'wallet-api', weight: 8 }],
      alertSeverity: 'page',
    });
  });

  it("names the URL and the backend's message when refused", async () => {
    answer = { status: 403, body: { error: { message: 'user:default/x may not edit' } } };
    await expect(recordDrillRun(url, drill, record, undefined)).rejects.toThrow(
      `POST ${url}api/headroom/drills/runs: HTTP 403: user:default/x may not edit`,
    );
    await expect(recordDrillRun('ftp://x', drill, record, undefined)).rejects.toThrow(
      /--record "ftp:\/\/x" must be an http or https URL/,
    );
  });
});
