import { formatRfc3339 } from '../incidents/rfc3339';
import { runsIn, type DrillRunFacts } from './history';
import { probeSuccessPercentage, resilienceScore } from './score';

export interface ResiliencePoint {
  /** Start of the period, RFC 3339. */
  from: string;
  to: string;
  /** Litmus's score over every fault of every run in the period, 0–100; null without runs. */
  score: number | null;
  runs: number;
  faults: number;
}

export interface ResilienceSeries {
  /** The service, or the line of business, the points are about. */
  key: string;
  /** The score over the whole range. */
  score: number | null;
  points: ResiliencePoint[];
}

export interface ResilienceTrendOptions {
  from: number;
  to: number;
  /** Length of each point's period in seconds (a day, a week). */
  stepSeconds: number;
  /** The group a run counts in: its service (the default), or the service's line of business. */
  groupOf?: (run: DrillRunFacts) => string | undefined;
}

/**
 * The Litmus resilience score per group over time. Each period's score is Litmus's formula over
 * every fault of every run in it: Σ(fault weight × the run's probe success %) / Σ weights. A run
 * whose steady state did not hold before (Skipped) put no fault in and is not counted.
 */
export function resilienceTrend(
  runs: readonly DrillRunFacts[],
  options: ResilienceTrendOptions,
): ResilienceSeries[] {
  const { from, to, stepSeconds } = options;
  if (!(stepSeconds > 0) || !(to > from)) {
    throw new RangeError('resilienceTrend needs stepSeconds > 0 and to after from');
  }
  const groupOf = options.groupOf ?? (r => r.record.service);
  const byGroup = new Map<string, DrillRunFacts[]>();
  for (const run of runsIn(runs, from, to)) {
    const key = groupOf(run);
    if (key === undefined) continue;
    const list = byGroup.get(key) ?? [];
    list.push(run);
    byGroup.set(key, list);
  }
  return [...byGroup.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, list]) => {
      const points: ResiliencePoint[] = [];
      for (let start = from; start < to; start += stepSeconds) {
        const end = Math.min(to, start + stepSeconds);
        const inPeriod = runsIn(list, start, end);
        points.push({
          from: formatRfc3339(start),
          to: formatRfc3339(end),
          score: scoreOf(inPeriod),
          runs: inPeriod.length,
          faults: inPeriod.reduce((n, r) => n + r.faults.length, 0),
        });
      }
      return { key, score: scoreOf(list), points };
    });
}

/** Litmus's score over every fault of the runs, each fault scored by its run's probe success. */
export function scoreOf(runs: readonly DrillRunFacts[]): number | null {
  return resilienceScore(
    runs.flatMap(r => {
      const success = probeSuccessPercentage(r.record.probes);
      return r.faults.map(f => ({ weight: f.weight, probeSuccessPercentage: success }));
    }),
  );
}
