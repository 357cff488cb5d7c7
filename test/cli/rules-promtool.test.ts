import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run, type Console } from '@headroom/cli';
import { promtool } from '../prometheus/prometheus';

const slosDir = resolve(__dirname, '..', '..', 'dev-env', 'examples', 'slos');

describe('headroom rules, checked by promtool', () => {
  it('writes rules for every example SLO that `promtool check rules` accepts', async () => {
    const out: string[] = [];
    const io: Console = { isTTY: false, out: t => out.push(t), err: () => undefined };
    const files = readdirSync(slosDir).map(f => join(slosDir, f));
    expect(await run(['rules', ...files], io)).toBe(0);
    const file = join(mkdtempSync(join(tmpdir(), 'headroom-rules-')), 'rules.yml');
    writeFileSync(file, out.join(''));
    const check = promtool(['check', 'rules', file]);
    expect(check.stderr + check.stdout).toMatch(/SUCCESS/);
    expect(check.status).toBe(0);
  });
});

describe('headroom rules with one SLO whose rules Prometheus would refuse', () => {
  it('leaves that SLO out, names it, and writes a file promtool accepts for the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-rules-'));
    const slo = (name: string, labels: string) => `apiVersion: openslo/v1
kind: SLO
metadata: { name: ${name}, labels: { ${labels} } }
spec:
  service: checkout
  indicator:
    metadata: { name: ${name}-sli }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{code!~"5.."}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total' } } }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
`;
    const input = join(dir, 'slos.yaml');
    // A label in the generator's reserved sloth_ prefix: valid as an SLO, refused as rules.
    writeFileSync(input, `${slo('requests', 'tier: "1"')}---\n${slo('latency', 'sloth_id: x')}`);
    const out: string[] = [];
    const err: string[] = [];
    const io: Console = { isTTY: false, out: t => out.push(t), err: t => err.push(t) };
    expect(await run(['rules', input], io)).toBe(1);
    expect(err).toEqual([
      expect.stringMatching(/^left out checkout-latency: .*SLO "latency".*reserved prefix sloth_/),
    ]);
    const text = out.join('');
    expect(text).toContain('sloth_slo: requests');
    expect(text).not.toContain('sloth_slo: latency');
    expect(text).toMatch(/^# Left out: 1 SLO\(s\)/m);
    const file = join(dir, 'rules.yml');
    writeFileSync(file, text);
    const check = promtool(['check', 'rules', file]);
    expect(check.stderr + check.stdout).toMatch(/SUCCESS/);
    expect(check.status).toBe(0);
  });
});
