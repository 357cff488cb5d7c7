import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAlertWindows, parseAlertWindows } from './alertWindows';
import { formatIssue } from './issues';
import { parseSloDocuments, sloId } from './parse';
import { parse } from 'yaml';

// The locator lives outside this package's rootDir: a plain require keeps it out of the tsc build.
const { referenceDir } = require('../../../../test/reference') as {
  referenceDir: (...parts: string[]) => string;
};

const DAY = 86_400;
const sloth = (file: string) => readFileSync(join(referenceDir('sloth'), file), 'utf8');

function parseOk(text: string, file: string, options = {}) {
  const result = parseSloDocuments(text, file, options);
  expect(result.issues.map(formatIssue)).toEqual([]);
  return result;
}

const ERROR_QUERY =
  'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))';
const TOTAL_QUERY = 'sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))';

describe('Sloth prometheus/v1', () => {
  it('in-base.yaml: an events SLO with alerts and a raw SLO without', () => {
    const { slos } = parseOk(sloth('in-base.yaml'), 'in-base.yaml');
    expect(slos.map(sloId)).toEqual(['svc01-slo1', 'svc01-slo02']);
    const [slo1, slo2] = slos;
    expect(slo1).toMatchObject({
      name: 'slo1',
      service: 'svc01',
      description: 'This is SLO 01.',
      labels: { global01k1: 'global01v1', global02k1: 'global02v1' },
      objective: { target: 0.999 },
      window: { duration: '30d', seconds: 30 * DAY, isRolling: true },
      budgetingMethod: 'Occurrences',
      source: { file: 'in-base.yaml', docIndex: 0, format: 'sloth/v1' },
    });
    expect(slo1!.indicator).toEqual({
      kind: 'ratio',
      bad: { source: 'prometheus', query: ERROR_QUERY, windowed: true },
      total: { source: 'prometheus', query: TOTAL_QUERY, windowed: true },
    });
    expect(slo1!.alerting).toEqual({
      name: 'myServiceAlert',
      labels: { alert01k1: 'alert01v1' },
      annotations: { alert02k1: 'alert02k2' },
      page: { enabled: true, labels: { alert03k1: 'alert03v1' }, annotations: {} },
      ticket: { enabled: true, labels: { alert04k1: 'alert04v1' }, annotations: {} },
      windows: defaultAlertWindows(30 * DAY),
    });
    expect(slo2).toMatchObject({
      name: 'slo02',
      objective: { target: 0.95 },
      labels: { global01k1: 'global01v1', global03k1: 'global03v1' },
      indicator: {
        kind: 'rawErrorRatio',
        errorRatio: {
          source: 'prometheus',
          query: `${ERROR_QUERY}\n/\n${TOTAL_QUERY}`,
          windowed: true,
        },
      },
    });
    expect(slo2!.alerting.page.enabled).toBe(false);
    expect(slo2!.alerting.ticket.enabled).toBe(false);
  });

  it('in-multifile.yaml: 4 SLOs across svc01 and svc02, each from its own document', () => {
    const { slos } = parseOk(sloth('in-multifile.yaml'), 'in-multifile.yaml');
    expect(slos.map(s => [sloId(s), s.objective.target, s.source.docIndex])).toEqual([
      ['svc01-slo1', 0.999, 0],
      ['svc01-slo02', 0.95, 0],
      ['svc02-slo1', 0.9999, 1],
      ['svc02-slo02', 0.95, 1],
    ]);
  });

  it('example-getting-started.yml: the owner label names the owner', () => {
    const { slos } = parseOk(sloth('example-getting-started.yml'), 'getting-started.yml');
    expect(slos).toHaveLength(1);
    expect(slos[0]).toMatchObject({
      name: 'requests-availability',
      service: 'myservice',
      owner: 'myteam',
      labels: { owner: 'myteam', repo: 'myorg/myservice', tier: '2' },
      alerting: {
        name: 'MyServiceHighErrorRate',
        page: { enabled: true, labels: { severity: 'pageteam', routing_key: 'myteam' } },
        ticket: { enabled: true, labels: { severity: 'slack', slack_channel: '#alerts-myteam' } },
      },
    });
  });

  it('uses the default period (28d) with its Sloth factors', () => {
    const { slos } = parseOk(sloth('in-base.yaml'), 'in-base.yaml', { defaultPeriod: '28d' });
    expect(slos[0]!.window).toEqual({ duration: '28d', seconds: 28 * DAY, isRolling: true });
    expect(slos[0]!.alerting.windows.map(w => Number(w.factor.toFixed(4)))).toEqual([
      13.44, 5.6, 2.8, 0.9333,
    ]);
  });

  it('applies AlertWindows documents of the same period from the same input, or from options', () => {
    const windows7d = sloth('windows-7d.yaml');
    const inOneText = parseOk(`${windows7d}\n---\n${sloth('in-base.yaml')}`, 'slos.yaml', {
      defaultPeriod: '7d',
    });
    expect(inOneText.alertWindows).toHaveLength(1);
    expect(inOneText.slos[0]!.source.docIndex).toBe(1);
    expect(inOneText.slos[0]!.alerting.windows.map(w => Number(w.factor.toFixed(4)))).toEqual([
      13.44, 3.5, 1.4, 0.98,
    ]);

    const spec = parseAlertWindows(parse(windows7d), 'windows-7d.yaml').spec!;
    const viaOptions = parseOk(sloth('in-base.yaml'), 'in-base.yaml', {
      defaultPeriod: '7d',
      alertWindows: [spec],
    });
    expect(viaOptions.slos[0]!.alerting.windows).toEqual(spec.windows);

    // A 30-day SLO is not touched by 7-day windows.
    const other = parseOk(`${windows7d}\n---\n${sloth('in-base.yaml')}`, 'slos.yaml');
    expect(other.slos[0]!.alerting.windows).toEqual(defaultAlertWindows(30 * DAY));
  });

  it('reads the PrometheusServiceLevel resource, with headroom.dev annotations', () => {
    const text = `apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata:
  name: awesome-service
  namespace: payments
  annotations:
    headroom.dev/owner: group:default/payments
    headroom.dev/line-of-business: retail
spec:
  service: awesome-service
  labels:
    tier: "1"
  slos:
    - name: requests-availability
      objective: 99.5
      sli:
        events:
          errorQuery: unused
          error_query: ${ERROR_QUERY}
          total_query: ${TOTAL_QUERY}
      alerting:
        name: AwesomeServiceErrors
        annotations:
          runbook: https://runbooks.example.com/awesome
`;
    const { slos } = parseOk(text, 'crd.yaml');
    expect(slos[0]).toMatchObject({
      name: 'requests-availability',
      service: 'awesome-service',
      owner: 'group:default/payments',
      lineOfBusiness: 'retail',
      runbookUrl: 'https://runbooks.example.com/awesome',
      objective: { target: 0.995 },
      labels: { tier: '1' },
    });
    expect(parseSloDocuments(text, 'crd.yaml', { strict: true }).issues.map(formatIssue)).toEqual([
      'crd.yaml (document 1) spec.slos[0].sli.events.errorQuery: unknown field',
    ]);
  });
});

