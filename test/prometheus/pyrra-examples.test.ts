import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defaultAlertWindows, formatIssue, parseSloDocuments, type Slo } from '@headroom/core';
import { generateRules, renderRuleFile, type RecordingRule } from '@headroom/prometheus';
import { referenceDir } from '../reference';
import { promtool, tempDir } from './prometheus';

/**
 * Every ServiceLevelObjective in Pyrra's repository (42 files, 43 SLOs) through Headroom: each
 * one gets the verdict written below, and the rules written for all of them pass
 * `promtool check rules`. Pyrra's SLI shapes are kept: errors over total per `grouping` label
 * (`sum by (...)`), the bucket-over-count latency, `bool_gauge` samples as events, and
 * `1 - histogram_fraction(...)` for native histograms. Pyrra's alert windows differ from
 * Sloth's (factors 14/7/2/1 on its own windows); Headroom keeps the SLO's alert windows.
 */

const root = referenceDir('pyrra-examples', 'examples');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [relative(root, path)] : [];
  });
}

type Form = 'ratio' | 'latency' | 'latencyNative' | 'bool_gauge';

/** Headroom's verdict on each SLO: accepted, read as this form, for this service, per group. */
interface Verdict {
  name: string;
  service: string;
  form: Form;
  grouping?: string[];
}

const K8S: Array<[string, Form, string[]?]> = [
  ['apiserver-read-cluster-latency', 'latency'],
  ['apiserver-read-namespace-latency', 'latency'],
  ['apiserver-read-resource-latency', 'latency'],
  ['apiserver-read-response-errors', 'ratio'],
  ['apiserver-write-response-errors', 'ratio'],
  ['coredns-response-errors', 'ratio'],
  ['kubelet-request-errors', 'ratio'],
  ['kubelet-runtime-errors', 'ratio'],
  ['prometheus-notification-errors', 'ratio'],
  ['prometheus-operator-http-errors', 'ratio'],
  ['prometheus-operator-reconcile-errors', 'ratio', ['controller']],
  ['prometheus-query-errors', 'ratio', ['handler']],
  ['prometheus-rule-evaluation-failures', 'ratio'],
  ['prometheus-sd-kubernetes-errors', 'ratio'],
];

const verdict = (name: string, service: string, form: Form, grouping?: string[]): Verdict => ({
  name,
  service,
  form,
  ...(grouping ? { grouping } : {}),
});

const EXPECTED: Record<string, Verdict[]> = {
  // No namespace: Pyrra accepts it; the SLO is its own service.
  'caddy-response-latency.yaml': [
    verdict('caddy-response-latency', 'caddy-response-latency', 'latency'),
  ],
  'docker-compose/pyrra/prometheus-http.yaml': [
    verdict('prometheus-api-query', 'monitoring', 'ratio'),
  ],
  'mimir/example-slo.yaml': [verdict('apiserver-read-cluster-latency', 'default', 'latency')],
  'nginx.yaml': [
    verdict('nginx-api-errors', 'monitoring', 'ratio'),
    verdict('nginx-api-latency', 'monitoring', 'latency'),
  ],
  'parca-grpc-queryrange-errors.yaml': [verdict('parca-grpc-queryrange-errors', 'parca', 'ratio')],
  'prometheus-http.yaml': [
    verdict('prometheus-api-query', 'prometheus-api-query', 'ratio', ['handler']),
  ],
  'prometheus-operator.yaml': [verdict('prometheus-operator-http', 'monitoring', 'ratio')],
  'prometheus-probe-success.yaml': [
    verdict(
      'prometheus-blackbox-probe-success',
      'prometheus-blackbox-probe-success',
      'bool_gauge',
      ['target'],
    ),
  ],
  'pyrra-connect-errors.yaml': [
    verdict('pyrra-connect-errors', 'monitoring', 'ratio', ['service', 'method']),
  ],
  'pyrra-connect-latency.yaml': [
    verdict('pyrra-connect-latency', 'monitoring', 'latencyNative', ['service', 'method']),
  ],
  'pyrra-filesystem-errors.yaml': [verdict('pyrra-filesystem-errors', 'monitoring', 'ratio')],
  'pyrra-kubernetes-errors.yaml': [verdict('pyrra-kubernetes-errors', 'monitoring', 'ratio')],
  'thanos-grpc.yaml': [verdict('thanos-store', 'monitoring', 'ratio')],
  'thanos-http.yaml': [verdict('thanos-query', 'monitoring', 'ratio')],
  ...Object.fromEntries(
    (
      [
        ['kubernetes', 'monitoring'],
        ['openshift', 'openshift-monitoring'],
      ] as const
    ).flatMap(([dir, namespace]) =>
      K8S.map(([name, form, grouping]) => [
        `${dir}/manifests/slos/slo-${name}.yaml`,
        [verdict(name, namespace, form, grouping)],
      ]),
    ),
  ),
};

function formOf(slo: Slo): Form {
  const ind = slo.indicator;
  if (ind.kind === 'threshold') return 'bool_gauge';
  if (ind.kind === 'rawErrorRatio') return 'latencyNative';
  return ind.good ? 'latency' : 'ratio';
}

const files = yamlFiles(root).sort();

