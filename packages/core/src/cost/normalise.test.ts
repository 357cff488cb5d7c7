import { checkFocusHeader, focusColumns, mandatoryFocusColumns } from './columns';
import { createFocusNormaliser, normaliseFocusRow } from './normalise';

const HEADER = [
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'BillingCurrency',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'ChargeClass',
  'Tags',
];
const GOOD = [
  '0.00001605990',
  '0.5',
  'NULL',
  'USD',
  '2024-09-01 00:00:00',
  '2024-10-01 00:00:00',
  '2024-09-30 22:00:00',
  '2024-09-30 23:00:00',
  'Usage',
  'NULL',
  '{" org": "Core", "Team": " payments "}',
];

function withValue(column: string, value: string): string[] {
  const f = [...GOOD];
  f[HEADER.indexOf(column)] = value;
  return f;
}

describe('checkFocusHeader', () => {
  it('reads the version from the newest column present', () => {
    expect(checkFocusHeader(focusColumns('1.0')).version).toBe('1.0');
    expect(checkFocusHeader([...focusColumns('1.0'), 'SkuMeter']).version).toBe('1.1');
    expect(checkFocusHeader(['\uFEFFBilledCost', 'PricingCurrency']).version).toBe('1.2');
  });

  it('separates what Headroom needs from what the spec mandates, and notes extras and duplicates', () => {
    const check = checkFocusHeader([...HEADER, 'Id', 'x_Custom', 'Tags'], ['BillingCurrency']);
    expect(check.missingRequired).toEqual([]);
    expect(check.missingMandatory).toContain('ServiceName');
    expect(check.extra).toEqual(['Id', 'x_Custom']);
    expect(check.duplicate).toEqual(['Tags']);
    expect(checkFocusHeader(['BilledCost']).missingRequired).toEqual([
      'EffectiveCost',
      'BillingCurrency',
      'BillingPeriodStart',
      'BillingPeriodEnd',
      'ChargePeriodStart',
      'ChargePeriodEnd',
      'ChargeCategory',
    ]);
    expect(mandatoryFocusColumns('1.0')).toHaveLength(21);
  });
});

describe('createFocusNormaliser', () => {
  const n = createFocusNormaliser(HEADER);

  it('normalises a row: UTC seconds, exact money, NULL as null, tag keys trimmed and lower-cased', () => {
    const { row, error } = n.normalise(GOOD, 7);
    expect(error).toBeUndefined();
    expect(row).toMatchObject({
      line: 7,
      billedCost: 16059900n,
      effectiveCost: 500000000000n,
      listCost: null,
      billingCurrency: 'USD',
      billingPeriodStart: 1725148800,
      chargePeriodStart: 1727733600,
      chargePeriodEnd: 1727737200,
      chargeCategory: 'Usage',
      chargeClass: null,
      tags: { org: 'Core', team: 'payments' },
    });
  });

  it.each([
    ['BilledCost', 'NULL', 'BilledCost is missing ("NULL")'],
    ['BilledCost', '$1,200.00', 'BilledCost "$1,200.00" is not a decimal number'],
    ['EffectiveCost', '', 'EffectiveCost is missing ("")'],
    ['ListCost', 'n/a', 'ListCost "n/a" is not a decimal number'],
    ['BillingCurrency', 'XYZ', 'BillingCurrency "XYZ" is not an ISO 4217 code'],
    ['BillingCurrency', 'NULL', 'BillingCurrency is missing'],
    ['ChargePeriodStart', '5/1/25', 'ChargePeriodStart "5/1/25" is not an ISO 8601 date-time'],
    ['ChargePeriodEnd', '2024-09-30 21:00:00', 'ChargePeriodEnd is before ChargePeriodStart'],
    ['BillingPeriodEnd', '2024-09-01 00:00:00', 'BillingPeriodEnd is not after BillingPeriodStart'],
    [
      'ChargeCategory',
      'Refund',
      'ChargeCategory "Refund" is not Usage, Purchase, Tax, Credit or Adjustment',
    ],
    ['ChargeClass', 'Fix', 'ChargeClass "Fix" is not Correction or null'],
    ['Tags', '{broken', 'Tags is not valid JSON'],
    ['Tags', '["a"]', 'Tags is not a JSON object'],
  ])('reports %s = %j with its line and column', (column, value, message) => {
    expect(n.normalise(withValue(column, value), 12)).toEqual({
      error: { line: 12, column, message },
    });
  });

  it('reports a short row', () => {
    expect(n.normalise(GOOD.slice(1), 3).error).toEqual({
      line: 3,
      column: '(row)',
      message: 'has 10 fields, the header has 11',
    });
  });

  it('accepts categories in any case and a Correction class', () => {
    const { row } = n.normalise(withValue('ChargeClass', 'correction'), 2);
    expect(row?.chargeClass).toBe('Correction');
    expect(n.normalise(withValue('ChargeCategory', 'credit'), 2).row?.chargeCategory).toBe(
      'Credit',
    );
  });

  it('refuses a header without the columns it needs, and takes defaults for absent ones', () => {
    expect(() => createFocusNormaliser(['BilledCost'])).toThrow(
      /missing required FOCUS column\(s\): EffectiveCost, BillingCurrency/,
    );
    const noCurrency = HEADER.filter(c => c !== 'BillingCurrency');
    const fields = GOOD.filter((_, i) => HEADER[i] !== 'BillingCurrency');
    const d = createFocusNormaliser(noCurrency, { defaults: { BillingCurrency: 'EUR' } });
    expect(d.normalise(fields, 2).row?.billingCurrency).toBe('EUR');
    const v = createFocusNormaliser(HEADER, { currencies: ['Token'] });
    expect(v.normalise(withValue('BillingCurrency', 'Token'), 2).row?.billingCurrency).toBe(
      'Token',
    );
  });
});

describe('normaliseFocusRow', () => {
  it('reads a keyed record', () => {
    const raw = Object.fromEntries(HEADER.map((h, i) => [h, GOOD[i]!]));
    expect(normaliseFocusRow(raw, 5).row?.billedCost).toBe(16059900n);
    expect(normaliseFocusRow({ BilledCost: '1' }, 5).error).toMatchObject({
      line: 5,
      column: '(header)',
    });
  });
});
