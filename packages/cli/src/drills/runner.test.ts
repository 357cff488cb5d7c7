import {
  prepareSeries,
  type CounterSamples,
  type Drill,
  type DrillFault,
  type Slo,
} from '@headroom/core';
import type { AlertInfo } from '@headroom/prometheus';
import { firingSince, runDrill, type DrillPorts } from './runner';
import type { PlacedFault } from './simulatorControl';

const T0 = 1_800_000_000;
const STEP = 15;
const RATE = 100; // requests per second

const slo = {
  name: 'availability',
  service: 'wallet-api',
  objective: { target: 0.999 },
  window: { duration: '30d', seconds: 30 * 86400, isRolling: true },
} as Slo;

function drill(overrides: Partial<Drill> = {}): Drill {
  return {
    name: 'wallet-api-outage',
    service: 'wallet-api',
    slo: 'availability',
    hypothesis: 'An outage pages within a minute and recovers within five.',
    steadyState: [{ kind: 'burnRate', windowSeconds: 300, below: 2 }],
    faults: [
      { type: 'outage', target: 'wallet-api', magnitude: 1, durationSeconds: 60, weight: 10 },
    ],
    blastRadius: { maxServices: 1 },
    abort: [],
    expect: {
      alert: { severity: 'page', withinSeconds: 60 },
      recovery: { withinSeconds: 300, stableSeconds: 120, by: 'fault-end' },
    },
    source: { file: 'test', docIndex: 0 },
    ...overrides,
  };
}

/**
 * A service scraped every 15 s whose failing share is set by the faults in place, an alert that
 * fires `alertAfter` seconds into a fault (or never), and a clock that moves only by sleeping.
 */
