import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../program';
import type { Console } from '../io/console';

function capture(): Console & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: t => stdout.push(t), err: t => stderr.push(t) };
}

const dir = mkdtempSync(join(tmpdir(), 'headroom-change-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const examples = resolve(__dirname, '..', '..', '..', '..', 'dev-env', 'examples');

// The graph of core's hand-computed case, as catalog-info files: 220 req/s, ledger's change
// reaches ledger, gateway and reporting (160 req/s).
const catalog = file(
  'catalog-info.yaml',
  `apiVersion: backstage.io/v1alpha1
kind: Domain
metadata: { name: payments, annotations: { headroom.dev/line-of-business: payments } }
spec: { owner: team-payments }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: core-banking }
spec: { owner: team-payments, domain: payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: gateway }
spec: { type: service, lifecycle: production, owner: team-edge, dependsOn: [component:ledger], consumesApis: [accounts-api] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger }
spec: { type: service, lifecycle: production, owner: team-payments, system: core-banking, providesApis: [ledger-api], dependsOn: [resource:ledger-db] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: reporting }
spec: { type: service, lifecycle: production, owner: team-data, consumesApis: [ledger-api] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: accounts }
spec: { type: service, lifecycle: production, owner: team-payments, providesApis: [accounts-api] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: audit }
spec: { type: service, lifecycle: production, owner: team-payments, dependencyOf: [component:ledger] }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: ledger-api }
spec: { type: openapi, lifecycle: production, owner: team-payments, definition: '{}' }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: ledger-db }
spec: { type: database, owner: team-payments }
`,
);

const context = {
  traffic: { gateway: 100, ledger: 50, reporting: 10, accounts: 40, audit: 20 },
  driver: {
    timeZone: 'Europe/Paris',
    hourly: [
      10, 8, 6, 5, 5, 6, 10, 20, 40, 60, 80, 90, 95, 100, 90, 80, 70, 60, 50, 40, 30, 25, 20, 15,
    ],
  },
  freezeWindows: [{ from: '2026-12-21T00:00:00Z', to: '2027-01-04T00:00:00Z', reason: 'year-end' }],
  recentChanges: [
    { service: 'ledger', at: '2026-12-05T13:00:00Z', outcome: 'succeeded' },
    { service: 'ledger', at: '2026-12-02T13:00:00Z', outcome: 'rolled-back' },
    { service: 'ledger', at: '2026-11-28T13:00:00Z', outcome: 'succeeded' },
    { service: 'ledger', at: '2026-11-17T13:00:00Z', outcome: 'succeeded' },
  ],
  openIncidents: [
    { entityRef: 'component:default/gateway', severity: 'P3', title: 'slow logins' },
    { entityRef: 'ledger', severity: 'P4' },
  ],
  slos: [
    { name: 'availability', budgetRemaining: 0.4, burnRate: 2 },
    { name: 'latency', budgetRemaining: 0.8, burnRate: 0.5 },
  ],
};
const contextFile = file('context.json', JSON.stringify(context));
const base = [
  'change',
  'assess',
  '--service',
  'ledger',
  '--version',
  '2.4.0',
  '--catalog',
  catalog,
];

async function assess(...extra: string[]) {
  const io = capture();
  const code = await run([...base, ...extra], io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('\n') };
}

describe('headroom change assess', () => {
  it('gives the hand-computed score of core’s case from catalog files and the context', async () => {
    const r = await assess(
      '--lines',
      '420',
      '--at',
      '2026-12-07T13:00:00Z',
      '--context',
      contextFile,
      '--format',
      'json',
    );
    const a = JSON.parse(r.out);
    expect(a).toMatchObject({
      service: 'component:default/ledger',
      lineOfBusiness: 'payments',
      score: 63,
      level: 'high',
      recommendation: 'approve',
      holds: [],
    });
    expect(
      a.factors.map((f: { name: string; score: number }) => [f.name, Number(f.score.toFixed(4))]),
    ).toEqual([
      ['budget', 0.6],
      ['blastRadius', 0.7273],
      ['timing', 0.9],
      ['history', 0.5],
      ['incidents', 0.25],
      ['size', 0.8746],
    ]);
    expect(r.code).toBe(1);
  });

  it('prints a table with the points and explanation of each factor', async () => {
    const r = await assess(
      '--lines',
      '420',
      '--at',
      '2026-12-07T13:00:00Z',
      '--context',
      contextFile,
    );
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('component:default/ledger 2.4.0: risk 63.0/100, high: approve');
    expect(lines).toContain(
      '  blastRadius   14.5 of  20  2 depend on it: component:default/gateway, component:default/reporting; 160 of 220 req/s = 72.7 %',
    );
  });

  it('takes the line of business’s policy, and holds in a freeze window', async () => {
    const policy = file(
      'policy.json',
      JSON.stringify({ linesOfBusiness: { payments: { levels: { high: 65, critical: 85 } } } }),
    );
    const relaxed = await assess(
      '--lines',
      '420',
      '--at',
      '2026-12-07T13:00:00Z',
      '--context',
      contextFile,
      '--policy',
      policy,
      '--format',
      'json',
    );
    expect(JSON.parse(relaxed.out)).toMatchObject({
      score: 63,
      level: 'medium',
      recommendation: 'canary',
    });
    expect(relaxed.code).toBe(0);
    const frozen = await assess(
      '--lines',
      '5',
      '--at',
      '2026-12-24T09:00:00Z',
      '--context',
      contextFile,
      '--format',
      'json',
    );
    expect(JSON.parse(frozen.out).holds).toEqual([
      'freeze window "year-end" until 2027-01-04T00:00:00Z',
    ]);
    expect(frozen.code).toBe(1);
  });

  it('reads budget and burn from the service’s SLOs evaluated at the planned time', async () => {
    const at = '2026-11-23T12:00:00Z';
    const io = capture();
    await run(
      [
        'evaluate',
        '--slo',
        join(examples, 'slos', 'ledger.openslo-v1alpha.yaml'),
        '--series',
        join(examples, 'series', 'ledger-availability.csv'),
        '--at',
        at,
      ],
      io,
    );
    const e = JSON.parse(io.stdout.join(''));
    const remaining: number = e.errorBudget.remaining;
    const burn: number | null = e.burnRates['1h'];
    const expected = Math.max(
      Math.min(1, Math.max(0, 1 - remaining)),
      burn === null || burn <= 1 ? 0 : Math.min(1, Math.log(burn) / Math.log(14.4)),
    );
    const r = await assess(
      '--lines',
      '10',
      '--at',
      at,
      '--slo',
      join(examples, 'slos', 'ledger.openslo-v1alpha.yaml'),
      '--series-dir',
      join(examples, 'series'),
      '--format',
      'json',
    );
    const budget = JSON.parse(r.out).factors.find((f: { name: string }) => f.name === 'budget');
    expect(budget.score).toBeCloseTo(expected, 12);
    expect(budget.explanation).toMatch(/^SLO 'availability': \d+\.\d % of the budget left/);
  });

  describe('bad input: exit 2 with one line naming the file and field', () => {
    const bad = async (extra: string[], message: string | RegExp) => {
      const r = await assess(...extra);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      if (typeof message === 'string') expect(r.err).toBe(message);
      else expect(r.err).toMatch(message);
    };

    it('an unknown service, a bad line count', async () => {
      await bad(
        ['--lines', '1', '--service', 'ledgr'],
        `error: --service: component:default/ledgr is not a Component of the catalog files (${catalog})`,
      );
      await bad(
        ['--lines', 'many'],
        'error: --lines: "many" is not a whole number of lines changed',
      );
    });

    it('a context field', async () => {
      const ctx = (name: string, value: unknown) => file(name, JSON.stringify(value));
      await bad(
        [
          '--lines',
          '1',
          '--context',
          ctx('c1.json', {
            freezeWindows: [{ from: 'next week', to: '2027-01-04T00:00:00Z', reason: 'x' }],
          }),
        ],
        /^error: .*c1\.json: freezeWindows\[0\]\.from: must be an RFC 3339 time like 2026-12-07T13:00:00Z, got "next week"$/,
      );
      await bad(
        [
          '--lines',
          '1',
          '--context',
          ctx('c2.json', { openIncidents: [{ entityRef: 'ledger', severity: 'SEV1' }] }),
        ],
        /^error: .*c2\.json: openIncidents\[0\]\.severity: must be one of P1, P2, P3, P4, got "SEV1"$/,
      );
      await bad(
        [
          '--lines',
          '1',
          '--context',
          ctx('c3.json', { driver: { timeZone: 'Europe/Paris', hourly: [1, 2] } }),
        ],
        /^error: .*c3\.json: driver\.hourly: must have 24 values \(one per local hour\), got 2$/,
      );
      await bad(
        ['--lines', '1', '--context', ctx('c4.json', { traffic: { ledger: -5 } })],
        /^error: .*c4\.json: traffic\.ledger: must be requests per second >= 0, got -5$/,
      );
    });

    it('a policy field', async () => {
      const policy = file(
        'bad-policy.json',
        JSON.stringify({ linesOfBusiness: { payments: { weights: { budget: 50 } } } }),
      );
      await bad(
        ['--lines', '1', '--policy', policy],
        `error: ${policy}: linesOfBusiness.payments.weights: must add up to 100, they add up to 125`,
      );
    });
  });
});
