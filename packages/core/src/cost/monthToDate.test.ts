import { CostAggregator } from './aggregate';
import { compileAttributionRules } from './attribution';
import { parseMoney } from './decimal';
import { rollupCosts } from './rollup';
import { focusRow } from './test-factory';
import { parseFocusTimestamp } from './time';
import type { CostEntity } from './types';

const A = 'component:default/a';
const entities: CostEntity[] = [{ ref: A, owner: 'group:default/core', lineOfBusiness: 'retail' }];
const m = (s: string) => parseMoney(s)!;
const t = (s: string) => parseFocusTimestamp(s)!;

/** 10 a day for service a from `from` through `to` (inclusive, UTC days). */
function daily(from: string, to: string) {
  const agg = new CostAggregator(
    compileAttributionRules([{ id: 'svc', type: 'tag', key: 'service' }], entities),
  );
  for (let d = t(from); d <= t(to); d += 86400) {
    const start = new Date(d * 1000).toISOString();
    agg.add(focusRow({ billed: '10', effective: '10', start, tags: { service: 'a' } }));
  }
  return agg.finish();
}

describe('month to date against the same days of the month before', () => {
  it('on 7 December compares 1–7 December with 1–7 November, not all of November', () => {
    const rows = rollupCosts(daily('2026-10-01', '2026-12-07'), entities, {
      by: 'entity',
      grain: 'month',
      view: 'billed',
    });
    const dec = rows.find(r => r.period === t('2026-12-01'))!;
    // Whole November (300) would give 70 / 300 − 1 = −76.7 %.
    expect(dec).toMatchObject({
      cost: m('70'),
      previous: m('70'),
      change: 0n,
      changeRatio: 0,
      partial: { days: 7, of: 31 },
    });
    // November is complete: against the whole of October (31 days).
    const nov = rows.find(r => r.period === t('2026-11-01'))!;
    expect(nov).toMatchObject({ cost: m('300'), previous: m('310'), change: m('-10') });
    expect(nov.changeRatio).toBeCloseTo(-10 / 310, 8);
    expect(nov.partial).toBeUndefined();
  });

  it('a month whose data reaches its last day is complete', () => {
    const rows = rollupCosts(daily('2026-10-01', '2026-11-30'), entities, {
      by: 'entity',
      grain: 'month',
      view: 'billed',
    });
    expect(rows.every(r => r.partial === undefined)).toBe(true);
    expect(rows.find(r => r.period === t('2026-11-01'))!.previous).toBe(m('310'));
  });

  it('days are compared by day, whatever the grain of the rows', () => {
    const rows = rollupCosts(daily('2026-11-25', '2026-12-07'), entities, {
      by: 'entity',
      grain: 'day',
      view: 'billed',
    });
    expect(rows.every(r => r.partial === undefined)).toBe(true);
    expect(rows.find(r => r.period === t('2026-12-07'))!.previous).toBe(m('10'));
  });
});
