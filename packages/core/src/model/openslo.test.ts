import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAlertWindows } from './alertWindows';
import { formatIssue } from './issues';
import { parseSloDocuments } from './parse';

// The locator lives outside this package's rootDir: a plain require keeps it out of the tsc build.
const { referenceDir } = require('../../../../test/reference') as {
  referenceDir: (...parts: string[]) => string;
};

const DAY = 86_400;

function reference(file: string) {
  return readFileSync(join(referenceDir('openslo'), file), 'utf8');
}

function parseOk(text: string, file: string, options = {}) {
  const result = parseSloDocuments(text, file, options);
  expect(result.issues.map(formatIssue)).toEqual([]);
  return result.slos;
}

describe('OpenSLO v1 reference examples', () => {
  it('occurences-slo.yaml: threshold indicator, rolling 2w, Occurrences, lt 500 at 0.99', () => {
    const [slo, ...rest] = parseOk(reference('occurences-slo.yaml'), 'occurences-slo.yaml');
    expect(rest).toHaveLength(0);
    expect(slo).toMatchObject({
      name: 'search-slo',
      displayName: 'Searching time',
      service: 'web-shop',
      indicator: { kind: 'threshold', metric: { source: 'any', query: 'Any', windowed: false } },
      objective: { displayName: 'Good experience', op: 'lt', value: 500, target: 0.99 },
      window: { duration: '2w', seconds: 14 * DAY, isRolling: true },
      budgetingMethod: 'Occurrences',
      source: { file: 'occurences-slo.yaml', docIndex: 0, format: 'openslo/v1' },
    });
    // `alertPolicies:` left empty upstream: Headroom's default page and ticket alerts.
    expect(slo!.alerting.page.enabled).toBe(true);
    expect(slo!.alerting.ticket.enabled).toBe(true);
    // 2w is neither 28 nor 30 days: windows scaled by 14/30 (1h → 28m, 5m → 140s).
    expect(slo!.alerting.windows[0]).toMatchObject({
      longWindowSeconds: 1_680,
      shortWindowSeconds: 140,
    });
    expect(slo!.alerting.windows[0]!.factor).toBeCloseTo(14.4, 10);
  });

  it('ratio-timeslices.yaml: good/total ratio, RatioTimeslices with 1m slices', () => {
    const [slo] = parseOk(reference('ratio-timeslices.yaml'), 'ratio-timeslices.yaml');
    expect(slo).toMatchObject({
      name: 'main-page',
      service: 'web-shop',
      budgetingMethod: 'RatioTimeslices',
      objective: { target: 0.99, timeSliceWindowSeconds: 60 },
      window: { duration: '2w', seconds: 14 * DAY, isRolling: true },
    });
    expect(slo!.indicator).toEqual({
      kind: 'ratio',
      good: { source: 'any', query: 'Any', windowed: false },
      total: { source: 'any', query: 'Any', windowed: false },
    });
  });

  it('timeslices-slo.yaml: two objectives become two SLOs on a calendar window', () => {
    const slos = parseOk(reference('timeslices-slo.yaml'), 'timeslices-slo.yaml');
    expect(slos.map(s => s.name)).toEqual([
      'service-availability-internal-objective',
      'service-availability-sla',
    ]);
    expect(slos.map(s => s.objective)).toEqual([
      {
        displayName: 'Internal objective',
        op: 'gt',
        target: 0.995,
        timeSliceTarget: 0.99,
        timeSliceWindowSeconds: 60,
      },
      { displayName: 'SLA', target: 0.99, timeSliceTarget: 0.99, timeSliceWindowSeconds: 60 },
    ]);
    for (const slo of slos) {
      expect(slo.service).toBe('web-availability');
      expect(slo.budgetingMethod).toBe('Timeslices');
      // Read as written: upstream's `1m` is a minute (the comment says month; see the README).
      expect(slo.window).toEqual({
        duration: '1m',
        seconds: 60,
        isRolling: false,
        calendar: { startTime: '2022-01-01 12:00:00', timeZone: 'America/New_York' },
      });
    }
  });

  it('sloth-in-openslo.yaml (v1alpha): target 0.999 over 30 days, windowed Sloth queries', () => {
    const [slo] = parseOk(reference('sloth-in-openslo.yaml'), 'sloth-in-openslo.yaml');
    expect(slo).toMatchObject({
      name: 'slo1',
      displayName: 'Integration test SLO1',
      description: 'this is SLO1.',
      service: 'svc01',
      objective: { target: 0.999 },
      window: { duration: '30d', seconds: 30 * DAY, isRolling: true },
      budgetingMethod: 'Occurrences',
      source: { format: 'openslo/v1alpha' },
    });
    expect(slo!.indicator).toEqual({
      kind: 'ratio',
      good: {
        source: 'prometheus',
        query:
          'sum(rate(http_request_duration_seconds_count{job="myservice",code!~"(5..|429)"}[{{.window}}]))',
        windowed: true,
      },
      total: {
        source: 'prometheus',
        query: 'sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))',
        windowed: true,
      },
    });
    expect(slo!.alerting.windows).toEqual(defaultAlertWindows(30 * DAY));
  });

  it('strict mode rejects the upstream placeholders and the minute-long calendar window', () => {
    const result = parseSloDocuments(reference('timeslices-slo.yaml'), 't.yaml', { strict: true });
    expect(result.slos).toEqual([]);
    expect(result.issues.map(formatIssue)).toEqual([
      't.yaml (document 1) spec.timeWindow[0].duration: must be one calendar unit (1d, 1w, 1M, 1Q, 1Y) when isRolling is false',
      't.yaml (document 1) spec.indicator.spec.ratioMetric.good.metricSource.type: is a placeholder; name the metrics backend, e.g. Prometheus',
      't.yaml (document 1) spec.indicator.spec.ratioMetric.good.metricSource.spec.query: is a placeholder; write the query',
      't.yaml (document 1) spec.indicator.spec.ratioMetric.total.metricSource.type: is a placeholder; name the metrics backend, e.g. Prometheus',
      't.yaml (document 1) spec.indicator.spec.ratioMetric.total.metricSource.spec.query: is a placeholder; write the query',
    ]);
  });
});

