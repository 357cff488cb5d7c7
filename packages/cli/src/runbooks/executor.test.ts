import {
  parseRunbooks,
  prepareSeries,
  type CounterSamples,
  type PastRun,
  type RecentChange,
  type Runbook,
  type Slo,
} from '@headroom/core';
import type { AlertInfo } from '@headroom/prometheus';
import { runRunbook, type RunbookPorts, type RunbookRunOptions } from './executor';

const T0 = 1_800_000_000;
const STEP = 15;
const RATE = 100;

const slo = {
  name: 'availability',
  service: 'wallet-api',
  objective: { target: 0.999 },
} as Slo;

const yaml = (extra = '') => `apiVersion: headroom.dev/v1alpha1
kind: Runbook
metadata: { name: wallet-api-errors }
spec:
  service: wallet-api
  slo: availability
  trigger: { slo: { severity: page } }
  diagnosis:
    - name: error-ratio
      query: sum(rate(http_requests_total{service="wallet-api",code=~"5.."}[1m]))
      expect: { above: 0.01 }
    - name: recent-deploy
      recentChanges: { within: 30m, actions: [deploy] }
  actions:
    - { name: roll-back, type: rollback, when: [error-ratio, recent-deploy] }
    - { name: restart, type: restart, when: [error-ratio] }
${extra}  verify: { within: 5m, stableFor: 1m }
`;

function runbook(extra = ''): Runbook {
  const { runbooks, issues } = parseRunbooks(yaml(extra), 'runbooks.yaml');
  expect(issues).toEqual([]);
  return runbooks[0]!;
}

/**
 * wallet-api at 100 req/s scraped every 15 s; a bad version deployed at T0 fails half the
 * requests until it is rolled back; its page alert fires at T0+30; the clock moves by sleeping.
 */
function world(opts: { rollbackFails?: boolean; alert?: boolean; alertAt?: number } = {}) {
  let now = T0;
  let fixedAt = Infinity;
  const failingAt = (t: number) => (t >= T0 && t < fixedAt ? 0.5 : 0);
  const sent: string[] = [];
  const log: string[] = [];
  const counters = (from: number, to: number): CounterSamples => {
    const origin = T0 - 3600;
    const ts: number[] = [];
    const good: number[] = [];
    const total: number[] = [];
    let g = 0;
    let n = 0;
    for (let t = origin; t <= to; t += STEP) {
      if (t > origin) {
        n += RATE * STEP;
        g += RATE * STEP * (1 - failingAt(t - STEP / 2));
      }
      if (t >= from) {
        ts.push(t);
        good.push(g);
        total.push(n);
      }
    }
    return {
      timestamps: Float64Array.from(ts),
      events: Float64Array.from(good),
      total: Float64Array.from(total),
      kind: 'good',
    };
  };
  const alert: AlertInfo = {
    labels: {
      alertname: 'WalletApiAvailability',
      sloth_severity: 'page',
      sloth_service: 'wallet-api',
      sloth_slo: 'availability',
    },
    annotations: {},
    state: 'firing',
    activeAt: new Date((opts.alertAt ?? T0 + 30) * 1000).toISOString(),
    value: 1,
  };
  const changes: RecentChange[] = [
    { service: 'wallet-api', at: T0, action: 'deploy', detail: { version: 'v2' } },
  ];
  const ports: RunbookPorts = {
    now: () => now,
    sleep: async s => {
      now += s;
    },
    alerts: async () => (opts.alert !== false && now >= T0 + 30 ? [alert] : []),
    queryValue: async () => failingAt(now) * RATE,
    recentChanges: async since => changes.filter(c => c.at >= since),
    dependencies: () => [],
    capacity: async () => null,
    readSeries: async (instant, from) => {
      const end = Math.floor(instant / STEP) * STEP;
      const start = Math.floor(from / STEP) * STEP - STEP;
      return { series: prepareSeries(counters(start, end)), at: end };
    },
    execute: async action => {
      sent.push(`${action.name}@${now - T0}`);
      if (action.type === 'rollback') {
        if (opts.rollbackFails) throw new Error('409 wallet-api has no earlier version');
        fixedAt = now;
      }
      return `${action.type} sent`;
    },
    log: line => log.push(line),
  };
  return { ports, sent, log, fixed: () => fixedAt };
}

