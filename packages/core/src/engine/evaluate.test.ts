import { evaluateSlo } from './evaluate';
import { prepareSeries } from './series';
import { constantTraffic, makeSlo } from './test-factory';

const MIN = 60;
const DAY = 86400;
// 30 days of 1-minute samples ending at `END`: exactly 43,200 steps in the 30-day window.
const COUNT = 30 * 1440 + 1;
const END = (COUNT - 1) * MIN;

function firing(e: ReturnType<typeof evaluateSlo>): string[] {
  return e.alerts.filter(a => a.firing).map(a => `${a.severity}/${a.speed}`);
}

function rate(e: ReturnType<typeof evaluateSlo>, label: string): number | null {
  const r = e.burnRates.find(b => b.window === label);
  if (!r) throw new Error(`no burn rate for ${label}`);
  return r.rate;
}

describe('evaluateSlo on a 99.9 % / 30 d ratio SLO, 100 requests a minute', () => {
  it('full outage for the last 10 minutes', () => {
    const series = prepareSeries(
      constantTraffic({
        stepSeconds: MIN,
        count: COUNT,
        eventsPerStep: 100,
        errorFraction: t => (t > END - 10 * MIN ? 1 : 0),
      }),
    );
    const e = evaluateSlo(makeSlo(), series);
    expect(e.at).toBe(END);
    expect(e.windowStart).toBe(END - 30 * DAY);
    // 4,320,000 requests, 1,000 failed; allowed 4,320.
    expect(e.totalEvents).toBe(4_320_000);
    expect(e.goodEvents).toBe(4_319_000);
    expect(e.sli).toBeCloseTo(1 - 1000 / 4_320_000, 12);
    expect(e.budget.totalEvents).toBeCloseTo(4320, 9);
    expect(e.budget.consumedEvents).toBe(1000);
    expect(e.budget.remainingEvents).toBeCloseTo(3320, 9);
    expect(e.budget.consumed).toBeCloseTo(1000 / 4320, 12);
    expect(e.budget.remaining).toBeCloseTo(3320 / 4320, 12);
    // Error ratios: 5m 1, 30m 1/3, 1h 1/6, 2h 1/12, 6h 1/36, 1d 1/144, 3d 1/432, 30d 1/4320.
    expect(rate(e, '5m')).toBeCloseTo(1000, 9);
    expect(rate(e, '30m')).toBeCloseTo(1000 / 3, 9);
    expect(rate(e, '1h')).toBeCloseTo(1000 / 6, 9);
    expect(rate(e, '2h')).toBeCloseTo(1000 / 12, 9);
    expect(rate(e, '6h')).toBeCloseTo(1000 / 36, 9);
    expect(rate(e, '1d')).toBeCloseTo(1000 / 144, 9);
    expect(rate(e, '3d')).toBeCloseTo(1000 / 432, 9);
    expect(rate(e, '30d')).toBeCloseTo(1000 / 4320, 9);
    expect(e.burnRates.map(b => b.window)).toEqual([
      '5m',
      '30m',
      '1h',
      '2h',
      '6h',
      '1d',
      '3d',
      '30d',
    ]);
    // Every workbook condition: page 1h 166.7 > 14.4 & 5m 1000; page 6h 27.8 > 6 & 30m 333;
    // ticket 1d 6.94 > 3 & 2h 83.3; ticket 3d 2.31 > 1 & 6h 27.8.
    expect(firing(e)).toEqual(['page/quick', 'page/slow', 'ticket/quick', 'ticket/slow']);
    // 3320/4320 of the budget at a 1h burn of 1000/6: 0.76852 * 2,592,000 s / 166.67 = 11,952 s.
    expect(e.timeToExhaustionSeconds).toBeCloseTo(11952, 6);
  });

  it('partial degradation: 2 % errors during the last hour', () => {
    const series = prepareSeries(
      constantTraffic({
        stepSeconds: MIN,
        count: COUNT,
        eventsPerStep: 100,
        errorFraction: t => (t > END - 3600 ? 0.02 : 0),
      }),
    );
    const e = evaluateSlo(makeSlo(), series);
    // 60 minutes * 2 failed = 120 of 4,320,000.
    expect(e.budget.consumedEvents).toBeCloseTo(120, 9);
    expect(e.budget.consumed).toBeCloseTo(120 / 4320, 12);
    expect(e.budget.remaining).toBeCloseTo(1 - 120 / 4320, 12);
    expect(rate(e, '5m')).toBeCloseTo(20, 9);
    expect(rate(e, '1h')).toBeCloseTo(20, 9);
    expect(rate(e, '6h')).toBeCloseTo(20 / 6, 9);
    expect(rate(e, '1d')).toBeCloseTo(20 / 24, 9);
    expect(rate(e, '3d')).toBeCloseTo(20 / 72, 9);
    // Only the page quick condition: 1h 20 > 14.4 and 5m 20 > 14.4; 6h 3.33 < 6.
    expect(firing(e)).toEqual(['page/quick']);
    // (4200/4320) * 2,592,000 / 20 = 126,000 s (35 h).
    expect(e.timeToExhaustionSeconds).toBeCloseTo(126000, 6);
    // A longer exhaustion window sees a slower burn: 6h rate 20/6 → six times longer.
    const slow = evaluateSlo(makeSlo(), series, { exhaustionWindowSeconds: 6 * 3600 });
    expect(slow.timeToExhaustionSeconds).toBeCloseTo(756000, 6);
  });

  it('an over-spent budget has negative remaining and no time left', () => {
    // Two hours of full outage in the middle of the window: 12,000 failed, allowed 4,320.
    const mid = END - 15 * DAY;
    const series = prepareSeries(
      constantTraffic({
        stepSeconds: MIN,
        count: COUNT,
        eventsPerStep: 100,
        errorFraction: t => (t > mid && t <= mid + 7200 ? 1 : 0),
      }),
    );
    const e = evaluateSlo(makeSlo(), series);
    expect(e.budget.consumedEvents).toBe(12000);
    expect(e.budget.remainingEvents).toBeCloseTo(4320 - 12000, 9);
    expect(e.budget.consumed).toBeCloseTo(12000 / 4320, 12);
    expect(e.budget.remaining).toBeCloseTo(1 - 12000 / 4320, 12);
    expect(e.budget.remaining).toBeLessThan(0);
    expect(e.timeToExhaustionSeconds).toBe(0);
    // Nothing is burning now, so no alert fires, even with the budget gone.
    expect(rate(e, '1h')).toBe(0);
    expect(firing(e)).toEqual([]);
  });

  it('zero traffic: no SLI, no budget, no burn rate, nothing fires', () => {
    const series = prepareSeries(
      constantTraffic({ stepSeconds: MIN, count: COUNT, eventsPerStep: 0 }),
    );
    const e = evaluateSlo(makeSlo(), series);
    expect(e.sli).toBeNull();
    expect(e.totalEvents).toBe(0);
    expect(e.budget).toEqual({
      totalEvents: 0,
      consumedEvents: 0,
      remainingEvents: 0,
      consumed: null,
      remaining: null,
    });
    expect(e.burnRates.every(b => b.rate === null)).toBe(true);
    expect(e.alerts).toHaveLength(4);
    expect(e.alerts.every(a => !a.firing && a.longBurnRate === null)).toBe(true);
    expect(e.timeToExhaustionSeconds).toBeNull();
  });

  it('no budget burning: time to exhaustion is null', () => {
    const series = prepareSeries(
      constantTraffic({ stepSeconds: MIN, count: COUNT, eventsPerStep: 100 }),
    );
    const e = evaluateSlo(makeSlo(), series);
    expect(e.sli).toBe(1);
    expect(e.budget.remaining).toBe(1);
    expect(e.timeToExhaustionSeconds).toBeNull();
  });

  it('evaluates at a given time and over given burn windows', () => {
    const series = prepareSeries(
      constantTraffic({
        stepSeconds: MIN,
        count: COUNT,
        eventsPerStep: 100,
        errorFraction: t => (t > 10 * DAY && t <= 10 * DAY + 600 ? 1 : 0),
      }),
    );
    const e = evaluateSlo(makeSlo(), series, { at: 10 * DAY + 600, burnWindows: [600, 5400] });
    expect(e.burnRates).toEqual([
      { window: '10m', windowSeconds: 600, rate: expect.closeTo(1000, 9) },
      { window: '90m', windowSeconds: 5400, rate: expect.closeTo(1000 / 9, 9) },
    ]);
    // The 30-day window reaches back before the first sample: 10 days of traffic counted.
    expect(e.totalEvents).toBe(10 * 1440 * 100 + 1000);
  });

  it('skips the alert windows of a disabled severity', () => {
    const slo = makeSlo();
    slo.alerting.ticket.enabled = false;
    const series = prepareSeries(
      constantTraffic({ stepSeconds: MIN, count: 100, eventsPerStep: 100 }),
    );
    const e = evaluateSlo(slo, series);
    expect(e.alerts.map(a => `${a.severity}/${a.speed}/${a.longWindow}/${a.shortWindow}`)).toEqual([
      'page/quick/1h/5m',
      'page/slow/6h/30m',
    ]);
  });

  it('asks for a time when there are no samples', () => {
    const empty = prepareSeries({
      timestamps: new Float64Array(0),
      events: new Float64Array(0),
      total: new Float64Array(0),
      kind: 'good',
    });
    expect(() => evaluateSlo(makeSlo(), empty)).toThrow(
      'SLO "checkout-availability": the series has no samples; pass options.at',
    );
    expect(evaluateSlo(makeSlo(), empty, { at: 1000 }).sli).toBeNull();
  });

  it('rejects an objective outside (0, 1)', () => {
    const series = prepareSeries(
      constantTraffic({ stepSeconds: MIN, count: 10, eventsPerStep: 1 }),
    );
    expect(() => evaluateSlo(makeSlo({ objective: { target: 99.9 } }), series)).toThrow(
      'objective.target must be a fraction in (0, 1), got 99.9',
    );
  });
});
