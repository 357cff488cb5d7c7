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
          error_query: unused
          errorQuery: ${ERROR_QUERY}
          totalQuery: ${TOTAL_QUERY}
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
      'crd.yaml (document 1) spec.slos[0].sli.events.error_query: unknown field',
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

describe('Sloth PrometheusServiceLevel (camelCase) and SLO plugins', () => {
  const crd = (sloExtra = '', specExtra = '') => `apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata:
  name: sloth-slo-checkout
  namespace: monitoring
  labels:
    prometheus: prometheus
    headroom.dev/owner: team-checkout
spec:
  service: checkout
  labels:
    tier: "1"
${specExtra}  slos:
    - name: availability
      objective: 99.9
      sli:
        events:
          errorQuery: ${ERROR_QUERY}
          totalQuery: ${TOTAL_QUERY}
      alerting:
        name: CheckoutErrors
        pageAlert:
          labels: { severity: page }
        ticketAlert:
          disable: true
${sloExtra}`;

  it('keeps the resource metadata on the source, not on the series labels', () => {
    const [slo] = parseOk(crd(), 'crd.yaml').slos;
    expect(slo!.labels).toEqual({ tier: '1' });
    expect(slo!.owner).toBe('team-checkout');
    expect(slo!.alerting.page).toEqual({
      enabled: true,
      labels: { severity: 'page' },
      annotations: {},
    });
    expect(slo!.alerting.ticket.enabled).toBe(false);
    expect(slo!.source.resource).toEqual({
      name: 'sloth-slo-checkout',
      namespace: 'monitoring',
      labels: { prometheus: 'prometheus', 'headroom.dev/owner': 'team-checkout' },
      annotations: {},
    });
  });

  it('implements info_labels, rule_intervals and denominator_corrected_rules', () => {
    const plugins = `      plugins:
        chain:
          - id: sloth.dev/contrib/info_labels/v1
            config: { labels: { team: checkout } }
          - id: sloth.dev/contrib/rule_intervals/v1
            config: { interval: { default: 5m, alert: 30s } }
          - id: sloth.dev/core/debug/v1
            priority: -10
`;
    const group = `  sloPlugins:
    chain:
      - id: sloth.dev/contrib/denominator_corrected_rules/v1
        config: { disableOptimized: true }
`;
    const [slo] = parseOk(crd(plugins, group), 'crd.yaml').slos;
    expect(slo!.rules).toEqual({
      infoLabels: { labels: { team: 'checkout' } },
      intervals: { sli: '5m', metadata: '5m', alert: '30s' },
      denominatorCorrected: true,
      exactPeriodRatio: true,
    });
  });

  it('refuses each plugin it cannot honour, by id, and chains Sloth refuses', () => {
    const issues = (sloExtra: string, specExtra = '') =>
      parseSloDocuments(crd(sloExtra, specExtra), 'crd.yaml').issues.map(
        i => `${i.path}: ${i.message}`,
      );
    expect(
      issues(`      plugins:
        chain:
          - id: example.com/my/plugin/v1
`),
    ).toEqual([
      'spec.slos[0].plugins.chain[0].id: unknown SLO plugin "example.com/my/plugin/v1"; Headroom implements the sloth.dev/core plugins, sloth.dev/contrib/info_labels/v1, sloth.dev/contrib/rule_intervals/v1 and sloth.dev/contrib/denominator_corrected_rules/v1',
    ]);
    expect(
      issues(`      plugins:
        chain:
          - id: sloth.dev/contrib/info_labels/v1
            priority: -1
            config: { labels: { team: checkout } }
`),
    ).toEqual([
      'spec.slos[0].plugins.chain[0].id: sloth.dev/contrib/info_labels/v1 runs before sloth.dev/core/metadata_rules/v1, which replaces what it adds (Sloth ignores it); give it a priority >= 0',
    ]);
    expect(
      issues(`      plugins:
        overridePrevious: true
        chain: []
`),
    ).toEqual([
      'spec.slos[0].plugins.overridePrevious: is set but no plugins are listed (Sloth refuses this)',
    ]);
    expect(
      issues(
        '',
        `  sloPlugins:
    overridePrevious: true
    chain:
      - id: sloth.dev/core/sli_rules/v1
      - id: sloth.dev/core/metadata_rules/v1
`,
      ),
    ).toEqual([
      "spec.sloPlugins.overridePrevious: drops sloth.dev/core/alert_rules/v1 from the chain; Headroom always writes Sloth's SLI, metadata and alert rules, so list it",
    ]);
    expect(
      issues(`      plugins:
        chain:
          - id: sloth.dev/contrib/rule_intervals/v1
            config: { interval: { sliError: 1m } }
`),
    ).toEqual([
      'spec.slos[0].plugins.chain[0].config.interval.default: sloth.dev/contrib/rule_intervals/v1: is required (Sloth refuses the plugin without it)',
    ]);
  });

  it('refuses an SLI plugin, naming it', () => {
    const text = crd().replace(
      `        events:\n          errorQuery: ${ERROR_QUERY}\n          totalQuery: ${TOTAL_QUERY}\n`,
      '        plugin:\n          id: my_plugin\n',
    );
    expect(parseSloDocuments(text, 'crd.yaml').issues.map(formatIssue)).toEqual([
      'crd.yaml (document 1) spec.slos[0].sli.plugin.id: SLI plugin "my_plugin" is Go code that Sloth loads from its plugins folder, which Headroom cannot run; write the query it returns as sli.raw.errorRatioQuery',
    ]);
  });
});
