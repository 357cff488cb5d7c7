import type { ActionRecord, RunbookAuditRecord } from './audit';
import { summariseRunbookRuns } from './summary';

const action = (sent: boolean): ActionRecord => ({
  action: 'roll-back',
  type: 'rollback',
  decision: { verdict: sent ? 'run' : 'dry-run', guardrail: sent ? 'none' : 'dry-run', reason: '' },
  startedAt: sent ? 100 : null,
  outcome: sent ? 'succeeded' : 'not-run',
  detail: '',
  verification: null,
});

const record = (
  result: RunbookAuditRecord['result'],
  startedAt: number,
  ttd: number | null,
  ttr: number | null,
  sent = true,
): RunbookAuditRecord => ({
  runbook: 'wallet-api-errors',
  service: 'wallet-api',
  slo: 'availability',
  mode: sent ? 'live' : 'dry-run',
  trigger: { by: 'alert', labels: {}, firedAt: null },
  startedAt,
  endedAt: startedAt + 100,
  findings: [],
  chosen: ['roll-back'],
  actions: [action(sent)],
  result,
  times: {
    impactStartedAt: null,
    detectedAt: null,
    recoveredAt: null,
    ttdSeconds: ttd,
    ttrSeconds: ttr,
  },
  escalation: null,
  summary: '',
});

describe('summariseRunbookRuns', () => {
  it('counts runs by result and takes medians over the runs that have the figure', () => {
    const s = summariseRunbookRuns([
      record('recovered', 1000, 20, 80),
      record('recovered', 3000, 30, 120),
      record('recovered', 2000, 16, 75),
      record('escalated', 4000, 40, null),
      record('dry-run', 5000, 18, null, false),
      record('refused', 500, null, null, false),
    ]);
    // Live: the three recovered and the escalated one; 3 of 4 recovered.
    expect(s).toEqual({
      runs: 6,
      live: 4,
      recovered: 3,
      escalated: 1,
      dryRuns: 1,
      heldBack: 1,
      successRate: 0.75,
      medianTtrSeconds: 80,
      // 16, 18, 20, 30, 40 → 20.
      medianTtdSeconds: 20,
      lastRunAt: 5000,
    });
  });

  it('has no rates without runs', () => {
    expect(summariseRunbookRuns([])).toMatchObject({
      runs: 0,
      successRate: null,
      medianTtrSeconds: null,
      lastRunAt: null,
    });
  });
});
