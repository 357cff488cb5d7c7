import {
  latencyUtilisationCap,
  serviceTimeAtLowLoad,
  type LatencyHeadroom,
  type Slo,
} from '@headroom/core';
import { InputError } from '../errors';
import type { HistoryReader } from './history';

/** What a latency SLO asks: the threshold, the share of requests that must meet it. */
export interface LatencyObjective {
  slo: string;
  objectiveSeconds: number;
  percentile: number;
  /** Requests per second within the threshold, and all requests per second, over 5 minutes. */
  goodQuery: string;
  totalQuery: string;
}

/** A latency SLO's headroom: the service time calibrated on its misses when the service is quiet. */
export type CalibratedLatency = LatencyHeadroom & { slo: string; lowLoadMissRatio: number };

/**
 * The service's latency SLOs in a file: ratios of requests whose good events are a histogram
 * bucket (`…_bucket{…,le="0.25"}`), so that "99 % within 250 ms" reads as a p99 objective of
 * 0.25 s.
 */
export function latencyObjectivesOf(
  slos: Slo[],
  service: string,
  file: string,
): LatencyObjective[] {
  const found: LatencyObjective[] = [];
  for (const slo of slos) {
    if (slo.service !== service || slo.indicator.kind !== 'ratio' || !slo.indicator.good) continue;
    const { good, total } = slo.indicator;
    const le = /_bucket\s*\{[^}]*\ble\s*=\s*"([^"]+)"/.exec(good.query);
    if (!le) continue;
    const objectiveSeconds = Number(le[1]);
    if (!(objectiveSeconds > 0) || !Number.isFinite(objectiveSeconds)) {
      throw new InputError(
        `${file}: SLO ${slo.name}: the bucket bound le="${le[1]}" is not a positive number of seconds`,
      );
    }
    const perSecond = (m: { query: string; windowed: boolean }) =>
      m.windowed ? m.query.replaceAll('{{.window}}', '5m') : `sum(rate(${m.query}[5m]))`;
    found.push({
      slo: slo.name,
      objectiveSeconds,
      percentile: slo.objective.target,
      goodQuery: perSecond(good),
      totalQuery: perSecond(total),
    });
  }
  return found;
}

/**
 * Of several latency SLOs, the one that allows the least utilisation, each calibrated with core's
 * `serviceTimeAtLowLoad` on its own good and total rates; undefined without latency SLOs.
 * `where` names the entity and file in the error for an SLO without requests.
 */
export async function tightestLatency(
  objectives: LatencyObjective[],
  history: HistoryReader,
  driver: Float64Array,
  step: number,
  where: (objective: LatencyObjective) => string,
): Promise<CalibratedLatency | undefined> {
  let tightest: CalibratedLatency | undefined;
  const cap = (l: LatencyHeadroom) =>
    latencyUtilisationCap(l.serviceTimeSeconds, l.objectiveSeconds, l.percentile);
  for (const objective of objectives) {
    const serviceTime = serviceTimeAtLowLoad(
      driver,
      await history.range(objective.goodQuery),
      await history.range(objective.totalQuery),
      objective.objectiveSeconds,
      step,
    );
    if (serviceTime === undefined) throw new InputError(where(objective));
    const candidate: CalibratedLatency = {
      slo: objective.slo,
      serviceTimeSeconds: serviceTime.serviceTimeSeconds,
      lowLoadMissRatio: serviceTime.missRatio,
      objectiveSeconds: objective.objectiveSeconds,
      percentile: objective.percentile,
    };
    if (!tightest || cap(candidate) < cap(tightest)) tightest = candidate;
  }
  return tightest;
}
