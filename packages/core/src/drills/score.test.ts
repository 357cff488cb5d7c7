import { probeSuccessPercentage, resilienceScore } from './score';

describe("Litmus's resilience score", () => {
  it('weights each fault by its weight: 10 at 100 % and 5 at 40 % give (1000 + 200) / 15 = 80', () => {
    expect(
      resilienceScore([
        { weight: 10, probeSuccessPercentage: 100 },
        { weight: 5, probeSuccessPercentage: 40 },
      ]),
    ).toBe(80);
  });

  it('ignores faults of weight 0, and has no score without weight', () => {
    expect(
      resilienceScore([
        { weight: 0, probeSuccessPercentage: 0 },
        { weight: 3, probeSuccessPercentage: 50 },
      ]),
    ).toBe(50);
    expect(resilienceScore([{ weight: 0, probeSuccessPercentage: 100 }])).toBeNull();
    expect(resilienceScore([])).toBeNull();
  });

  it('probe success is the share of probes passed, in percent', () => {
    expect(
      probeSuccessPercentage([
        { passed: true },
        { passed: false },
        { passed: true },
        { passed: true },
      ]),
    ).toBe(75);
    expect(probeSuccessPercentage([])).toBe(100);
  });
});
