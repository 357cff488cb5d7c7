import { evaluateAlerts } from './alerts';
import { burnRate } from './burnrate';
import { prepareSeries } from './series';
import { constantTraffic, makeSlo } from './test-factory';

describe('multi-window multi-burn-rate alerts', () => {
  // SRE workbook: "a 100% error rate on a 99.9%/30d SLO trips the 14.4x page alert after
  // 0.864 minutes of errors": 14.4 * 0.001 * 3600 s = 51.84 s of errors in the 1h window.
  // One-second samples, 10 requests a second, 4 days of good traffic before the outage.
  const outageStart = 4 * 86400;
  const series = prepareSeries(
    constantTraffic({
      stepSeconds: 1,
      count: outageStart + 120,
      eventsPerStep: 10,
      errorFraction: t => (t > outageStart ? 1 : 0),
    }),
  );
  const slo = makeSlo();
  const pageQuick = (at: number) => evaluateAlerts(slo, series, at)[0]!;

  it('does not page after 51 s of errors', () => {
    const a = pageQuick(outageStart + 51);
    expect(a.factor).toBeCloseTo(14.4, 12);
    expect(a.longBurnRate).toBeCloseTo(51 / 3.6, 9);
    expect(a.shortBurnRate).toBeCloseTo(51 / 0.3, 9);
    expect(a.firing).toBe(false);
  });

  it('pages after 52 s of errors', () => {
    const a = pageQuick(outageStart + 52);
    expect(a.longBurnRate).toBeCloseTo(52 / 3.6, 9);
    expect(a.firing).toBe(true);
    // The slower conditions stay quiet: 6h burn 52/21.6 = 2.41 < 6.
    expect(evaluateAlerts(slo, series, outageStart + 52).map(s => s.firing)).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('compares strictly: a burn rate equal to the factor does not fire', () => {
    // A 75 % objective (budget ratio 0.25, exact in binary) makes the burn rate exactly 1.
    const s = prepareSeries(
      constantTraffic({
        stepSeconds: 1,
        count: 11,
        eventsPerStep: 10,
        errorFraction: t => (t > 5 ? 0.5 : 0),
      }),
    );
    const exact = makeSlo({ objective: { target: 0.75 } });
    exact.alerting.windows = [
      {
        severity: 'page',
        speed: 'quick',
        errorBudgetPercent: 2,
        longWindowSeconds: 10,
        shortWindowSeconds: 5,
        factor: 1,
      },
    ];
    // 10 s window: 25 of 100 bad = 0.25 → burn 1; 5 s window: 0.5 → burn 2.
    expect(burnRate(s, 10, 10, 0.75)).toBe(1);
    const [a] = evaluateAlerts(exact, s, 10);
    expect(a!.longBurnRate).toBe(1);
    expect(a!.shortBurnRate).toBe(2);
    expect(a!.firing).toBe(false);
  });

  it('never fires on a window without traffic', () => {
    const s = prepareSeries(
      constantTraffic({
        stepSeconds: 60,
        count: 200,
        eventsPerStep: 10,
        errorFraction: () => 1,
      }),
    );
    // 10 minutes after the last sample the 5m window is empty: short burn null.
    const states = evaluateAlerts(slo, s, 199 * 60 + 600);
    expect(states[0]!.longBurnRate).toBeCloseTo(1000, 9);
    expect(states[0]!.shortBurnRate).toBeNull();
    expect(states[0]!.firing).toBe(false);
  });
});
