/**
 * The data set of the cross-surface SLO tests: two pods' request counters over 35 days with a
 * counter reset and a scrape gap, and two SLOs on them (a rolling 30-day one and a calendar-month
 * one), evaluated on the 2nd of December. Every surface reads the same counters at the same instant.
 */

export const unix = (iso: string) => Date.parse(iso) / 1000;
export const iso = (seconds: number) =>
  new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
export const MINUTE = 60;
export const DAY = 86_400;
export const AT = unix('2026-12-02T12:00:00Z');
export const MONTH_START = unix('2026-12-01T00:00:00Z');
export const STEP = 60;
export const FROM = AT - 35 * DAY;
/** Scrapes 15 s past each minute, so the sample grid never sits on a scrape. */
export const SCRAPE_OFFSET = 15;
/** Requests a minute served by each of the two pods. */
export const PER_POD_MINUTE = 100;
/** Pod b restarts 30 s after a scrape: the 50 requests it served since are lost with its counters. */
export const RESTART = unix('2026-12-01T08:00:15Z') + 30;
export const LOST_AT_RESTART = (30 / MINUTE) * PER_POD_MINUTE;
/** Pod a is not scraped for half an hour (its counters keep counting). */
export const GAP = [unix('2026-12-02T02:00:00Z'), unix('2026-12-02T02:30:00Z')] as const;

/**
 * Share of failing requests: 0.1 % as a rule; 0.5 % from 29 to 30 November, before the month
 * (only a read that reaches back past the 1st sees it in the 3-day window); 1 % for the last six
 * hours, which the slow page (6h and 30m above 6×) catches.
 */
export const FAILING: [from: number, to: number, share: number][] = [
  [unix('2026-11-29T06:00:00Z'), unix('2026-11-30T18:00:00Z'), 0.005],
  [unix('2026-12-02T06:00:00Z'), AT + DAY, 0.01],
];
export const BASE_SHARE = 0.001;

/** Failing requests one pod served in (from, to]: the share integrated over time. */
export function failingBetween(from: number, to: number): number {
  let failing = (BASE_SHARE * (to - from)) / MINUTE;
  for (const [a, b, share] of FAILING) {
    const overlap = Math.max(0, Math.min(b, to) - Math.max(a, from));
    failing += ((share - BASE_SHARE) * overlap) / MINUTE;
  }
  return failing * PER_POD_MINUTE;
}

/** Cumulative 200 and 500 counters of one pod at `t`, counting from its last (re)start. */
export function podCounters(pod: 'a' | 'b', t: number): { ok: number; failed: number } {
  const since = pod === 'b' && t >= RESTART ? RESTART : FROM;
  const all = ((t - since) / MINUTE) * PER_POD_MINUTE;
  const failed = failingBetween(since, t);
  return { ok: all - failed, failed };
}

export function openMetrics(): string {
  const lines = ['# TYPE http_requests_total unknown'];
  for (const pod of ['a', 'b'] as const) {
    for (const code of ['200', '500'] as const) {
      for (let t = FROM + SCRAPE_OFFSET; t <= AT; t += MINUTE) {
        if (pod === 'a' && t > GAP[0] && t < GAP[1]) continue;
        const c = podCounters(pod, t);
        const v = code === '200' ? c.ok : c.failed;
        lines.push(`http_requests_total{service="ledger",pod="${pod}",code="${code}"} ${v} ${t}`);
      }
    }
  }
  return [...lines, '# EOF', ''].join('\n');
}

export function sloYaml(name: string, timeWindow: string): string {
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
  annotations:
    headroom.dev/owner: team-ledger
    headroom.dev/line-of-business: payments
spec:
  service: ledger
  indicator:
    metadata:
      name: ledger-errors
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{service="ledger",code=~"5.."}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{service="ledger"}
  timeWindow:
${timeWindow}
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`;
}

export const SLO_FILES: Record<string, string> = {
  'rolling.yaml': sloYaml('availability', '    - duration: 30d\n      isRolling: true'),
  'monthly.yaml': sloYaml(
    'availability-monthly',
    '    - duration: 1M\n      isRolling: false\n      calendar:\n        startTime: "2020-01-01 00:00:00"\n        timeZone: UTC',
  ),
};

/** What each surface shows for one SLO, in one shape. */
export interface Shown {
  sli: number | null;
  budgetRemaining: number | null;
  burnRates: Record<string, number | null>;
  alertState: string;
  windowEnd: string;
}
