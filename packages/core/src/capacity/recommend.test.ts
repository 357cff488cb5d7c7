import { recommendCapacity, latencyUtilisationCap } from './recommend';
import type { PeakForecast, ResourceFit } from './types';

/** A fit built by hand: 0.5 cores + 2 millicores per request/s, average use 1.2 cores. */
function makeFit(overrides: Partial<ResourceFit> = {}): ResourceFit {
  return {
    baseline: 0.5,
    perUnit: 0.002,
    n: 1000,
    rSquared: 0.95,
    robustRSquared: 0.96,
    residuals: { n: 1000, sigma: 0.06, p50: 0, p95: 0.1, p99: 0.14 },
    highDriverResiduals: { n: 250, sigma: 0.09, p50: 0, p95: 0.15, p99: 0.2 },
    spreadRatio: 1.5,
    driver: { min: 50, p5: 100, median: 350, p95: 800, max: 900, mean: 350 },
    usage: { min: 0.6, median: 1.2, max: 2.4, mean: 1.2 },
    structuralBreak: null,
    quality: 'good',
    reasons: [],
    notes: [],
    ...overrides,
  };
}

/** A forecast built by hand: peak 1,000 request/s, upper band 1,100. */
function makeForecast(overrides: Partial<PeakForecast> = {}): PeakForecast {
  return {
    peak: 1000,
    upper: 1100,
    peakAt: 1_700_000_000,
    modelPeak: 950,
    historicalPeak: 900,
    from: 1_699_500_000,
    to: 1_700_104_800,
    seasonality: 'weekly',
    mode: 'multiplicative',
    trend: { levelAtEnd: 500, slopePerDay: 5 },
    peakResiduals: { days: 28, p50: 0.05, p95: 0.16, quantile: 0.95, atQuantile: 0.16 },
    seasonalStrength: 0.9,
    curve: { timestamps: new Float64Array(0), values: new Float64Array(0) },
    quality: 'good',
    reasons: [],
    explanation: [],
    ...overrides,
  };
}

