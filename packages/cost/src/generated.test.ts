import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reconcileCosts, rollupCosts, type CostEntity } from '@headroom/core';
import { writeFocusFile } from './generator';
import { importFocus } from './importFocus';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-gen-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a generated multi-account, multi-currency export', () => {
  it.each(['gen.csv', 'gen.csv.gz'])(
    '%s: imports without loss and reconciles to the cent for every period',
    async name => {
      const file = join(dir, name);
      const expected = await writeFocusFile(file, {
        rows: 40_000,
        seed: 7,
        accounts: 3,
        currencies: ['USD', 'EUR', 'JPY'],
        months: 2,
        services: 12,
      });
      const entities: CostEntity[] = expected.services.slice(0, 10).map((s, i) => ({
        ref: `component:default/${s}`,
        owner: `group:default/team-${i % 3}`,
        lineOfBusiness: i < 5 ? 'retail' : 'finance',
      }));
      const purchase = new Map<string, bigint>();
      const amortised = new Map<string, bigint>();
      let negative = 0;
      const result = await importFocus(file, {
        rules: [
          {
            id: 'support',
            type: 'shared',
            match: { serviceName: 'AWS Support*' },
            split: { by: 'usage' },
          },
          { id: 'service', type: 'tag', key: 'service' },
        ],
        entities,
        onRow(r) {
          if (r.billedCost < 0n) negative++;
          if (!r.commitmentDiscountId) return;
          const m = r.chargeCategory === 'Purchase' ? purchase : amortised;
          m.set(
            r.commitmentDiscountId,
            (m.get(r.commitmentDiscountId) ?? 0n) +
              (r.chargeCategory === 'Purchase' ? r.billedCost : r.effectiveCost),
          );
        },
      });
      expect(result.badRows.count).toBe(0);
      expect(result.totals.rows).toBe(40_000);
      expect(
        result.periods.map(p => ({
          currency: p.currency,
          billingPeriodStart: p.billingPeriodStart,
          billed: p.billed,
          effective: p.effective,
          rows: p.rows,
        })),
      ).toEqual(expected.periods);
      expect(result.periods).toHaveLength(6);

      for (const grain of ['billingPeriod', 'day', 'month'] as const) {
        const rec = reconcileCosts(result.aggregates, grain);
        expect(rec.filter(r => !r.ok)).toEqual([]);
      }
      // Two of twelve services have no entity, and 5% of rows no tags: unallocated, shown.
      const months = rollupCosts(result.aggregates, entities, {
        by: 'lineOfBusiness',
        grain: 'month',
        view: 'effective',
      });
      expect(months.filter(r => r.key === '(unallocated)' && r.cost > 0n)).toHaveLength(6);
      // Credits and refunds came through as negative rows.
      expect(negative).toBeGreaterThan(1000);
      // Commitments are bought and fully amortised within each month: billed = effective per month.
      expect(result.periods.every(p => p.billed === p.effective)).toBe(true);

      // Each month's commitment purchase reappears in full as used + unused EffectiveCost.
      expect(expected.commitments).toHaveLength(6);
      for (const c of expected.commitments) {
        expect(purchase.get(c.id)).toBe(c.purchase);
        expect(amortised.get(c.id)).toBe(c.purchase);
      }
    },
    // Generates and imports 50,000 rows: seconds on a busy machine.
    30_000,
  );

  it('asks for enough rows for the hourly commitment rows', async () => {
    await expect(writeFocusFile(join(dir, 'tiny.csv'), { rows: 10 })).rejects.toThrow(
      /rows: 10 is too few/,
    );
    // Refused before anything is written: no empty file left behind.
    expect(existsSync(join(dir, 'tiny.csv'))).toBe(false);
  });
});
