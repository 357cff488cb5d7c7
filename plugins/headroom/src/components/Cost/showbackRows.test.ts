import type { CostRollupRow } from '@headroom/plugin-headroom-common';
import { compareDecimal, periodsOf, showbackCsv, showbackRows } from './showbackRows';

const row = (
  key: string,
  date: string,
  cost: string,
  change: string | null = null,
): CostRollupRow => ({
  key,
  period: Date.parse(`${date}-01T00:00:00Z`) / 1000,
  date,
  currency: 'USD',
  cost,
  previous: change === null ? null : '0.00',
  change,
  changeRatio: null,
});

describe('showbackRows', () => {
  const rows = [
    row('(unallocated)', '2026-11', '9999.00'),
    row('payments', '2026-11', '1200.50'),
    row('spot', '2026-11', '10000000000000000.01'),
    row('(unassigned)', '2026-11', '5.00'),
    row('custody', '2026-11', '10000000000000000.02'),
    row('spot', '2026-10', '1.00'),
  ];

  it('lists the periods newest first', () => {
    expect(periodsOf(rows)).toEqual(['2026-11', '2026-10']);
  });

  it('sorts by exact cost, then no line of business, then unallocated last', () => {
    // The two largest differ only beyond a double's precision.
    expect(showbackRows(rows, '2026-11').map(r => r.key)).toEqual([
      'custody',
      'spot',
      'payments',
      '(unassigned)',
      '(unallocated)',
    ]);
  });
});

describe('compareDecimal', () => {
  it.each([
    ['1.10', '1.1', 0],
    ['-2', '1', -1],
    ['0.000000000002', '0.000000000001', 1],
    ['-0.5', '-0.25', -1],
  ])('%p vs %p → %p', (a, b, expected) => {
    expect(compareDecimal(a, b)).toBe(expected);
  });
});

describe('showbackCsv', () => {
  it('holds the shown rows with the shown rounding, as numbers', () => {
    const rows: CostRollupRow[] = [
      { ...row('spot', '2026-11', '1234.565', '-100.005'), changeRatio: -100.005 / 1334.57 },
      row('(unallocated)', '2026-11', '12.00'),
    ];
    expect(showbackCsv(rows, 'lineOfBusiness')).toBe(
      'line_of_business,period,currency,cost,change,change_percent\r\n' +
        'spot,Nov 2026,USD,1234.57,-100.01,-7.5\r\n' +
        'Unallocated (no attribution rule matched),Nov 2026,USD,12,,\r\n',
    );
  });
});
