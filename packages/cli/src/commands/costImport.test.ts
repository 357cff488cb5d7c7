import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatMoney } from '@headroom/core';
import { importFocus } from '@headroom/cost';
import { run } from '../program';
import type { Console } from '../io/console';

const { referenceDir } = require('../../../../test/reference') as {
  referenceDir: (...parts: string[]) => string;
};

function capture(): Console & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: t => stdout.push(t), err: t => stderr.push(t) };
}

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/**
 * A backend's upload endpoint in miniature: it stores the body it is streamed, imports it with
 * @headroom/cost and answers with the run, as the Headroom backend does; `reply` overrides it.
 */
describe('headroom cost import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-cost-import-'));
  let server: Server;
  let backend: string;
  const received: Received[] = [];
  let reply: ((r: Received) => { status: number; body: unknown }) | undefined;

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const parts: Buffer[] = [];
      for await (const chunk of req) parts.push(chunk as Buffer);
      const r: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(parts),
      };
      received.push(r);
      if (reply) {
        const { status, body } = reply(r);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        return;
      }
      const file = join(dir, `upload-${received.length}`);
      writeFileSync(file, r.body);
      const result = await importFocus(file, { sourceId: 'aws' });
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: received.length,
          sourceId: 'aws',
          status: 'succeeded',
          rows: result.totals.rows,
          badRows: result.badRows.count,
          badRowSamples: result.badRows.samples,
          periods: result.periods.map(p => ({
            key: p.key,
            currency: p.currency,
            rows: p.rows,
            billed: formatMoney(p.billed, 2),
            effective: formatMoney(p.effective, 2),
          })),
          error: null,
          warnings: [],
        }),
      );
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    backend = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    received.length = 0;
    reply = undefined;
  });

  it('streams a gzip file to the source upload with the token, and prints the periods', async () => {
    const gz = join(dir, 'focus.csv.gz');
    const bytes = gzipSync(readFileSync(referenceDir('focus', 'focus_sample.csv')));
    writeFileSync(gz, bytes);
    const io = capture();
    const code = await run(
      ['cost', 'import', gz, '--backend', backend, '--token', 'secret', '--source', 'aws'],
      io,
    );
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(received).toHaveLength(1);
    const r = received[0]!;
    expect(r.method).toBe('POST');
    expect(r.url).toBe('/api/headroom/cost/imports/aws/upload');
    expect(r.headers['content-type']).toBe('application/gzip');
    expect(r.headers.authorization).toBe('Bearer secret');
    expect(r.body.equals(bytes)).toBe(true);
    expect(io.stdout).toEqual([
      'import 1 of aws: 1000 rows, 0 bad',
      '  aws#2024-09-01T00:00:00Z#USD: 999 rows, billed 20.28022672899, effective 14.97651418586',
      '  aws#2024-10-01T00:00:00Z#USD: 1 rows, billed 0.24, effective 0.00',
    ]);
  });

  it('sends plain CSV as text/csv and exits 1 listing the bad rows with their lines', async () => {
    const csv = join(dir, 'bad.csv');
    writeFileSync(
      csv,
      [
        'BilledCost,EffectiveCost,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory',
        '1,1,USD,2024-09-01,2024-10-01,2024-09-02T00:00:00Z,2024-09-02T01:00:00Z,Usage',
        '1,1,USD,2024-09-01,2024-10-01,2024-09-02T00:00:00Z,2024-09-02T01:00:00Z,Refund',
        '',
      ].join('\n'),
    );
    const io = capture();
    const code = await run(
      ['cost', 'import', csv, '--backend', backend, '--source', 'aws', '--format', 'json'],
      io,
    );
    expect(code).toBe(1);
    expect(received[0]!.headers['content-type']).toBe('text/csv');
    expect(received[0]!.headers.authorization).toBeUndefined();
    expect(JSON.parse(io.stdout.join(''))).toMatchObject({ rows: 1, badRows: 1 });
    expect(io.stderr[0]).toBe('1 bad row(s) not imported, e.g.:');
    expect(io.stderr[1]).toMatch(new RegExp(`^  ${csv}:3: ChargeCategory: `));
  });

  it('exits 2 naming the error when the import failed or the backend refused', async () => {
    const csv = join(dir, 'ok.csv');
    writeFileSync(csv, 'BilledCost\n1\n');
    reply = () => ({
      status: 422,
      body: {
        error: { name: 'CostImportError', message: 'upload: unexpected end of file' },
        run: {
          id: 7,
          sourceId: 'aws',
          status: 'failed',
          rows: 0,
          badRows: 0,
          badRowSamples: [],
          periods: [],
          error: 'upload: unexpected end of file',
          warnings: [],
        },
      },
    });
    const failed = capture();
    expect(
      await run(['cost', 'import', csv, '--backend', backend, '--source', 'aws'], failed),
    ).toBe(2);
    expect(failed.stderr).toEqual([
      'error: import 7 of aws failed, nothing was replaced: upload: unexpected end of file',
    ]);

    reply = () => ({
      status: 401,
      body: { error: { name: 'AuthenticationError', message: 'Missing credentials' } },
    });
    const refused = capture();
    expect(
      await run(['cost', 'import', csv, '--backend', backend, '--source', 'aws'], refused),
    ).toBe(2);
    expect(refused.stderr[0]).toMatch(/^error: POST .*\/upload: HTTP 401: Missing credentials$/);
  });

  it('refuses a missing file, a Parquet file and a bad backend URL before sending anything', async () => {
    const io = capture();
    expect(
      await run(
        ['cost', 'import', join(dir, 'none.csv'), '--backend', backend, '--source', 'aws'],
        io,
      ),
    ).toBe(2);
    expect(io.stderr[0]).toMatch(/none\.csv: no such file/);
    const parquet = join(dir, 'x.parquet');
    writeFileSync(parquet, 'PAR1');
    const p = capture();
    expect(await run(['cost', 'import', parquet, '--backend', backend, '--source', 'aws'], p)).toBe(
      2,
    );
    expect(p.stderr[0]).toMatch(/uploads take CSV/);
    const csv = join(dir, 'ok2.csv');
    writeFileSync(csv, 'BilledCost\n1\n');
    const u = capture();
    expect(await run(['cost', 'import', csv, '--backend', 'ftp://x', '--source', 'aws'], u)).toBe(
      2,
    );
    expect(u.stderr[0]).toMatch(/--backend "ftp:\/\/x" must be an http or https URL/);
    const missing = capture();
    expect(await run(['cost', 'import', csv, '--source', 'aws'], missing)).toBe(2);
    expect(received).toHaveLength(0);
  });
});
