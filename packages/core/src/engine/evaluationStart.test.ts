import type { TimeWindow } from '../model/types';
import { evaluateSlo, evaluationStart } from './evaluate';
import { prepareSeries } from './series';
import { constantTraffic, makeSlo, workbookWindows } from './test-factory';

const DAY = 86_400;
const unix = (iso: string) => Date.parse(iso) / 1000;
const month: TimeWindow = {
  duration: '1M',
  seconds: 30 * DAY,
  isRolling: false,
  calendarUnit: 'month',
};

describe('evaluationStart', () => {
  it('is the window start of a rolling window (its own burn rate is the longest look-back)', () => {
    expect(evaluationStart(makeSlo(), 100 * DAY)).toBe(70 * DAY);
  });

  it('looks 30 days back for a calendar month evaluated on the 2nd, for its 30d burn rate', () => {
    const at = unix('2026-12-02T12:00:00Z');
    expect(evaluationStart(makeSlo({ window: month }), at)).toBe(at - 30 * DAY);
  });

  it('is the period start late in a 31-day month', () => {
    const at = unix('2026-12-31T12:00:00Z');
    expect(evaluationStart(makeSlo({ window: month }), at)).toBe(unix('2026-12-01T00:00:00Z'));
  });

  it('covers the longest alert window and the burn windows asked for', () => {
    const week: TimeWindow = { duration: '7d', seconds: 7 * DAY, isRolling: true };
    const slo = makeSlo({ window: week });
    const longAlerts = {
      ...slo.alerting,
      windows: [
        ...workbookWindows(7 * DAY),
        { ...workbookWindows()[3]!, longWindowSeconds: 10 * DAY },
      ],
    };
    expect(evaluationStart({ ...slo, alerting: longAlerts }, 100 * DAY)).toBe(90 * DAY);
    expect(evaluationStart(slo, 100 * DAY, { burnWindows: [300] })).toBe(93 * DAY);
    expect(
      evaluationStart(slo, 100 * DAY, { burnWindows: [300], exhaustionWindowSeconds: 8 * DAY }),
    ).toBe(92 * DAY);
  });

  it('gives the same evaluation from samples starting one step before it as from all history', () => {
    const at = unix('2026-12-02T12:00:00Z');
    const slo = makeSlo({ window: month });
    const step = 300;
    const all = constantTraffic({
      start: at - 40 * DAY,
      stepSeconds: step,
      count: (40 * DAY) / step + 1,
      eventsPerStep: 100,
      errorFraction: t => (Math.floor(t / DAY) % 7 === 0 ? 0.01 : 0.0001),
    });
    const from = evaluationStart(slo, at) - step;
    const keep = Array.from(all.timestamps, (t, i) => (t >= from ? i : -1)).filter(i => i >= 0);
    const pick = (a: Float64Array) => Float64Array.from(keep, i => a[i]!);
    const part = {
      timestamps: pick(all.timestamps),
      events: pick(all.events),
      total: pick(all.total),
      kind: all.kind,
    };
    // Prefix sums from another first sample round differently in the last bits only.
    const rounded = (e: unknown) =>
      JSON.parse(
        JSON.stringify(e, (_k, v: unknown) =>
          typeof v === 'number' ? Number(v.toPrecision(10)) : v,
        ),
      );
    expect(rounded(evaluateSlo(slo, prepareSeries(part), { at }))).toEqual(
      rounded(evaluateSlo(slo, prepareSeries(all), { at })),
    );
  });
});
