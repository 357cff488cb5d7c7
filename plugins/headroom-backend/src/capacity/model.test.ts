import { parseAssessmentInputs } from './inputs';
import { assessCapacity, grownPeak } from './model';

const at = new Date('2026-12-01T00:00:00Z');

describe('assessCapacity', () => {
  it('grows the declared peak, adds the margins in quadrature and caps utilisation by latency', () => {
    const inputs = parseAssessmentInputs(
      {
        expectedPeak: 200,
        growthPerMonth: 0.1,
        horizonMonths: 2,
        peakUncertainty: 0.25,
        usage: { unit: 'cores', baseline: 0.5, perUnit: 0.01, noise: 0.3 },
        targetUtilisation: 0.7,
        latency: { serviceTimeSeconds: 0.05, objectiveSeconds: 0.5, percentile: 0.99 },
        requestPerReplica: 1,
        pricePerUnitHour: 0.04,
        currency: 'EUR',
      },
      'test',
    );
    const { result, recommendation } = assessCapacity(inputs, at);
    // 200 × 1.1² = 242; upper 242 × 1.25 = 302.5
    expect(result.driverPeakAtHorizon).toBeCloseTo(242, 10);
    expect(result.driverUpperAtHorizon).toBeCloseTo(302.5, 10);
    const c = result.capacity.components;
    // 0.5 + 0.01 × 242 = 2.92 cores at the peak
    expect(c.usageAtPeak).toBeCloseTo(2.92, 10);
    // noise 0.3 and forecast margin 0.01 × 60.5 = 0.605: √(0.09 + 0.366025) = 0.675296…
    expect(c.usageMargin).toBe(0.3);
    expect(c.forecastMargin).toBeCloseTo(0.605, 10);
    expect(c.margin).toBeCloseTo(0.6752962, 6);
    // p99 ≤ 0.5 s with 0.05 s of work: 1 - 0.05 × ln(100) / 0.5 = 0.539483 < target 0.7
    expect(c.utilisation).toBeCloseTo(0.539483, 6);
    // (2.92 + 0.675296) / 0.539483 = 6.66434 cores → 7 replicas of 1 core
    expect(recommendation.needed).toBeCloseTo(6.664337, 5);
    expect(recommendation.replicas).toBe(7);
    // 6.66434 × 0.04 × 730 h = 194.60 a month
    expect(recommendation.monthlyCost).toBeCloseTo(194.5986, 3);
    expect(recommendation.currency).toBe('EUR');
    // Nothing was measured: the model says so.
    expect(result.capacity.quality).toBe('poor');
    expect(result.capacity.reasons.join(' ')).toMatch(/declared by the team/);
  });

  it('compares with what runs today and keeps the qualities of a fit made from measured history', () => {
    const inputs = parseAssessmentInputs(
      {
        expectedPeak: 100,
        usage: { unit: 'cores', baseline: 1, perUnit: 0.05, noise: 0 },
        peakUncertainty: 0,
        targetUtilisation: 0.5,
        current: { replicas: 4, requests: 5, limits: 6 },
        measured: { fitQuality: 'good', forecastQuality: 'good' },
      },
      'test',
    );
    const { result, recommendation } = assessCapacity(inputs, at);
    // (1 + 0.05 × 100) / 0.5 = 12 cores needed; 4 × 5 = 20 requested: 8 too many.
    expect(recommendation.needed).toBeCloseTo(12, 10);
    expect(result.capacity.current).toMatchObject({
      provisioned: 20,
      verdict: 'over-provisioned',
      limitsProvisioned: 24,
    });
    expect(result.capacity.current!.relative).toBeCloseTo(20 / 12 - 1, 10);
    expect(result.capacity.reasons.join(' ')).not.toMatch(/declared by the team/);
    expect(result.capacity.quality).toBe('good');
  });

  it('refuses a current allocation that is not whole replicas, naming the field', () => {
    expect(() =>
      parseAssessmentInputs(
        {
          expectedPeak: 100,
          usage: { unit: 'cores', baseline: 1, perUnit: 0.05 },
          current: { replicas: 2.5, requests: 1 },
        },
        'POST test',
      ),
    ).toThrow(/inputs\.current\.replicas/);
  });

  it('fills in the defaults of a new service: no growth, 25 % uncertainty, 70 % utilisation', () => {
    const inputs = parseAssessmentInputs(
      { expectedPeak: 200, usage: { unit: 'cores', baseline: 0.5, perUnit: 0.01 } },
      'test',
    );
    expect(inputs).toMatchObject({
      driver: 'requests per second',
      growthPerMonth: 0,
      horizonMonths: 6,
      peakUncertainty: 0.25,
      targetUtilisation: 0.7,
    });
    const { recommendation, result } = assessCapacity(inputs, at);
    // (0.5 + 2 + √(0² + (0.01 × 50)²)) / 0.7 = 3 / 0.7
    expect(recommendation.needed).toBeCloseTo(3 / 0.7, 10);
    expect(recommendation.replicas).toBeNull();
    expect(recommendation.monthlyCost).toBeNull();
    // The stored result is JSON: it survives a round trip.
    expect(JSON.parse(JSON.stringify(result)).capacity.needed).toBeCloseTo(3 / 0.7, 10);
  });

  it('compounds growth monthly', () => {
    expect(grownPeak(100, 0.5, 3)).toBeCloseTo(337.5, 10);
    expect(grownPeak(100, -0.5, 1)).toBeCloseTo(50, 10);
  });
});

describe('parseAssessmentInputs', () => {
  it('names every bad field with the request', () => {
    expect(() =>
      parseAssessmentInputs(
        {
          expectedPeak: -3,
          usage: { unit: 'vCPU', baseline: 0.5, perUnit: 0.01 },
          latency: { serviceTimeSeconds: 0.6, objectiveSeconds: 0.5 },
          colour: 'red',
        },
        'POST /capacity/x',
      ),
    ).toThrow(
      /Invalid capacity assessment in POST \/capacity\/x: .*inputs\.expectedPeak: .*inputs\.usage\.unit: .*inputs\.latency\.serviceTimeSeconds: serviceTimeSeconds must be below objectiveSeconds.*unknown field colour/,
    );
  });

  it('refuses a missing body', () => {
    expect(() => parseAssessmentInputs(undefined, 'here')).toThrow(
      /Invalid capacity assessment in here: inputs: /,
    );
  });

  it('writes its reasons with rounded numbers, as the card shows them', () => {
    const inputs = parseAssessmentInputs(
      {
        expectedPeak: 2438.4563253954625,
        growthPerMonth: 0.11381732911379949,
        horizonMonths: 3,
        driver: 'requests per second',
        usage: { unit: 'cores', baseline: 0.5, perUnit: 0.001, noise: 0.1 },
      },
      'test',
    );
    const { result } = assessCapacity(inputs, at);
    expect(result.capacity.reasons).toContain(
      'forecast: the peak is declared by the team before the service had usage history, not measured: ' +
        '2438 requests per second growing 11.38 % a month for 3 months',
    );
    expect(result.capacity.explanation.join('\n')).not.toMatch(/\d\.\d{6,}/);
  });
});
