import { burndown, burndownPoints, defaultBurndownStep } from './burndown';
import { evaluateSlo } from './evaluate';
import { prepareSeries } from './series';
import { constantTraffic, makeSlo, rollingWindow } from './test-factory';

const HOUR = 3600;

describe('burndown', () => {
  // 1-day 99 % SLO, 1-minute samples, 100 requests a minute; from hour 6 to hour 7 every request
  // fails (6,000 bad). Whole day: 144,000 requests, allowed 1,440.
  const slo = makeSlo({ window: rollingWindow(1), objective: { target: 0.99 } });
  const series = prepareSeries(
    constantTraffic({
      stepSeconds: 60,
      count: 1441,
      eventsPerStep: 100,
      errorFraction: t => (t > 6 * HOUR && t <= 7 * HOUR ? 1 : 0),
    }),
  );

  it('steps from the window start to `at`, remaining = 1 - bad(start, t] / allowed', () => {
    const b = burndown(slo, series, { stepSeconds: HOUR });
    expect(b.timestamps.length).toBe(25);
    expect(b.timestamps[0]).toBe(0);
    expect(b.timestamps[24]).toBe(24 * HOUR);
    expect(b.remaining[0]).toBe(1);
    expect(b.remaining[6]).toBe(1);
    // After hour 7: 6,000 / 1,440 of the budget spent.
    expect(b.remaining[7]).toBeCloseTo(1 - 6000 / 1440, 12);
    expect(b.remaining[24]).toBeCloseTo(1 - 6000 / 1440, 12);
    // 30 minutes into the outage: 3,000 bad.
    const half = burndown(slo, series, { stepSeconds: 1800 });
    expect(half.remaining[13]).toBeCloseTo(1 - 3000 / 1440, 12);
  });

  it('ends on `at` and agrees with the evaluation', () => {
    const at = 20 * HOUR + 30 * 60;
    const b = burndown(slo, series, { at, stepSeconds: 7 * HOUR });
    // From 20:30 the day before (before the first sample): every 7 hours, then `at` itself.
    expect(Array.from(b.timestamps).map(t => t / HOUR)).toEqual([-3.5, 3.5, 10.5, 17.5, 20.5]);
    // Allowed over (start, at]: 1,230 minutes of traffic * 100 * 1 % = 1,230.
    expect(b.remaining[1]).toBe(1);
    expect(b.remaining[2]).toBeCloseTo(1 - 6000 / 1230, 12);
    expect(b.remaining[4]).toBeCloseTo(1 - 6000 / 1230, 12);
    const e = evaluateSlo(slo, series, { at });
    expect(b.remaining[4]).toBeCloseTo(e.budget.remaining!, 12);
  });

  it('defaults to 720 points per window, at least a minute apart', () => {
    expect(defaultBurndownStep(30 * 86400)).toBe(3600);
    expect(defaultBurndownStep(86400)).toBe(120);
    expect(defaultBurndownStep(3600)).toBe(60);
    expect(burndown(slo, series).timestamps.length).toBe(721);
  });

  it('is NaN without traffic, null as points', () => {
    const quiet = prepareSeries(constantTraffic({ stepSeconds: 60, count: 100, eventsPerStep: 0 }));
    const b = burndown(slo, quiet, { stepSeconds: HOUR });
    expect(Array.from(b.remaining).every(Number.isNaN)).toBe(true);
    expect(burndownPoints(b)[0]).toEqual({ t: 99 * 60 - 86400, remaining: null });
  });

  it('turns into points for JSON', () => {
    const b = burndown(slo, series, { stepSeconds: 12 * HOUR });
    expect(burndownPoints(b)).toEqual([
      { t: 0, remaining: 1 },
      { t: 12 * HOUR, remaining: expect.closeTo(1 - 6000 / 1440, 12) },
      { t: 24 * HOUR, remaining: expect.closeTo(1 - 6000 / 1440, 12) },
    ]);
  });

  it('rejects a non-positive step', () => {
    expect(() => burndown(slo, series, { stepSeconds: 0 })).toThrow(
      'burndown stepSeconds must be positive, got 0',
    );
  });
});
