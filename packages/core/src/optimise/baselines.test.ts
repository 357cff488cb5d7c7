import { evenPods, krrSimple, kubecostLike, vpaLike, type PodUsage } from './baselines';
import { MIB, START } from './test-factory';

/** Two pods, 100 samples 5 minutes apart (8 h 15 min): pod A's CPU 0.00..0.99, pod B's 0.3. */
function twoPods(): PodUsage {
  const n = 100;
  const timestamps = Float64Array.from({ length: n }, (_, i) => START + i * 300);
  return {
    timestamps,
    cpuCores: [Float64Array.from({ length: n }, (_, i) => i / 100), new Float64Array(n).fill(0.3)],
    memoryBytes: [
      Float64Array.from({ length: n }, (_, i) => (i === 50 ? 200 : 150) * MIB),
      new Float64Array(n).fill(250 * MIB),
    ],
  };
}

describe('krrSimple', () => {
  it('CPU: the largest per-pod p95; memory: the largest usage + 15 %, as request and limit', () => {
    const r = krrSimple(twoPods());
    // Pod A's p95: position 0.95 × 99 = 94.05 → 0.94 + 0.05 × 0.01 = 0.9405; pod B's 0.3.
    // Rounded up to 941m. Memory: 250 MiB × 1.15 = 287.5 MiB → 288 MiB.
    expect(r.cpu).toEqual({ request: 0.941, limit: null });
    expect(r.memory).toEqual({ request: 288 * MIB, limit: 288 * MIB });
    expect(r.explanation[0]).toBe(
      'CPU request = largest per-pod p95 of the CPU rate = 0.9405 cores, rounded up to 941m (floor 10m); CPU limit unset',
    );
  });

  it('takes a configurable percentile and buffer, and its floors', () => {
    // p50 of pod A: 0.495 → 495m; p50 of B: 0.3. Memory 250 × 1.05 = 262.5 → 263 MiB.
    const r = krrSimple(twoPods(), { cpuPercentile: 50, memoryBufferPercentage: 5 });
    expect(r.cpu.request).toBe(0.495);
    expect(r.memory.request).toBe(263 * MIB);
    const tiny = twoPods();
    tiny.cpuCores = [new Float64Array(100).fill(0.001)];
    tiny.memoryBytes = [new Float64Array(100).fill(10 * MIB)];
    const t = krrSimple(tiny);
    expect(t.cpu.request).toBe(0.01);
    expect(t.memory.request).toBe(100 * MIB);
  });

  it('gives no recommendation with too few points or under 3 hours of history', () => {
    expect(krrSimple(twoPods(), { pointsRequired: 201 }).cpu).toEqual({
      request: null,
      limit: null,
      info: 'Not enough data',
    });
    const short = twoPods();
    const s = { ...short, timestamps: short.timestamps.map((_, i) => START + i * 60) };
    // 99 minutes of history.
    expect(krrSimple(s).memory.info).toBe('Not enough data');
  });

  it('rejects misaligned pods', () => {
    const u = twoPods();
    expect(() => krrSimple({ ...u, cpuCores: [new Float64Array(3)] })).toThrow(
      'krrSimple: cpuCores[0] has 3 samples but timestamps has 100',
    );
  });
});