const PROM_SLI = `
apiVersion: openslo/v1
kind: SLI
metadata:
  name: checkout-errors
spec:
  ratioMetric:
    counter: true
    bad:
      metricSource:
        metricSourceRef: prom
        spec:
          query: http_requests_total{service="checkout",code=~"5.."}
    total:
      metricSource:
        metricSourceRef: prom
        spec:
          query: http_requests_total{service="checkout"}
---
apiVersion: openslo/v1
kind: DataSource
metadata:
  name: prom
spec:
  type: Prometheus
  connectionDetails:
    url: http://prometheus:9090
---
apiVersion: openslo/v1
kind: AlertCondition
metadata:
  name: fast-burn
spec:
  severity: page
  condition:
    kind: burnrate
    op: gte
    threshold: 14.4
    lookbackWindow: 1h
    alertAfter: 5m
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata:
  name: page-on-fast-burn
  labels:
    team: payments
spec:
  alertWhenBreaching: true
  conditions:
    - conditionRef: fast-burn
---
apiVersion: openslo/v1
kind: Service
metadata:
  name: checkout
  annotations:
    headroom.dev/owner: group:default/payments
    headroom.dev/line-of-business: retail
spec:
  description: Checkout API
`;

const REF_SLO = `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
  annotations:
    headroom.dev/runbook-url: https://runbooks.example.com/checkout
    headroom.dev/dashboard-url: https://grafana.example.com/d/checkout
    team-channel: "#payments"
spec:
  service: checkout
  indicatorRef: checkout-errors
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar:
        startTime: "2024-01-01 00:00:00"
        timeZone: Europe/Paris
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 99.95
  alertPolicies:
    - alertPolicyRef: page-on-fast-burn
`;

