import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
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

const dir = mkdtempSync(join(tmpdir(), 'headroom-cost-cli-'));
const catalog = join(dir, 'catalog-info.yaml');
writeFileSync(
  catalog,
  `apiVersion: backstage.io/v1alpha1
kind: Domain
metadata: { name: data, annotations: { headroom.dev/line-of-business: data-products } }
spec: { owner: group:default/team-data }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: analytics }
spec: { owner: group:default/team-data, domain: data }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: peoria-data }
spec: { type: service, lifecycle: production, owner: group:default/team-data, system: analytics }
`,
);
const rules = join(dir, 'rules.yaml');
writeFileSync(
  rules,
  `- id: business-unit
  type: tag
  key: business_unit
  values: { PeoriaData: component:default/peoria-data }
`,
);

interface CostJson {
  rows: { key: string; period: string; currency: string; cost: string }[];
  totals: { currency: string; rows: number; billed: string; effective: string }[];
  badRows: { count: number };
  unreconciledPeriods: number;
}

describe('headroom cost report', () => {
  const sample = () => referenceDir('focus', 'focus_sample.csv');

  it('attributes the FinOps sample by a tag rule; the rest stays visible as unallocated', async () => {
    const io = capture();
    const code = await run(
      [
        'cost',
        'report',
        sample(),
        '--catalog',
        catalog,
        '--rules',
        rules,
        '--view',
        'billed',
        // One month: the sample's charges are all in September (its bills are not).
        '--period',
        'charge',
        '--format',
        'json',
      ],
      io,
    );
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    const out = JSON.parse(io.stdout.join('')) as CostJson;
    expect(out.totals).toEqual([
      { currency: 'USD', rows: 1000, billed: '20.52022672899', effective: '14.97651418586' },
    ]);
    const byKey = new Map(out.rows.map(r => [r.key, r]));
    // The sample's largest business unit by BilledCost (see the reference README).
    expect(byKey.get('component:default/peoria-data')!.cost).toBe('15.9580993182');
    // 20.52022672899 - 15.9580993182
    expect(byKey.get('(unallocated)')!.cost).toBe('4.56212741079');
    expect(out.unreconciledPeriods).toBe(0);
  });

  it('rolls up to the line of business through the system and its domain', async () => {
    const io = capture();
    expect(
      await run(
        [
          'cost',
          'report',
          sample(),
          '--catalog',
          catalog,
          '--rules',
          rules,
          '--view',
          'billed',
          '--by',
          'lineOfBusiness',
          '--format',
          'json',
        ],
        io,
      ),
    ).toBe(0);
    const out = JSON.parse(io.stdout.join('')) as CostJson;
    expect(out.rows.find(r => r.key === 'data-products')!.cost).toBe('15.9580993182');
  });

  it('reports a month by its bill by default, by its charges on request (--period charge)', async () => {
    // One Oracle row of the sample is charged 2024-09-30 22:00 but on the bill starting
    // 2024-10-01: BilledCost 0.24.
    const report = async (...extra: string[]) => {
      const io = capture();
      const argv = ['cost', 'report', sample(), '--view', 'billed', '--format', 'json', ...extra];
      expect(await run(argv, io)).toBe(0);
      const out = JSON.parse(io.stdout.join('')) as CostJson;
      const byMonth = new Map<string, number>();
      for (const r of out.rows)
        byMonth.set(r.period, (byMonth.get(r.period) ?? 0) + Number(r.cost));
      return byMonth;
    };
    const byBill = await report();
    expect([...byBill.keys()]).toEqual(['2024-09', '2024-10']);
    expect(byBill.get('2024-10')).toBeCloseTo(0.24, 9);
    expect(byBill.get('2024-09')).toBeCloseTo(20.52022672899 - 0.24, 9);
    expect(await report('--period', 'billing')).toEqual(byBill);
    const byCharge = await report('--period', 'charge');
    expect([...byCharge.keys()]).toEqual(['2024-09']);
    expect(byCharge.get('2024-09')).toBeCloseTo(20.52022672899, 9);
  });

  it('refuses an unknown --period (exit 2)', async () => {
    const io = capture();
    expect(await run(['cost', 'report', sample(), '--period', 'invoice'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/--period/);
  });

  it('counts and shows bad rows with their line, and exits 1', async () => {
    const records = parse(readFileSync(sample(), 'utf8')) as string[][];
    const billed = records[0]!.indexOf('BilledCost');
    // Line 3 of the file: the second data row, its BilledCost made unreadable.
    records[2]![billed] = 'twelve';
    const quote = (f: string) => `"${f.replace(/"/g, '""')}"`;
    const lines = records.map(r => r.map(quote).join(','));
    const file = join(dir, 'broken.csv');
    writeFileSync(file, lines.join('\n'));
    const io = capture();
    expect(await run(['cost', 'report', file, '--format', 'json'], io)).toBe(1);
    expect((JSON.parse(io.stdout.join('')) as CostJson).badRows.count).toBe(1);
    expect(io.stderr[0]).toBe('1 bad row(s) not counted in the totals, e.g.:');
    expect(io.stderr[1]).toMatch(/broken\.csv:3: BilledCost: /);
  });

  it('compares month to date with the same days of the month before, and says so', async () => {
    const records = parse(readFileSync(sample(), 'utf8')) as string[][];
    const header = records[0]!;
    const col = (name: string) => header.indexOf(name);
    const quote = (f: string) => `"${f.replace(/"/g, '""')}"`;
    const lines = [header.map(quote).join(',')];
    // 10 USD a day from 1 November to 7 December 2026.
    for (let d = Date.UTC(2026, 10, 1); d <= Date.UTC(2026, 11, 7); d += 86_400_000) {
      const row = [...records[1]!];
      const day = new Date(d);
      const month = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1);
      const next = Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1);
      const text = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 19);
      row[col('BilledCost')] = '10';
      row[col('EffectiveCost')] = '10';
      row[col('ListCost')] = '10';
      row[col('ContractedCost')] = '10';
      row[col('ChargePeriodStart')] = text(d);
      row[col('ChargePeriodEnd')] = text(d + 86_400_000);
      row[col('BillingPeriodStart')] = text(month);
      row[col('BillingPeriodEnd')] = text(next);
      row[col('Id')] = String(d);
      lines.push(row.map(quote).join(','));
    }
    const file = join(dir, 'to-date.csv');
    writeFileSync(file, lines.join('\n'));
    const io = capture();
    expect(await run(['cost', 'report', file, '--format', 'json'], io)).toBe(0);
    const rows = (JSON.parse(io.stdout.join('')) as { rows: Record<string, unknown>[] }).rows;
    // Without like-for-like, December (70) against November (300) would be −76.7 %.
    expect(rows.find(r => r.period === '2026-12')).toMatchObject({
      cost: '70.00',
      previous: '70.00',
      changeRatio: 0,
      partial: { days: 7, of: 31 },
    });
    const table = capture();
    expect(await run(['cost', 'report', file], table)).toBe(0);
    expect(table.stdout.join('')).toContain('2026-12 (7 of 31 days)');
  });

  it('names a missing source in one line (exit 2)', async () => {
    const io = capture();
    expect(await run(['cost', 'report', join(dir, 'nope.csv')], io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/nope\.csv/);
  });
});
