import { latencyUtilisationCap } from './recommend';
import { serviceTimeAtLowLoad } from './serviceTime';

describe('serviceTimeAtLowLoad', () => {
  it('calibrates M/M/1 on the threshold misses of the quietest tenth of the samples', () => {
    // 10 samples at 50 requests/s; the quietest (driver 1) misses 1 in 100: S = 0.2 / ln(100).
    const driver = Float64Array.from({ length: 10 }, (_, i) => 10 - i);
    const total = new Float64Array(10).fill(50);
    const good = Float64Array.from(driver, d => (d === 1 ? 49.5 : 40));
    const s = serviceTimeAtLowLoad(driver, good, total, 0.2, 60)!;
    expect(s.missRatio).toBeCloseTo(0.01, 12);
    expect(s.serviceTimeSeconds).toBeCloseTo(0.2 / Math.log(100), 12);
    // That service time caps a p99 objective of 200 ms at ρ = 1 - ln(100) / ln(100) = 0: the
    // service already misses 1 % when idle, so no load leaves room.
    expect(latencyUtilisationCap(s.serviceTimeSeconds, 0.2, 0.99)).toBeCloseTo(0, 12);
  });

  it('never takes good above total, and is undefined without requests', () => {
    const driver = Float64Array.from([1, 2]);
    const s = serviceTimeAtLowLoad(
      driver,
      Float64Array.from([12, 10]),
      Float64Array.from([10, 10]),
      1,
      1,
    )!;
    // No miss among 10 quiet requests: the bound 1 / 10.
    expect(s.missRatio).toBeCloseTo(0.1, 12);
    expect(
      serviceTimeAtLowLoad(driver, Float64Array.from([NaN, NaN]), Float64Array.from([1, 1]), 1, 1),
    ).toBeUndefined();
  });
});
