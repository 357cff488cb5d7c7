import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatMoney, moneyToCents, parseMoney, rollupCosts, type Money } from '@headroom/core';
import { referenceDir } from '../../../test/reference';
import { importFocus } from './importFocus';
import { readFocus } from './readFocus';

const SAMPLE = join(referenceDir('focus'), 'focus_sample.csv');
const text = readFileSync(SAMPLE, 'utf8');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-focus-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the FinOps Foundation FOCUS 1.0 sample', () => {
  it('imports every row with totals that match the file exactly', async () => {
    const byProvider = new Map<string, { billed: Money; effective: Money; list: Money }>();
    const result = await importFocus(SAMPLE, {
      onRow(row) {
        const p = byProvider.get(row.providerName!) ?? { billed: 0n, effective: 0n, list: 0n };
        p.billed += row.billedCost;
        p.effective += row.effectiveCost;
        p.list += row.listCost ?? 0n;
        byProvider.set(row.providerName!, p);
      },
    });
    expect(result.badRows).toEqual({ count: 0, samples: [] });
    expect(result.totals.rows).toBe(1000);
    expect(
      result.totals.byCurrency.map(c => [
        c.currency,
        formatMoney(c.billed),
        formatMoney(c.effective),
        formatMoney(c.list),
        c.rows,
      ]),
    ).toEqual([['USD', '20.52022672899', '14.97651418586', '20.39090575119', 1000]]);
    const providers = Object.fromEntries(
      [...byProvider].map(([k, v]) => [
        k,
        [formatMoney(v.billed), formatMoney(v.effective), formatMoney(v.list)],
      ]),
    );
    // Exact per-provider sums (the reference README lists them rounded to 8 decimals).
    expect(providers).toEqual({
      AWS: ['18.0066386184', '13', '18.1493176406'],
      Microsoft: ['1.97651418586', '1.97651418586', '1.97651418586'],
      Oracle: ['0.53707392473', '0', '0.26507392473'],
    });
    const rounded8 = (v: Money) => (Number((v + 5000n) / 10000n) / 1e8).toFixed(8);
    expect(rounded8(byProvider.get('AWS')!.billed)).toBe('18.00663862');
    expect(rounded8(byProvider.get('Oracle')!.list)).toBe('0.26507392');
    expect(result.files[0]!.header).toMatchObject({
      version: '1.0',
      missingRequired: [],
      missingMandatory: [],
      extra: ['Id'],
    });
  });

  it('splits the bill into billing periods (one row is billed in October) that reconcile to the cent', async () => {
    const result = await importFocus(SAMPLE, { sourceId: 'finops-sample' });
    expect(result.periods.map(p => [p.key, p.rows])).toEqual([
      ['finops-sample#2024-09-01T00:00:00Z#USD', 999],
      ['finops-sample#2024-10-01T00:00:00Z#USD', 1],
    ]);
    expect(result.reconciliation.every(r => r.ok)).toBe(true);
  });

  it('attributes by the messy business_unit tag; untagged cost stays visible as unallocated', async () => {
    const entities = [{ ref: 'system:default/peoriadata', lineOfBusiness: 'data' }];
    const result = await importFocus(SAMPLE, {
      rules: [{ id: 'bu', type: 'tag', key: 'Business_Unit ' }],
      entities,
    });
    const rows = rollupCosts(result.aggregates, entities, {
      by: 'entity',
      grain: 'month',
      view: 'billed',
    });
    const sept = rows.filter(r => r.period === Date.UTC(2024, 8, 1) / 1000);
    const peoria = sept.find(r => r.key === 'system:default/peoriadata')!;
    const unallocated = sept.find(r => r.key === '(unallocated)')!;
    expect(formatMoney(peoria.cost)).toBe('15.9580993182');
    // Sum of every September charge row, minus Peoria: what no rule claimed is on show.
    const allSept = result.aggregates.days
      .filter(d => d.day < Date.UTC(2024, 9, 1) / 1000)
      .reduce((s, d) => s + d.billed, 0n);
    expect(unallocated.cost).toBe(allSept - peoria.cost);
    expect(result.reconciliation.every(r => r.ok)).toBe(true);
  });

  it('reads the same totals from gzip, from a folder and over HTTP', async () => {
    writeFileSync(join(dir, 'sample.csv.gz'), gzipSync(text));
    const gz = await importFocus(join(dir, 'sample.csv.gz'));
    expect(formatMoney(gz.totals.byCurrency[0]!.billed)).toBe('20.52022672899');

    const server: Server = createServer((req, res) => {
      if (req.url === '/exports/focus.csv.gz') {
        res.writeHead(200, { 'content-type': 'application/gzip' });
        res.end(gzipSync(text));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const http = await importFocus(`${base}/exports/focus.csv.gz`);
      expect(formatMoney(http.totals.byCurrency[0]!.effective)).toBe('14.97651418586');
      await expect(importFocus(`${base}/missing.csv`)).rejects.toThrow(
        `GET ${base}/missing.csv: HTTP 404 Not Found`,
      );
    } finally {
      server.close();
    }
  });

  it('counts and reports bad rows with file, line and column, never as zero', async () => {
    const lines = text.split('\n');
    // Line numbers are 1-based with the header on line 1.
    const broken = [...lines];
    broken[1] = broken[1]!.replace('0.00000080000', 'abc'); // BilledCost of line 2
    broken[9] = broken[9]!.replace(/"USD"/, '"XXX"'); // line 10
    broken[99] = broken[99]!.replace('"2024-09-01 00:00:00"', '"9/1/24"'); // line 100, BillingPeriodStart
    const file = join(dir, 'broken.csv');
    writeFileSync(file, broken.join('\n'));
    const result = await importFocus(file);
    expect(result.badRows.count).toBe(3);
    expect(result.badRows.samples).toEqual([
      { file, line: 2, column: 'BilledCost', message: 'BilledCost "abc" is not a decimal number' },
      {
        file,
        line: 10,
        column: 'BillingCurrency',
        message: 'BillingCurrency "XXX" is not an ISO 4217 code',
      },
      {
        file,
        line: 100,
        column: 'BillingPeriodStart',
        message: 'BillingPeriodStart "9/1/24" is not an ISO 8601 date-time',
      },
    ]);
    expect(result.totals.rows).toBe(997);
    // The good rows' total is the file's total less exactly the three bad rows' costs.
    const badBilled = [1, 9, 99].reduce((s, i) => s + parseMoney(lines[i]!.split(',')[1]!)!, 0n);
    expect(result.totals.byCurrency[0]!.billed).toBe(parseMoney('20.52022672899')! - badBilled);
  });

  it('refuses a file without a required column, naming file and column', async () => {
    const file = join(dir, 'nocost.csv');
    writeFileSync(file, text.replace('"BilledCost",', '"Billed",'));
    await expect(importFocus(file)).rejects.toThrow(
      `${file}: missing required FOCUS column(s): BilledCost`,
    );
    await expect(importFocus(join(dir, 'nothing-here.csv'))).rejects.toThrow(
      /no such file or folder/,
    );
    writeFileSync(join(dir, 'x.parquet'), 'PAR1');
    await expect(importFocus(join(dir, 'x.parquet'))).rejects.toThrow(
      `${join(dir, 'x.parquet')}: not a readable Parquet file`,
    );
  });

  it('streams in batches', async () => {
    let batches = 0;
    let rows = 0;
    for await (const b of readFocus(SAMPLE)) {
      batches++;
      rows += b.rows.length;
    }
    expect(rows).toBe(1000);
    expect(batches).toBeGreaterThanOrEqual(1);
    expect(moneyToCents(parseMoney('20.52022672899')!)).toBe(2052n);
  });
});