function world(opts: { alertAfter?: number; healthyErrors?: number } = {}) {
  let now = T0;
  const changes: { t: number; failing: number }[] = [
    { t: -Infinity, failing: opts.healthyErrors ?? 0 },
  ];
  const failingAt = (t: number) => changes.filter(c => c.t <= t).at(-1)!.failing;
  const placed: DrillFault[] = [];
  const log: string[] = [];
  let faultStart: number | undefined;
  const counters = (from: number, to: number): CounterSamples => {
    // Counters from a day before T0: cumulative sums of 15-second steps.
    const origin = T0 - 86400;
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
  const ports: DrillPorts = {
    now: () => now,
    sleep: async s => {
      now += s;
    },
    readSeries: async (instant, from) => {
      const end = Math.floor(instant / STEP) * STEP;
      const start = from === undefined ? end - 30 * 86400 : Math.floor(from / STEP) * STEP - STEP;
      return { series: prepareSeries(counters(Math.max(start, T0 - 86400), end)), at: end };
    },
    alerts: async (): Promise<AlertInfo[]> =>
      opts.alertAfter !== undefined &&
      faultStart !== undefined &&
      now >= faultStart + opts.alertAfter
        ? [
            {
              labels: {
                sloth_severity: 'page',
                sloth_service: 'wallet-api',
                sloth_slo: 'availability',
              },
              annotations: {},
              state: 'firing',
              activeAt: new Date((faultStart + opts.alertAfter) * 1000).toISOString(),
              value: 1,
            },
          ]
        : [],
    faults: {
      place: async (fault, _name, t): Promise<PlacedFault> => {
        placed.push(fault);
        faultStart = t;
        changes.push({ t, failing: fault.magnitude });
        return { service: fault.target, undo: { kind: 'clear', id: `f${placed.length}` } };
      },
      remove: async () => {
        changes.push({ t: now, failing: opts.healthyErrors ?? 0 });
      },
    },
    log: line => log.push(line),
  };
  return { ports, log, placed, changes };
}

describe('runDrill', () => {
  it('passes when the page fires in time and the SLI recovers after the fault', async () => {
    const w = world({ alertAfter: 40 });
    const record = await runDrill(drill(), slo, w.ports, { pollSeconds: 5 });
    expect(record.verdict).toBe('Pass');
    expect(record.detection).toMatchObject({ ttdSeconds: 40, withinTarget: true });
    // The fault ends 60 s in (first poll at or after it); the 1-minute ratio is clean one minute
    // later, from the first sample whose minute holds no failure: 60 + 60 = 120 s, on the grid.
    expect(record.recovery.ttrSeconds).toBe(120);
    expect(record.recovery.withinTarget).toBe(true);
    // 4 steps of 15 s at 100 % errors, 100/s: 6,000 bad, over 0.001 of all requests since the
    // counters began a day before the drill (the 30-day window holds them all).
    const at = Math.floor(Date.parse(record.endedAt) / 1000 / STEP) * STEP;
    expect(record.budgetSpent).toBeCloseTo(6000 / (0.001 * RATE * (at - (T0 - 86400))), 12);
    expect(record.resilienceScore).toBe(100);
    expect(w.changes.at(-1)!.failing).toBe(0);
  });

  it('fails, and says so, when no page fires: a weak link', async () => {
    const w = world();
    const record = await runDrill(drill(), slo, w.ports, { pollSeconds: 5 });
    expect(record.verdict).toBe('Fail');
    expect(record.detection).toEqual({
      expected: true,
      alertFiredAt: null,
      ttdSeconds: null,
      withinTarget: false,
    });
    expect(record.summary).toContain('page alert within 1m: no alert fired');
  });

  it('stops the fault at the first look where an abort condition holds', async () => {
    const w = world({ alertAfter: 40 });
    const record = await runDrill(
      drill({ abort: [{ kind: 'burnRate', windowSeconds: 300, above: 50 }] }),
      slo,
      w.ports,
      { pollSeconds: 5 },
    );
    expect(record.verdict).toBe('Aborted');
    // 100 % errors: the 5-minute burn passes 50 once 15 s of failures are in the window
    // (1,500 bad of 30,000 is 0.05 = 50×; more than that at the second scrape, 30 s in).
    const abortedAfter =
      Date.parse(record.aborted!.at) / 1000 - Date.parse(record.faultStartedAt!) / 1000;
    expect(abortedAfter).toBe(30);
    expect(record.faultEndedAt).toBe(record.aborted!.at);
    expect(w.changes.at(-1)).toEqual({ t: T0 + 30, failing: 0 });
  });

  it('does not put the fault in when the steady state does not hold', async () => {
    const w = world({ healthyErrors: 0.01 });
    const record = await runDrill(drill(), slo, w.ports, { pollSeconds: 5 });
    expect(record.verdict).toBe('Skipped');
    expect(w.placed).toEqual([]);
    expect(record.summary).toBe(
      'Not run: the steady state did not hold before the fault (burn rate over 5m 10 (steady below 2)).',
    );
  });
});

describe('firingSince', () => {
  it("reads Sloth's and Headroom's label names and only firing alerts of the SLO", () => {
    const alert = (
      labels: Record<string, string>,
      state: AlertInfo['state'],
      at: string,
    ): AlertInfo => ({
      labels,
      annotations: {},
      state,
      activeAt: at,
      value: 1,
    });
    const alerts = [
      alert(
        { sloth_severity: 'page', sloth_service: 'wallet-api', sloth_slo: 'availability' },
        'pending',
        '2027-01-15T08:00:00Z',
      ),
      alert(
        { headroom_severity: 'page', headroom_service: 'wallet-api', headroom_slo: 'availability' },
        'firing',
        '2027-01-15T08:00:40Z',
      ),
      alert(
        { sloth_severity: 'page', sloth_service: 'ledger', sloth_slo: 'availability' },
        'firing',
        '2027-01-15T07:00:00Z',
      ),
      alert(
        { sloth_severity: 'ticket', sloth_service: 'wallet-api', sloth_slo: 'availability' },
        'firing',
        '2027-01-15T07:30:00Z',
      ),
    ];
    expect(firingSince(alerts, slo, 'page')).toBe(T0 + 40);
    expect(firingSince(alerts, slo, 'ticket')).toBe(T0 - 1800);
  });
});
