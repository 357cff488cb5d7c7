import { join } from 'node:path';
import { formatMoney, type FocusRow } from '@headroom/core';
import { referenceDir } from '../../../test/reference';
import { importFocus } from './importFocus';

const dir = referenceDir('focus', 'spec-examples');
// The worked examples leave out BillingCurrency; their costs are in USD.
const options = { defaults: { BillingCurrency: 'USD' } };

async function load(name: string) {
  const rows: FocusRow[] = [];
  const result = await importFocus(join(dir, `${name}.csv`), {
    ...options,
    onRow: r => rows.push(r),
  });
  const sum = (pick: (r: FocusRow) => bigint, where: (r: FocusRow) => boolean = () => true) =>
    formatMoney(rows.filter(where).reduce((s, r) => s + pick(r), 0n));
  return { rows, result, sum };
}

const billed = (r: FocusRow) => r.billedCost;
const effective = (r: FocusRow) => r.effectiveCost;

describe('FOCUS spec worked examples', () => {
  it.each([
    [
      'one_hundred_percent_utilization_with_commitment_discount_flexibility_with_1_resource',
      '2.75',
    ],
    ['one_hundred_percent_utilization_with_commitment_discount_flexibility_with_2_resources', '2'],
    ['one_hundred_percent_utilization_without_commitment_discount_flexibility', '1.5'],
    ['zero_percent_utilization_without_commitment_discount_flexibility', '3.5'],
  ])(
    'flexibility %s: the hourly purchase reappears, amortised, in EffectiveCost',
    async (name, total) => {
      const { result, sum } = await load(`commitment_discount_flexibility__${name}`);
      expect(result.badRows.count).toBe(0);
      expect(sum(billed)).toBe(total);
      expect(sum(effective)).toBe(total);
      // Purchases carry no EffectiveCost (no double count); committed usage is not billed again.
      expect(sum(effective, r => r.chargeCategory === 'Purchase')).toBe('0');
      expect(sum(billed, r => r.pricingCategory === 'Committed')).toBe('0');
    },
  );

  it('purchase scenario 1 amortises to the hourly EffectiveCost of usage scenarios 1 and 2', async () => {
    const purchase = await load(
      'commitment_discount_scenarios__commitment_discount_purchase_scenario_1',
    );
    const p = purchase.rows[0]!;
    expect(p).toMatchObject({ chargeCategory: 'Purchase', chargeFrequency: 'One-Time' });
    const hours = (p.chargePeriodEnd - p.chargePeriodStart) / 3600;
    expect(hours).toBe(8760);
    expect(formatMoney(p.billedCost / BigInt(hours))).toBe('1'); // 8,760.00 over 8,760 hours
    const used = await load('commitment_discount_scenarios__commitment_discount_usage_scenario_1');
    const unused = await load(
      'commitment_discount_scenarios__commitment_discount_usage_scenario_2',
    );
    expect(used.sum(effective)).toBe('1');
    expect(unused.sum(effective)).toBe('1');
    expect(used.sum(billed)).toBe('0');
  });

  it('usage scenario 3: used 0.75 and unused 0.25 add up to the hourly commitment', async () => {
    const { sum, rows } = await load(
      'commitment_discount_scenarios__commitment_discount_usage_scenario_3',
    );
    expect(rows.map(r => r.commitmentDiscountStatus)).toEqual(['Used', 'Unused']);
    expect(sum(effective)).toBe('1');
    const four = await load('commitment_discount_scenarios__commitment_discount_usage_scenario_4');
    // 1 hour covered by the commitment (EffectiveCost 1.00) plus 1 on-demand hour billed at 0.50.
    expect([four.sum(billed), four.sum(effective)]).toEqual(['0.5', '1.5']);
  });

  it('purchase scenario 3 (partial upfront): half upfront plus 0.50 an hour is the same 1.00 an hour', async () => {
    const { rows, result } = await load(
      'commitment_discount_scenarios__commitment_discount_purchase_scenario_3',
    );
    const upfront = rows.find(r => r.chargeFrequency === 'One-Time')!;
    const recurring = rows.find(r => r.chargeFrequency === 'Recurring')!;
    const hours = BigInt((upfront.chargePeriodEnd - upfront.chargePeriodStart) / 3600);
    expect(formatMoney(upfront.billedCost / hours + recurring.billedCost)).toBe('1');
    // The example's last row ends at hour "30" — not a time; it is reported, not guessed.
    expect(result.badRows.samples).toEqual([
      expect.objectContaining({
        line: 5,
        column: 'ChargePeriodEnd',
        message: 'ChargePeriodEnd "2023-02-01T30:00:00Z" is not an ISO 8601 date-time',
      }),
    ]);
  });

  it('SaaS examples written by a spreadsheet ($10,100.00, 5/1/25) are reported row by row', async () => {
    const { result } = await load('saas_examples__simple_agreements__simple_saas_agreements_c');
    expect(result.totals.rows).toBe(0);
    expect(result.badRows.samples.map(e => [e.line, e.column, e.message])).toEqual([
      [2, 'BilledCost', 'BilledCost "$10,100.00 " is not a decimal number'],
      [3, 'BilledCost', 'BilledCost "$13,000.00 " is not a decimal number'],
      [4, 'BilledCost', 'BilledCost "$12,700.00 " is not a decimal number'],
    ]);
  });
});
