import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Console } from '../io/console';
import { run } from '../program';

function capture(): Console & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: t => stdout.push(t), err: t => stderr.push(t) };
}

const dir = mkdtempSync(join(tmpdir(), 'headroom-drill-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const DRILL = `apiVersion: headroom.dev/v1alpha1
kind: Drill
metadata:
  name: ledger-latency
spec:
  service: ledger
  slo: latency
  hypothesis: Ledger at 3x latency keeps its SLO paged within a minute.
  steadyState:
    - burnRate: { window: 5m, below: 2 }
  faults:
    - { type: latency, target: ledger, magnitude: 3, duration: 5m, weight: 6 }
  expect:
    alert: { severity: page, within: 60s }
`;

describe('headroom drill', () => {
  it('validate: counts valid drills, exit 0', async () => {
    const io = capture();
    expect(await run(['drill', 'validate', file('ok.yaml', DRILL)], io)).toBe(0);
    expect(io.stdout).toEqual(['1 drill in 1 file(s): valid']);
  });

  it('validate: lists every problem with file, document and field, exit 1', async () => {
    const io = capture();
    const bad = DRILL.replace('magnitude: 3', 'magnitude: 0.5').replace(
      'duration: 5m',
      'duration: x',
    );
    expect(await run(['drill', 'validate', file('bad.yaml', bad)], io)).toBe(1);
    expect(io.stderr).toEqual([
      `${join(dir, 'bad.yaml')} (document 1) spec.faults[0].duration: must be a duration such as 30s, 5m or 1h`,
      '1 problem in drill files',
    ]);
  });

  it('manifests: a ChaosEngine with a pod-http-latency experiment, in YAML', async () => {
    const io = capture();
    const code = await run(
      ['drill', 'manifests', file('ok2.yaml', DRILL), '--namespace', 'payments'],
      io,
    );
    expect(code).toBe(0);
    const docs = parseAllDocuments(io.stdout.join('\n')).map(
      d =>
        d.toJS() as {
          kind: string;
          spec: { appinfo: { applabel: string }; experiments: { name: string }[] };
        },
    );
    expect(docs).toHaveLength(1);
    expect(docs[0]!.kind).toBe('ChaosEngine');
    expect(docs[0]!.spec.appinfo.applabel).toBe('app.kubernetes.io/name=ledger');
    expect(docs[0]!.spec.experiments[0]!.name).toBe('pod-http-latency');
  });

  it('manifests: a bad deploy is refused for chaos tools, exit 2 naming the file', async () => {
    const io = capture();
    const path = file(
      'deploy.yaml',
      DRILL.replace('type: latency', 'type: bad-deploy').replace('magnitude: 3', 'magnitude: 0.3'),
    );
    expect(await run(['drill', 'manifests', path, '--to', 'chaos-mesh'], io)).toBe(2);
    expect(io.stderr).toEqual([
      `error: ${path}: faults of type bad-deploy ship through the deploy pipeline (a canary), not a chaos tool`,
    ]);
  });

  it('run: an SLO missing from the files is an input error naming both', async () => {
    const io = capture();
    const slo = file(
      'slo.yaml',
      `apiVersion: openslo/v1
kind: SLO
metadata: { name: availability }
spec:
  service: ledger
  budgetingMethod: Occurrences
  objectives: [{ target: 0.999 }]
  timeWindow: [{ duration: 30d, isRolling: true }]
  indicator:
    metadata: { name: ledger-availability }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{service="ledger",code="200"}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{service="ledger"}' } } }
`,
    );
    const drill = file('ok3.yaml', DRILL);
    const code = await run(
      [
        'drill',
        'run',
        drill,
        '--slo',
        slo,
        '--simulator',
        'http://127.0.0.1:1',
        '--prometheus',
        'http://127.0.0.1:1',
      ],
      io,
    );
    expect(code).toBe(2);
    expect(io.stderr).toEqual([`error: ${drill}: no SLO "latency" of service "ledger" in ${slo}`]);
  });
});