describe('Sloth validation', () => {
  const doc = (slo: string) => `version: prometheus/v1
service: svc
slos:
  - name: a
    objective: 99
    sli:
      events:
        error_query: ${ERROR_QUERY}
        total_query: ${TOTAL_QUERY}
${slo}`;

  it('rejects an objective of 100 (no error budget)', () => {
    const result = parseSloDocuments(
      doc('').replace('objective: 99', 'objective: 100'),
      'sloth.yaml',
    );
    expect(result.slos).toEqual([]);
    expect(result.issues).toEqual([
      {
        file: 'sloth.yaml',
        docIndex: 0,
        path: 'slos[0].objective',
        message: 'must be < 100',
        line: 5,
        column: 16,
      },
    ]);
  });

  it('reports a missing total query, a query without {{.window}} and a missing service', () => {
    const noTotal = doc('').replace(`        total_query: ${TOTAL_QUERY}\n`, '');
    expect(parseSloDocuments(noTotal, 's.yaml').issues.map(formatIssue)).toEqual([
      's.yaml (document 1) slos[0].sli.events.total_query: is required',
    ]);
    const unwindowed = doc('').replace(TOTAL_QUERY, 'sum(http_requests_total)');
    expect(parseSloDocuments(unwindowed, 's.yaml').issues.map(formatIssue)).toEqual([
      's.yaml (document 1) slos[0].sli.events.total_query: must contain the {{.window}} placeholder, e.g. rate(x[{{.window}}])',
    ]);
    const noService = doc('').replace('service: svc\n', '');
    expect(parseSloDocuments(noService, 's.yaml').issues.map(formatIssue)).toEqual([
      's.yaml (document 1) service: is required',
    ]);
  });

  it('rejects two SLOs with the same id', () => {
    const text = doc(
      '  - name: a\n    objective: 95\n    sli:\n      raw:\n        error_ratio_query: x[{{.window}}]',
    );
    expect(parseSloDocuments(text, 's.yaml').issues.map(formatIssue)).toEqual([
      's.yaml (document 1): duplicates SLO svc-a of document 1',
    ]);
  });

  it('rejects a bad default period', () => {
    expect(
      parseSloDocuments(doc(''), 's.yaml', { defaultPeriod: '30x' }).issues.map(formatIssue),
    ).toEqual([
      's.yaml (document 1): the default SLO period "30x" must be a duration like 5m, 1h, 30d',
    ]);
  });
});