function read(file: string): Slo[] {
  const r = parseSloDocuments(readFileSync(join(root, file), 'utf8'), file);
  expect(r.issues.map(formatIssue)).toEqual([]);
  return r.slos;
}

const fiveMinutes = (slo: Slo) =>
  generateRules([slo])
    .groups.flatMap(g => g.rules)
    .find((r): r is RecordingRule => 'record' in r && r.record === 'slo:sli_error:ratio_rate5m')!;

describe("Pyrra's examples", () => {
  it('gives every one of the 43 SLOs in 42 files its verdict', () => {
    expect(files).toHaveLength(42);
    const got = Object.fromEntries(
      files.map(file => [
        file,
        read(file).map(s => verdict(s.name, s.service, formOf(s), s.grouping)),
      ]),
    );
    expect(got).toEqual(EXPECTED);
    expect(Object.values(got).flat()).toHaveLength(43);
  });

  it('writes rules for all of them that promtool accepts', () => {
    const slos = files.flatMap(read);
    // Files of one deployment share names; one rule file per folder keeps the ids apart.
    const byFolder = new Map<string, Slo[]>();
    for (const slo of slos) {
      const folder = slo.source.file.split('/').slice(0, -1).join('/');
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), slo]);
    }
    const dir = tempDir('headroom-pyrra-examples-');
    const paths = [...byFolder.values()].flatMap((group, i) =>
      (['headroom', 'sloth'] as const).map(layout => {
        const path = join(dir, `rules-${i}-${layout}.yml`);
        writeFileSync(path, renderRuleFile(generateRules(group, { layout })));
        return path;
      }),
    );
    const check = promtool(['check', 'rules', ...paths]);
    expect(check.stdout + check.stderr).toMatch(/SUCCESS/);
    expect(check.status).toBe(0);
  });

  it('computes a grouped SLO per group, as Pyrra does', () => {
    const [slo] = read('pyrra-connect-errors.yaml');
    const rule = fiveMinutes(slo!);
    expect(rule.expr).toBe(
      '(sum by (method, service) (rate(connect_server_requests_total{job="pyrra",code=~"aborted|unavailable|internal|unknown|unimplemented|dataloss"}[5m])))\n/\n(sum by (method, service) (rate(connect_server_requests_total{job="pyrra"}[5m])))\n',
    );
    // Over 30 days (where the fast page applies), the minimum of failed requests is checked for
    // the same group, not for any group.
    const month = 30 * 86_400;
    const monthly: Slo = {
      ...slo!,
      window: { duration: '30d', seconds: month, isRolling: true },
      alerting: { ...slo!.alerting, windows: defaultAlertWindows(month) },
    };
    const fast = generateRules([monthly])
      .groups.flatMap(g => g.rules)
      .find(r => 'alert' in r && r.labels?.sloth_burn === 'fast')!;
    expect(fast.expr).toContain('\nand on (method, service)\n(sum by (method, service) (rate(');
  });

  it('writes latency as Pyrra does: (total - fast enough) / total', () => {
    expect(fiveMinutes(read('caddy-response-latency.yaml')[0]!).expr).toBe(
      '(\n(sum(rate(caddy_http_response_duration_seconds_count{job="caddy",handler="subroute",code!~"5.."}[5m])))\n-\n(sum(rate(caddy_http_response_duration_seconds_bucket{job="caddy",handler="subroute",code!~"5..",le="0.05"}[5m])))\n)\n/\n(sum(rate(caddy_http_response_duration_seconds_count{job="caddy",handler="subroute",code!~"5.."}[5m])))\n',
    );
  });

  it('has a rule form for bool_gauge and for native-histogram latency', () => {
    expect(fiveMinutes(read('prometheus-probe-success.yaml')[0]!).expr).toBe(
      '(\nsum by (target) (count_over_time(probe_success[5m]))\n-\nsum by (target) (sum_over_time(probe_success[5m]))\n)\n/\nsum by (target) (count_over_time(probe_success[5m]))\n',
    );
    expect(fiveMinutes(read('pyrra-connect-latency.yaml')[0]!).expr).toBe(
      '(1 - histogram_fraction(0, 0.2, sum by (method, service) (rate(connect_server_requests_duration_seconds{job="pyrra",code="ok"}[5m])))\n)',
    );
  });

  it('puts the pyrra.dev/ labels, prefix stripped, and slo on the series; the other labels on the resource', () => {
    const [slo] = read('parca-grpc-queryrange-errors.yaml');
    expect(slo!.labels).toEqual({ slo: 'parca-grpc-queryrange-errors', team: 'parca' });
    expect(slo!.source.resource!.labels).toEqual({
      prometheus: 'k8s',
      'pyrra.dev/team': 'parca',
      role: 'alert-rules',
    });
    expect(fiveMinutes(slo!).labels).toMatchObject({
      team: 'parca',
      slo: 'parca-grpc-queryrange-errors',
    });
    for (const rule of generateRules([slo!]).groups.flatMap(g => g.rules)) {
      expect(
        Object.keys(rule.labels ?? {}).filter(k => /[/.]|^(prometheus|role)$/.test(k)),
      ).toEqual([]);
    }
  });
});
