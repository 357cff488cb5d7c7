import { formatRfc3339 } from '../incidents/rfc3339';
import { formatDuration } from '../model/duration';
import { probeSuccessPercentage, resilienceScore } from './score';
import type { Drill, DrillProbe, DrillRunRecord, SteadyStateTerm } from './types';

/** A steady-state term's measured value: a burn rate or an SLI; null without traffic. */
export interface SteadyStateReading {
  term: SteadyStateTerm;
  value: number | null;
}

/** What a drill run saw, in Unix seconds; the runner measures, `judgeDrill` decides. */
export interface DrillObservations {
  startedAt: number;
  endedAt: number;
  before: SteadyStateReading[];
  /** Absent when the fault was never put in (the steady state did not hold before). */
  faultStartedAt?: number;
  faultEndedAt?: number;
  after?: SteadyStateReading[];
  /** When the expected alert fired for the SLO (its activeAt), if it did. */
  alertFiredAt?: number;
  /** When the SLI was back within the allowed error ratio (core's mitigation rule), if it was. */
  recoveredAt?: number;
  aborted?: { at: number; reason: string };
  /** Bad events of the drill over the allowed bad events of the SLO window (0–1+). */
  budgetSpent?: number | null;
}

/** Whether a reading meets its term; no traffic is no evidence of a steady state. */
export function meetsSteadyState(reading: SteadyStateReading): boolean {
  const { term, value } = reading;
  if (value === null) return false;
  return term.kind === 'burnRate' ? value < term.below : value > term.above;
}

function describe(reading: SteadyStateReading): string {
  const { term, value } = reading;
  const window = formatDuration(term.windowSeconds);
  const shown = value === null ? 'no traffic' : String(Number(value.toPrecision(4)));
  return term.kind === 'burnRate'
    ? `burn rate over ${window} ${shown} (steady below ${term.below})`
    : `SLI over ${window} ${shown} (steady above ${term.above})`;
}

function steadyProbes(readings: readonly SteadyStateReading[], mode: 'SOT' | 'EOT'): DrillProbe[] {
  return readings.map(r => ({
    name: `steady-state ${r.term.kind} ${formatDuration(r.term.windowSeconds)}`,
    mode,
    passed: meetsSteadyState(r),
    detail: describe(r),
  }));
}

const iso = (t: number | undefined): string | null => (t === undefined ? null : formatRfc3339(t));

/**
 * The record of one run: Litmus-style probes (steady state before and after, the expected alert
 * and recovery during the chaos), the verdict, time to detect and recover from the fault's start,
 * and the resilience score with every fault scored by the run's probe success.
 */
export function judgeDrill(drill: Drill, seen: DrillObservations): DrillRunRecord {
  const before = steadyProbes(seen.before, 'SOT');
  const skipped = seen.faultStartedAt === undefined;
  const start = seen.faultStartedAt;

  const alert = drill.expect.alert;
  const ttd =
    start !== undefined && seen.alertFiredAt !== undefined ? seen.alertFiredAt - start : null;
  const detectionMet = alert ? ttd !== null && ttd <= alert.withinSeconds : null;
  const recovery = drill.expect.recovery;
  const ttr =
    start !== undefined && seen.recoveredAt !== undefined ? seen.recoveredAt - start : null;
  const recoveryMet = recovery ? ttr !== null && ttr <= recovery.withinSeconds : null;

  const probes: DrillProbe[] = [...before];
  if (!skipped) {
    if (alert) {
      probes.push({
        name: `${alert.severity} alert within ${formatDuration(alert.withinSeconds)}`,
        mode: 'OnChaos',
        passed: detectionMet === true,
        detail: ttd === null ? 'no alert fired' : `fired ${ttd} s after the fault`,
      });
    }
    if (recovery) {
      probes.push({
        name: `recovery within ${formatDuration(recovery.withinSeconds)}`,
        mode: 'OnChaos',
        passed: recoveryMet === true,
        detail: ttr === null ? 'not recovered' : `recovered ${ttr} s after the fault`,
      });
    }
    probes.push(...steadyProbes(seen.after ?? [], 'EOT'));
  }

  const success = probeSuccessPercentage(probes);
  const score = skipped
    ? 0
    : (resilienceScore(
        drill.faults.map(f => ({ weight: f.weight, probeSuccessPercentage: success })),
      ) ?? 0);

  let verdict: DrillRunRecord['verdict'];
  let summary: string;
  if (skipped) {
    verdict = 'Skipped';
    summary = `Not run: the steady state did not hold before the fault (${before
      .filter(p => !p.passed)
      .map(p => p.detail)
      .join('; ')}).`;
  } else if (seen.aborted) {
    verdict = 'Aborted';
    summary = `Aborted: ${seen.aborted.reason}.`;
  } else if (probes.every(p => p.passed)) {
    verdict = 'Pass';
    summary = `The hypothesis held: ${drill.hypothesis}`;
  } else {
    verdict = 'Fail';
    summary = `The hypothesis did not hold: ${probes
      .filter(p => !p.passed)
      .map(p => `${p.name}: ${p.detail}`)
      .join('; ')}.`;
  }

  return {
    drill: drill.name,
    service: drill.service,
    slo: drill.slo,
    verdict,
    summary,
    startedAt: formatRfc3339(seen.startedAt),
    faultStartedAt: iso(seen.faultStartedAt),
    faultEndedAt: iso(seen.faultEndedAt),
    endedAt: formatRfc3339(seen.endedAt),
    probes,
    detection: {
      expected: alert !== undefined,
      alertFiredAt: iso(seen.alertFiredAt),
      ttdSeconds: ttd,
      withinTarget: detectionMet,
    },
    recovery: {
      expected: recovery !== undefined,
      recoveredAt: iso(seen.recoveredAt),
      ttrSeconds: ttr,
      withinTarget: recoveryMet,
    },
    aborted: seen.aborted
      ? { at: formatRfc3339(seen.aborted.at), reason: seen.aborted.reason }
      : null,
    budgetSpent: seen.budgetSpent ?? null,
    resilienceScore: score,
  };
}
