import { classifyLoad } from './classify';
import { DAY, diurnal, GIB, MIB, START, workload } from './test-factory';

describe('classifyLoad on synthetic workloads', () => {
  it('an idle service: no traffic, CPU at its floor', () => {
    const w = workload({
      days: 7,
      shape: () => 0,
      cpuBase: 0.004,
      cpuPer: 0,
      memBase: 180 * MIB,
      memPer: 0,
    });
    const { driver, ...usage } = w;
    const c = classifyLoad({
      ...usage,
      requestsPerSecond: driver,
      cpuRequest: 0.5,
      memRequest: 512 * MIB,
      replicas: 2,
    });
    expect(c.class).toBe('idle');
    expect(c.stats.traffic).toEqual({ series: 'requestsPerSecond', p50: 0, p99: 0, max: 0 });
    expect(c.evidence[0]).toMatch(/^requestsPerSecond p99 0\/s ≤ 0.05\/s over 7 days: no traffic/);
    // Also over-provisioned (0.4 % CPU, 18 % memory), but idle comes first.
    expect(c.matched).toEqual(['idle', 'over-provisioned']);
  });

  it('idle without a traffic series: CPU p95 under 5 % of requests', () => {
    const w = workload({
      days: 3,
      shape: () => 0,
      cpuBase: 0.01,
      cpuPer: 0,
      memBase: 100 * MIB,
      memPer: 0,
      noise: 0,
    });
    const { timestamps, cpuCores, memoryBytes } = w;
    const c = classifyLoad({
      timestamps,
      cpuCores,
      memoryBytes,
      cpuRequest: 0.25,
      memRequest: 128 * MIB,
      replicas: 2,
    });
    // 0.01 / (0.25 × 2) = 2 %.
    expect(c.class).toBe('idle');
    expect(c.stats.cpu.utilisationP95).toBeCloseTo(0.02, 12);
    expect(c.evidence[0]).toContain(
      'cpuCores p95 0.01 cores = 2 % of requests 0.25 cores × 2 replicas = 0.5 cores',
    );
  });

  it('a diurnal service sized for its peak: scheduled scale-down at night', () => {
    // Driver 100 × (1 + 0.8 cos): 20 at 02:00, 180 at 14:00. CPU 0.2 + 0.01/unit: 2 cores at the peak,
    // p95 ≈ 1.9 of 3 cores requested (≈ 63 %); memory 2 GiB + 2 MiB/unit ≤ 2.35 GiB of 3 GiB.
    const w = workload({
      days: 14,
      shape: diurnal(100, 0.8),
      cpuBase: 0.2,
      cpuPer: 0.01,
      memBase: 2 * GIB,
      memPer: 2 * MIB,
    });
    const c = classifyLoad({ ...w, cpuRequest: 0.5, memRequest: 0.5 * GIB, replicas: 6 });
    expect(c.class).toBe('scheduled-scale-down');
    expect(c.matched).toEqual(['scheduled-scale-down']);
    const p = c.hourlyProfile!;
    expect(p.period).toBe('day');
    // 100 (1 + 0.8 cos θ) ≤ 0.4 × 180 = 72 ⇔ cos θ ≤ -0.35 ⇔ |θ| ≥ 110.5°, i.e. more than 7.4 h from
    // 14:00: 21:24–06:36. Hour bins at p95 (noise 3 %): 22:00–06:00.
    expect(p.windows).toHaveLength(1);
    expect(p.windows[0]!.start.hour).toBe(22);
    expect(p.windows[0]!.end.hour).toBe(6);
    expect(p.windows[0]!.fractionOfPeak).toBeLessThan(0.4);
    expect(c.evidence[0]).toMatch(/^driver p95 per hour 22:00–06:00 UTC \(8 h daily\)/);
  });

  it('a steady service: right-sized', () => {
    // CPU 1.2 of 1.6 cores (75 %), memory ≈ 3 of 4 GiB (75 %), flat traffic.
    const w = workload({
      days: 7,
      shape: () => 100,
      cpuBase: 0.2,
      cpuPer: 0.01,
      memBase: 2.8 * GIB,
      memPer: 2 * MIB,
      noise: 0.02,
    });
    const c = classifyLoad({
      ...w,
      driver: w.driver,
      cpuRequest: 0.4,
      memRequest: GIB,
      replicas: 4,
    });
    expect(c.class).toBe('right-sized');
    expect(c.matched).toEqual(['right-sized']);
    expect(c.hourlyProfile!.windows).toEqual([]);
  });

  it('a 3× over-provisioned service (market-data): requests three times the p95 use', () => {
    // CPU 2.4 + 9.6 × rps/4200 with rps 2800 ± 50 %: p95 ≈ 11.7 cores; 12 × 2.75 = 33 cores requested.
    const w = workload({
      days: 14,
      shape: diurnal(2800, 0.5),
      cpuBase: 2.4,
      cpuPer: 9.6 / 4200,
      memBase: 8 * GIB,
      memPer: (4 * GIB) / 4200,
    });
    const c = classifyLoad({
      ...w,
      cpuRequest: 2.75,
      memRequest: 3 * GIB,
      cpuLimit: 4,
      memLimit: 4 * GIB,
      replicas: 12,
    });
    expect(c.class).toBe('over-provisioned');
    expect(c.stats.cpu.utilisationP95).toBeGreaterThan(0.33);
    expect(c.stats.cpu.utilisationP95).toBeLessThan(0.37);
    expect(c.evidence[0]).toMatch(
      /^cpuCores p95 1[12](\.\d+)? cores = 3\d\.\d % of requests 2.75 cores × 12 replicas = 33 cores \(below 50 %\): 2\.\d+× the busy use/,
    );
    expect(c.evidence[1]).toMatch(
      /^memoryBytes max 12\d{3}Mi = 3\d\.\d % of requests 3Gi × 12 = 36Gi/,
    );
  });

  it('under-provisioned: memory above its request, near its limit', () => {
    const n = 100;
    const timestamps = Float64Array.from({ length: n }, (_, i) => START + i * 300);
    const cpuCores = new Float64Array(n).fill(0.5);
    const memoryBytes = new Float64Array(n).fill(1.9 * GIB);
    const c = classifyLoad({
      timestamps,
      cpuCores,
      memoryBytes,
      cpuRequest: 1,
      memRequest: 0.5 * GIB,
      memLimit: GIB,
      replicas: 2,
    });
    // 1.9 GiB of 1 GiB requested (190 %); 0.95 GiB per replica = 95 % of the 1 GiB limit.
    expect(c.class).toBe('under-provisioned');
    expect(c.evidence).toEqual([
      'memoryBytes max 1946Mi = 190 % of requests 512Mi × 2 = 1Gi: pods above their memory request are evicted first under node pressure',
      'memoryBytes max per replica 973Mi > 90 % of the limit 1Gi: out-of-memory kills are near',
      // CPU at 25 % of its request is over-provisioned at the same time: both are reported.
      'cpuCores p95 0.5 cores = 25 % of requests 1 cores × 2 replicas = 2 cores (below 50 %): 4× the busy use',
    ]);
    expect(c.matched).toEqual(['under-provisioned', 'over-provisioned']);
    expect(c.hourlyProfile).toBeUndefined(); // 8 hours of history
  });

  it('rejects bad input naming the field', () => {
    const t = Float64Array.of(START, START + DAY);
    const v = Float64Array.of(1, 1);
    const base = {
      timestamps: t,
      cpuCores: v,
      memoryBytes: v,
      cpuRequest: 1,
      memRequest: 1,
      replicas: 1,
    };
    expect(() => classifyLoad({ ...base, replicas: 0 })).toThrow(
      'classifyLoad: replicas must be a positive integer, got 0',
    );
    expect(() => classifyLoad({ ...base, memRequest: -1 })).toThrow(
      /memRequest must be a positive number of bytes/,
    );
    expect(() => classifyLoad({ ...base, driver: Float64Array.of(1) })).toThrow(
      'classifyLoad: driver has 1 samples but timestamps has 2',
    );
    expect(() => classifyLoad({ ...base, cpuCores: Float64Array.of(NaN, NaN) })).toThrow(
      /cpuCores has no finite samples/,
    );
  });
});