describe('recommendCapacity', () => {
  // usage at peak = 0.5 + 0.002 × 1000 = 2.5 cores.
  // usage margin = max(p95 all 0.1, p95 high driver 0.15) = 0.15.
  // forecast margin = 0.002 × (1100 - 1000) = 0.2.  margin = √(0.15² + 0.2²) = 0.25.
  it('needed = (usage at peak + margin) / target utilisation', () => {
    const r = recommendCapacity({
      fit: makeFit(),
      forecast: makeForecast(),
      unit: 'cores',
      targetUtilisation: 0.7,
    });
    expect(r.components.usageAtPeak).toBeCloseTo(2.5, 12);
    expect(r.components.usageMargin).toBe(0.15);
    expect(r.components.forecastMargin).toBeCloseTo(0.2, 12);
    expect(r.components.margin).toBeCloseTo(0.25, 12);
    expect(r.components.utilisation).toBe(0.7);
    // 2.75 / 0.7
    expect(r.needed).toBeCloseTo(3.928571428571, 10);
    expect(r.current).toBeNull();
    expect(r.nFold).toBeNull();
    expect(r.quality).toBe('good');
    expect(r.explanation).toContain('needed = (2.5 + 0.25) / 0.7 = 3.929 cores');
    expect(r.explanation).toContain(
      'margin = √(0.15² + 0.2²) = 0.25 cores: usage noise and forecast error are independent, so they add in quadrature rather than stack',
    );
  });

  it('caps utilisation by the latency objective and compares with current and N-fold', () => {
    const r = recommendCapacity({
      fit: makeFit(),
      forecast: makeForecast(),
      unit: 'cores',
      targetUtilisation: 0.7,
      // Mean latency ≤ 250 ms with 100 ms of work: ρ ≤ 1 - 0.1 / 0.25 = 0.6.
      latency: { serviceTimeSeconds: 0.1, objectiveSeconds: 0.25 },
      current: { requests: 1, limits: 1.5, replicas: 8 },
      nFold: 3,
      pricePerUnitHour: 0.03,
      currency: 'USD',
    });
    expect(r.components.latencyUtilisationCap).toBeCloseTo(0.6, 12);
    expect(r.components.utilisation).toBeCloseTo(0.6, 12);
    // 2.75 / 0.6
    expect(r.needed).toBeCloseTo(4.583333333333, 10);
    expect(r.neededPerReplica).toBeCloseTo(4.583333333333 / 8, 10);
    const c = r.current!;
    // 8 cores requested: 3.41667 spare, 74.5 % of needed; 3.41667 × 0.03 × 730 = 74.825 USD.
    expect(c.provisioned).toBe(8);
    expect(c.difference).toBeCloseTo(3.416666666667, 10);
    expect(c.relative).toBeCloseTo(3.416666666667 / 4.583333333333, 10);
    expect(c.verdict).toBe('over-provisioned');
    expect(c.monthlyCost).toBeCloseTo(74.825, 8);
    expect(c.limitsProvisioned).toBe(12);
    expect(c.limitsShortfall).toBe(0);
    // 3 × 1.2 = 3.6 cores reserved: 0.98333 short; -0.98333 × 0.03 × 730 = -21.535.
    const nf = r.nFold!;
    expect(nf.provisioned).toBeCloseTo(3.6, 12);
    expect(nf.difference).toBeCloseTo(-0.983333333333, 10);
    expect(nf.verdict).toBe('under-provisioned');
    expect(nf.monthlyCost).toBeCloseTo(-21.535, 8);
    // 74.825 is 74.82499… in binary: four significant digits print 74.82.
    expect(r.explanation).toContain(
      'current requests 1 × 8 replicas = 8 cores: over-provisioned: +3.417 cores (+74.5 % of needed; ' +
        'within ±10 % is right-sized); spare capacity worth 74.82 USD a month at 0.03 per core-hour × 730 h',
    );
    expect(r.explanation).toContain(
      '3-fold reservation of average use 1.2 = 3.6 cores: under-provisioned: -0.9833 cores (-21.5 % of needed; ' +
        'within ±10 % is right-sized); missing capacity worth 21.54 USD a month at 0.03 per core-hour × 730 h',
    );
  });

  it('right-sized within the tolerance; limits below the peak are a shortfall', () => {
    // Memory: 1.0 GiB + 0.5 MiB per user; peak 2,000 users (upper 2,000), p99 margin 0.1.
    const fit = makeFit({
      baseline: 1,
      perUnit: 0.0005,
      residuals: { n: 500, sigma: 0.04, p50: 0, p95: 0.07, p99: 0.1 },
      highDriverResiduals: { n: 125, sigma: 0.04, p50: 0, p95: 0.06, p99: 0.09 },
    });
    const r = recommendCapacity({
      fit,
      forecast: makeForecast({ peak: 2000, upper: 2000 }),
      unit: 'GiB',
      targetUtilisation: 0.8,
      marginQuantile: 0.99,
      current: { requests: 1.05, limits: 0.5, replicas: 2 },
    });
    // (1 + 1 + 0.1) / 0.8 = 2.625 GiB; 2.1 requested is 20 % short.
    expect(r.components.usageMargin).toBe(0.1);
    expect(r.needed).toBeCloseTo(2.625, 12);
    expect(r.current!.verdict).toBe('under-provisioned');
    expect(r.current!.relative).toBeCloseTo(-0.2, 12);
    expect(r.current!.monthlyCost).toBeNull();
    // Limits 1 GiB against 2.1 GiB of peak use with margin.
    expect(r.current!.limitsShortfall).toBeCloseTo(1.1, 12);
    expect(r.explanation.some(e => e.endsWith('expect out-of-memory kills at the peak'))).toBe(
      true,
    );

    const sized = recommendCapacity({
      fit,
      forecast: makeForecast({ peak: 2000, upper: 2000 }),
      unit: 'GiB',
      targetUtilisation: 0.8,
      marginQuantile: 0.99,
      current: { requests: 1.4, replicas: 2 },
    });
    // 2.8 vs 2.625: +6.7 %, within 10 %.
    expect(sized.current!.verdict).toBe('right-sized');
    expect(sized.current!.limitsProvisioned).toBe(Infinity);
  });

  it('a p99 latency objective: ρ ≤ 1 - S ln(100) / L', () => {
    expect(latencyUtilisationCap(0.05, 0.5, 0.99)).toBeCloseTo(1 - 0.1 * Math.log(100), 12);
    expect(latencyUtilisationCap(0.1, 0.25)).toBeCloseTo(0.6, 12);
  });

  it('carries the inputs’ quality and reasons', () => {
    const r = recommendCapacity({
      fit: makeFit({ quality: 'poor', reasons: ['the relation changed at sample 600'] }),
      forecast: makeForecast({ quality: 'insufficient', reasons: ['less than a day of history'] }),
      unit: 'cores',
      targetUtilisation: 0.7,
    });
    expect(r.quality).toBe('insufficient');
    expect(r.reasons).toEqual([
      'fit: the relation changed at sample 600',
      'forecast: less than a day of history',
    ]);
  });

  it('rejects bad input, naming the field', () => {
    const base = { fit: makeFit(), forecast: makeForecast(), unit: 'cores' as const };
    expect(() => recommendCapacity({ ...base, targetUtilisation: 1.2 })).toThrow(
      'recommendCapacity: targetUtilisation must be in (0, 1], got 1.2',
    );
    expect(() =>
      recommendCapacity({
        ...base,
        targetUtilisation: 0.7,
        current: { requests: 1, replicas: 0 },
      }),
    ).toThrow('recommendCapacity: current.replicas must be a positive integer, got 0');
    expect(() =>
      recommendCapacity({
        ...base,
        targetUtilisation: 0.7,
        latency: { serviceTimeSeconds: 0.2, objectiveSeconds: 0.5, percentile: 0.99 },
      }),
    ).toThrow(
      'recommendCapacity: latency.objectiveSeconds (0.5) cannot be met at any utilisation with serviceTimeSeconds 0.2 at p99',
    );
    expect(() =>
      recommendCapacity({
        ...base,
        fit: makeFit({ baseline: NaN, perUnit: NaN, reasons: ['the driver is constant (300)'] }),
        targetUtilisation: 0.7,
      }),
    ).toThrow('recommendCapacity: the fit has no coefficients (the driver is constant (300))');
  });
});
