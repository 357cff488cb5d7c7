import {
  abortReason,
  drillBudgetSpent,
  judgeDrill,
  meetsSteadyState,
  mitigationTime,
  parseRfc3339,
  readSteadyState,
  type Drill,
  type DrillFault,
  type DrillRunRecord,
  type PreparedSeries,
  type Slo,
} from '@headroom/core';
import type { AlertInfo } from '@headroom/prometheus';
import type { PlacedFault } from './simulatorControl';

/** What a run reads and does; the CLI wires Prometheus and the simulator, tests may wire others. */
export interface DrillPorts {
  /** Unix seconds. */
  now(): number;
  sleep(seconds: number): Promise<void>;
  /**
   * The SLO's counters as of `instant`; `at` is the last sample's time. Without `from`, the sample
   * plan's read (the whole SLO window, for the budget); with it, only samples from `from` on (the
   * short windows a drill watches every few seconds).
   */
  readSeries(instant: number, from?: number): Promise<{ series: PreparedSeries; at: number }>;
  alerts(): Promise<AlertInfo[]>;
  faults: {
    place(fault: DrillFault, drillName: string, now: number): Promise<PlacedFault>;
    remove(fault: PlacedFault): Promise<void>;
  };
  log(line: string): void;
}

export interface DrillRunOptions {
  /** Seconds between two looks at Prometheus while the drill runs. */
  pollSeconds: number;
  /**
   * How long after the watch the after-checks wait. By default they run once the longest
   * steady-state window has passed since the fault ended (at most an hour), so that the windows
   * they read no longer hold the fault itself.
   */
  settleSeconds?: number;
}

/** The label names of the two rule-label styles: Sloth's and Headroom's own. */
const STYLES = [
  { severity: 'sloth_severity', service: 'sloth_service', slo: 'sloth_slo' },
  { severity: 'headroom_severity', service: 'headroom_service', slo: 'headroom_slo' },
];

/** The time the SLO's alert of `severity` became active, if one fires now. */
export function firingSince(
  alerts: readonly AlertInfo[],
  slo: Slo,
  severity: string,
): number | undefined {
  let first: number | undefined;
  for (const a of alerts) {
    if (a.state !== 'firing' || a.activeAt === undefined) continue;
    const matches = STYLES.some(
      n =>
        a.labels[n.severity] === severity &&
        a.labels[n.service] === slo.service &&
        a.labels[n.slo] === slo.name,
    );
    const t = matches ? parseRfc3339(a.activeAt) : undefined;
    if (t !== undefined && (first === undefined || t < first)) first = t;
  }
  return first;
}

/**
 * Runs a drill: checks the steady state, puts the faults in, watches for the expected alert, an
 * abort condition and recovery, takes the faults out, checks the steady state again and judges
 * the run with core. Faults placed are always taken out, whatever fails.
 */
export async function runDrill(
  drill: Drill,
  slo: Slo,
  ports: DrillPorts,
  options: DrillRunOptions,
): Promise<DrillRunRecord> {
  const startedAt = ports.now();
  // Enough history for every steady-state window, the abort windows and the 1-minute ratio.
  const lookback =
    Math.max(
      60,
      ...drill.steadyState.map(t => t.windowSeconds),
      ...drill.abort.map(a => (a.kind === 'burnRate' ? a.windowSeconds : 0)),
    ) + 60;
  const first = await ports.readSeries(startedAt, startedAt - lookback);
  const before = readSteadyState(slo, first.series, drill.steadyState, first.at);
  if (!before.every(meetsSteadyState)) {
    return judgeDrill(drill, { startedAt, endedAt: ports.now(), before });
  }

  const stable = drill.expect.recovery?.stableSeconds ?? 300;
  const placed: PlacedFault[] = [];
  const faultStartedAt = ports.now();
  let faultEndedAt: number | undefined;
  let alertFiredAt: number | undefined;
  let recoveredAt: number | undefined;
  let aborted: { at: number; reason: string } | undefined;
  const removeAll = async (t: number) => {
    if (faultEndedAt !== undefined) return;
    faultEndedAt = t;
    for (const p of placed.splice(0)) await ports.faults.remove(p);
  };

  try {
    for (const fault of drill.faults) {
      placed.push(await ports.faults.place(fault, drill.name, faultStartedAt));
      ports.log(`fault ${fault.type} on ${fault.target} (magnitude ${fault.magnitude}) placed`);
    }
    const faultEnd = faultStartedAt + Math.max(...drill.faults.map(f => f.durationSeconds));
    // Recovery is proven by `stable` seconds of clean 1-minute ratios after the fault, which
    // Prometheus shows a scrape or two later; the alert has its own deadline.
    const deadline = Math.max(
      faultEnd + stable + 120,
      faultStartedAt + (drill.expect.alert?.withinSeconds ?? 0) + 60,
    );
    const alertSeverity = drill.expect.alert?.severity ?? 'page';
    while (ports.now() < deadline) {
      await ports.sleep(options.pollSeconds);
      const t = ports.now();
      if (t >= faultEnd) await removeAll(t);
      if (alertFiredAt === undefined) {
        const since = firingSince(await ports.alerts(), slo, alertSeverity);
        if (since !== undefined && since >= startedAt) {
          alertFiredAt = since;
          ports.log(`${alertSeverity} alert fired ${since - faultStartedAt} s after the fault`);
        }
      }
      const { series, at } = await ports.readSeries(t, Math.min(startedAt, t - lookback));
      if (faultEndedAt === undefined && !aborted) {
        const reason = abortReason(slo, series, drill.abort, at);
        if (reason) {
          aborted = { at: t, reason };
          ports.log(`aborted: ${reason}`);
          await removeAll(t);
        }
      }
      if (recoveredAt === undefined) {
        recoveredAt = mitigationTime(series, slo.objective.target, faultStartedAt, stable);
        if (recoveredAt !== undefined) {
          ports.log(`recovered ${recoveredAt - faultStartedAt} s after the fault`);
        }
      }
      const alertSettled =
        alertFiredAt !== undefined ||
        !drill.expect.alert ||
        t > faultStartedAt + drill.expect.alert.withinSeconds;
      if (faultEndedAt !== undefined && recoveredAt !== undefined && alertSettled) break;
    }
  } finally {
    await removeAll(ports.now());
  }

  const longest = Math.min(3600, Math.max(...drill.steadyState.map(t => t.windowSeconds)));
  const settle = options.settleSeconds ?? Math.max(0, faultEndedAt! + longest - ports.now());
  await ports.sleep(settle);
  const last = await ports.readSeries(ports.now());
  return judgeDrill(drill, {
    startedAt,
    endedAt: ports.now(),
    before,
    faultStartedAt,
    faultEndedAt,
    after: readSteadyState(slo, last.series, drill.steadyState, last.at),
    ...(alertFiredAt !== undefined ? { alertFiredAt } : {}),
    ...(recoveredAt !== undefined ? { recoveredAt } : {}),
    ...(aborted ? { aborted } : {}),
    // From the fault's start to the end of the run, not to the fault's end: counters show a
    // step's failures only once the step is counted and scraped (the simulator's 15 s steps, a
    // 5 s scrape: up to a third of a one-minute fault arrives after it ended), and the errors
    // of a slow recovery are the drill's cost too.
    budgetSpent: drillBudgetSpent(slo, last.series, faultStartedAt, last.at, last.at),
  });
}