const options = (over: Partial<RunbookRunOptions> = {}): RunbookRunOptions => ({
  pollSeconds: 5,
  waitSeconds: 600,
  global: { dryRun: false, freezeWindows: [] },
  approvals: [],
  history: [],
  lineOfBusiness: null,
  ...over,
});

describe('runRunbook', () => {
  it('detects, finds the bad deploy, rolls back and verifies recovery', async () => {
    const w = world();
    const record = await runRunbook(runbook(), slo, w.ports, options());
    expect(w.sent).toEqual(['roll-back@30']);
    expect(record.trigger).toMatchObject({ by: 'alert WalletApiAvailability', firedAt: T0 + 30 });
    expect(record.findings.map(f => [f.step, f.holds])).toEqual([
      ['error-ratio', true],
      ['recent-deploy', true],
    ]);
    expect(record.findings[1]!.detail).toBe(
      '1 change(s); the last: deploy of wallet-api 30 s ago (version=v2)',
    );
    expect(record.chosen).toEqual(['roll-back', 'restart']);
    // Steps ending T0+15 and T0+30 fail; the window at T0+90, (T0+30, T0+90], is the first clean
    // one; a minute of them is in the counters at T0+150. Impact from T0+15 (the window at T0
    // is clean), detection at T0+30: TTD 15 s, TTR 75 s.
    expect(record.actions).toEqual([
      {
        action: 'roll-back',
        type: 'rollback',
        decision: { verdict: 'run', guardrail: 'none', reason: 'within every guardrail' },
        startedAt: T0 + 30,
        outcome: 'succeeded',
        detail: 'rollback sent',
        verification: { verdict: 'recovered', recoveredAt: T0 + 90, deadline: T0 + 330 },
      },
    ]);
    expect(record.result).toBe('recovered');
    expect(record.times).toEqual({
      impactStartedAt: T0 + 15,
      detectedAt: T0 + 30,
      recoveredAt: T0 + 90,
      ttdSeconds: 15,
      ttrSeconds: 75,
    });
    expect(record.endedAt).toBe(T0 + 150);
    expect(record.escalation).toBeNull();
  });

  it('moves on when an action fails, and escalates when the next one times out', async () => {
    const w = world({ rollbackFails: true });
    const record = await runRunbook(runbook(), slo, w.ports, options());
    expect(w.sent).toEqual(['roll-back@30', 'restart@30']);
    expect(record.actions.map(a => [a.action, a.outcome, a.verification?.verdict ?? null])).toEqual(
      [
        ['roll-back', 'failed', null],
        ['restart', 'succeeded', 'timed-out'],
      ],
    );
    expect(record.actions[0]!.detail).toBe('409 wallet-api has no earlier version');
    // Deadline T0+330; a clean run begun by then would be seen a minute later: T0+390.
    expect(record.actions[1]!.verification).toEqual({
      verdict: 'timed-out',
      recoveredAt: null,
      deadline: T0 + 330,
    });
    expect(record.endedAt).toBe(T0 + 390);
    expect(record.result).toBe('escalated');
    expect(record.escalation).toEqual({
      reason: 'no recovery within 300 s of restart',
      tried: ['roll-back', 'restart'],
    });
    expect(record.times.recoveredAt).toBeNull();
  });

  it('in dry run records the first action a live run would take and changes nothing', async () => {
    const w = world();
    const record = await runRunbook(
      runbook(),
      slo,
      w.ports,
      options({ global: { dryRun: true, freezeWindows: [] } }),
    );
    expect(w.sent).toEqual([]);
    expect(w.fixed()).toBe(Infinity);
    expect(record.mode).toBe('dry-run');
    expect(record.actions).toEqual([
      expect.objectContaining({
        action: 'roll-back',
        outcome: 'not-run',
        decision: {
          verdict: 'dry-run',
          guardrail: 'dry-run',
          reason: 'dry run (global): roll-back would run',
        },
      }),
    ]);
    expect(record.result).toBe('dry-run');
    expect(record.times).toMatchObject({ detectedAt: T0 + 30, recoveredAt: null, ttdSeconds: 15 });
  });

  it('runs nothing when held back by the cooldown, and nothing without the alert', async () => {
    const w = world();
    const history: PastRun[] = [
      {
        runbook: 'wallet-api-errors',
        service: 'wallet-api',
        startedAt: T0 - 400,
        endedAt: T0 - 300,
        executed: true,
      },
    ];
    const held = await runRunbook(runbook(), slo, w.ports, options({ history }));
    expect(w.sent).toEqual([]);
    expect(held.result).toBe('refused');
    expect(held.actions.map(a => a.decision.guardrail)).toEqual(['cooldown', 'cooldown']);

    const quiet = world({ alert: false });
    const none = await runRunbook(runbook(), slo, quiet.ports, options({ waitSeconds: 60 }));
    expect(none.result).toBe('not-triggered');
    expect(none.endedAt).toBe(T0 + 60);
    expect(quiet.sent).toEqual([]);
  });

  it('waits for approval of a risky action and runs it once approved', async () => {
    const risky = runbook().actions.map(a => (a.name === 'roll-back' ? { ...a, risky: true } : a));
    const rb = { ...runbook(), actions: risky };
    const w = world();
    const waiting = await runRunbook(rb, slo, w.ports, options());
    expect(w.sent).toEqual([]);
    expect(waiting.result).toBe('awaiting-approval');
    expect(waiting.escalation!.reason).toBe('roll-back is marked risky and has no approval');
    const approved = world();
    const ran = await runRunbook(rb, slo, approved.ports, options({ approvals: ['roll-back'] }));
    expect(approved.sent).toEqual(['roll-back@30']);
    expect(ran.result).toBe('recovered');
  });

  it('resumes from the waiting action once a person approves it, with the approval in its record', async () => {
    const risky = runbook().actions.map(a => (a.name === 'roll-back' ? { ...a, risky: true } : a));
    const rb = { ...runbook(), actions: risky };
    const w = world();
    const asked: { action: string; result: string; waiting: string[]; deadline: number }[] = [];
    // The approval comes 40 s after the run began to wait (the clock moves by polling).
    w.ports.awaitApproval = async (action, waiting, deadline) => {
      asked.push({
        action: action.name,
        result: waiting.result,
        waiting: waiting.actions.map(a => `${a.action}:${a.decision.verdict}`),
        deadline: deadline - T0,
      });
      await w.ports.sleep(40);
      return { by: 'user:default/hana.mori', at: w.ports.now() };
    };
    const record = await runRunbook(rb, slo, w.ports, options({ approvalWaitSeconds: 600 }));
    // The run showed itself waiting at the alert (T0+30), with a deadline 600 s later.
    expect(asked).toEqual([
      {
        action: 'roll-back',
        result: 'awaiting-approval',
        waiting: ['roll-back:await-approval'],
        deadline: 630,
      },
    ]);
    // ... and went on from the waiting action: the rollback, sent once approved, recovered.
    expect(w.sent).toEqual(['roll-back@70']);
    expect(record.result).toBe('recovered');
    expect(record.actions).toHaveLength(1);
    expect(record.actions[0]).toMatchObject({
      action: 'roll-back',
      outcome: 'succeeded',
      startedAt: T0 + 70,
      decision: { verdict: 'run', guardrail: 'none' },
      approval: { by: 'user:default/hana.mori', at: T0 + 70 },
    });
    expect(record.times.recoveredAt).toBeGreaterThan(T0 + 70);
  });

  it('escalates when nobody approves the risky action before the deadline, and tries the rest', async () => {
    const risky = runbook().actions.map(a => ({ ...a, risky: true }));
    const rb = { ...runbook(), actions: risky };
    const w = world();
    const deadlines: number[] = [];
    w.ports.awaitApproval = async (_action, _waiting, deadline) => {
      deadlines.push(deadline - T0);
      await w.ports.sleep(deadline - w.ports.now());
      return null;
    };
    const record = await runRunbook(rb, slo, w.ports, options({ approvalWaitSeconds: 120 }));
    expect(w.sent).toEqual([]);
    // roll-back waited from T0+30 to T0+150, then restart from T0+150 to T0+270.
    expect(deadlines).toEqual([150, 270]);
    expect(record.actions.map(a => [a.action, a.decision.guardrail, a.decision.reason])).toEqual([
      ['roll-back', 'approval', 'no approval of roll-back within 120 s'],
      ['restart', 'approval', 'no approval of restart within 120 s'],
    ]);
    expect(record.actions.every(a => a.approval === undefined)).toBe(true);
    expect(record.result).toBe('escalated');
    expect(record.escalation).toEqual({
      reason: 'no approval of roll-back within 120 s; no approval of restart within 120 s',
      tried: [],
    });
  });

  it('starts the impact at detection when the page fires before a sample shows the breach', async () => {
    // The page is active 2 s after the deploy, from a scrape between two samples of the grid.
    const w = world({ alertAt: T0 + 2 });
    const record = await runRunbook(runbook(), slo, w.ports, options());
    expect(record.result).toBe('recovered');
    expect(record.times).toMatchObject({
      impactStartedAt: T0 + 2,
      detectedAt: T0 + 2,
      ttdSeconds: 0,
    });
    expect(record.times.ttrSeconds).toBe(record.times.recoveredAt! - (T0 + 2));
  });

  it('keeps its audit record when Prometheus fails: unreadable counters prove no recovery', async () => {
    const w = world();
    let failing = false;
    const read = w.ports.readSeries;
    const alerts = w.ports.alerts;
    let alertCalls = 0;
    const ports: RunbookPorts = {
      ...w.ports,
      // The first look at the alerts fails; the next ones answer.
      alerts: async () => {
        if (alertCalls++ === 0) throw new Error('connect ECONNREFUSED');
        return alerts();
      },
      readSeries: async (instant, from) => {
        if (failing) throw new Error('Prometheus 503');
        return read(instant, from);
      },
      execute: async (action, rb, changes) => {
        const detail = await w.ports.execute(action, rb, changes);
        failing = true;
        return detail;
      },
    };
    const record = await runRunbook(runbook(), slo, ports, options());
    expect(w.log).toContain('alerts could not be read (connect ECONNREFUSED)');
    // The rollback worked, but without counters it cannot be shown: timed out at T0+30+300+60.
    expect(record.actions[0]).toMatchObject({
      action: 'roll-back',
      outcome: 'succeeded',
      verification: { verdict: 'timed-out', recoveredAt: null, deadline: T0 + 330 },
    });
    expect(record.actions[1]!.verification!.verdict).toBe('timed-out');
    expect(record.result).toBe('escalated');
    expect(record.times.impactStartedAt).toBeNull();
    expect(
      w.log.filter(l => l.startsWith('verification: the counters could not be read')),
    ).not.toHaveLength(0);
  });

  it('reads saturation against the capacity assessment when the step names none', async () => {
    const w = world();
    const rb = runbook();
    const withSaturation: Runbook = {
      ...rb,
      actions: [
        ...rb.actions,
        {
          type: 'scale',
          replicas: 12,
          name: 'scale-out',
          when: ['saturation'],
          risky: false,
          safe: false,
        },
      ],
      diagnosis: [
        ...rb.diagnosis,
        {
          kind: 'saturation',
          name: 'saturation',
          query: 'sum(rate(x[1m]))',
          capacity: null,
          above: 0.4,
        },
      ],
    };
    const asked: string[] = [];
    const record = await runRunbook(
      withSaturation,
      slo,
      {
        ...w.ports,
        capacity: async (service, step) => {
          asked.push(`${service}/${step}`);
          return 100;
        },
      },
      options({ global: { dryRun: true, freezeWindows: [] } }),
    );
    expect(asked).toEqual(['wallet-api/saturation']);
    // Half of 100 req/s fail at the time of diagnosis: the query reads 50 of 100 = 50 % > 40 %.
    expect(record.findings.at(-1)).toMatchObject({
      step: 'saturation',
      holds: true,
      value: 0.5,
      detail: '50 of 100 is 50 % (limit 40 %)',
    });
    expect(record.chosen).toEqual(['roll-back', 'restart', 'scale-out']);
  });
});