describe('vpaLike', () => {
  /** One pod, one sample a minute for two days. */
  function constant(cpu: number, mem: number): PodUsage {
    const n = 2880;
    return {
      timestamps: Float64Array.from({ length: n }, (_, i) => START + i * 60),
      cpuCores: [new Float64Array(n).fill(cpu)],
      memoryBytes: [new Float64Array(n).fill(mem)],
    };
  }

  it('reads the bucket end and adds 15 %, truncating to whole millicores and bytes', () => {
    const r = vpaLike(constant(0.5, 300 * MIB));
    // CPU: 0.5 core falls in bucket ⌊ln(0.5 × 0.05 / 0.01 + 1) / ln 1.05⌋ = ⌊25.68⌋ = 25, which ends at
    // 0.01 × (1.05^26 − 1) / 0.05 = 0.51113 → 511m; + ⌊511 × 0.15⌋ = 76 → 587m.
    expect(r.cpu).toEqual({ request: 0.587, limit: null });
    // Memory: 314572800 bytes in bucket ⌊ln(314572800 × 0.05 / 1e7 + 1) / ln 1.05⌋ = 19, ending at
    // 1e7 × (1.05^20 − 1) / 0.05 = 330659541 bytes; + ⌊330659541 × 0.15⌋ = 49598931 → 380258472.
    expect(r.memory.request).toBe(380258472);
    // Confidence: min(2879 min / 1440, 2880 / 1440) = 1.99931 days. Upper: 587 × (1 + 1/1.99931) =
    // 880.6 → 880m; lower: 587 × (1 + 0.001/1.99931)^-2 = 586.4 → 586m.
    expect(r.bounds!.confidenceDays).toBeCloseTo(2879 / 1440, 12);
    expect(r.bounds!.upper.cpu).toBe(0.88);
    expect(r.bounds!.lower.cpu).toBe(0.586);
  });

  it('applies the pod minimums (25m, 250 MiB)', () => {
    const r = vpaLike(constant(0.001, 10 * MIB));
    expect(r.cpu.request).toBe(0.025);
    expect(r.memory.request).toBe(250 * MIB);
  });

  it('weights recent samples more (half-life 24 h)', () => {
    // 1 core for the first 1600 minutes, 0.2 core for the last 1280. Weights 2^(t / 1440 min): the
    // first part carries (2^(1600/1440) − 1) / (2^2 − 1) = 38.7 % of the weight, so the p50 (lower
    // bound) falls on 0.2 core, although 55.6 % of the samples are at 1 core.
    const u = constant(0, 100 * MIB);
    u.cpuCores = [u.timestamps.map((_, i) => (i < 1600 ? 1 : 0.2))];
    const r = vpaLike(u);
    expect(r.cpu.request).toBeGreaterThan(1.15);
    expect(r.bounds!.lower.cpu).toBeLessThan(0.3);
    // Without decay (a very long half-life) the p50 is the 1-core bucket.
    const flat = vpaLike(u, { halfLifeSeconds: 1e12 });
    expect(flat.bounds!.lower.cpu).toBeGreaterThan(1.15);
  });

  it('takes one memory peak per pod per 24 h interval', () => {
    // Day 1 peaks at 1 GiB for one minute, day 2 stays at 100 MiB: p90 of two peaks (weights 1 and 2)
    // is the larger one's bucket (threshold 2.7 reached only with both).
    const u = constant(0.1, 100 * MIB);
    u.memoryBytes = [u.timestamps.map((_, i) => (i === 10 ? 1024 * MIB : 100 * MIB))];
    const r = vpaLike(u);
    expect(r.memory.request!).toBeGreaterThan(1024 * MIB * 1.15);
    expect(r.memory.request!).toBeLessThan(1024 * MIB * 1.15 * 1.05);
  });
});

describe('kubecostLike', () => {
  it('max usage over all replicas / target utilisation', () => {
    const r = kubecostLike(twoPods(), { targetCPUUtilization: 0.8, targetRAMUtilization: 0.8 });
    // CPU max 0.99 / 0.8 = 1.2375; memory max 250 MiB / 0.8 = 312.5 MiB.
    expect(r.cpu.request).toBeCloseTo(1.2375, 12);
    expect(r.memory.request).toBeCloseTo(312.5 * MIB, 3);
    expect(r.cpu.limit).toBeNull();
  });

  it('the quantile algorithm pools the replicas, default target 0.7', () => {
    // Pooled 200 samples: 30 below 0.3, 101 at 0.3, 69 above: the median is 0.3 → 0.3 / 0.7.
    const r = kubecostLike(twoPods(), { algorithmCPU: 'quantile', qCPU: 0.5 });
    expect(r.cpu.request).toBeCloseTo(0.3 / 0.7, 12);
    expect(() => kubecostLike(twoPods(), { algorithmCPU: 'quantile' })).toThrow(
      /qCPU must be in \(0, 1\]/,
    );
    expect(() => kubecostLike(twoPods(), { targetCPUUtilization: 0 })).toThrow(
      /targetCPUUtilization must be in/,
    );
  });

  it('floors at 10m and 20 MiB', () => {
    const u = twoPods();
    u.cpuCores = [new Float64Array(100).fill(0.001)];
    u.memoryBytes = [new Float64Array(100).fill(MIB)];
    const r = kubecostLike(u);
    expect(r.cpu.request).toBe(0.01);
    expect(r.memory.request).toBe(20 * MIB);
  });
});

describe('evenPods', () => {
  it('splits a workload total evenly', () => {
    const t = Float64Array.of(1, 2);
    const p = evenPods(t, Float64Array.of(3, 6), Float64Array.of(30, 60), 3);
    expect(p.cpuCores).toHaveLength(3);
    expect(Array.from(p.cpuCores[2]!)).toEqual([1, 2]);
    expect(Array.from(p.memoryBytes[0]!)).toEqual([10, 20]);
  });
});
