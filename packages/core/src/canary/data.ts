import { prepareSeries } from '../engine/series';
import type { PreparedSeries } from '../engine/types';
import { compareBurn, type BurnComparison } from './burn';
import type { CanaryBurnSlo, CanaryConfig } from './config';
import { judgeCanary, type CanaryVerdict } from './judge';
import type { ScoreThresholds } from './score';
import type { ClassifierParams } from './types';

/** One observation of a metric: unix seconds, metric name, value (NaN when missing). */
export interface CanaryPoint {
  t: number;
  metric: string;
  value: number;
}

/** The metric names a config reads: judged metrics and the SLO counters of `burn`. */
export function configuredMetricNames(config: CanaryConfig): Set<string> {
  const names = new Set(config.metrics.map(m => m.name));
  for (const s of config.burn.slos) {
    names.add(s.events.metric);
    names.add(s.totalMetric);
  }
  return names;
}

function valuesByMetric(points: readonly CanaryPoint[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const p of points) {
    const v = out.get(p.metric) ?? [];
    v.push(p.value);
    out.set(p.metric, v);
  }
  return out;
}

/** The SLO's two counters joined on time; a time where one is missing counts as a missing sample. */
function counters(points: readonly CanaryPoint[], slo: CanaryBurnSlo): PreparedSeries {
  const events = new Map<number, number>();
  const total = new Map<number, number>();
  for (const p of points) {
    if (p.metric === slo.events.metric) events.set(p.t, p.value);
    if (p.metric === slo.totalMetric) total.set(p.t, p.value);
  }
  const times = [...new Set([...events.keys(), ...total.keys()])].sort((a, b) => a - b);
  return prepareSeries({
    timestamps: Float64Array.from(times),
    events: Float64Array.from(times, t => events.get(t) ?? NaN),
    total: Float64Array.from(times, t => total.get(t) ?? NaN),
    kind: slo.events.kind,
  });
}

function span(points: readonly CanaryPoint[]): [number, number] | null {
  if (points.length === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    if (p.t < lo) lo = p.t;
    if (p.t > hi) hi = p.t;
  }
  return [lo, hi];
}

export interface CanaryDataInput {
  config: CanaryConfig;
  baseline: readonly CanaryPoint[];
  canary: readonly CanaryPoint[];
  thresholds?: ScoreThresholds;
  classifier?: ClassifierParams;
}

/**
 * The verdict from raw observations: metric values grouped by name for the judge, and each
 * `burn` SLO's counters compared over the analysis window (from the first to the last time in
 * either data set).
 */
export function judgeCanaryData(input: CanaryDataInput): CanaryVerdict {
  const { config } = input;
  // Without data (or a single instant) the window is empty and every SLO reads Nodata.
  const [from, to] = span([...input.baseline, ...input.canary]) ?? [0, 0];
  const burn: BurnComparison[] = config.burn.slos.map(slo =>
    compareBurn(
      {
        name: `SLO '${slo.name}'`,
        objective: slo.objective,
        baseline: counters(input.baseline, slo),
        canary: counters(input.canary, slo),
        at: to,
        windowSeconds: to - from,
      },
      config.burn.policy,
    ),
  );
  return judgeCanary({
    config,
    baseline: valuesByMetric(input.baseline),
    canary: valuesByMetric(input.canary),
    ...(input.thresholds ? { thresholds: input.thresholds } : {}),
    ...(input.classifier ? { classifier: input.classifier } : {}),
    burn,
  });
}
