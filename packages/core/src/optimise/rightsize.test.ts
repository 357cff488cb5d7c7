import { moneyToNumber, parseMoney } from '../cost/decimal';
import { classifyLoad } from './classify';
import { recommendRightSizing, type RightSizingInput } from './rightsize';
import { DAY, diurnal, GIB, MIB, workload } from './test-factory';

const prices = {
  kind: 'unit-prices',
  cpuCoreHour: 0.031,
  memoryGiBHour: 0.004,
  currency: 'USD',
} as const;

/** The demo's market-data: requests three times the p95 use. */
function marketData(): RightSizingInput {
  const w = workload({
    days: 28,
    shape: diurnal(2800, 0.5),
    cpuBase: 2.4,
    cpuPer: 9.6 / 4200,
    memBase: 8 * GIB,
    memPer: (4 * GIB) / 4200,
  });
  return {
    ...w,
    driverName: 'requests/s',
    current: {
      replicas: 12,
      cpuRequest: 2.75,
      memRequest: 3 * GIB,
      cpuLimit: 4,
      memLimit: 4 * GIB,
    },
    pricing: prices,
    latency: { serviceTimeSeconds: 0.012, objectiveSeconds: 0.25, percentile: 0.99 },
  };
}

describe('recommendRightSizing', () => {
  it('cuts the 3× over-provisioned market-data to the need at the forecast peak, not below', () => {
    const r = recommendRightSizing({ ...marketData(), schedule: false });
    expect(r.action).toBe('reduce');
    // Noise-free truth: the driver peaks at 2800 × 1.5 = 4200/s, CPU there 2.4 + 9.6 = 12 cores,
    // at 70 % utilisation ≈ 17.1 cores plus margins; memory 12 GiB at 80 % = 15 GiB plus margins.
    expect(r.needed.driverPeak).toBeGreaterThan(4200);
    expect(r.needed.driverPeak).toBeLessThan(4200 * 1.1);
    expect(r.needed.cpuCores).toBeGreaterThan(17.1);
    expect(r.needed.cpuCores).toBeLessThan(19);
    expect(r.needed.memoryBytes).toBeGreaterThan(15 * GIB);
    expect(r.needed.memoryBytes).toBeLessThan(16 * GIB);
    // Never below the need: requests × replicas cover it, within one millicore / MiB of rounding.
    const rec = r.recommended;
    expect(rec.replicas).toBe(12);
    expect(rec.cpuRequest * 12).toBeGreaterThanOrEqual(r.needed.cpuCores);
    expect(rec.cpuRequest * 12).toBeLessThan(r.needed.cpuCores + 0.012);
    expect(rec.memRequest * 12).toBeGreaterThanOrEqual(r.needed.memoryBytes);
    expect(rec.cpuRequest).toBe(Math.ceil((r.needed.cpuCores / 12) * 1000) / 1000);
    expect(rec.memRequest).toBe(Math.ceil(r.needed.memoryBytes / 12 / MIB) * MIB);
    // Limits keep the 4 / 2.75 burst ratio (CPU) and 4/3 (memory).
    expect(rec.cpuLimit).toBe(Math.ceil(((rec.cpuRequest * 4) / 2.75) * 1000) / 1000);
    expect(rec.memLimit).toBe(Math.ceil((rec.memRequest * 4) / 3 / MIB) * MIB);
    // Saving at 0.031 per core-hour and 0.004 per GiB-hour over 730 h.
    const cpu = (33 - 12 * rec.cpuRequest) * 0.031 * 730;
    const mem = (36 - (12 * rec.memRequest) / GIB) * 0.004 * 730;
    expect(r.savingBreakdown.cpu).toBeCloseTo(cpu, 9);
    expect(r.savingBreakdown.memory).toBeCloseTo(mem, 9);
    expect(Math.abs(moneyToNumber(r.expectedMonthlySaving) - (cpu + mem))).toBeLessThan(2e-6);
    // About 15 of 33 cores: ≈ 340 USD of CPU a month.
    expect(cpu).toBeGreaterThan(320);
    expect(cpu).toBeLessThan(350);
    expect(r.risk.level).toBe('medium');
    expect(r.risk.reasons.join('\n')).toMatch(
      /medium: a cut of more than half \(cpu -4\d(\.\d)? %, memory -5\d(\.\d)? %\): roll out in steps/,
    );
    // Explains itself: series, percentile and margin.
    const text = r.explanation.join('\n');
    expect(text).toContain('cpu: series cpuCores fitted to requests/s');
    expect(text).toContain('the p95 of the fit');
    expect(text).toContain('margin = √(');
    expect(text).toMatch(/requests per replica: cpu 1\d\.\d+ cores \/ 12 → 1\d{3}m/);
  });

  it('shows where KRR and VPA cut below the SLO need at the forecast peak of a growing driver', () => {
    // Traffic grows 3 % of its first level a day: four weeks behind, the peak two weeks ahead is
    // about 20 % above the last week's. KRR (CPU p95) and VPA (p90 + 15 %) size for the past.
    const growth = (t: number) => diurnal(1000, 0.6)(t) * (1 + (0.03 * (t - 1704067200)) / DAY);
    const w = workload({
      days: 28,
      shape: growth,
      cpuBase: 0.5,
      cpuPer: 0.004,
      memBase: 4 * GIB,
      memPer: MIB,
    });
    const r = recommendRightSizing({
      ...w,
      driverName: 'orders/s',
      current: { replicas: 6, cpuRequest: 2, memRequest: 2 * GIB },
      pricing: prices,
      horizonSeconds: 14 * DAY,
      schedule: false,
    });
    const krr = r.baselines.find(b => b.tool === 'krr-simple')!;
    const vpa = r.baselines.find(b => b.tool === 'vpa')!;
    expect(krr.belowNeed).toBe(true);
    expect(vpa.belowNeed).toBe(true);
    expect(krr.cpuShortfall!).toBeGreaterThan(0.5);
    expect(vpa.cpuShortfall!).toBeGreaterThan(0.5);
    // Headroom covers the need.
    expect(r.recommended.cpuRequest * r.recommended.replicas).toBeGreaterThanOrEqual(
      r.needed.cpuCores,
    );
    // The need follows the forecast: the driver's peak 14 days out is above anything seen.
    expect(r.needed.driverPeak).toBeGreaterThan(r.forecast.historicalPeak);
    expect(r.explanation.join('\n')).toMatch(
      /baseline KRR simple \(CPU p95, memory max \+ 15 %\): .* cores below the need at the forecast peak/,
    );
  });

  it('is conservative when the error budget is low and cuts nothing when it is spent', () => {
    const input = { ...marketData(), schedule: false as const };
    const normal = recommendRightSizing({
      ...input,
      slo: { name: 'market-data/latency', budgetRemaining: 0.6, burnRate: 0.5 },
    });
    const low = recommendRightSizing({
      ...input,
      slo: { name: 'market-data/latency', budgetRemaining: 0.1, burnRate: 0.9 },
    });
    const spent = recommendRightSizing({
      ...input,
      slo: { name: 'market-data/latency', budgetRemaining: -0.2 },
    });
    expect(normal.sloPolicy).toBe('normal');
    expect(low.sloPolicy).toBe('conservative');
    // Conservative: the target utilisation 0.7 × 0.85 = 0.595, so at least 0.7 / 0.595 more.
    expect(low.needed.cpuCores / normal.needed.cpuCores).toBeGreaterThan(0.7 / 0.595);
    expect(low.capacity.cpu.components.utilisation).toBeCloseTo(0.595, 12);
    expect(low.explanation.join('\n')).toContain(
      '10 % of the error budget left (< 25 %): conservative',
    );
    expect(low.risk.reasons).toContain(
      'medium: the SLO market-data/latency has little budget to absorb a mistake',
    );
    expect(spent.sloPolicy).toBe('freeze');
    expect(spent.recommended).toEqual(spent.current);
    expect(spent.action).toBe('hold');
    expect(spent.expectedMonthlySaving).toBe(0n);
  });

  it('in replicas mode keeps the requests and changes the count', () => {
    const r = recommendRightSizing({ ...marketData(), strategy: 'replicas', schedule: false });
    // 18 cores / 2.75 → 7 replicas; 15.4 GiB / 3 GiB → 6: CPU decides.
    expect(r.recommended.cpuRequest).toBe(2.75);
    expect(r.recommended.replicas).toBe(Math.ceil(r.needed.cpuCores / 2.75));
    expect(r.recommended.replicas).toBe(7);
  });

  it('holds a steady, right-sized service', () => {
    // 1.2 cores used at a flat 100/s; need ≈ 1.2 / 0.7 ≈ 1.75 cores; 4 × 0.45 = 1.8 requested.
    const w = workload({
      days: 14,
      shape: () => 100,
      cpuBase: 0.2,
      cpuPer: 0.01,
      memBase: 2.4 * GIB,
      memPer: 0,
      noise: 0.01,
    });
    const r = recommendRightSizing({
      ...w,
      current: { replicas: 4, cpuRequest: 0.45, memRequest: 0.77 * GIB },
      pricing: prices,
    });
    expect(r.action).toBe('hold');
    expect(r.recommended).toEqual(r.current);
    expect(r.schedule).toBeNull();
    expect(r.explanation.join('\n')).toMatch(
      /within ±5 % and the current allocation covers the need: keep it/,
    );
  });

  it('adds night windows to a diurnal service, with replicas from the capacity model', () => {
    const w = workload({
      days: 14,
      shape: diurnal(100, 0.8),
      cpuBase: 0.2,
      cpuPer: 0.01,
      memBase: 2 * GIB,
      memPer: 2 * MIB,
    });
    const input = {
      ...w,
      current: { replicas: 6, cpuRequest: 0.5, memRequest: 0.5 * GIB },
      pricing: prices,
    };
    expect(classifyLoad({ ...w, ...input.current }).class).toBe('scheduled-scale-down');
    const r = recommendRightSizing(input);
    const s = r.schedule!;
    expect(s.period).toBe('day');
    expect(s.windows).toHaveLength(1);
    const win = s.windows[0]!;
    expect([win.start.hour, win.end.hour]).toEqual([22, 6]);
    // The night's driver forecast is the peak × its share of the busiest hour; its replicas cover the
    // capacity model's need there at the recommended requests.
    expect(win.driverPeak).toBeCloseTo(r.needed.driverPeak * win.fractionOfPeak, 9);
    expect(win.replicas * r.recommended.cpuRequest).toBeGreaterThanOrEqual(win.neededCpuCores);
    expect(win.replicas * r.recommended.memRequest).toBeGreaterThanOrEqual(win.neededMemoryBytes);
    expect(win.replicas).toBeLessThan(s.replicas);
    // Saving: fewer replicas for 56 h a week, × 730 / 168 weeks a month, at the new per-replica price.
    const perReplicaHour =
      r.recommended.cpuRequest * 0.031 + (r.recommended.memRequest / GIB) * 0.004;
    expect(s.monthlySaving).toBeCloseTo(
      (s.replicas - win.replicas) * 56 * (730 / 168) * perReplicaHour,
      9,
    );
    expect(r.savingBreakdown.schedule).toBe(s.monthlySaving);
  });

  it('prices from the monthly cost in the cost data', () => {
    const r = recommendRightSizing({
      ...marketData(),
      schedule: false,
      pricing: {
        kind: 'monthly-cost',
        monthlyCost: parseMoney('1200')!,
        currency: 'EUR',
        cpuShare: 0.75,
      },
    });
    const cpuCut = 1 - (12 * r.recommended.cpuRequest) / 33;
    const memCut = 1 - (12 * r.recommended.memRequest) / (36 * GIB);
    expect(r.savingBreakdown.cpu).toBeCloseTo(900 * cpuCut, 9);
    expect(r.savingBreakdown.memory).toBeCloseTo(300 * memCut, 9);
    expect(r.currency).toBe('EUR');
  });

  it('rejects bad input naming the field', () => {
    const input = marketData();
    expect(() =>
      recommendRightSizing({ ...input, current: { ...input.current, replicas: 1.5 } }),
    ).toThrow('recommendRightSizing: current.replicas must be a positive integer, got 1.5');
    expect(() => recommendRightSizing({ ...input, driver: input.driver.subarray(1) })).toThrow(
      /driver has 8063 samples but timestamps has 8064/,
    );
    expect(() =>
      recommendRightSizing({ ...input, current: { ...input.current, cpuLimit: 1 } }),
    ).toThrow(/current.cpuLimit must be at least cpuRequest/);
    const few = {
      ...input,
      timestamps: input.timestamps.subarray(0, 10),
      cpuCores: input.cpuCores.subarray(0, 10),
      memoryBytes: input.memoryBytes.subarray(0, 10),
      driver: input.driver.subarray(0, 10),
    };
    expect(() => recommendRightSizing(few)).toThrow(
      /not enough history to model usage against requests\/s/,
    );
  });
});
