import { prepareSeries } from '../engine/series';
import { constantTraffic, makeSlo } from '../engine/test-factory';
import { judgeDrill } from './judge';
import { abortReason, drillBudgetSpent, readSteadyState } from './measure';
import { testDrill } from './test-factory';
import type { SteadyStateTerm } from './types';

const burn5m: SteadyStateTerm = { kind: 'burnRate', windowSeconds: 300, below: 2 };
const sli1h: SteadyStateTerm = { kind: 'sli', windowSeconds: 3600, above: 0.99 };
const steady = [
  { term: burn5m, value: 0.5 },
  { term: sli1h, value: 0.9995 },
];
const T0 = 1_800_000_000;

describe('judgeDrill', () => {
  it('passes when every probe passes; the score is the weight-averaged probe success', () => {
    const record = judgeDrill(testDrill(), {
      startedAt: T0,
      faultStartedAt: T0 + 10,
      alertFiredAt: T0 + 55,
      recoveredAt: T0 + 250,
      faultEndedAt: T0 + 610,
      endedAt: T0 + 900,
      before: steady,
      after: steady,
      budgetSpent: 0.012,
    });
    expect(record).toMatchObject({
      verdict: 'Pass',
      startedAt: '2027-01-15T08:00:00Z',
      faultStartedAt: '2027-01-15T08:00:10Z',
      detection: { expected: true, ttdSeconds: 45, withinTarget: true },
      recovery: { expected: true, ttrSeconds: 240, withinTarget: true },
      budgetSpent: 0.012,
      resilienceScore: 100,
    });
    // 2 before (SOT), alert and recovery (OnChaos), 2 after (EOT).
    expect(record.probes.map(p => `${p.mode} ${p.name} ${p.passed}`)).toEqual([
      'SOT steady-state burnRate 5m true',
      'SOT steady-state sli 1h true',
      'OnChaos page alert within 1m true',
      'OnChaos recovery within 5m true',
      'EOT steady-state burnRate 5m true',
      'EOT steady-state sli 1h true',
    ]);
  });

  it('fails on a missing alert: 5 of 6 probes pass, score 83.3', () => {
    const record = judgeDrill(testDrill(), {
      startedAt: T0,
      faultStartedAt: T0,
      recoveredAt: T0 + 200,
      faultEndedAt: T0 + 600,
      endedAt: T0 + 900,
      before: steady,
      after: steady,
    });
    expect(record.verdict).toBe('Fail');
    expect(record.detection).toEqual({
      expected: true,
      alertFiredAt: null,
      ttdSeconds: null,
      withinTarget: false,
    });
    expect(record.summary).toBe(
      'The hypothesis did not hold: page alert within 1m: no alert fired.',
    );
    expect(record.resilienceScore).toBeCloseTo((100 * 5) / 6, 12);
  });

  it('fails a late alert and a slow recovery, and says by how much', () => {
    const record = judgeDrill(testDrill(), {
      startedAt: T0,
      faultStartedAt: T0,
      alertFiredAt: T0 + 61,
      recoveredAt: T0 + 420,
      faultEndedAt: T0 + 600,
      endedAt: T0 + 900,
      before: steady,
      after: [{ term: burn5m, value: 3 }, steady[1]!],
    });
    expect(record.detection.withinTarget).toBe(false);
    expect(record.recovery).toMatchObject({ ttrSeconds: 420, withinTarget: false });
    // 3 of 6 probes pass.
    expect(record.resilienceScore).toBe(50);
    expect(record.summary).toContain('burn rate over 5m 3 (steady below 2)');
  });

  it('is skipped, with score 0, when the steady state does not hold before the fault', () => {
    const record = judgeDrill(testDrill(), {
      startedAt: T0,
      endedAt: T0 + 5,
      before: [
        { term: burn5m, value: 7.5 },
        { term: sli1h, value: null },
      ],
    });
    expect(record).toMatchObject({
      verdict: 'Skipped',
      faultStartedAt: null,
      resilienceScore: 0,
      summary:
        'Not run: the steady state did not hold before the fault (burn rate over 5m 7.5 (steady below 2); SLI over 1h no traffic (steady above 0.99)).',
    });
    expect(record.probes).toHaveLength(2);
  });

  it('is aborted when an abort condition stopped it', () => {
    const record = judgeDrill(testDrill(), {
      startedAt: T0,
      faultStartedAt: T0,
      faultEndedAt: T0 + 30,
      aborted: { at: T0 + 30, reason: 'burn rate over 300 s reached 1000, above 900' },
      endedAt: T0 + 300,
      before: steady,
      after: steady,
    });
    expect(record.verdict).toBe('Aborted');
    expect(record.aborted).toEqual({
      at: '2027-01-15T08:00:30Z',
      reason: 'burn rate over 300 s reached 1000, above 900',
    });
  });
});

describe('drill measurements on counters', () => {
  // 99.9 % objective; 100 events a minute for 2 hours; 10 % errors from minute 100 to 110.
  const slo = makeSlo();
  const series = prepareSeries(
    constantTraffic({
      start: 0,
      stepSeconds: 60,
      count: 121,
      eventsPerStep: 100,
      errorFraction: t => (t > 6000 && t <= 6600 ? 0.1 : 0),
    }),
  );

  it('reads burn rates and the SLI with the engine', () => {
    // 5 minutes to 6600: 50 bad of 500 → ratio 0.1 → burn 100; 1 hour: 100 bad of 6000.
    expect(readSteadyState(slo, series, [burn5m, sli1h], 6600)).toEqual([
      { term: burn5m, value: expect.closeTo(100, 9) },
      { term: sli1h, value: expect.closeTo(1 - 100 / 6000, 12) },
    ]);
  });

  it('finds the first abort condition that holds', () => {
    const conditions = [
      { kind: 'burnRate' as const, windowSeconds: 300, above: 150 },
      { kind: 'incident' as const, severity: 'P2' as const },
    ];
    expect(abortReason(slo, series, conditions, 6600)).toBeUndefined();
    expect(abortReason(slo, series, conditions, 6600, ['P3'])).toBeUndefined();
    expect(abortReason(slo, series, conditions, 6600, ['P3', 'P1'])).toBe(
      'a P1 incident is open on the service',
    );
    expect(
      abortReason(slo, series, [{ kind: 'burnRate', windowSeconds: 300, above: 99 }], 6600),
    ).toBe('burn rate over 300 s reached 100, above 99');
  });

  it('accounts the budget the drill spent against the window it ends in', () => {
    // 100 bad events; the window (all 2 hours) allows 0.001 × 12,000 = 12.
    expect(drillBudgetSpent(slo, series, 6000, 6600, 7200)).toBeCloseTo(100 / 12, 9);
  });
});
