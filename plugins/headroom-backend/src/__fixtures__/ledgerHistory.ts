const DAY = 86_400;

/**
 * Two days of ledger traffic as OpenMetrics for `promtool tsdb create-blocks-from openmetrics`,
 * one sample every `step` seconds from `start` to `end`: 100 requests a step, no errors on the
 * first day, 1 error a step after it. Tests compute their expected SLI and budget from this.
 */
export function ledgerOpenMetrics(start: number, end: number, step: number): string {
  const ok: string[] = [];
  const err: string[] = [];
  let okCount = 0;
  let errCount = 0;
  for (let t = start; t <= end; t += step) {
    if (t > start) {
      const errors = t > start + DAY ? 1 : 0;
      okCount += 100 - errors;
      errCount += errors;
    }
    ok.push(`http_requests_total{service="ledger",code="200"} ${okCount} ${t}`);
    err.push(`http_requests_total{service="ledger",code="500"} ${errCount} ${t}`);
  }
  return ['# TYPE http_requests counter', ...ok, ...err, '# EOF', ''].join('\n');
}
