import { formatIssue } from '../model/issues';
import { parseRunbooks } from './parse';
import { RUNBOOK_YAML } from './test-factory';

describe('parseRunbooks', () => {
  it('reads a runbook with durations in seconds, params typed and defaults filled in', () => {
    const { runbooks, issues } = parseRunbooks(RUNBOOK_YAML, 'runbooks.yaml');
    expect(issues).toEqual([]);
    const [r] = runbooks;
    expect(r!.name).toBe('wallet-api-errors');
    expect(r!.trigger).toEqual({
      labels: { alertname: 'WalletApiAvailability' },
      slo: { severity: 'page' },
    });
    expect(r!.diagnosis.map(d => [d.name, d.kind])).toEqual([
      ['error-ratio', 'query'],
      ['recent-deploy', 'recentChanges'],
      ['dependencies', 'dependencyHealth'],
      ['saturation', 'saturation'],
    ]);
    expect(r!.diagnosis[0]).toMatchObject({ expect: { op: 'above', value: 0.01 } });
    expect(r!.diagnosis[1]).toEqual({
      kind: 'recentChanges',
      name: 'recent-deploy',
      withinSeconds: 1800,
      includeDependencies: true,
      actions: ['deploy'],
    });
    expect(r!.actions).toEqual([
      {
        type: 'rollback',
        name: 'roll-back',
        when: ['error-ratio', 'recent-deploy'],
        risky: false,
        safe: false,
      },
      {
        type: 'scale',
        replicas: 12,
        name: 'scale-out',
        when: ['saturation'],
        risky: false,
        safe: false,
      },
      { type: 'restart', name: 'restart', when: ['error-ratio'], risky: false, safe: false },
      {
        type: 'webhook',
        url: 'http://127.0.0.1:9/hooks/ledger',
        method: 'POST',
        body: {},
        name: 'page-ledger',
        when: ['dependencies'],
        risky: true,
        safe: false,
      },
    ]);
    expect(r!.verify).toEqual({ withinSeconds: 300, stableSeconds: 60 });
    expect(r!.guardrails).toEqual({
      dryRun: false,
      maxExecutions: { count: 2, windowSeconds: 3600 },
      cooldownSeconds: 600,
      maxLobShare: 0.5,
    });
  });

  const refused = (yaml: string) => {
    const { runbooks, issues } = parseRunbooks(yaml, 'bad.yaml');
    // Nothing of a file with a problem can run.
    expect(runbooks).toEqual([]);
    return issues.map(formatIssue);
  };

  it('refuses an unknown action naming the field', () => {
    const yaml = RUNBOOK_YAML.replace('type: restart', 'type: reboot-the-world');
    expect(refused(yaml)).toEqual([
      'bad.yaml (document 1) spec.actions[2].type: must be one of rollback, scale, restart, shift-traffic, shed-traffic, flag, webhook',
    ]);
  });

  it('refuses a query that does not parse naming the field', () => {
    const yaml = RUNBOOK_YAML.replace('[1m])) / sum', '[1m]))) / sum');
    const issues = refused(yaml);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(
      /^bad\.yaml \(document 1\) spec\.diagnosis\[0\]\.query: does not parse as PromQL: /,
    );
  });

  it('refuses a dependency query without the service placeholder and a bad saturation query', () => {
    const yaml = RUNBOOK_YAML.replace(/service="\{\{\.service\}\}"/g, 'service="ledger"').replace(
      'query: sum(rate(http_requests_total{service="wallet-api"}[1m]))\n',
      'query: sum(rate((http_requests_total{service="wallet-api"}[1m]))\n',
    );
    expect(refused(yaml)).toEqual([
      'bad.yaml (document 1) spec.diagnosis[2].dependencyHealth.errorRatioQuery: must use {{.service}} for each dependency',
      expect.stringMatching(
        /^bad\.yaml \(document 1\) spec\.diagnosis\[3\]\.saturation\.query: does not parse as PromQL/,
      ),
    ]);
  });

  it('refuses missing fields naming each', () => {
    const yaml = RUNBOOK_YAML.replace('  verify: { within: 5m, stableFor: 1m }\n', '').replace(
      '  slo: availability\n',
      '',
    );
    expect(refused(yaml)).toEqual([
      'bad.yaml (document 1) spec.slo: is required',
      'bad.yaml (document 1) spec.verify: is required',
    ]);
  });

  it('refuses bad params, unknown steps in when, a step of no kind and a trigger of nothing', () => {
    const yaml = RUNBOOK_YAML.replace('replicas: 12', 'replicas: 0')
      .replace('when: [error-ratio]', 'when: [error-rate]')
      .replace(
        '    labels: { alertname: WalletApiAvailability }\n    slo: { severity: page }\n',
        '    labels: {}\n',
      )
      .replace(
        '      recentChanges: { within: 30m, includeDependencies: true, actions: [deploy] }\n',
        '',
      );
    expect(refused(yaml)).toEqual([
      'bad.yaml (document 1) spec.trigger: must have labels or slo (an alert to answer)',
      'bad.yaml (document 1) spec.diagnosis[1]: must have one of query, recentChanges, dependencyHealth, saturation',
      'bad.yaml (document 1) spec.actions[1].params.replicas: Too small: expected number to be >=1',
      'bad.yaml (document 1) spec.actions[2].when[0]: "error-rate" is not a diagnosis step of this runbook',
    ]);
  });

  it('refuses a query step without an expectation, a risky safe action and a wrong kind', () => {
    const yaml = RUNBOOK_YAML.replace('      expect: { above: 0.01 }\n', '').replace(
      'risky: true',
      'risky: true\n      safe: true',
    );
    expect(refused(yaml)).toEqual([
      'bad.yaml (document 1) spec.diagnosis[0].expect: is required with query (above or below a value)',
      'bad.yaml (document 1) spec.actions[3].safe: cannot be true for an action marked risky',
    ]);
    expect(refused(RUNBOOK_YAML.replace('kind: Runbook', 'kind: Drill'))).toEqual([
      'bad.yaml (document 1) kind: must be one of Runbook',
    ]);
  });

  it('names the document of a multi-document file and refuses a name used twice', () => {
    expect(refused(`${RUNBOOK_YAML}---\n${RUNBOOK_YAML}`)).toEqual([
      'bad.yaml (document 2) metadata.name: "wallet-api-errors" is defined twice in the file',
    ]);
    expect(
      refused(`${RUNBOOK_YAML}---\n${RUNBOOK_YAML.replace('within: 5m', 'within: soon')}`),
    ).toEqual([
      'bad.yaml (document 2) spec.verify.within: must be a duration such as 30s, 5m or 1h',
    ]);
  });
});
