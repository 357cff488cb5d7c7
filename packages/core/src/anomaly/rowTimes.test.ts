import { ROW_TIME_NUDGE, rowTimes } from './rowTimes';

function expectTimes(times: Float64Array, expected: number[]): void {
  expect(times).toHaveLength(expected.length);
  expected.forEach((t, i) => expect(times[i]).toBeCloseTo(t, 9));
  for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
}

describe('rowTimes', () => {
  it('keeps increasing timestamps as they are', () => {
    const r = rowTimes([0, 300, 600]);
    expect(Array.from(r.times)).toEqual([0, 300, 600]);
    expect(r.adjusted).toEqual([]);
  });

  it('scores a repeated timestamp just after the previous row, in file order', () => {
    // A daylight-saving hour: three rows stamped 03:00.
    const r = rowTimes([100, 200, 200, 200, 500]);
    expectTimes(r.times, [100, 200, 200 + ROW_TIME_NUDGE, 200 + 2 * ROW_TIME_NUDGE, 500]);
    expect(r.adjusted).toEqual([2, 3]);
  });

  it('follows a step back until the timestamps pass the last one again', () => {
    // 02:50, 02:55, then the clock goes back to 02:00 and runs on to 03:00.
    const r = rowTimes([10200, 10500, 7200, 7500, 10800]);
    expectTimes(r.times, [10200, 10500, 10500 + ROW_TIME_NUDGE, 10500 + 2 * ROW_TIME_NUDGE, 10800]);
    expect(r.adjusted).toEqual([2, 3]);
  });

  it('names a row without a time', () => {
    expect(() => rowTimes([1, Number.NaN])).toThrow(/row 1/);
  });
});
