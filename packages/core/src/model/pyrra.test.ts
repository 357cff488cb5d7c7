import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIssue } from './issues';
import { parseSloDocuments } from './parse';

// The fixtures are modelled on Pyrra's own examples (examples/kubernetes/slos/*.yaml,
// examples/caddy-response-latency.yaml, examples/dynamic-burn-rate-bool-gauge.yaml).
const RATIO = readFileSync(join(__dirname, 'testdata', 'pyrra-ratio.yaml'), 'utf8');
const LATENCY = readFileSync(join(__dirname, 'testdata', 'pyrra-latency.yaml'), 'utf8');
const BOOL_GAUGE = readFileSync(join(__dirname, 'testdata', 'pyrra-bool-gauge.yaml'), 'utf8');
const DAY = 86_400;

function parseOk(text: string, options = {}) {
  const result = parseSloDocuments(text, 'pyrra.yaml', options);
  expect(result.issues.map(formatIssue)).toEqual([]);
  return result.slos;
}

describe('Pyrra ServiceLevelObjective', () => {
  it('reads a ratio SLO: errors over total as counter selectors, target percent, namespace as service', () => {
    const [slo] = parseOk(RATIO);
    expect(slo).toMatchObject({
      name: 'prometheus-query-errors',
      service: 'monitoring',
      // Pyrra's rule labels: slo="<name>" and the pyrra.dev/ labels; the others label the
      // PrometheusRule resource, not the series.
      labels: { slo: 'prometheus-query-errors' },
      objective: { target: 0.99 },
      window: { duration: '2w', seconds: 14 * DAY, isRolling: true },
      budgetingMethod: 'Occurrences',
      grouping: ['handler'],
      source: {
        format: 'pyrra/v1alpha1',
        docIndex: 0,
        resource: { labels: { prometheus: 'k8s', role: 'alert-rules' } },
      },
    });
    expect(slo!.description).toBeUndefined();
    expect(slo!.indicator).toEqual({
      kind: 'ratio',
      bad: {
        source: 'prometheus',
        query:
          'prometheus_http_requests_total{job="prometheus-k8s",handler=~"/api/v1/query.*",code=~"5.."}',
        windowed: false,
      },
      total: {
        source: 'prometheus',
        query: 'prometheus_http_requests_total{job="prometheus-k8s",handler=~"/api/v1/query.*"}',
        windowed: false,
      },
    });
    expect(slo!.alerting.page.enabled).toBe(true);
  });

  it('reads a latency SLO as good (bucket) over total, with the service and owner from annotations', () => {
    const [slo] = parseOk(LATENCY);
    expect(slo).toMatchObject({
      name: 'caddy-response-latency',
      service: 'caddy',
      owner: 'group:default/web',
      annotations: {},
      objective: { target: 0.9 },
      window: { duration: '4w', seconds: 28 * DAY },
      indicator: {
        kind: 'ratio',
        good: {
          query:
            'caddy_http_response_duration_seconds_bucket{job="caddy",handler="subroute",code!~"5..",le="0.05"}',
          windowed: false,
        },
        total: {
          query:
            'caddy_http_response_duration_seconds_count{job="caddy",handler="subroute",code!~"5.."}',
        },
      },
    });
    // 4w is 28 days: Sloth's 28-day factors.
    expect(slo!.alerting.windows.map(w => Number(w.factor.toFixed(4)))).toEqual([
      13.44, 5.6, 2.8, 0.9333,
    ]);
  });

  it('reads a bool_gauge SLO as a threshold (good when the gauge is 1) and honours alerting.disabled', () => {
    const [slo] = parseOk(BOOL_GAUGE);
    expect(slo).toMatchObject({
      name: 'prometheus-availability',
      description: 'Prometheus availability',
      indicator: {
        kind: 'threshold',
        metric: { query: 'up{job="prometheus-k8s"}', windowed: false },
      },
      objective: { target: 0.999, op: 'gte', value: 1 },
      alerting: {
        name: 'PrometheusAvailabilityErrorBudgetBurn',
        page: { enabled: false },
        ticket: { enabled: false },
      },
    });
  });

  it('reports a bad target, a missing total metric and a missing service', () => {
    const badTarget = RATIO.replace("target: '99'", "target: '99.x'");
    expect(parseSloDocuments(badTarget, 'p.yaml').issues.map(formatIssue)).toEqual([
      'p.yaml (document 1) spec.target: must be a percentage such as "99.5"',
    ]);
    expect(
      parseSloDocuments(RATIO.replace("target: '99'", "target: '100'"), 'p.yaml').issues.map(
        formatIssue,
      ),
    ).toEqual(['p.yaml (document 1) spec.target: must be < 100']);
    const noTotal = RATIO.replace(/ {6}total:\n.*\n/, '');
    expect(parseSloDocuments(noTotal, 'p.yaml').issues.map(formatIssue)).toEqual([
      'p.yaml (document 1) spec.indicator.ratio.total: is required',
    ]);
    const noNamespace = RATIO.replace('  namespace: monitoring\n', '');
    // Pyrra accepts a resource without a namespace: the SLO is then its own service.
    expect(parseSloDocuments(noNamespace, 'p.yaml').issues.map(formatIssue)).toEqual([]);
    expect(parseOk(noNamespace)[0]!.service).toBe('prometheus-query-errors');
    expect(parseOk(noNamespace, { defaults: { service: 'prometheus' } })[0]!.service).toBe(
      'prometheus',
    );
  });

  it('reports a latency success metric without an le matcher and two indicators at once', () => {
    const noLe = LATENCY.replace(',le="0.05"', '');
    expect(parseSloDocuments(noLe, 'p.yaml').issues.map(formatIssue)).toEqual([
      'p.yaml (document 1) spec.indicator.latency.success.metric: must select a histogram bucket with an le matcher',
    ]);
    const both = BOOL_GAUGE.replace(
      '    bool_gauge:',
      '    ratio:\n      errors:\n        metric: a\n      total:\n        metric: b\n    bool_gauge:',
    );
    expect(parseSloDocuments(both, 'p.yaml').issues.map(formatIssue)).toEqual([
      'p.yaml (document 1) spec.indicator: has ratio and bool_gauge; only one is allowed',
    ]);
  });
});

describe('Pyrra native-histogram latency', () => {
  const native = (
    latency: string,
    metric = 'http_request_duration_seconds{job="api"}',
  ) => `apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: api-latency
  namespace: api
spec:
  target: '99'
  window: 4w
  indicator:
    latencyNative:
      latency: ${latency}
      total:
        metric: ${metric}
      grouping: [route]
`;

  it("reads latencyNative as Pyrra's 1 - histogram_fraction(...) error ratio, per group", () => {
    const [slo] = parseOk(native('200ms'));
    expect(slo!.indicator).toEqual({
      kind: 'rawErrorRatio',
      errorRatio: {
        source: 'prometheus',
        query:
          '1 - histogram_fraction(0, 0.2, sum by (route) (rate(http_request_duration_seconds{job="api"}[{{.window}}])))',
        windowed: true,
      },
    });
    expect(slo!.grouping).toEqual(['route']);
  });

  it('refuses a latency that is no duration and a total that is no selector', () => {
    expect(
      parseSloDocuments(native('fast', 'rate(x[5m])'), 'p.yaml').issues.map(i => i.path),
    ).toEqual([
      'spec.indicator.latencyNative.latency',
      'spec.indicator.latencyNative.total.metric',
    ]);
  });
});
