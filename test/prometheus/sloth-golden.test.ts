import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  generateRules,
  type AlertingRule,
  type RecordingRule,
  type Rule,
} from '@headroom/prometheus';
import { referenceDir } from '../reference';
import { slothBaseSlos } from '../../packages/prometheus/src/__tests__/fixtures';

/** Sloth's golden output with its Go-template escapes rendered, as `sloth generate` prints it. */
export function readSlothRules(file: string): Rule[] {
  const text = readFileSync(join(referenceDir('sloth'), file), 'utf8')
    .replace(/\{\{ \.version \}\}/g, 'v-test')
    .replace(/\{\{"(\{\{[^"]*\}\})"\}\}/g, '$1');
  const doc = parse(text) as { groups: Array<{ name: string; rules: Rule[] }> };
  return doc.groups.flatMap(g => g.rules);
}

const numbers = (s: string) => (s.match(/\d+(\.\d+)?(e[-+]?\d+)?/g) ?? []).map(Number);
const shape = (s: string) =>
  s
    .replace(/\d+(\.\d+)?(e[-+]?\d+)?/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
/** Same expression up to whitespace, with numbers equal to 1e-12 (Sloth prints 1-0.999 as 0.0009999999999999432). */
function expectSameExpr(ours: string, theirs: string) {
  expect(shape(ours)).toBe(shape(theirs));
  const a = numbers(ours);
  const b = numbers(theirs);
  expect(a).toHaveLength(b.length);
  a.forEach((x, i) =>
    expect(Math.abs(x - b[i]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x))),
  );
}

const key = (r: Rule) =>
  'record' in r
    ? `${r.record} ${r.labels?.sloth_id} ${r.labels?.sloth_window ?? ''}`
    : `${r.alert} ${r.labels?.sloth_severity}`;

function byKey(rules: Rule[]) {
  const m = new Map<string, Rule>();
  for (const r of rules) m.set(key(r) + ('alert' in r && r.labels?.sloth_burn ? ' fast' : ''), r);
  return m;
}

describe("Sloth's golden rules (out-base, 30 days)", () => {
  const sloth = readSlothRules('out-base.yaml.tpl');
  const ours = generateRules(slothBaseSlos(), { longWindow: 'sloth' }).groups.flatMap(g => g.rules);
  const mine = byKey(ours);

  it('has every Sloth series with the same name and labels', () => {
    for (const r of sloth) {
      const o = mine.get(key(r));
      expect(o).toBeDefined();
      if ('record' in r && r.record === 'sloth_slo_info') {
        expect({ ...o!.labels, sloth_version: 'x' }).toEqual({ ...r.labels, sloth_version: 'x' });
      } else {
        expect(o!.labels).toEqual(r.labels);
      }
    }
    const slothRecords = sloth.filter(r => 'record' in r).length;
    expect(ours.filter(r => 'record' in r)).toHaveLength(slothRecords);
  });

  it('computes each window ratio with the same expression', () => {
    for (const r of sloth.filter(
      (x): x is RecordingRule => 'record' in x && x.record.startsWith('slo:sli_error:'),
    )) {
      expectSameExpr((mine.get(key(r)) as RecordingRule).expr, r.expr);
    }
  });

  it('keeps the metadata values', () => {
    for (const name of ['slo:objective:ratio', 'slo:error_budget:ratio', 'slo:time_period:days']) {
      for (const r of sloth.filter((x): x is RecordingRule => 'record' in x && x.record === name)) {
        const o = mine.get(key(r)) as RecordingRule;
        // vector(1-0.999) in Sloth is vector(0.001) here: compare the value, not the spelling.
        const value = (e: string) =>
          Function(`return ${e.replace(/^vector\((.*)\)$/, '$1')}`)() as number;
        expect(Math.abs(value(o.expr) - value(r.expr))).toBeLessThan(1e-12);
      }
    }
  });

  it('alerts on the same conditions with the same labels and annotations', () => {
    const alerts = sloth.filter((x): x is AlertingRule => 'alert' in x);
    expect(alerts).toHaveLength(2);
    for (const r of alerts) {
      const o = mine.get(key(r)) as AlertingRule;
      expectSameExpr(o.expr, r.expr);
      expect(o.labels).toEqual(r.labels);
      expect(o.annotations).toEqual(r.annotations);
    }
  });

  it('adds the fast page only for the SLO that pages, with the same alert name and severity', () => {
    const fast = ours.filter(
      (r): r is AlertingRule => 'alert' in r && r.labels?.sloth_burn === 'fast',
    );
    expect(fast).toHaveLength(1);
    expect(fast[0]!.alert).toBe('myServiceAlert');
    expect(fast[0]!.labels).toMatchObject({
      sloth_id: 'svc01-slo1',
      sloth_severity: 'page',
      alert03k1: 'alert03v1',
    });
    // 1 % of a 30-day budget in 5 minutes: burn rate 0.01 * 8640 = 86.4.
    expect(fast[0]!.expr).toContain('[5m]');
    expect(fast[0]!.expr).toContain('> (86.4 * 0.0010000000000000009)');
  });
});

describe("Sloth's golden rules (28 days)", () => {
  it('names the period window 4w and uses factors 13.44 / 5.6 / 2.8 / 0.933', () => {
    const sloth = readSlothRules('out-base-28d.yaml.tpl');
    const ours = byKey(
      generateRules(slothBaseSlos(28), { longWindow: 'sloth' }).groups.flatMap(g => g.rules),
    );
    for (const r of sloth) {
      const o = ours.get(key(r));
      expect(o).toBeDefined();
      if ('alert' in r || r.record.startsWith('slo:sli_error:')) expectSameExpr(o!.expr, r.expr);
    }
  });
});

describe('the exact period ratio (default)', () => {
  it('is the event ratio over the whole period, not an average of 5-minute ratios', () => {
    const ours = generateRules(slothBaseSlos()).groups.flatMap(g => g.rules);
    const period = ours.find(
      (r): r is RecordingRule => 'record' in r && r.record === 'slo:sli_error:ratio_rate30d',
    )!;
    expect(period.expr).toBe(
      '(sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[30d])))\n/\n(sum(rate(http_request_duration_seconds_count{job="myservice"}[30d])))\n',
    );
  });
});
