import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from './program';
import type { Console } from './io/console';
import type { EvaluationJson } from './output/evaluationJson';

const examples = resolve(__dirname, '..', '..', '..', 'dev-env', 'examples');

function capture(): Console & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: t => stdout.push(t), err: t => stderr.push(t) };
}

const dir = mkdtempSync(join(tmpdir(), 'headroom-cli-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const SLO_99_30D = file(
  'checkout.yaml',
  `apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
spec:
  service: checkout
  indicator:
    metadata: { name: checkout-requests }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{code!~"5.."}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total' } } }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
`,
);

describe('headroom validate', () => {
  it('accepts valid files and says how many SLOs they hold', async () => {
    const io = capture();
    expect(await run(['validate', SLO_99_30D], io)).toBe(0);
    expect(io.stdout.join('')).toContain('1 SLO in 1 file(s): valid');
  });

  it('lists every problem with its file, document and field, and exits 1', async () => {
    const bad = file(
      'bad.yaml',
      `version: prometheus/v1
service: svc
slos:
  - name: a
    objective: 100
    sli: { raw: { error_ratio_query: 'x' } }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: b }
spec:
  service: svc
  indicator: { metadata: { name: i }, spec: { ratioMetric: { good: { metricSource: { type: Prometheus, spec: { query: a } } }, total: { metricSource: { type: Prometheus, spec: { query: b } } } } } }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 1.5 }]
`,
    );
    const io = capture();
    expect(await run(['validate', bad], io)).toBe(1);
    const err = io.stderr.join('\n');
    expect(err).toMatch(/bad\.yaml.*document 1.*slos\[0\]\.objective/);
    expect(err).toMatch(/bad\.yaml.*document 2.*spec\.objectives\[0\]\.target/);
  });

  it('exits 2 with one line for a missing file', async () => {
    const io = capture();
    expect(await run(['validate', join(dir, 'nope.yaml')], io)).toBe(2);
    expect(io.stderr).toEqual([`error: ${join(dir, 'nope.yaml')}: no such file`]);
  });
});

describe('headroom evaluate', () => {
  // One hour of traffic: 1,000 requests of which 990 good, against 99 % over 30 days.
  // SLI 0.99, budget allowed = 0.01 * 1000 = 10 events, consumed 10 → remaining 0.
  const series = file(
    'series.csv',
    'timestamp,good,total\n2026-11-23T11:00:00Z,0,0\n2026-11-23T11:30:00Z,500,500\n2026-11-23T12:00:00Z,990,1000\n',
  );

  it('prints the documented JSON with hand-computed numbers', async () => {
    const io = capture();
    expect(await run(['evaluate', '--slo', SLO_99_30D, '--series', series], io)).toBe(0);
    const out = JSON.parse(io.stdout.join('')) as EvaluationJson;
    expect(out.slo).toBe('checkout-availability');
    expect(out.objective).toBe(0.99);
    expect(out.window).toBe('30d');
    expect(out.at).toBe('2026-11-23T12:00:00Z');
    expect(out.sli).toBeCloseTo(0.99, 12);
    expect(out.events).toEqual({ good: 990, total: 1000 });
    expect(out.errorBudget.consumed).toBeCloseTo(1, 12);
    expect(out.errorBudget.remaining).toBeCloseTo(0, 12);
    // All 10 errors happened in the last 30 minutes: 10/500 = 2 % errors → burn 2× over 30m;
    // over 1h, 10/1000 = 1 % → 1×.
    expect(out.burnRates['30m']).toBeCloseTo(2, 12);
    expect(out.burnRates['1h']).toBeCloseTo(1, 12);
    expect(out.burnRates['30d']).toBeCloseTo(1, 12);
    expect(Object.keys(out.burnRates)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']);
    expect(out.alerts.map(a => [a.severity, a.longWindow, a.shortWindow, a.factor])).toEqual([
      ['page', '1h', '5m', 14.4],
      ['page', '6h', '30m', 6],
      ['ticket', '1d', '2h', 3],
      ['ticket', '3d', '6h', 1],
    ]);
    expect(out.alerts.every(a => !a.firing)).toBe(true);
    expect(out.timeToExhaustionSeconds).toBe(0);
  });

  it('evaluates at an earlier instant with --at', async () => {
    const io = capture();
    expect(
      await run(
        ['evaluate', '--slo', SLO_99_30D, '--series', series, '--at', '2026-11-23T11:30:00Z'],
        io,
      ),
    ).toBe(0);
    const out = JSON.parse(io.stdout.join('')) as EvaluationJson;
    expect(out.sli).toBe(1);
    expect(out.errorBudget.remaining).toBe(1);
    expect(out.timeToExhaustionSeconds).toBeNull();
  });

  it('has no SLI for a window without traffic', async () => {
    const idle = file('idle.csv', 'timestamp,good,total\n1700000000,5,5\n1700000060,5,5\n');
    const io = capture();
    expect(await run(['evaluate', '--slo', SLO_99_30D, '--series', idle], io)).toBe(0);
    const out = JSON.parse(io.stdout.join('')) as EvaluationJson;
    expect(out.sli).toBeNull();
    expect(out.burnRates['1h']).toBeNull();
  });

  it.each([
    [
      ['evaluate', '--slo', SLO_99_30D, '--series', 'x.csv', '--frobnicate'],
      /unknown option '--frobnicate'/,
    ],
    [['evaluate', '--series', 'x.csv'], /required option '--slo <file>' not specified/],
    [
      ['evaluate', '--slo', SLO_99_30D, '--series', join(dir, 'missing.csv')],
      /missing\.csv: no such file/,
    ],
  ])('exits 2 with one clear line for %j', async (args, message) => {
    const io = capture();
    expect(await run(args, io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(message);
  });

  it.each([
    [
      'bad-1.csv',
      'timestamp,good,total\n1700000000,1,1\n1700000060,x,2\n',
      /bad-1\.csv:3: good "x" is not a counter value/,
    ],
    [
      'bad-2.csv',
      'timestamp,good,total\n1700000060,1,1\n1700000000,2,2\n',
      /bad-2\.csv:3: timestamp 1700000000 is not after/,
    ],
    ['bad-3.csv', 'time,good,total\n1700000060,1,1\n', /bad-3\.csv:1: the header must be/],
    ['bad-4.csv', 'timestamp,good,total\n1700000060,1\n', /bad-4\.csv:2: expected 3 columns/],
    ['bad-5.csv', 'timestamp,good,total\nyesterday,1,1\n', /bad-5\.csv:2: timestamp "yesterday"/],
  ])('names the file and line of malformed CSV (%s)', async (name, text, message) => {
    const csv = file(name, text);
    const io = capture();
    expect(await run(['evaluate', '--slo', SLO_99_30D, '--series', csv], io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(message);
  });
});

describe('headroom report', () => {
  const slos = [
    'order-gateway.openslo.yaml',
    'withdrawal-signer.sloth.yaml',
    'market-data.pyrra.yaml',
    'ledger.openslo-v1alpha.yaml',
  ].map(f => join(examples, 'slos', f));

  it('reports the example SLOs: the order gateway pages, the withdrawal signer tickets', async () => {
    const io = capture();
    expect(
      await run(
        ['report', '--series-dir', join(examples, 'series'), '--format', 'json', ...slos],
        io,
      ),
    ).toBe(0);
    const rows = JSON.parse(io.stdout.join('')) as EvaluationJson[];
    const byService = new Map(rows.map(r => [r.service, r]));
    expect([...byService.keys()].sort()).toEqual([
      'ledger',
      'market-data',
      'order-gateway',
      'withdrawal-signer',
    ]);
    const firing = (s: string) =>
      byService
        .get(s)!
        .alerts.filter(a => a.firing)
        .map(a => a.severity);
    expect(firing('order-gateway')).toContain('page');
    expect(firing('withdrawal-signer')).toEqual(['ticket', 'ticket']);
    expect(byService.get('withdrawal-signer')!.errorBudget.remaining).toBeLessThan(0.1);
    expect(firing('market-data')).toEqual([]);
    expect(firing('ledger')).toEqual([]);
    expect(byService.get('order-gateway')!.lineOfBusiness).toBe('spot');
    expect(byService.get('withdrawal-signer')!.owner).toBe('team-custody');
  });

  it('prints a table for people', async () => {
    const io = capture();
    expect(await run(['report', '--series-dir', join(examples, 'series'), ...slos], io)).toBe(0);
    const text = io.stdout.join('');
    expect(text).toMatch(/order-gateway.*PAGE/);
    expect(text).toMatch(/withdrawal-signer.*TICKET/);
  });
});

describe('headroom rules', () => {
  const slos = join(examples, 'slos', 'order-gateway.openslo.yaml');

  it('writes a Prometheus rule file with Sloth-compatible series for the SLOs', async () => {
    const io = capture();
    expect(await run(['rules', slos], io)).toBe(0);
    const text = io.stdout.join('');
    expect(text).toMatch(/^# Code generated by Headroom/);
    expect(text).toContain('record: slo:sli_error:ratio_rate5m');
    expect(text).toContain('sloth_service: order-gateway');
    expect(text).toMatch(/alert: /);
  });

  it('writes a PrometheusRule resource with --k8s', async () => {
    const io = capture();
    expect(
      await run(['rules', '--k8s', 'order-gateway-slos', '--namespace', 'spot', slos], io),
    ).toBe(0);
    const text = io.stdout.join('');
    expect(text).toContain('kind: PrometheusRule');
    expect(text).toContain('namespace: spot');
  });

  it('switches to Headroom label names', async () => {
    const io = capture();
    expect(await run(['rules', '--labels', 'headroom', slos], io)).toBe(0);
    expect(io.stdout.join('')).not.toContain('sloth_service');
  });

  it('refuses a resource name Kubernetes would refuse, with exit 2', async () => {
    const io = capture();
    expect(await run(['rules', '--k8s', 'Not_Valid', slos], io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/Not_Valid.*not a valid Kubernetes resource name/);
  });

  it('refuses an unknown label mode with exit 2', async () => {
    const io = capture();
    expect(await run(['rules', '--labels', 'pyrra', slos], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/--labels <mode>.*pyrra.*invalid/i);
  });
});

describe('headroom gate', () => {
  const slo = (f: string) => join(examples, 'slos', f);
  const series = ['--series-dir', join(examples, 'series')];

  it('denies a release of the withdrawal signer: its budget is nearly spent (exit 1)', async () => {
    const io = capture();
    expect(await run(['gate', ...series, slo('withdrawal-signer.sloth.yaml')], io)).toBe(1);
    const text = io.stdout.join('');
    expect(text).toMatch(/^DENY \(freeze\)/);
    expect(text).toMatch(
      /withdrawal-signer\/availability: error budget remaining 5\.\d % is at or below the minimum 10\.0 %/,
    );
  });

  it('allows healthy services (exit 0) and explains the decision in JSON', async () => {
    const io = capture();
    expect(
      await run(
        [
          'gate',
          ...series,
          '--format',
          'json',
          slo('ledger.openslo-v1alpha.yaml'),
          slo('market-data.pyrra.yaml'),
        ],
        io,
      ),
    ).toBe(0);
    const d = JSON.parse(io.stdout.join('')) as {
      decision: string;
      rhythm: string;
      slos: { name: string }[];
    };
    expect(d.decision).toBe('allow');
    expect(d.rhythm).toBe('normal');
    expect(d.slos.map(s => s.name)).toEqual(['ledger/availability', 'market-data/latency']);
  });

  it('takes the minimum budget from the command line', async () => {
    const io = capture();
    expect(
      await run(
        [
          'gate',
          ...series,
          '--min-budget',
          '5%',
          '--caution-budget',
          '50%',
          slo('withdrawal-signer.sloth.yaml'),
        ],
        io,
      ),
    ).toBe(0);
    expect(io.stdout.join('')).toMatch(/^ALLOW \(cautious\)/);
  });

  it('denies when it cannot read an SLO, rather than guessing', async () => {
    const io = capture();
    expect(await run(['gate', '--series-dir', dir, slo('ledger.openslo-v1alpha.yaml')], io)).toBe(
      1,
    );
    expect(io.stdout.join('')).toMatch(
      /ledger\/availability has not been evaluated yet: no series file/,
    );
  });

  it('refuses a budget that is not a fraction (exit 2)', async () => {
    const io = capture();
    expect(
      await run(
        ['gate', ...series, '--min-budget', 'lots', slo('ledger.openslo-v1alpha.yaml')],
        io,
      ),
    ).toBe(2);
    expect(io.stderr).toEqual([
      'error: --min-budget: "lots" is not a budget fraction like 0.1 or 10%',
    ]);
  });
});

describe('headroom report --catalog', () => {
  it('takes owner and line of business from the catalog when the SLO file leaves them out', async () => {
    const catalog = file(
      'catalog-info.yaml',
      `apiVersion: backstage.io/v1alpha1
kind: Domain
metadata: { name: payments, annotations: { headroom.dev/line-of-business: payments } }
spec: { owner: group:default/team-payments }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: money-movement }
spec: { owner: group:default/team-payments, domain: payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout }
spec: { type: service, lifecycle: production, owner: group:default/team-payments, system: money-movement }
`,
    );
    const seriesDir = mkdtempSync(join(tmpdir(), 'headroom-cli-series-'));
    writeFileSync(
      join(seriesDir, 'checkout-checkout-availability.csv'),
      'timestamp,good,total\n1700000000,0,0\n1700000060,99,100\n',
    );
    const io = capture();
    expect(
      await run(
        ['report', '--series-dir', seriesDir, '--catalog', catalog, '--format', 'json', SLO_99_30D],
        io,
      ),
    ).toBe(0);
    const [row] = JSON.parse(io.stdout.join('')) as EvaluationJson[];
    expect(row!.owner).toBe('group:default/team-payments');
    expect(row!.lineOfBusiness).toBe('payments');
  });
});