describe('OpenSLO v1 references between documents', () => {
  it('resolves indicatorRef, metricSourceRef, alertPolicyRef, conditionRef and the Service owner', () => {
    const [slo, ...rest] = parseOk(`${REF_SLO}---${PROM_SLI}`, 'checkout.yaml');
    expect(rest).toHaveLength(0);
    expect(slo).toMatchObject({
      name: 'checkout-availability',
      service: 'checkout',
      owner: 'group:default/payments',
      lineOfBusiness: 'retail',
      runbookUrl: 'https://runbooks.example.com/checkout',
      dashboardUrl: 'https://grafana.example.com/d/checkout',
      // The headroom.dev keys are read, not copied.
      annotations: { 'team-channel': '#payments' },
      objective: { target: 0.9995 },
      window: { duration: '1M', seconds: 30 * DAY, isRolling: false, calendarUnit: 'month' },
    });
    expect(slo!.indicator).toEqual({
      kind: 'ratio',
      bad: {
        source: 'prometheus',
        query: 'http_requests_total{service="checkout",code=~"5.."}',
        windowed: false,
      },
      total: {
        source: 'prometheus',
        query: 'http_requests_total{service="checkout"}',
        windowed: false,
      },
    });
    // The only policy pages: tickets are off.
    expect(slo!.alerting.page).toEqual({
      enabled: true,
      labels: { team: 'payments' },
      annotations: {},
    });
    expect(slo!.alerting.ticket.enabled).toBe(false);
  });

  it('reports references that name nothing', () => {
    const text = REF_SLO.replace('indicatorRef: checkout-errors', 'indicatorRef: nope').replace(
      'alertPolicyRef: page-on-fast-burn',
      'alertPolicyRef: missing',
    );
    const result = parseSloDocuments(text, 'c.yaml');
    expect(result.slos).toEqual([]);
    expect(result.issues.map(formatIssue)).toEqual([
      'c.yaml (document 1) spec.alertPolicies[0].alertPolicyRef: no AlertPolicy named "missing" in this input',
      'c.yaml (document 1) spec.indicatorRef: no SLI named "nope" in this input',
    ]);
    // The text starts with an empty line: indicatorRef is on line 12.
    expect(result.issues[1]!.line).toBe(12);
  });

  it('uses the default owner and line of business when the documents name none', () => {
    const text = `${REF_SLO}---${PROM_SLI.replace(/ {2}annotations:\n {4}headroom.dev\/owner.*\n.*\n/, '')}`;
    const [slo] = parseOk(text, 'c.yaml', {
      defaults: { owner: 'group:default/sre', lineOfBusiness: 'platform' },
    });
    expect(slo).toMatchObject({ owner: 'group:default/sre', lineOfBusiness: 'platform' });
  });
});

