import { testRun } from './history-factory';
import { resilienceTrend, scoreOf } from './trend';

const DAY = 86400;
const T0 = 1_800_000_000 - (1_800_000_000 % DAY); // a midnight UTC

describe('resilienceTrend', () => {
  const runs = [
    // Day 1, matching-engine: one fault of weight 8 at 6/6 probes (100 %), and one run with
    // faults of weight 8 and 2 at 3/6 probes (50 %): (8·100 + 8·50 + 2·50) / 18 = 1300 / 18.
    testRun({ service: 'matching-engine', at: T0 + 3600, weights: [8] }),
    testRun({ service: 'matching-engine', at: T0 + 7200, weights: [8, 2], passed: 3 }),
    // Day 2: a skipped run (no fault put in) counts for nothing.
    testRun({ service: 'matching-engine', at: T0 + DAY + 60, verdict: 'Skipped', passed: 0 }),
    // Day 2, fiat-onramp: weight 5 at 5/6 probes: 83.33…
    testRun({ service: 'fiat-onramp', at: T0 + DAY + 600, weights: [5], passed: 5 }),
    // Outside the range.
    testRun({ service: 'fiat-onramp', at: T0 + 3 * DAY, weights: [5], passed: 0 }),
  ];

  it('scores each period with Litmus over every fault of its runs', () => {
    const series = resilienceTrend(runs, { from: T0, to: T0 + 2 * DAY, stepSeconds: DAY });
    expect(series.map(s => s.key)).toEqual(['fiat-onramp', 'matching-engine']);
    const me = series[1]!;
    expect(me.score).toBeCloseTo(1300 / 18, 10);
    expect(me.points).toEqual([
      {
        from: '2027-01-15T00:00:00Z',
        to: '2027-01-16T00:00:00Z',
        score: expect.closeTo(72.2222, 3),
        runs: 2,
        faults: 3,
      },
      { from: '2027-01-16T00:00:00Z', to: '2027-01-17T00:00:00Z', score: null, runs: 0, faults: 0 },
    ]);
    expect(series[0]!.points.map(p => p.score)).toEqual([null, expect.closeTo(250 / 3, 10)]);
  });

  it('groups by line of business when asked: (1300 + 5·83.33) / 23 = 75', () => {
    const lob = (s: string) => (s === 'matching-engine' ? 'spot' : 'payments');
    const all = resilienceTrend(runs, {
      from: T0,
      to: T0 + 2 * DAY,
      stepSeconds: 2 * DAY,
      groupOf: () => 'all',
    });
    expect(all[0]!.score).toBeCloseTo((1300 + (5 * 500) / 6) / 23, 10);
    const byLob = resilienceTrend(runs, {
      from: T0,
      to: T0 + 2 * DAY,
      stepSeconds: DAY,
      groupOf: r => lob(r.record.service),
    });
    expect(byLob.map(s => [s.key, s.score])).toEqual([
      ['payments', expect.closeTo(250 / 3, 10)],
      ['spot', expect.closeTo(1300 / 18, 10)],
    ]);
  });

  it('has no score without weighted faults, and refuses an empty range', () => {
    expect(scoreOf([])).toBeNull();
    expect(scoreOf([testRun({ service: 'x', at: T0, weights: [0] })])).toBeNull();
    expect(() => resilienceTrend(runs, { from: T0, to: T0, stepSeconds: DAY })).toThrow(
      /to after from/,
    );
  });
});
