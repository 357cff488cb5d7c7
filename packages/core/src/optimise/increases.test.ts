import { formatMoney } from '../cost/decimal';
import { recommendRightSizing, type RightSizingInput } from './rightsize';
import { diurnal, GIB, workload } from './test-factory';

/** market-data's load on requests a third of what it needs: the model asks for more. */
function underProvisioned(): RightSizingInput {
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
      cpuRequest: 0.5,
      memRequest: 0.5 * GIB,
      cpuLimit: 1,
      memLimit: 2 * GIB,
    },
    pricing: { kind: 'unit-prices', cpuCoreHour: 0.031, memoryGiBHour: 0.004, currency: 'USD' },
    schedule: false,
  };
}

describe('increases are a risk, not a saving', () => {
  it('prices an increase as a risk to fix, medium without an SLO in trouble', () => {
    const r = recommendRightSizing(underProvisioned());
    expect(r.action).toBe('increase');
    expect(r.expectedMonthlySaving < 0n).toBe(true);
    expect(r.risk.level).toBe('medium');
    expect(r.risk.reasons).toContain(
      `medium: under-provisioned for the forecast peak: the change costs ${formatMoney(-r.expectedMonthlySaving)} USD a month more; a reliability fix, not a saving`,
    );
  });

  it('is a high risk while the SLO burns', () => {
    const r = recommendRightSizing({
      ...underProvisioned(),
      slo: { name: 'market-data/latency', budgetRemaining: 0.4, burnRate: 2 },
    });
    expect(r.risk.level).toBe('high');
    expect(r.risk.reasons.join('\n')).toMatch(
      /^high: under-provisioned for the forecast peak: .* \(the SLO market-data\/latency burns at 2×\)$/m,
    );
  });

  it('adds no such risk to a reduction', () => {
    const r = recommendRightSizing({
      ...underProvisioned(),
      current: {
        replicas: 12,
        cpuRequest: 2.75,
        memRequest: 3 * GIB,
        cpuLimit: 4,
        memLimit: 4 * GIB,
      },
    });
    expect(r.action).toBe('reduce');
    expect(r.risk.reasons.join('\n')).not.toMatch(/under-provisioned/);
  });
});
