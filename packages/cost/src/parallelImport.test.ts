import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttributionRule, CostEntity } from '@headroom/core';
import { referenceDir } from '../../../test/reference';
import { csvBatches } from './csv';
import { planFocusRanges } from './focusRanges';
import { writeFocusFile } from './generator';
import { importFocus, RANGES_PER_WORKER, type ImportFocusOptions } from './importFocus';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-parallel-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rules: AttributionRule[] = [
  { id: 'support', type: 'shared', match: { serviceName: 'AWS Support*' }, split: { by: 'usage' } },
  { id: 'service', type: 'tag', key: 'service' },
];
const entities: CostEntity[] = Array.from({ length: 10 }, (_, i) => ({
  ref: `component:default/svc-${String(i).padStart(3, '0')}`,
}));

/** The same import in this thread and in `workers` threads (any file size). */
async function bothWays(file: string, workers: number, options: ImportFocusOptions = {}) {
  const serial = await importFocus(file, { ...options, workers: 1 });
  const parallel = await importFocus(file, { ...options, workers, parallelMinBytes: 0 });
  return { serial, parallel };
}

describe('importing one file in parallel byte ranges', () => {
  it('gives the serial result on the FinOps Foundation sample, for 2 to 4 ranges', async () => {
    const sample = join(referenceDir('focus'), 'focus_sample.csv');
    for (const workers of [2, 3, 4]) {
      // The sample's cuts all fall between records: no range reads past its end.
      const plan = (await planFocusRanges(sample, workers, 0))!;
      expect(plan.bounds).toHaveLength(workers);
      const { serial, parallel } = await bothWays(sample, workers, { rules, entities });
      expect(serial.totals.rows).toBe(1000);
      expect(parallel).toEqual(serial);
    }
  });

  it.each([
    'saas_examples__spend_agreements__saas_spend_agreements_b2',
    'commitment_discount_scenarios__commitment_discount_purchase_scenario_3',
    'commitment_discount_flexibility__one_hundred_percent_utilization_with_commitment_discount_flexibility_with_2_resources',
  ])('gives the serial result on the spec worked example %s', async name => {
    const example = join(referenceDir('focus', 'spec-examples'), `${name}.csv`);
    const { serial, parallel } = await bothWays(example, 3, {
      defaults: { BillingCurrency: 'USD' },
    });
    // Bad rows too: their samples' lines must match.
    expect(serial.totals.rows + serial.badRows.count).toBeGreaterThan(2);
    expect(parallel).toEqual(serial);
  });

  describe('a generated export with edge cases at the cuts', () => {
    let file: string;
    let recordStarts: Set<number>;

    beforeAll(async () => {
      // A generated export, rewritten: every value quoted where a writer may quote it, line
      // feeds inside quoted fields (names, tags), CRLF and LF, blank lines, non-ASCII text,
      // bad rows, and one record of many lines in the middle, where 2 ranges are cut.
      const base = join(dir, 'base.csv');
      await writeFocusFile(base, {
        rows: 4000,
        seed: 11,
        accounts: 1,
        currencies: ['USD', 'EUR'],
        months: 1,
        services: 12,
      });
      const records: string[][] = [];
      for await (const batch of csvBatches(createReadStream(base))) {
        for (const r of batch) records.push(r.fields);
      }
      const header = records[0]!;
      const col = (name: string) => header.indexOf(name);
      const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
      const lines: string[] = [];
      recordStarts = new Set();
      let offset = 0;
      const emit = (text: string, isRecord: boolean) => {
        if (isRecord) recordStarts.add(offset);
        lines.push(text);
        offset += Buffer.byteLength(text);
      };
      emit(header.map(quote).join(',') + '\n', false);
      const body = records.slice(1);
      body.forEach((fields, i) => {
        const f = fields.slice();
        if (i % 7 === 0) f[col('ResourceName')] = `Zürich 東京\nline ${i}`;
        if (i % 11 === 0 && f[col('Tags')]!.startsWith('{')) {
          f[col('Tags')] = f[col('Tags')]!.replace('{', '{\n  ').replace(/}$/, '\n}');
        }
        // About a fifth of the file: the middle falls inside it.
        if (i === 2000) f[col('ChargeDescription')] = 'a note\n'.repeat(60_000);
        if (i % 500 === 3) f[col('BillingCurrency')] = 'EURO';
        if (i % 613 === 5) f[col('BilledCost')] = '$1,200.00';
        const text = f.map((v, k) => (k % 3 === 0 || /[",\n]/.test(v) ? quote(v) : v)).join(',');
        emit(text + (i % 2 ? '\r\n' : '\n'), true);
        if (i % 250 === 0) emit('\n', false);
      });
      file = join(dir, 'edges.csv');
      writeFileSync(file, lines.join(''));
    });

    it('cuts inside a quoted field are read past, for any number of ranges', async () => {
      const plan = (await planFocusRanges(file, 2, 0))!;
      // The cut of 2 ranges falls inside the long record: the first range must read past it.
      expect(plan.bounds).toHaveLength(2);
      expect(recordStarts.has(plan.bounds[1]!)).toBe(false);
      let inside = 0;
      for (const workers of [2, 3, 5]) {
        // As the import cuts it (the middle cut among them: the long record's).
        const p = (await planFocusRanges(file, workers * RANGES_PER_WORKER, 0))!;
        expect(p.bounds).toContain(plan.bounds[1]);
        inside += p.bounds.filter(b => !recordStarts.has(b)).length;
        const { serial, parallel } = await bothWays(file, workers, { rules, entities });
        expect(serial.totals.rows).toBeGreaterThan(3900);
        expect(serial.badRows.count).toBe(15);
        expect(parallel).toEqual(serial);
      }
      // Line feeds in fields put more cuts than the long record's inside a field.
      expect(inside).toBeGreaterThan(1);
    });

    it('reports the first CSV error of the file, with its line, and nothing else', async () => {
      const bytes = readFileSync(file);
      const starts = [...recordStarts].sort((a, b) => a - b);
      const at = (share: number) => starts.find(s => s >= bytes.length * share)!;
      // A record with a stray quote inserted before the record at `offset`.
      const insert = (buf: Buffer, offset: number) =>
        Buffer.concat([buf.subarray(0, offset), Buffer.from('x"y,1\n'), buf.subarray(offset)]);
      const lineOf = (message: string) => Number(/: line (\d+): /.exec(message)![1]);
      const late = insert(bytes, at(0.8));
      const twice = insert(late, at(0.1));
      const expected: number[] = [];
      for (const [name, content] of [
        ['late.csv', late],
        ['twice.csv', twice],
      ] as const) {
        const broken = join(dir, name);
        writeFileSync(broken, content);
        const serialError = await importFocus(broken, { rules, entities, workers: 1 }).then(
          () => '',
          (e: Error) => e.message,
        );
        expect(serialError).toBe(
          `${broken}: line ${lineOf(serialError)}: a quote inside an unquoted field`,
        );
        expected.push(lineOf(serialError));
        for (const workers of [2, 4]) {
          const parallelError = await importFocus(broken, {
            rules,
            entities,
            workers,
            parallelMinBytes: 0,
          }).then(
            () => '',
            (e: Error) => e.message,
          );
          expect(parallelError).toBe(serialError);
        }
      }
      // The second file reports its earlier error, not the one both files share.
      expect(expected[1]).toBeLessThan(expected[0]!);
    });
  });
});
