import { parse } from 'yaml';
import {
  budgetRemainingQuery,
  generateRules,
  type AlertingRule,
  type RecordingRule,
} from '../rules';
import { renderRuleFile } from '../render';
import { goFloat } from '../slothLayout';
import { counterSlo, slothBaseSlos } from './fixtures';

const records = (rules: ReturnType<typeof generateRules>) =>
  rules.groups.flatMap(g => g.rules).filter((r): r is RecordingRule => 'record' in r);
const alerts = (rules: ReturnType<typeof generateRules>) =>
  rules.groups.flatMap(g => g.rules).filter((r): r is AlertingRule => 'alert' in r);

describe('generateRules', () => {
  it('wraps counter selectors in rate() for every window, the 30-day window included', () => {
    const r = records(generateRules([counterSlo()]));
    const sli = r.filter(x => x.record.startsWith('slo:sli_error:'));
    // The page group's windows, the ticket group's, then the period's.
    expect(sli.map(x => x.labels!.sloth_window)).toEqual([
      '5m',
      '30m',
      '1h',
      '6h',
      '2h',
      '1d',
      '3d',
      '30d',
    ]);
    expect(sli[0]!.expr).toBe(
      '(sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m])))\n/\n(sum(rate(http_requests_total{job="checkout"}[5m])))\n',
    );
  });

  it('uses good/total as 1 - good/total', () => {
    const slo = counterSlo({
      indicator: {
        kind: 'ratio',
        good: { source: 'prometheus', query: 'ok_total', windowed: false },
        total: { source: 'prometheus', query: 'all_total', windowed: false },
      },
    });
    expect(records(generateRules([slo]))[0]!.expr).toBe(
      '1 - (\n(sum(rate(ok_total[5m])))\n/\n(sum(rate(all_total[5m])))\n)\n',
    );
  });

  it('records what the page alerts read in a 15-second group with them, the rest with the ticket', () => {
    const g = generateRules([counterSlo()]).groups;
    expect(g.map(x => [x.name, x.interval])).toEqual([
      ['headroom-slo-checkout-availability-page', '15s'],
      ['headroom-slo-checkout-availability', undefined],
      ['headroom-slo-checkout-availability-period', '4m'],
    ]);
    const names = (i: number) =>
      g[i]!.rules.map(r =>
        'record' in r
          ? r.record
          : `alert ${r.labels!.sloth_severity}${r.labels!.sloth_burn ? ' fast' : ''}`,
      );
    expect(names(0)).toEqual([
      'slo:sli_error:ratio_rate5m',
      'slo:sli_error:ratio_rate30m',
      'slo:sli_error:ratio_rate1h',
      'slo:sli_error:ratio_rate6h',
      'slo:current_burn_rate:ratio',
      'alert page',
      'alert page fast',
    ]);
    expect(names(1)).toEqual([
      'slo:sli_error:ratio_rate2h',
      'slo:sli_error:ratio_rate1d',
      'slo:sli_error:ratio_rate3d',
      'alert ticket',
    ]);
    const custom = generateRules([counterSlo()], {
      pageInterval: '10s',
      interval: '1m',
      periodInterval: '2m',
    }).groups;
    expect(custom.map(x => x.interval)).toEqual(['10s', '1m', '2m']);
  });

  it('keeps every window in one group when nothing pages', () => {
    const slo = counterSlo();
    const g = generateRules([
      { ...slo, alerting: { ...slo.alerting, page: { ...slo.alerting.page, enabled: false } } },
    ]).groups;
    expect(g.map(x => x.name)).toEqual([
      'headroom-slo-checkout-availability',
      'headroom-slo-checkout-availability-period',
    ]);
    expect(g[0]!.rules.filter(r => 'record' in r)).toHaveLength(8);
    expect(g[0]!.rules.filter(r => 'alert' in r).map(r => r.labels!.sloth_severity)).toEqual([
      'ticket',
    ]);
  });

  it('pages fast on the recorded 5-minute ratio with at least 10 failed requests', () => {
    const fast = (opts: Parameters<typeof generateRules>[1], slo = counterSlo()) =>
      alerts(generateRules([slo], opts)).find(a => a.labels!.sloth_burn === 'fast')!;
    const sel =
      'slo:sli_error:ratio_rate5m{sloth_id="checkout-availability", sloth_service="checkout", sloth_slo="availability"}';
    // 1 % of 30 days of budget in 5 minutes: 0.01 * 30d / 5m = 86.4.
    expect(fast({}).expr).toBe(
      `max(${sel} > (86.4 * 0.0009999999999999432)) without (sloth_window)\nand on ()\n(sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m]))) * 300 >= 10\n`,
    );
    expect(fast({ fastPage: { minBadEvents: 0 } }).expr).toBe(
      `max(${sel} > (86.4 * 0.0009999999999999432)) without (sloth_window)\n`,
    );
    // Good and total counters: failed = total - good.
    const good = counterSlo({
      indicator: {
        kind: 'ratio',
        good: { source: 'prometheus', query: 'ok_total', windowed: false },
        total: { source: 'prometheus', query: 'all_total', windowed: false },
      },
    });
    expect(fast({ fastPage: { minBadEvents: 25 } }, good).expr).toContain(
      '\nand on ()\n((sum(rate(all_total[5m]))) - (sum(rate(ok_total[5m])))) * 300 >= 25\n',
    );
    // A raw error ratio has no count to check.
    const raw = counterSlo({
      indicator: {
        kind: 'rawErrorRatio',
        errorRatio: {
          source: 'prometheus',
          query: 'my:error_ratio{w="{{.window}}"}',
          windowed: true,
        },
      },
    });
    expect(fast({}, raw).expr).not.toContain('and on ()');
    // A window the page group does not record: the raw ratio, and annotations that cannot read
    // the SLO's labels from the expression name them literally.
    const two = fast({ fastPage: { windowSeconds: 120, errorBudgetPercent: 0.5 } });
    expect(two.expr).toBe(
      '(\n(sum(rate(http_requests_total{job="checkout",code=~"5.."}[2m])))\n/\n(sum(rate(http_requests_total{job="checkout"}[2m])))\n) > (108 * 0.0009999999999999432)\nand on ()\n(sum(rate(http_requests_total{job="checkout",code=~"5.."}[2m]))) * 120 >= 10\n',
    );
    expect(two.annotations!.summary).toBe(
      'checkout availability SLO error budget burn rate is over expected.',
    );
  });

  it('says which SLO, service, owner and line of business, and links the runbook and dashboard', () => {
    const [page] = alerts(generateRules([counterSlo()]));
    expect(page!.labels).toEqual({
      owner: 'team-payments',
      line_of_business: 'retail',
      sloth_id: 'checkout-availability',
      sloth_service: 'checkout',
      sloth_slo: 'availability',
      sloth_severity: 'page',
    });
    expect(page!.annotations).toEqual({
      summary:
        '{{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is over expected.',
      title:
        '(page) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.',
      runbook_url: 'https://runbooks.example/checkout',
      dashboard_url: 'https://grafana.example/d/checkout',
    });
    const info = records(generateRules([counterSlo()])).find(r => r.record === 'sloth_slo_info')!;
    expect(info.labels).toMatchObject({
      owner: 'team-payments',
      line_of_business: 'retail',
      sloth_objective: '99.9',
    });
  });

  it('switches to headroom_* label names', () => {
    const r = generateRules([counterSlo()], { labels: 'headroom' });
    const five = records(r)[0]!;
    expect(five.labels).toEqual({
      tier: '1',
      headroom_id: 'checkout-availability',
      headroom_service: 'checkout',
      headroom_slo: 'availability',
      headroom_window: '5m',
    });
    const page = alerts(r)[0]!;
    expect(page.expr).toContain(
      'max(slo:sli_error:ratio_rate5m{headroom_id="checkout-availability", headroom_service="checkout", headroom_slo="availability"} > (14.4 * 0.0009999999999999432)) without (headroom_window)',
    );
    expect(records(r).some(x => x.record === 'headroom_slo_info')).toBe(true);
  });

  it('records 9 series per SLO with headroom_* names, leaving out those derived by a constant', () => {
    const r = generateRules([counterSlo()], { labels: 'headroom' });
    expect(records(r).map(x => `${x.record} ${x.labels!.headroom_window ?? ''}`.trim())).toEqual([
      'slo:sli_error:ratio_rate5m 5m',
      'slo:sli_error:ratio_rate30m 30m',
      'slo:sli_error:ratio_rate1h 1h',
      'slo:sli_error:ratio_rate6h 6h',
      'slo:sli_error:ratio_rate2h 2h',
      'slo:sli_error:ratio_rate1d 1d',
      'slo:sli_error:ratio_rate3d 3d',
      'slo:sli_error:ratio_rate30d 30d',
      'headroom_slo_info',
    ]);
    // The budget remaining is read from the period ratio, as the series used to be recorded.
    expect(budgetRemainingQuery(counterSlo(), 'headroom')).toBe(
      '1 - slo:sli_error:ratio_rate30d{headroom_id="checkout-availability"} / 0.0009999999999999432',
    );
    // No alert read the series left out: every series an alert reads is recorded.
    const recorded = new Set(records(r).map(x => x.record));
    for (const a of alerts(r)) {
      for (const m of a.expr.match(/slo:[a-z_:0-9]+/g) ?? []) expect(recorded).toContain(m);
    }
    // Sloth's names keep Sloth's 15, and the recorded budget remaining.
    const sloth = records(generateRules([counterSlo()]));
    expect(sloth).toHaveLength(15);
    expect(budgetRemainingQuery(counterSlo())).toBe(
      'slo:period_error_budget_remaining:ratio{sloth_id="checkout-availability"}',
    );
    expect(sloth.map(x => x.record)).toContain('slo:period_error_budget_remaining:ratio');
    const plugin = counterSlo({
      rules: { infoLabels: { metric: 'slo:objective:ratio', labels: { team: 'a' } } },
    });
    expect(() => generateRules([plugin], { labels: 'headroom' })).toThrow(
      'the info_labels plugin names slo:objective:ratio, which Headroom',
    );
  });

  it('escapes a hostile service name everywhere it appears in a query', () => {
    const evil = 'a"}or vector(1)#';
    const r = generateRules([counterSlo({ service: evil })]);
    const current = records(r).find(x => x.record === 'slo:current_burn_rate:ratio')!;
    expect(current.expr).toBe(
      'slo:sli_error:ratio_rate5m{sloth_id="a\\"}or vector(1)#-availability", sloth_service="a\\"}or vector(1)#", sloth_slo="availability"}\n/ 0.0009999999999999432\n',
    );
    for (const rule of r.groups.flatMap(g => g.rules)) {
      expect(rule.expr).not.toMatch(/[^\\]"\}or vector\(1\)/);
    }
  });

  it('leaves the fast page out when it would not be sharper than the standard page, or when asked', () => {
    const sevenDays = counterSlo({
      window: { duration: '7d', seconds: 7 * 86400, isRolling: true },
    });
    expect(alerts(generateRules([sevenDays])).filter(a => a.labels!.sloth_burn)).toHaveLength(0);
    expect(alerts(generateRules([counterSlo()], { fastPage: false }))).toHaveLength(2);
    expect(alerts(generateRules([counterSlo()]))).toHaveLength(3);
    // A 95 % SLO would need an error ratio of 4.32 in 5 minutes: never reachable, so no rule.
    expect(alerts(generateRules([counterSlo({ objective: { target: 0.95 } })]))).toHaveLength(2);
  });

  it('adds the outage page on request, in a group of its own, only where it is sharper than the standard page', () => {
    expect(generateRules([counterSlo()]).groups.map(g => g.name)).not.toContain(
      'headroom-slo-checkout-availability-outage',
    );
    const g = generateRules([counterSlo()], { outagePage: true }).groups;
    const outage = g.find(x => x.name === 'headroom-slo-checkout-availability-outage')!;
    expect(outage.interval).toBe('5s');
    expect(outage.rules).toHaveLength(1);
    const rule = outage.rules[0] as AlertingRule;
    expect(rule.expr).toBe(
      '(\n(sum(rate(http_requests_total{job="checkout",code=~"5.."}[1m])))\n/\n(sum(rate(http_requests_total{job="checkout"}[1m])))\n) > 0.5\nand on ()\n(sum(rate(http_requests_total{job="checkout",code=~"5.."}[1m]))) * 60 >= 10\n',
    );
    expect(rule.labels).toMatchObject({ sloth_severity: 'page', sloth_burn: 'outage' });
    const custom = generateRules([counterSlo()], {
      outagePage: { windowSeconds: 120, errorRatio: 0.75, minBadEvents: 0, interval: '10s' },
    }).groups.find(x => x.name.endsWith('-outage'))!;
    expect(custom.interval).toBe('10s');
    expect((custom.rules[0] as AlertingRule).expr).toBe(
      '(\n(sum(rate(http_requests_total{job="checkout",code=~"5.."}[2m])))\n/\n(sum(rate(http_requests_total{job="checkout"}[2m])))\n) > 0.75\n',
    );
    // 95 %: the standard page fires from an error ratio of 14.4 × 0.05 = 0.72 on.
    const loose = counterSlo({ objective: { target: 0.95 } });
    expect(generateRules([loose], { outagePage: true }).groups.map(x => x.name)).not.toContain(
      'headroom-slo-checkout-availability-outage',
    );
    expect(() => generateRules([counterSlo()], { outagePage: { errorRatio: 1 } })).toThrow(
      'outagePage.errorRatio must be in (0, 1), got 1',
    );
  });

  it('refuses bad input with the file, the SLO and the field', () => {
    expect(() =>
      generateRules([
        counterSlo({
          indicator: {
            kind: 'ratio',
            bad: { source: 'prometheus', query: 'sum(rate(x[5m]))', windowed: false },
            total: { source: 'prometheus', query: 'x', windowed: false },
          },
        }),
      ]),
    ).toThrow(
      'checkout.yaml#0 SLO "availability" of service "checkout": indicator.bad: expected a counter selector such as http_requests_total{code="500"}, got "sum(rate(x[5m]))"',
    );
    expect(() => generateRules([counterSlo({ labels: { 'not-a-label': 'x' } })])).toThrow(
      'checkout.yaml#0 SLO "availability" of service "checkout": labels: "not-a-label" is not a valid Prometheus label name',
    );
    expect(() =>
      generateRules([
        counterSlo({
          indicator: {
            kind: 'threshold',
            metric: { source: 'prometheus', query: 'x', windowed: false },
          },
        }),
      ]),
    ).toThrow(/threshold \(gauge\) indicators have no Prometheus rule form/);
    expect(() => generateRules([counterSlo(), counterSlo()])).toThrow(
      /SLO id "checkout-availability" is also used by/,
    );
  });
});

describe('renderRuleFile', () => {
  it('writes a rule file that reads back to the same groups', () => {
    const result = generateRules(slothBaseSlos());
    const text = renderRuleFile(result);
    expect(text.startsWith('# Code generated by Headroom')).toBe(true);
    expect(parse(text)).toEqual(JSON.parse(JSON.stringify(result)));
  });

  it('writes a PrometheusRule resource with --k8s', () => {
    const result = generateRules([counterSlo()]);
    const doc = parse(
      renderRuleFile(result, { k8s: { name: 'checkout-slos', namespace: 'monitoring' } }),
    );
    expect(doc.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(doc.kind).toBe('PrometheusRule');
    expect(doc.metadata).toEqual({
      name: 'checkout-slos',
      namespace: 'monitoring',
      labels: { 'app.kubernetes.io/managed-by': 'headroom' },
    });
    expect(doc.spec.groups).toHaveLength(3);
    expect(() => renderRuleFile(result, { k8s: { name: 'Bad_Name' } })).toThrow(
      'k8s.name: "Bad_Name" is not a valid',
    );
  });
});

describe("Sloth's numbers", () => {
  it('writes the objective and error budget series as Sloth does, to the last bit', () => {
    const meta = (slo = counterSlo()) =>
      records(generateRules([slo])).filter(
        r => r.record === 'slo:objective:ratio' || r.record === 'slo:error_budget:ratio',
      );
    // Sloth: vector(%g of objective / 100) and vector(1-%g of it), evaluated by Prometheus.
    expect(meta().map(r => r.expr)).toEqual([
      'vector(0.9990000000000001)',
      'vector(1-0.9990000000000001)',
    ]);
    expect(meta(counterSlo({ objective: { target: 0.95 } })).map(r => r.expr)).toEqual([
      'vector(0.95)',
      'vector(1-0.95)',
    ]);
  });

  it('prints floats as Go does (%g, shortest)', () => {
    expect(
      [
        0.9990000000000001, 0.0009999999999999432, 14.4, 30, 1e-5, 1.0000000000021e-5, 123456,
        2592000, 0.0001,
      ].map(goFloat),
    ).toEqual([
      '0.9990000000000001',
      '0.0009999999999999432',
      '14.4',
      '30',
      '1e-05',
      '1.0000000000021e-05',
      '123456',
      '2.592e+06',
      '0.0001',
    ]);
  });

  it("lays rules out as Sloth does on request: three groups, Sloth's expressions, no fast page", () => {
    const g = generateRules([counterSlo()], { layout: 'sloth' }).groups;
    expect(g.map(x => [x.name, x.rules.length])).toEqual([
      ['sloth-slo-sli-recordings-checkout-availability', 8],
      ['sloth-slo-meta-recordings-checkout-availability', 7],
      ['sloth-slo-alerts-checkout-availability', 2],
    ]);
    const current = g[1]!.rules.find(
      r => 'record' in r && r.record === 'slo:current_burn_rate:ratio',
    )!;
    expect(current.expr).toBe(
      'slo:sli_error:ratio_rate5m{sloth_id="checkout-availability", sloth_service="checkout", sloth_slo="availability"}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio{sloth_id="checkout-availability", sloth_service="checkout", sloth_slo="availability"}\n',
    );
    const page = g[2]!.rules[0] as AlertingRule;
    expect(page.labels).toEqual({ sloth_severity: 'page' });
  });
});

describe("Sloth's SLO plugins in Headroom's layout", () => {
  it('adds info_labels to the info series, and sends the plugins that reshape groups to the Sloth layout', () => {
    const info = (slo: ReturnType<typeof counterSlo>) =>
      records(generateRules([slo])).find(r => r.record === 'sloth_slo_info')!;
    expect(
      info(counterSlo({ rules: { infoLabels: { labels: { team: 'checkout' } } } })).labels,
    ).toMatchObject({ team: 'checkout', sloth_id: 'checkout-availability' });
    expect(() =>
      generateRules([
        counterSlo({ rules: { intervals: { sli: '5m', metadata: '5m', alert: '5m' } } }),
      ]),
    ).toThrow(
      'checkout.yaml#0 SLO "availability" of service "checkout": the SLO plugin sloth.dev/contrib/rule_intervals/v1 applies to Sloth\'s rule groups; generate them with layout sloth (headroom rules --layout sloth)',
    );
    const corrected = counterSlo({ rules: { denominatorCorrected: true } });
    expect(() => generateRules([corrected])).toThrow(
      /denominator_corrected_rules\/v1 applies to Sloth's rule groups/,
    );
    expect(generateRules([corrected], { layout: 'sloth' }).groups).toHaveLength(3);
    expect(() =>
      generateRules([counterSlo({ rules: { infoLabels: { labels: { 'plug-l1': 'x' } } } })]),
    ).toThrow(/info labels: "plug-l1" is not a valid Prometheus label name/);
  });
});
