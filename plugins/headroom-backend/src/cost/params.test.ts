import { CostParams, dateOf, loadWindow, overlaps, parseCostTime } from './params';

const SEP = Date.UTC(2024, 8, 1) / 1000;
const DAY = 86_400;

describe('cost query parameters', () => {
  it('reads times as unix seconds or ISO dates, months and date-times, all UTC', () => {
    expect(parseCostTime('1725148800')).toBe(SEP);
    expect(parseCostTime('1725148800.5')).toBe(SEP + 0.5);
    expect(parseCostTime('2024-09-01')).toBe(SEP);
    expect(parseCostTime('2024-09')).toBe(SEP);
    expect(parseCostTime('2024-09-01T06:00:00Z')).toBe(SEP + 6 * 3600);
    expect(parseCostTime('2024-09-01T08:00:00+02:00')).toBe(SEP + 6 * 3600);
    for (const bad of ['yesterday', '2024-02-30', '2024-13', '2024-9-1', '', 'NaN', '1e9']) {
      expect(parseCostTime(bad)).toBeUndefined();
    }
    expect(dateOf(SEP, 'day')).toBe('2024-09-01');
    expect(dateOf(SEP, 'month')).toBe('2024-09');
    expect(dateOf(SEP, 'billingPeriod')).toBe('2024-09-01');
  });

  it('loads the periods overlapping the range and the one before the first', () => {
    const range = { from: SEP + 12 * 3600, to: SEP + 3 * DAY };
    expect(loadWindow(range, 'day')).toEqual({ fromDay: SEP - DAY, toDay: SEP + 3 * DAY });
    expect(loadWindow({ from: SEP, to: SEP + 3 * DAY + 1 }, 'day')).toEqual({
      fromDay: SEP - DAY,
      toDay: SEP + 4 * DAY,
    });
    // September 15 to October 2: August (for September's change) through October.
    const mid = { from: SEP + 14 * DAY, to: SEP + 31 * DAY };
    expect(loadWindow(mid, 'month')).toEqual({
      fromDay: Date.UTC(2024, 7, 1) / 1000,
      toDay: Date.UTC(2024, 10, 1) / 1000,
    });
    expect(loadWindow({}, 'month')).toEqual({ fromDay: undefined, toDay: undefined });
    expect(overlaps(SEP, 'day', range)).toBe(true);
    expect(overlaps(SEP - DAY, 'day', range)).toBe(false);
    expect(overlaps(SEP + 3 * DAY, 'day', range)).toBe(false);
    expect(overlaps(SEP, 'month', mid)).toBe(true);
    expect(overlaps(Date.UTC(2024, 7, 1) / 1000, 'month', mid)).toBe(false);
  });

  it('names the parameter, the request and the accepted values in every error', () => {
    const where = 'GET /cost/rollup';
    const p = (q: Record<string, unknown>) => new CostParams(q, where);
    expect(() => p({ grain: 'week' }).grain()).toThrow(
      "Query parameter grain of GET /cost/rollup must be one of day, month, got 'week'",
    );
    expect(() => p({ view: ['billed', 'effective'] }).view()).toThrow(
      'Query parameter view of GET /cost/rollup must be given once',
    );
    expect(() => p({ from: '2024-10-01', to: '2024-09-01' }).range()).toThrow(
      /from and to of GET \/cost\/rollup: to \(1725148800\) must be after from \(1727740800\)/,
    );
    expect(() => p({ limit: '2.5' }).integer('limit', 1, 10, 5)).toThrow(
      "Query parameter limit of GET /cost/rollup must be an integer from 1 to 10, got '2.5'",
    );
    const known = p({ grain: 'month', frm: 'x' });
    expect(known.grain()).toBe('month');
    expect(() => known.done()).toThrow(
      'Unknown query parameter frm of GET /cost/rollup; known: grain',
    );
    const defaults = p({});
    expect([
      defaults.grain(),
      defaults.view(),
      defaults.by(),
      defaults.reconciliationGrain(),
    ]).toEqual(['day', 'effective', 'entity', 'billingPeriod']);
    expect(defaults.range()).toEqual({ from: undefined, to: undefined });
  });
});