describe('OpenSLO v1 validation', () => {
  const base = (objectives: string, extra = '') => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: api
spec:
  service: api
  indicator:
    metadata:
      name: api-errors
    spec:
      ratioMetric:
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(ok_total[{{.window}}]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(all_total[{{.window}}]))
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
${objectives}${extra}`;

  it('reads a windowed query as windowed', () => {
    const [slo] = parseOk(base('    - target: 0.99'), 'api.yaml');
    expect(slo!.indicator).toMatchObject({
      kind: 'ratio',
      good: { windowed: true },
      total: { windowed: true },
    });
  });

  it('rejects a target of 1.5 at its path', () => {
    const result = parseSloDocuments(base('    - target: 1.5'), 'api.yaml');
    expect(result.slos).toEqual([]);
    expect(result.issues).toEqual([
      {
        file: 'api.yaml',
        docIndex: 0,
        path: 'spec.objectives[0].target',
        message: 'must be < 1',
        line: 27,
        column: 15,
      },
    ]);
    expect(formatIssue(result.issues[0]!)).toBe(
      'api.yaml (document 1) spec.objectives[0].target: must be < 1',
    );
  });

  it('requires a target and checks targetPercent', () => {
    expect(
      parseSloDocuments(base('    - displayName: x'), 'a.yaml').issues.map(formatIssue),
    ).toEqual(['a.yaml (document 1) spec.objectives[0].target: is required']);
    expect(
      parseSloDocuments(base('    - targetPercent: 100'), 'a.yaml').issues.map(formatIssue),
    ).toEqual(['a.yaml (document 1) spec.objectives[0].targetPercent: must be < 100']);
  });

  it('reports a missing total query and a bad duration', () => {
    const text = base('    - target: 0.99')
      .replace('query: sum(rate(all_total[{{.window}}]))', 'promql: ""')
      .replace('duration: 30d', 'duration: 30x');
    expect(parseSloDocuments(text, 'a.yaml').issues.map(formatIssue)).toEqual([
      'a.yaml (document 1) spec.timeWindow[0].duration: must be a duration like 5m, 1h, 30d',
    ]);
    const noTotal = base('    - target: 0.99').replace(
      'query: sum(rate(all_total[{{.window}}]))',
      'promql: ""',
    );
    expect(parseSloDocuments(noTotal, 'a.yaml').issues.map(formatIssue)).toEqual([
      'a.yaml (document 1) spec.indicator.spec.ratioMetric.total.metricSource.spec.query: is required',
    ]);
  });

  it('names each SLO of a multi-objective document after its objective, or its index', () => {
    const slos = parseOk(
      base('    - displayName: Fast path\n      target: 0.99\n    - target: 0.9'),
      'a.yaml',
    );
    expect(slos.map(s => s.name)).toEqual(['api-fast-path', 'api-1']);
  });

  it('accepts unknown fields unless strict', () => {
    const text = base('    - target: 0.99\n      colour: blue');
    expect(parseSloDocuments(text, 'a.yaml').issues).toEqual([]);
    expect(parseSloDocuments(text, 'a.yaml', { strict: true }).issues.map(formatIssue)).toEqual([
      'a.yaml (document 1) spec.objectives[0].colour: unknown field',
    ]);
  });

  it('turns alerting off with an empty alertPolicies list', () => {
    const [slo] = parseOk(base('    - target: 0.99', '\n  alertPolicies: []'), 'a.yaml');
    expect(slo!.alerting.page.enabled).toBe(false);
    expect(slo!.alerting.ticket.enabled).toBe(false);
  });

  it('requires Timeslices settings', () => {
    const text = base('    - target: 0.99').replace(
      'budgetingMethod: Occurrences',
      'budgetingMethod: Timeslices',
    );
    expect(parseSloDocuments(text, 'a.yaml').issues.map(formatIssue)).toEqual([
      'a.yaml (document 1) spec.objectives[0].timeSliceWindow: is required for Timeslices budgeting',
      'a.yaml (document 1) spec.objectives[0].timeSliceTarget: is required for Timeslices budgeting',
    ]);
  });

  it('takes the default period when timeWindow is left out, as the spec allows', () => {
    const text = base('    - target: 0.99').replace(
      '  timeWindow:\n    - duration: 30d\n      isRolling: true\n',
      '',
    );
    expect(text).not.toContain('timeWindow');
    const [slo] = parseOk(text, 'a.yaml');
    expect(slo!.window).toEqual({ duration: '30d', seconds: 30 * DAY, isRolling: true });
    const [weekly] = parseOk(text, 'a.yaml', { defaultPeriod: '7d' });
    expect(weekly!.window.seconds).toBe(7 * DAY);
  });

  it('accepts another backend with its own fields, as written, and names it', () => {
    const text = base('    - target: 0.99')
      .replace(
        /type: Prometheus\n(\s+)spec:\n\s+query: sum\(rate\(ok_total\[\{\{\.window\}\}\]\)\)/,
        'type: AppDynamics\n$1spec:\n$1  metricPath: App|Slow Requests',
      )
      .replace(
        /type: Prometheus\n(\s+)spec:\n\s+query: sum\(rate\(all_total\[\{\{\.window\}\}\]\)\)/,
        'type: AppDynamics\n$1spec:\n$1  metricPath: App|All Requests',
      );
    expect(text).toContain('metricPath: App|Slow Requests');
    const [slo] = parseOk(text, 'a.yaml');
    expect(slo!.indicator).toMatchObject({
      kind: 'ratio',
      good: { source: 'appdynamics', query: '{"metricPath":"App|Slow Requests"}' },
    });
  });

  it('checks names as RFC 1123 labels and time zones as IANA zones', () => {
    const text = base('    - target: 0.99')
      .replace('name: api\n', 'name: My API\n')
      .replace(
        'isRolling: true',
        'isRolling: true\n      calendar: { startTime: 2024-01-01 00:00:00, timeZone: Mars/Olympus }',
      );
    expect(parseSloDocuments(text, 'a.yaml').issues.map(i => i.path)).toEqual([
      'metadata.name',
      'spec.timeWindow[0].calendar.timeZone',
    ]);
  });
});
