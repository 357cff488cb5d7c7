import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { run, type Console } from '@headroom/cli';
import { promtool, tempDir } from '../prometheus/prometheus';
import { referenceDir } from '../reference';

/**
 * `headroom rules --layout sloth` on one of Sloth's own PrometheusServiceLevel examples: the
 * groups and series Sloth generated for it, in a PrometheusRule labelled like Sloth's, which
 * promtool accepts.
 */
describe('headroom rules --layout sloth', () => {
  it("writes Sloth's groups for a PrometheusServiceLevel, in a PrometheusRule labelled as Sloth's", async () => {
    const dir = referenceDir('sloth-examples');
    const out: string[] = [];
    const io: Console = { isTTY: false, out: t => out.push(t), err: () => undefined };
    const args = ['--layout', 'sloth', '--k8s', 'sloth-slo-home-wifi', '--namespace', 'monitoring'];
    expect(await run(['rules', ...args, join(dir, 'k8s-home-wifi.yml')], io)).toBe(0);
    const ours = parse(out.join('')) as {
      metadata: { name: string; namespace: string; labels: Record<string, string> };
      spec: { groups: Array<{ name: string; rules: Array<{ record?: string; alert?: string }> }> };
    };
    const theirs = parseAllDocuments(readFileSync(join(dir, '_gen', 'k8s-home-wifi.yml'), 'utf8'))
      .map(d => d.toJS())
      .find(d => d)! as typeof ours;
    expect(ours.metadata).toEqual({
      name: 'sloth-slo-home-wifi',
      namespace: 'monitoring',
      labels: { ...theirs.metadata.labels, 'app.kubernetes.io/managed-by': 'headroom' },
    });
    const names = (doc: typeof ours) =>
      doc.spec.groups.map(g => [g.name, g.rules.map(r => r.record ?? r.alert)]);
    expect(names(ours)).toEqual(names(theirs));

    const file = join(tempDir('headroom-rules-sloth-'), 'rules.yml');
    writeFileSync(file, stringify({ groups: ours.spec.groups }));
    const check = promtool(['check', 'rules', file]);
    expect(check.stdout + check.stderr).toMatch(/SUCCESS: 34 rules found/);
    expect(check.status).toBe(0);
  });
});
