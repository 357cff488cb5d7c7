import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ColumnSource } from 'hyparquet-writer' with { 'resolution-mode': 'import' };

/** hyparquet-writer is an ES module; this CommonJS test loads it dynamically. */
type Writer = typeof import('hyparquet-writer', { with: { 'resolution-mode': 'import' } });
let writer: Writer;
const schemaFromColumnData: Writer['schemaFromColumnData'] = (...args) =>
  writer.schemaFromColumnData(...args);
const parquetWriteBuffer: Writer['parquetWriteBuffer'] = (...args) =>
  writer.parquetWriteBuffer(...args);
import {
  formatMoney,
  parseFocusTimestamp,
  parseMoney,
  reconcileCosts,
  type CostEntity,
} from '@headroom/core';
import { referenceDir } from '../../../test/reference';
import { importFocus, type ImportFocusOptions } from './importFocus';
import { bytesDecimalText, decimalText, readParquetRecords } from './parquet';
import { readFocus } from './readFocus';
import { FocusSourceError } from './source';

const SAMPLE = join(referenceDir('focus'), 'focus_sample.csv');
let dir: string;

beforeAll(async () => {
  writer = await import('hyparquet-writer');
  dir = mkdtempSync(join(tmpdir(), 'headroom-parquet-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How the CSV writes an absent value; Parquet has a real null. */
const isNull = (c: string) => c === '' || c === 'NULL';

type Schema = NonNullable<Parameters<typeof schemaFromColumnData>[0]['schemaOverrides']>;

/**
 * The CSV as a Parquet file typed as exporters type it: BilledCost and EffectiveCost
 * DECIMAL(38, 12) in 16 bytes, ListCost DECIMAL(18, 11) in an INT64, dates as TIMESTAMP,
 * ConsumedQuantity DOUBLE, the rest strings; empty and NULL numbers are nulls.
 */
function sampleAsParquet(rows: string[][], rowGroupSize: number): Uint8Array {
  const [header, ...body] = rows;
  const overrides: Schema = {
    BilledCost: decimal('BilledCost', 38, 12, 'FIXED_LEN_BYTE_ARRAY'),
    EffectiveCost: decimal('EffectiveCost', 38, 12, 'FIXED_LEN_BYTE_ARRAY'),
    ListCost: decimal('ListCost', 18, 11, 'INT64'),
  };
  const dates = new Set([
    'BillingPeriodStart',
    'BillingPeriodEnd',
    'ChargePeriodStart',
    'ChargePeriodEnd',
  ]);
  const columnData: ColumnSource[] = header!.map((name, i) => {
    const cells = body.map(r => r[i]!);
    if (overrides[name]) {
      const scale = overrides[name].scale!;
      return {
        name,
        data: cells.map(c => {
          if (isNull(c)) return null;
          const pico = parseMoney(c)!;
          const unit = 10n ** BigInt(12 - scale);
          if (pico % unit !== 0n) throw new Error(`${name} ${c} has more than ${scale} decimals`);
          return pico / unit;
        }),
      };
    }
    if (dates.has(name)) {
      return {
        name,
        type: 'TIMESTAMP',
        data: cells.map(c => (c === '' ? null : new Date(parseFocusTimestamp(c)! * 1000))),
      };
    }
    if (name === 'ConsumedQuantity')
      return { name, type: 'DOUBLE', data: cells.map(c => (isNull(c) ? null : Number(c))) };
    return { name, type: 'STRING', data: cells.map(c => (c === '' ? null : c)) };
  });
  const schema = schemaFromColumnData({ columnData, schemaOverrides: overrides });
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: columnData.map(c => ({ name: c.name, data: c.data })),
      schema,
      rowGroupSize,
    }),
  );
}

function decimal(
  name: string,
  precision: number,
  scale: number,
  type: 'FIXED_LEN_BYTE_ARRAY' | 'INT64',
): Schema[string] {
  return {
    name,
    type,
    type_length: type === 'FIXED_LEN_BYTE_ARRAY' ? 16 : undefined,
    repetition_type: 'OPTIONAL',
    converted_type: 'DECIMAL',
    precision,
    scale,
  };
}

const entities: CostEntity[] = ['BrightLensMatrix', 'BrightSourceCore'].map(a => ({
  ref: `component:default/${a.toLowerCase()}`,
}));
const options: ImportFocusOptions = {
  rules: [
    {
      id: 'shared',
      type: 'shared',
      match: { serviceName: 'Virtual Machines' },
      split: { by: 'usage' },
    },
    { id: 'app', type: 'tag', key: 'application' },
  ],
  entities,
};

describe('Parquet FOCUS exports', () => {
  const rows = parse(readFileSync(SAMPLE, 'utf8')) as string[][];

  it('the FinOps sample as Parquet imports with the same exact totals and cells as the CSV', async () => {
    const file = join(dir, 'sample.parquet');
    writeFileSync(file, sampleAsParquet(rows, 128));
    const fromCsv = await importFocus(SAMPLE, options);
    const fromParquet = await importFocus(file, options);

    expect(fromParquet.badRows).toEqual({ count: 0, samples: [] });
    expect(
      fromParquet.totals.byCurrency.map(c => [
        c.currency,
        formatMoney(c.billed),
        formatMoney(c.effective),
        formatMoney(c.list),
        c.rows,
      ]),
    ).toEqual([['USD', '20.52022672899', '14.97651418586', '20.39090575119', 1000]]);
    expect(fromParquet.totals).toEqual(fromCsv.totals);
    expect(fromParquet.aggregates).toEqual(fromCsv.aggregates);
    expect(fromParquet.aggregates.cells.some(c => c.ruleId === 'app')).toBe(true);
    expect(fromParquet.files[0]!.header.version).toBe('1.0');
    for (const grain of ['billingPeriod', 'day'] as const)
      expect(reconcileCosts(fromParquet.aggregates, grain).every(r => r.ok)).toBe(true);
  });

  it('streams one row group at a time, rows numbered as lines of the CSV would be', async () => {
    const file = join(dir, 'groups.parquet');
    writeFileSync(file, sampleAsParquet(rows, 300));
    const batches: { rows: number; firstLine: number | undefined }[] = [];
    for await (const b of readFocus(file))
      batches.push({ rows: b.rows.length, firstLine: b.rows[0]?.line });
    expect(batches).toEqual([
      { rows: 300, firstLine: 2 },
      { rows: 300, firstLine: 302 },
      { rows: 300, firstLine: 602 },
      { rows: 100, firstLine: 902 },
    ]);
  });

  it('reports a bad value with file, line and column, as for CSV', async () => {
    const file = join(dir, 'bad.parquet');
    const header = rows[0]!;
    const body = rows.slice(1, 4).map(r => [...r]);
    body[1]![header.indexOf('BilledCost')] = '12,5';
    writeFileSync(
      file,
      new Uint8Array(
        parquetWriteBuffer({
          columnData: header.map((name, i) => ({
            name,
            type: 'STRING',
            data: body.map(r => (r[i] === '' ? null : r[i]!)),
          })),
        }),
      ),
    );
    const result = await importFocus(file);
    expect(result.totals.rows).toBe(2);
    expect(result.badRows.samples).toEqual([
      { file, line: 3, column: 'BilledCost', message: 'BilledCost "12,5" is not a decimal number' },
    ]);
  });

  it('refuses a file that is not Parquet, naming it', async () => {
    const file = join(dir, 'broken.parquet');
    writeFileSync(file, 'BilledCost\n1.0\n');
    await expect(importFocus(file)).rejects.toThrow(FocusSourceError);
    await expect(importFocus(file)).rejects.toThrow(`${file}: not a readable Parquet file`);
  });

  it('names the file and the missing column when a required column is absent', async () => {
    const file = join(dir, 'missing.parquet');
    writeFileSync(
      file,
      new Uint8Array(
        parquetWriteBuffer({ columnData: [{ name: 'BilledCost', type: 'STRING', data: ['1'] }] }),
      ),
    );
    await expect(importFocus(file)).rejects.toThrow(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: missing required FOCUS column\\(s\\): .*EffectiveCost`,
      ),
    );
  });
});

describe('Parquet pages decoded in compact form', () => {
  /** Deterministic values with nulls, negatives, values past 2^48 and repeats. */
  function table(n: number) {
    const unscaled = (i: number): bigint | null =>
      i % 7 === 3 ? null : BigInt(i * 7919 - 2000) * (i % 5 === 0 ? 10n ** 15n : 1n);
    return {
      billed: Array.from({ length: n }, (_, i) => unscaled(i)),
      list: Array.from({ length: n }, (_, i) => (i % 11 === 1 ? null : BigInt(i * 104729 - 50000))),
      contracted: Array.from({ length: n }, (_, i) => (i % 4 === 2 ? null : i * 31 - 900)),
      service: Array.from({ length: n }, (_, i) => (i % 9 === 4 ? null : `svc-${i % 6}`)),
      resource: Array.from({ length: n }, (_, i) => (i % 8 === 5 ? null : `r/${i}/é`)),
      start: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1, i % 48))),
      quantity: Array.from({ length: n }, (_, i) => (i % 10 === 0 ? null : i / 8)),
    };
  }

  // With ListCost delta-encoded the row groups go through hyparquet's own reader instead: both
  // readers must give the same text.
  it.each([
    ['plain', 'PLAIN'],
    ['delta-encoded (hyparquet reader)', 'DELTA_BINARY_PACKED'],
  ] as const)(
    'reads plain and dictionary pages, nulls, decimals of three widths, dates and doubles over many pages and row groups; ListCost %s',
    async (_, listEncoding) => {
      const n = 1000;
      const t = table(n);
      const file = join(dir, `pages-${listEncoding}.parquet`);
      const columnData: ColumnSource[] = [
        { name: 'BilledCost', data: t.billed },
        { name: 'ListCost', data: t.list, encoding: listEncoding },
        { name: 'ContractedCost', data: t.contracted },
        { name: 'ServiceName', type: 'STRING', data: t.service },
        { name: 'ResourceId', type: 'STRING', data: t.resource, encoding: 'PLAIN' },
        { name: 'ChargePeriodStart', type: 'TIMESTAMP', data: t.start },
        { name: 'ConsumedQuantity', type: 'DOUBLE', data: t.quantity },
      ];
      const schema = schemaFromColumnData({
        columnData,
        schemaOverrides: {
          BilledCost: decimal('BilledCost', 38, 12, 'FIXED_LEN_BYTE_ARRAY'),
          ListCost: decimal('ListCost', 18, 4, 'INT64'),
          ContractedCost: {
            name: 'ContractedCost',
            type: 'INT32',
            repetition_type: 'OPTIONAL',
            converted_type: 'DECIMAL',
            precision: 9,
            scale: 2,
          },
        },
      });
      writeFileSync(
        file,
        new Uint8Array(
          parquetWriteBuffer({
            columnData: columnData.map(({ type: _t, ...c }) => c),
            schema,
            rowGroupSize: 300,
            pageSize: 512,
          }),
        ),
      );
      const source = {
        name: file,
        format: 'parquet' as const,
        path: file,
        open: () => Promise.reject(new Error('read by ranges')),
      };
      const rows: string[][] = [];
      const lines: number[] = [];
      for await (const batch of readParquetRecords(source, new Set(columnData.map(c => c.name)))) {
        expect(batch.header).toEqual(columnData.map(c => c.name));
        batch.each((fields, line) => {
          rows.push([...fields]);
          lines.push(line);
        });
      }
      const text = <T>(v: T | null, f: (v: T) => string) => (v === null ? '' : f(v));
      const expected = Array.from({ length: n }, (_, i) => [
        text(t.billed[i]!, v => decimalText(v, 12)),
        text(t.list[i]!, v => decimalText(v, 4)),
        // The writer takes INT32 decimals as values and stores them scaled.
        text(t.contracted[i]!, v => decimalText(BigInt(v) * 100n, 2)),
        t.service[i] ?? '',
        t.resource[i] ?? '',
        t.start[i]!.toISOString(),
        text(t.quantity[i]!, String),
      ]);
      expect(rows).toEqual(expected);
      expect(lines).toEqual(Array.from({ length: n }, (_, i) => i + 2));
      // Spot checks written out by hand.
      expect(rows[0]).toEqual([
        '-2000000.000000000000',
        '-5.0000',
        '-900.00',
        'svc-0',
        'r/0/é',
        '2024-01-01T00:00:00.000Z',
        '',
      ]);
      expect(rows[3]!.slice(0, 3)).toEqual(['', '26.4187', '-807.00']);
      expect(rows[5]![0]).toEqual('37595000.000000000000');
      expect(rows[12]![6]).toBe('1.5');
    },
  );
});

describe('decimalText', () => {
  it('writes unscaled integers exactly at any scale', () => {
    expect(decimalText(-1234n, 2)).toBe('-12.34');
    expect(decimalText(5n, 3)).toBe('0.005');
    expect(decimalText(-5n, 3)).toBe('-0.005');
    expect(decimalText(0n, 2)).toBe('0.00');
    expect(decimalText(42n, 0)).toBe('42');
    expect(decimalText(42n, -2)).toBe('4200');
    expect(decimalText(123456789012345678901234567890n, 12)).toBe(
      '123456789012345678.901234567890',
    );
  });

  it("reads big-endian two's-complement decimals of any width", () => {
    const be = (v: bigint, n: number) =>
      Uint8Array.from({ length: n }, (_, i) =>
        Number((BigInt.asUintN(n * 8, v) >> BigInt(8 * (n - 1 - i))) & 255n),
      );
    const values = [0n, 1n, 255n, 256n, 2n ** 47n - 1n, 2n ** 48n - 1n, 2n ** 48n, -1n, -16059900n];
    for (const v of [...values, 10n ** 37n, -(10n ** 37n)]) {
      expect(bytesDecimalText(be(v, 16), 12)).toBe(decimalText(v, 12));
      if (v < 2n ** 63n && v >= -(2n ** 63n))
        expect(bytesDecimalText(be(v, 8), 3)).toBe(decimalText(v, 3));
      if (v < 2n ** 47n && v >= -(2n ** 47n))
        expect(bytesDecimalText(be(v, 6), 0)).toBe(decimalText(v, 0));
    }
    expect(bytesDecimalText(be(-16059900n, 16), 12)).toBe('-0.000016059900');
    expect(bytesDecimalText(be(1234n, 16), 2)).toBe('12.34');
  });
});

describe('Parquet written by DuckDB', () => {
  it('the FinOps sample typed and written by DuckDB imports with the same exact totals as the CSV', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const file = join(dir, 'duckdb.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
    // Money DECIMAL(38, 12), dates TIMESTAMP, quantity DOUBLE, small row groups.
    await connection.run(
      `COPY (SELECT * FROM read_csv(${q(SAMPLE)}, header = true, nullstr = ['NULL', ''],
               types = {'BilledCost': 'DECIMAL(38, 12)', 'EffectiveCost': 'DECIMAL(38, 12)',
                        'ListCost': 'DECIMAL(38, 12)', 'ContractedCost': 'DECIMAL(38, 12)',
                        'BillingPeriodStart': 'TIMESTAMP', 'BillingPeriodEnd': 'TIMESTAMP',
                        'ChargePeriodStart': 'TIMESTAMP', 'ChargePeriodEnd': 'TIMESTAMP',
                        'ConsumedQuantity': 'DOUBLE'}))
       TO ${q(file)} (FORMAT parquet, ROW_GROUP_SIZE 256)`,
    );
    const types = await connection.runAndReadAll(
      `SELECT name, type, logical_type FROM parquet_schema(${q(file)}) WHERE name IN ('BilledCost', 'ChargePeriodStart')`,
    );
    expect(types.getRows().map(r => String(r[0]) + ' ' + String(r[2]))).toEqual([
      expect.stringMatching(/^BilledCost DecimalType\(scale=12, precision=38\)/),
      expect.stringMatching(/^ChargePeriodStart TimestampType/),
    ]);
    connection.closeSync();
    instance.closeSync();

    const fromCsv = await importFocus(SAMPLE, options);
    const fromParquet = await importFocus(file, options);
    expect(fromParquet.badRows.count).toBe(0);
    expect(fromParquet.totals).toEqual(fromCsv.totals);
    expect(fromParquet.aggregates).toEqual(fromCsv.aggregates);
    expect(formatMoney(fromParquet.totals.byCurrency[0]!.billed)).toBe('20.52022672899');
  });
});
