import { join } from 'node:path';
import { OpenMetricsFile, seriesLabels } from '../prometheus/prom';

export const METRIC = 'http_requests_total';
export const PODS = 10;
/** Per SLO: every pod's code 200 and code 500 counter, so the total selector matches 20 series. */
export const SERIES_PER_SLO = PODS * 2;
export const STEP = 60;
export const DAY = 86_400;
/** Samples sit 15 s after each minute, as scrapes are not aligned to the evaluation grid. */
const OFFSET = 15;

/** What was backfilled: two sets of services with their own history depth. */
export interface HistorySpec {
  /** Last evaluation instant; the newest sample is at most one step before it. */
  end: number;
  /** Services of the main set (one SLO each) and their days of history. */
  services: number;
  days: number;
  /** Services of the window sweep and their days of history (deep enough for a 30-day SLO). */
  sweepServices: number;
  sweepDays: number;
}

export const mainService = (i: number) => `svc-${String(i).padStart(4, '0')}`;
export const sweepService = (i: number) => `wsvc-${String(i).padStart(3, '0')}`;

/**
 * Requests counted by one pod since `origin`: a rate of `perMinute` with a ±50 % daily cycle,
 * integrated in closed form, so that any time slice can be written on its own and the counter
 * still never drops (its derivative stays above half the rate).
 */
function requestsSince(perMinute: number, origin: number, t: number): number {
  const w = (2 * Math.PI) / DAY;
  const integral = t - origin - (0.5 / w) * (Math.cos(w * t) - Math.cos(w * origin));
  return Math.floor((perMinute / 60) * integral);
}

/** Counters of one service: code 500 is a fixed share of the pod's requests, 0.05–0.17 %. */
function serviceModel(index: number) {
  const errorShare = 0.0005 + (index % 7) * 0.0002;
  const perMinute = (pod: number) => 60 + ((index * 37 + pod * 11) % 540);
  return { errorShare, perMinute };
}

function writeService(
  om: OpenMetricsFile,
  service: string,
  index: number,
  from: number,
  end: number,
  origin: number,
): number {
  const { errorShare, perMinute } = serviceModel(index);
  const first = Math.ceil((from - OFFSET) / STEP) * STEP + OFFSET;
  let samples = 0;
  for (let pod = 0; pod < PODS; pod++) {
    const rate = perMinute(pod);
    const ok = seriesLabels({ service, pod: `p${pod}`, code: '200' });
    const bad = seriesLabels({ service, pod: `p${pod}`, code: '500' });
    // All samples of one series before the next one: promtool reads a series in time order.
    for (const [labels, errors] of [
      [ok, false],
      [bad, true],
    ] as const) {
      for (let t = first; t < end; t += STEP) {
        const requests = requestsSince(rate, origin, t);
        const failed = Math.floor(requests * errorShare);
        om.sample(METRIC, labels, errors ? failed : requests - failed, t);
        samples++;
      }
    }
  }
  return samples;
}

/**
 * Writes the history of both sets as OpenMetrics and turns it into TSDB blocks in `dataDir`
 * with one promtool run (one long block: nothing for Prometheus to compact while measured).
 * Returns the number of samples written.
 */
export function writeHistory(spec: HistorySpec, workDir: string, dataDir: string): number {
  const om = new OpenMetricsFile(join(workDir, 'history.om'));
  const origin = spec.end - Math.max(spec.days, spec.sweepDays) * DAY - 3600;
  let samples = 0;
  for (let i = 0; i < spec.services; i++)
    samples += writeService(om, mainService(i), i, spec.end - spec.days * DAY, spec.end, origin);
  for (let i = 0; i < spec.sweepServices; i++)
    samples += writeService(
      om,
      sweepService(i),
      i,
      spec.end - spec.sweepDays * DAY,
      spec.end,
      origin,
    );
  om.toBlocks(dataDir);
  return samples;
}
