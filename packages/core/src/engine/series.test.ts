import { errorRatio, prepareSeries, windowCounts } from './series';
import type { CounterSamples } from './types';
import { samples } from './test-factory';

describe('counter increases over a window (from, to]', () => {
  it('sums the steps from the last sample at or before `from`', () => {
    const s = prepareSeries(samples([0, 10, 20, 30, 40], [0, 9, 18, 27, 36], [0, 10, 20, 30, 40]));
    expect(windowCounts(s, 10, 30)).toEqual({ bad: 2, total: 20 });
    // `from` between samples: the baseline is the sample at 10, so the step to 20 counts.
    expect(windowCounts(s, 15, 30)).toEqual({ bad: 2, total: 20 });
    expect(windowCounts(s, 0, 40)).toEqual({ bad: 4, total: 40 });
  });

  it('takes a drop as a restart from zero: the new value is the step', () => {
    // total: +10, restart at 5 (counts 5), +10 → 25; good: +9, restart at 4, +9 → 22.
    const s = prepareSeries(samples([0, 1, 2, 3], [90, 99, 4, 13], [100, 110, 5, 15]));
    expect(windowCounts(s, 0, 3)).toEqual({ bad: 3, total: 25 });
    expect(windowCounts(s, 1, 2)).toEqual({ bad: 1, total: 5 });
  });

  it('resets good and total independently', () => {
    // Only good restarts at t=2: good steps 10, 3 (restart), 10 = 23; total steps 10, 10, 10 = 30.
    const s = prepareSeries(samples([0, 1, 2, 3], [50, 60, 3, 13], [50, 60, 70, 80]));
    expect(windowCounts(s, 0, 3)).toEqual({ bad: 7, total: 30 });
  });

  it('skips NaN samples: the next valid step is taken against the last valid one', () => {
    const s = prepareSeries(samples([0, 1, 2, 3], [0, 10, NaN, 28], [0, 10, NaN, 30]));
    expect(windowCounts(s, 0, 3)).toEqual({ bad: 2, total: 30 });
    // The window starts on the NaN sample: its baseline is the last valid value, 10.
    expect(windowCounts(s, 2, 3)).toEqual({ bad: 2, total: 20 });
    expect(windowCounts(s, 1, 2)).toEqual({ bad: 0, total: 0 });
  });

  it('skips negative and infinite samples like NaN', () => {
    const s = prepareSeries(samples([0, 1, 2, 3], [0, -1, Infinity, 30], [0, -1, Infinity, 30]));
    expect(windowCounts(s, 0, 3)).toEqual({ bad: 0, total: 30 });
  });

  it('counts the whole step across a gap to the sample after it', () => {
    // No samples between 60 and 300.
    const s = prepareSeries(samples([0, 60, 300, 360], [0, 60, 280, 340], [0, 60, 300, 360]));
    expect(windowCounts(s, 120, 300)).toEqual({ bad: 20, total: 240 });
    expect(windowCounts(s, 300, 360)).toEqual({ bad: 0, total: 60 });
  });

  it('starts counting at the first sample when none is at or before `from`', () => {
    const s = prepareSeries(samples([100, 200], [50, 68], [50, 70]));
    expect(windowCounts(s, 0, 200)).toEqual({ bad: 2, total: 20 });
    expect(windowCounts(s, 0, 150)).toEqual({ bad: 0, total: 0 });
    expect(windowCounts(s, 0, 50)).toEqual({ bad: 0, total: 0 });
  });

  it('reads bad-event counters directly', () => {
    const s = prepareSeries(samples([0, 1, 2], [0, 1, 4], [0, 10, 20], 'bad'));
    expect(windowCounts(s, 0, 2)).toEqual({ bad: 4, total: 20 });
  });

  it('clamps bad to [0, total] per window when good and total disagree', () => {
    // Good grows faster than total in (0,1]: bad would be -5.
    const s = prepareSeries(samples([0, 1, 2], [0, 15, 15], [0, 10, 20]));
    expect(windowCounts(s, 0, 1)).toEqual({ bad: 0, total: 10 });
    // Bad counter ahead of total: bad is capped at total.
    const b = prepareSeries(samples([0, 1], [0, 30], [0, 10], 'bad'));
    expect(windowCounts(b, 0, 1)).toEqual({ bad: 10, total: 10 });
  });

  it('gives an empty or reversed window no events', () => {
    const s = prepareSeries(samples([0, 1], [0, 1], [0, 2]));
    expect(windowCounts(s, 1, 1)).toEqual({ bad: 0, total: 0 });
    expect(windowCounts(s, 1, 0)).toEqual({ bad: 0, total: 0 });
    expect(windowCounts(prepareSeries(samples([], [], [])), 0, 10)).toEqual({ bad: 0, total: 0 });
  });
});

