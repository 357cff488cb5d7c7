import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  reconcileCosts,
  type AttributionRule,
  type CostAggregates,
  type CostEntity,
} from '@headroom/core';
import { importFocus } from '@headroom/cost';
import { SERVICES, WORLD } from '@headroom/demo-simulator';
import { parse } from 'yaml';
import { costAnnotationsOf } from './catalog';
import {
  commitmentOf,
  demoCostRange,
  demoCostRows,
  hourlyCommitment,
  splitInteger,
  type DemoCostRow,
} from './demoCost';
import { writeDemoFocus, type DemoCostSummary } from './focusCsv';

const DAY = 86400;
const HOUR = 3600;
// 2026-11-25 12:07 UTC: the scenarios' "now"; card-issuing's pods start 2 days before, at 12:07.
const ANCHOR = Date.UTC(2026, 10, 25, 12, 7) / 1000;
const RANGE = demoCostRange(ANCHOR, 31);
const LEFT_RUNNING_FROM = ANCHOR - 2 * DAY;

const rules = parse(
  readFileSync(join(__dirname, '..', 'attribution.yaml'), 'utf8'),
) as AttributionRule[];
const entities: CostEntity[] = SERVICES.map(s => ({
  ref: `component:default/${s.name}`,
  owner: `group:default/${s.team}`,
  lineOfBusiness: s.lob,
  annotations: costAnnotationsOf(s),
}));
/** Micro-dollars as core's money (10⁻¹² units). */
const money = (micro: number): bigint => BigInt(micro) * 1_000_000n;

let dir: string;
let file: string;
let summary: DemoCostSummary;
let aggregates: CostAggregates;
let rows: DemoCostRow[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'demo-cost-'));
  file = join(dir, 'focus.csv.gz');
  rows = [...demoCostRows({ anchor: ANCHOR, ...RANGE })];
  summary = await writeDemoFocus(file, rows);
  const result = await importFocus(file, { rules, entities });
  expect(result.badRows.count).toBe(0);
  aggregates = result.aggregates;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const directByDay = (ref: string | null, ruleId?: string): Map<number, bigint> => {
  const out = new Map<number, bigint>();
  for (const c of aggregates.cells) {
    if (c.entityRef !== ref || (ruleId !== undefined && c.ruleId !== ruleId) || c.rows === 0)
      continue;
    out.set(c.day, (out.get(c.day) ?? 0n) + c.effective);
  }
  return out;
};

