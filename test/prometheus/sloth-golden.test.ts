import { parse } from 'yaml';
import { parseAlertWindows, type Slo } from '@headroom/core';
import {
  generateRules,
  type AlertingRule,
  type RecordingRule,
  type Rule,
} from '@headroom/prometheus';
import { parseSlothSpec, readSlothRules, slothFile as sloth } from './sloth-reference';

const numbers = (s: string) => (s.match(/\d+(\.\d+)?(e[-+]?\d+)?/g) ?? []).map(Number);
const shape = (s: string) =>
  s
    .replace(/\d+(\.\d+)?(e[-+]?\d+)?/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
/** Same expression up to whitespace, with equal numbers. */
function expectSameExpr(ours: string, theirs: string) {
  expect(shape(ours)).toBe(shape(theirs));
  expect(numbers(ours)).toEqual(numbers(theirs));
}

const key = (r: Rule) =>
  'record' in r
    ? `${r.record} ${r.labels?.sloth_id} ${r.labels?.sloth_window ?? ''}`
    : `${r.alert} ${r.labels?.sloth_id ?? ''} ${r.labels?.sloth_severity}${r.labels?.sloth_burn ? ' fast' : ''}`;

function compare(theirs: Rule[], ours: Rule[]) {
  // Sloth's alerts carry the SLO's labels through their expression only, so alerts are matched
  // by name, severity and order (both list the SLOs in file order).
  const keyed = (rules: Rule[]) => {
    const seen = new Map<string, number>();
    return rules.map((r): [string, Rule] => {
      if (!('alert' in r)) return [key(r), r];
      const k = `${r.alert} ${r.labels?.sloth_severity}`;
      const n = seen.get(k) ?? 0;
      seen.set(k, n + 1);
      return [`${k} #${n}`, r];
    });
  };
  const standard = ours.filter(r => !('alert' in r) || !r.labels?.sloth_burn);
  const mine = new Map(keyed(standard));
  expect(mine.size).toBe(standard.length);
  for (const [k, r] of keyed(theirs)) {
    const o = mine.get(k);
    expect([k, o !== undefined]).toEqual([k, true]);
    if ('record' in r && r.record === 'sloth_slo_info') {
      expect({ ...o!.labels, sloth_version: '' }).toEqual({ ...r.labels, sloth_version: '' });
    } else if ('alert' in r) {
      // Ours also name the SLO in the rule labels (see the generator): same alert labels.
      const { sloth_id, sloth_service, sloth_slo, ...rest } = o!.labels!;
      expect(rest).toEqual(r.labels);
      expect([sloth_service, sloth_slo, sloth_id]).toEqual([
        expect.any(String),
        expect.any(String),
        `${sloth_service}-${sloth_slo}`,
      ]);
    } else {
      expect(o!.labels).toEqual(r.labels);
    }
    if ('alert' in r) {
      expectSameExpr(o!.expr, r.expr);
      expect((o as AlertingRule).annotations).toEqual(r.annotations);
    } else if (r.record.startsWith('slo:sli_error:') || r.record === 'slo:time_period:days') {
      expectSameExpr(o!.expr, r.expr);
    } else if (r.record === 'slo:objective:ratio' || r.record === 'slo:error_budget:ratio') {
      // Sloth writes vector(1-0.9990000000000001); the value, not the spelling, is what matters.
      const value = (e: string) =>
        Number(Function(`return ${e.replace(/^vector\((.*)\)$/, '$1')}`)());
      expect(Math.abs(value(o!.expr) - value(r.expr))).toBeLessThan(1e-15);
      // And since Headroom writes Sloth's own expression, Prometheus computes the same float64.
      expect(o!.expr).toBe(r.expr);
    }
  }
  expect(ours.filter(r => 'record' in r)).toHaveLength(theirs.filter(r => 'record' in r).length);
  expect(standard.filter(r => 'alert' in r)).toHaveLength(theirs.filter(r => 'alert' in r).length);
}

const all = (slos: Slo[], opts: Parameters<typeof generateRules>[1] = {}) =>
  generateRules(slos, { longWindow: 'sloth', ...opts }).groups.flatMap(g => g.rules);

describe("Sloth's integration-test specs against its golden outputs", () => {
  it('in-base.yaml (30 days): same series, labels, window expressions, thresholds and annotations', () => {
    compare(readSlothRules('out-base.yaml.tpl'), all(parseSlothSpec('in-base.yaml')));
  });

  it('in-base.yaml with a 28-day period: window 4w, factors 13.44 / 5.6 / 2.8 / 0.933', () => {
    compare(
      readSlothRules('out-base-28d.yaml.tpl'),
      all(parseSlothSpec('in-base.yaml', { defaultPeriod: '28d' })),
    );
  });

  it('in-base.yaml with custom 7-day windows', () => {
    const windows = parseAlertWindows(parse(sloth('windows-7d.yaml')), 'windows-7d.yaml');
    expect(windows.issues).toEqual([]);
    const slos = parseSlothSpec('in-base.yaml', {
      defaultPeriod: '7d',
      alertWindows: [windows.spec!],
    });
    compare(readSlothRules('out-base-custom-windows-7d.yaml.tpl'), all(slos));
  });

  it('in-multifile.yaml: two services, four SLOs', () => {
    compare(readSlothRules('out-multifile.yaml.tpl'), all(parseSlothSpec('in-multifile.yaml')));
  });

  it('adds one fast page per paging 30-day SLO, with the same alert name and severity', () => {
    const fast = generateRules(parseSlothSpec('in-base.yaml'))
      .groups.flatMap(g => g.rules)
      .filter((r): r is AlertingRule => 'alert' in r && r.labels?.sloth_burn === 'fast');
    expect(fast).toHaveLength(1);
    expect(fast[0]!.alert).toBe('myServiceAlert');
    expect(fast[0]!.labels).toMatchObject({
      sloth_id: 'svc01-slo1',
      sloth_severity: 'page',
      alert03k1: 'alert03v1',
    });
    // 1 % of a 30-day budget within 5 minutes is a burn rate of 0.01 * 30d / 5m = 86.4.
    expect(fast[0]!.expr).toContain('[5m]');
    expect(fast[0]!.expr).toContain('> (86.4 * 0.0009999999999999432)');
  });

  it('makes the exact period ratio the default: the event ratio over the whole period', () => {
    const period = generateRules(parseSlothSpec('in-base.yaml'))
      .groups.flatMap(g => g.rules)
      .find(
        (r): r is RecordingRule => 'record' in r && r.record === 'slo:sli_error:ratio_rate30d',
      )!;
    expect(period.expr).toBe(
      '(sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[30d])))\n/\n(sum(rate(http_request_duration_seconds_count{job="myservice"}[30d])))\n',
    );
  });
});