describe('errorRatio', () => {
  it('is bad / total over the window ending at `at`', () => {
    const s = prepareSeries(samples([0, 60, 120], [0, 98, 196], [0, 100, 200]));
    expect(errorRatio(s, 120, 60)).toBeCloseTo(0.02, 12);
    expect(errorRatio(s, 120, 120)).toBeCloseTo(0.02, 12);
  });

  it('is null, not 0, for a window without traffic', () => {
    const s = prepareSeries(samples([0, 60, 120], [5, 5, 5], [7, 7, 7]));
    expect(errorRatio(s, 120, 120)).toBeNull();
  });
});

describe('prepareSeries input checks', () => {
  it('names the field that is wrong', () => {
    expect(() => prepareSeries(samples([0, 1], [0], [0, 1]))).toThrow(
      'CounterSamples.events has 1 values but timestamps has 2',
    );
    expect(() => prepareSeries(samples([0, 1], [0, 1], [0]))).toThrow('CounterSamples.total');
    expect(() => prepareSeries(samples([0, 2, 1], [0, 1, 2], [0, 1, 2]))).toThrow(
      'CounterSamples.timestamps must not decrease: timestamps[2] = 1',
    );
    expect(() => prepareSeries(samples([0, NaN], [0, 1], [0, 1]))).toThrow(
      'CounterSamples.timestamps[1] is not a finite number',
    );
    expect(() => prepareSeries(samples([-Infinity, 0], [0, 1], [0, 1]))).toThrow(
      'CounterSamples.timestamps[0] is not a finite number',
    );
  });

  it('keeps duplicate timestamps and reads the last of them', () => {
    const s = prepareSeries(samples([0, 1, 1, 2], [0, 1, 2, 3], [0, 1, 2, 3]));
    expect(windowCounts(s, 1, 2)).toEqual({ bad: 0, total: 1 });
    expect(windowCounts(s, 0, 1)).toEqual({ bad: 0, total: 2 });
  });
});

describe('good running ahead of total (scrape skew)', () => {
  // Found by the window property: good 1→2→5, total 2→2→6. Between the first two samples good
  // grows while total does not; the next step total catches up. No request failed.
  const skewed: CounterSamples = {
    timestamps: Float64Array.from([1001, 1002, 1003]),
    events: Float64Array.from([1, 2, 5]),
    total: Float64Array.from([2, 2, 6]),
    kind: 'good',
  };

  it('counts no errors for the skew, and windows still add up', () => {
    const s = prepareSeries(skewed);
    const left = windowCounts(s, 900, 1002);
    const right = windowCounts(s, 1002, 1003);
    const whole = windowCounts(s, 900, 1003);
    expect(left).toEqual({ bad: 0, total: 0 });
    expect(right).toEqual({ bad: 0, total: 4 });
    expect(whole).toEqual({ bad: 0, total: 4 });
  });

  it('holds a bad counter back to what total has grown by, and catches up when total does', () => {
    // bad 0→3→3 while total 0→1→5: at most 1 bad of 1 in the first step, the other 2 in the next.
    const s = prepareSeries({
      timestamps: Float64Array.from([0, 60, 120]),
      events: Float64Array.from([0, 3, 3]),
      total: Float64Array.from([0, 1, 5]),
      kind: 'bad',
    });
    expect(windowCounts(s, 0, 60)).toEqual({ bad: 1, total: 1 });
    expect(windowCounts(s, 60, 120)).toEqual({ bad: 2, total: 4 });
    expect(windowCounts(s, 0, 120)).toEqual({ bad: 3, total: 5 });
  });
});