describe('the demo bill', () => {
  it('covers whole UTC days from 31 days before the anchor up to its hour', () => {
    expect(RANGE.from).toBe(Date.UTC(2026, 9, 25) / 1000);
    expect(RANGE.to).toBe(Date.UTC(2026, 10, 25, 12) / 1000);
    expect(summary.days).toHaveLength(32);
    expect(summary.days[0]!.day).toBe(RANGE.from);
    expect(Math.max(...rows.map(r => r.chargePeriodStart))).toBe(RANGE.to - HOUR);
  });

  it("adds up each day's parts to the day's bill, and the importer reads the same bill", () => {
    const imported = new Map(aggregates.days.map(d => [d.day, d]));
    expect(imported.size).toBe(summary.days.length);
    for (const d of summary.days) {
      const parts = Object.values(d.parts).filter(p => p !== undefined);
      expect(parts.reduce((a, p) => a + p.billed, 0)).toBe(d.billed);
      expect(parts.reduce((a, p) => a + p.effective, 0)).toBe(d.effective);
      expect(imported.get(d.day)!.billed).toBe(money(d.billed));
      expect(imported.get(d.day)!.effective).toBe(money(d.effective));
      expect(imported.get(d.day)!.rows).toBe(d.rows);
    }
  });

  it('reconciles to the cent per day and per billing period with core', () => {
    const days = reconcileCosts(aggregates, 'day');
    expect(days).toHaveLength(2 * 32);
    expect(days.filter(r => !r.ok)).toEqual([]);
    const periods = reconcileCosts(aggregates, 'billingPeriod');
    expect(periods.map(p => new Date(p.period * 1000).toISOString().slice(0, 7)).sort()).toEqual([
      '2026-10',
      '2026-10',
      '2026-11',
      '2026-11',
    ]);
    expect(periods.every(p => p.ok)).toBe(true);
  });

  it('leaves only the untagged spend unallocated, 20.497968 USD a full day', () => {
    // 0.428 (sandbox instance) + 12,000 GB × 0.023 / 730 = 0.378082 (bucket) + 0.048 (NAT) an hour.
    const unallocated = directByDay(null);
    for (const d of summary.days) {
      expect(unallocated.get(d.day)).toBe(money(d.parts.untagged!.effective));
    }
    expect(summary.days[3]!.parts.untagged!.effective).toBe(20_497_968);
    expect(summary.days.every(d => d.parts['commitment-unused'] === undefined)).toBe(true);
  });

  it('tags every service every day, and the importer gives each component its own cost', () => {
    for (const s of SERVICES) {
      const tagged = rows.filter(r => r.tags.service === s.name && r.tags.team === s.team);
      expect(new Set(tagged.map(r => r.chargePeriodStart - (r.chargePeriodStart % DAY))).size).toBe(
        32,
      );
      const direct = directByDay(`component:default/${s.name}`, 'service-tag');
      expect(direct.size).toBe(32);
      expect([...direct.values()].every(v => v > 0n)).toBe(true);
    }
  });

  it('gives withdrawal-signer its HSMs through its cost-tags annotation, 69.60 USD a day', () => {
    const hsm = directByDay('component:default/withdrawal-signer', 'cost-tags');
    expect(hsm.size).toBe(32);
    // Two HSMs at 1.45 an hour.
    expect(hsm.get(RANGE.from + 3 * DAY)).toBe(money(69_600_000));
  });

  it('splits the platform and the credit among the components: none of it is unallocated', () => {
    const pools = aggregates.shared.filter(p => p.ruleId === 'platform' || p.ruleId === 'credits');
    expect(pools.length).toBe(2 * 32);
    expect(pools.every(p => p.split)).toBe(true);
    const day = summary.days[5]!;
    const pool = (id: string) =>
      aggregates.shared.find(p => p.ruleId === id && p.day === day.day)!.effective;
    expect(pool('platform')).toBe(money(day.parts.platform!.effective));
    expect(pool('credits')).toBe(money(-20_000_000));
  });

  it("charges market-data's pods by their requests, not their use: 28.69668 USD a day at list price", () => {
    // 33 cores × 0.031611 = 1.043163 and 36 GiB × 0.004237 = 0.152532 an hour, 24 hours.
    const day = RANGE.from + 10 * DAY;
    const list = rows
      .filter(
        r =>
          r.resourceId === 'eks/exchange-prod/market-data' &&
          r.chargePeriodStart >= day &&
          r.chargePeriodStart < day + DAY,
      )
      .reduce((a, r) => a + r.list, 0);
    expect(list).toBe(28_696_680);
  });

  it("shows card-issuing's load-test pods from the minute they start, a step in its daily cost", () => {
    const loadTest = rows.filter(r => r.resourceId === 'eks/exchange-prod/card-issuing-load-test');
    const first = Math.min(...loadTest.map(r => r.chargePeriodStart));
    expect(first).toBe(LEFT_RUNNING_FROM - (LEFT_RUNNING_FROM % HOUR));
    // 6 extra cores for 53 of the 60 minutes of 12:00–13:00.
    const cores = loadTest
      .filter(r => r.chargePeriodStart === first && r.unit === 'vCPU-Hours')
      .reduce((a, r) => a + r.quantity, 0);
    expect(cores).toBeCloseTo(5.3, 9);
    expect(loadTest.every(r => r.tags.service === 'card-issuing')).toBe(true);

    const daily = directByDay('component:default/card-issuing');
    const startDay = LEFT_RUNNING_FROM - (LEFT_RUNNING_FROM % DAY);
    const before = [...daily].filter(([d]) => d < startDay).map(([, v]) => Number(v) / 1e12);
    const dayBefore = Number(daily.get(startDay - DAY)!) / 1e12;
    const onStart = Number(daily.get(startDay)!) / 1e12;
    const after = Number(daily.get(startDay + DAY)!) / 1e12;
    // Flat before (weekends and growth move egress only), then a step: 6 cores and 6 GiB are
    // 0.215088 an hour at list price, 5.162112 a day, 3.72 to 5.16 after the plan's discount.
    expect(Math.max(...before) / Math.min(...before)).toBeLessThan(1.1);
    const fullDay = loadTest
      .filter(
        r => r.chargePeriodStart >= startDay + DAY && r.chargePeriodStart < startDay + 2 * DAY,
      )
      .reduce((a, r) => ({ list: a.list + r.list, effective: a.effective + r.effective }), {
        list: 0,
        effective: 0,
      });
    expect(fullDay.list).toBe(5_162_112);
    expect(fullDay.effective).toBeGreaterThan(5_162_112 * 0.72);
    expect(fullDay.effective).toBeLessThan(5_162_112);
    expect(after - dayBefore).toBeGreaterThan(3.5);
    // 11 h 53 min of it on the first day.
    expect(onStart - dayBefore).toBeGreaterThan(1.5);
  });

  it('amortises the savings plan: purchase billed on the 1st, effective hour by hour', () => {
    // Steady compute: 150.7 cores × 0.031611 + 181 GiB × 0.004237 = 5.5306747 an hour;
    // × (1 − 0.28) × 0.8 = 3.1856686, bought in whole cents.
    expect(hourlyCommitment(WORLD, 0.8)).toBe(3_190_000);
    const nov1 = Date.UTC(2026, 10, 1) / 1000;
    const purchase = rows.filter(r => r.category === 'Purchase');
    expect(purchase).toHaveLength(1);
    expect(purchase[0]!.chargePeriodStart).toBe(nov1);
    expect(purchase[0]!.billed).toBe(3_190_000 * 720);
    expect(purchase[0]!.effective).toBe(0);
    for (let t = nov1; t < nov1 + 48 * HOUR; t += HOUR) {
      const used = rows.filter(r => r.chargePeriodStart === t && r.commitment?.status === 'Used');
      expect(used.every(r => r.billed === 0)).toBe(true);
      expect(used.reduce((a, r) => a + r.effective, 0)).toBe(3_190_000);
    }
    const nov = summary.days.filter(d => d.day >= nov1);
    expect(nov.reduce((a, d) => a + d.billed, 0)).not.toBe(
      nov.reduce((a, d) => a + d.effective, 0),
    );
  });

  it('over a whole month, used and unused commitment add up to the purchase', () => {
    const nov1 = Date.UTC(2026, 10, 1) / 1000;
    const dec1 = Date.UTC(2026, 11, 1) / 1000;
    // A commitment larger than the cluster's compute leaves some of it unused every hour.
    const month = [
      ...demoCostRows({ anchor: ANCHOR, from: nov1, to: dec1, commitmentShare: 1.2 }),
    ].filter(r => r.commitment?.id === commitmentOf(nov1).id);
    const purchase = month.filter(r => r.category === 'Purchase');
    const amortised = month.filter(r => r.category === 'Usage');
    expect(amortised.some(r => r.commitment?.status === 'Unused')).toBe(true);
    expect(purchase).toHaveLength(1);
    expect(amortised.reduce((a, r) => a + r.effective, 0)).toBe(purchase[0]!.billed);
  });

  it('writes the same file for the same anchor and seed, another for another seed', async () => {
    const one = { anchor: ANCHOR, from: RANGE.from, to: RANGE.from + DAY };
    await writeDemoFocus(join(dir, 'a.csv'), demoCostRows(one));
    await writeDemoFocus(join(dir, 'b.csv'), demoCostRows(one));
    await writeDemoFocus(join(dir, 'c.csv'), demoCostRows({ ...one, seed: 7 }));
    const text = (f: string) => readFileSync(join(dir, f), 'utf8');
    expect(text('a.csv')).toBe(text('b.csv'));
    expect(text('a.csv')).not.toBe(text('c.csv'));
    expect(gunzipSync(readFileSync(file)).toString('utf8').startsWith('BilledCost,')).toBe(true);
  });

  it('rejects a range that is not whole hours, naming the field', () => {
    expect(() => [
      ...demoCostRows({ anchor: ANCHOR, from: RANGE.from + 60, to: RANGE.to }),
    ]).toThrow(/from must be a whole hour/);
    expect(() => [...demoCostRows({ anchor: ANCHOR, from: RANGE.to, to: RANGE.to })]).toThrow(
      /to \(\d+\) must be after from/,
    );
  });
});

describe('splitInteger', () => {
  it('splits by largest remainders so the parts add up', () => {
    expect(splitInteger(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitInteger(100, [3, 1])).toEqual([75, 25]);
    expect(splitInteger(7, [2, 2, 3])).toEqual([2, 2, 3]);
  });
});
