import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Slo } from '@headroom/core';
import { generateRules, renderRuleFile } from '@headroom/prometheus';
import { promtool, tempDir } from './prometheus';
import { parseSlothSpec, renderSlothGolden } from './sloth-reference';
import { counterSlo } from '../../packages/prometheus/src/__tests__/fixtures';
import { promtoolValues, simulate, type TrafficSpec } from './traffic';

/**
 * Alert timing on Sloth's own example SLO (svc01/slo1: 99.9 % over 30 days), for Sloth's
 * generated rules and Headroom's, in `promtool test rules`: 6 hours of healthy traffic at 10
 * requests/s scraped every 15 s, then the scenario; rules evaluated every 15 s.
 *
 * Hand-computed expectations (t0 = 6h, Δ = seconds since t0, windows include both ends):
 * - Full outage: the 1h ratio is 10Δ/36000, over 14.4 × 0.001 from Δ = 60 (45 gives 0.0125):
 *   page at t0+60 for both. The 6h ratio (10Δ/216000) and the 3d ratio (all 6h of data,
 *   Δ/(21600+Δ)) pass 1 × 0.001 at Δ = 30: ticket at t0+30. Headroom's fast page (5m ratio
 *   10Δ/3000 over 86.4 × 0.001) fires at Δ = 30 (15 gives 0.05).
 * - 2 % errors: 3 of every 150 requests fail. 1h ratio 0.2Δ/36000 > 0.0144 from Δ = 2595
 *   (2580 gives 0.01433): page at t0+2595. Ticket (6h & 3d over 0.001): the 3d ratio
 *   0.2Δ/(216000 + 10Δ) passes at Δ = 1140 (1125 gives 0.000994). The fast page never fires
 *   (the 5m ratio stays 0.02 < 0.0864).
 * - Restart during an outage: both counters restart from zero at t0+45; rate() counts the
 *   restart, so the alerts are those of the plain outage.
 * - Healthy with noise, a restart, a 10-minute scrape gap and a one-minute 5 % error burst:
 *   nothing fires.
 * - The opt-in outage page (1m ratio over 0.5, at least 10 failures): at an evaluation on a
 *   scrape the minute holds 5 samples, 60 s of traffic, so the ratio is 150k/600 after k failing
 *   steps: 0.25 at Δ = 15, 0.5 (not above) at Δ = 30, 0.75 at Δ = 45: it fires at t0+45, with
 *   the restart too (rate() counts the restart as in the plain outage).
 */

const T0 = 6 * 3600;
const STEP = 15;
const BASE = 150;

const PAGE = {
  global01k1: 'global01v1',
  global02k1: 'global02v1',
  sloth_id: 'svc01-slo1',
  sloth_service: 'svc01',
  sloth_slo: 'slo1',
  alert01k1: 'alert01v1',
};
const annotations = (sev: string) => ({
  alert02k1: 'alert02k2',
  summary: 'svc01 slo1 SLO error budget burn rate is over expected.',
  title: `(${sev}) svc01 slo1 SLO error budget burn rate is too fast.`,
});
const page = {
  exp_labels: { ...PAGE, alert03k1: 'alert03v1', sloth_severity: 'page' },
  exp_annotations: annotations('page'),
};
const fast = { ...page, exp_labels: { ...page.exp_labels, sloth_burn: 'fast' } };
const outage = { ...page, exp_labels: { ...page.exp_labels, sloth_burn: 'outage' } };
const ticket = {
  exp_labels: { ...PAGE, alert04k1: 'alert04v1', sloth_severity: 'ticket' },
  exp_annotations: annotations('ticket'),
};

interface ExpectedAlert {
  exp_labels: Record<string, string>;
  exp_annotations: Record<string, string>;
}
type Expected = ExpectedAlert[];
interface Scenario {
  name: string;
  traffic: Omit<TrafficSpec, 'start' | 'step'>;
  /** Seconds after t0 → alerts expected from Sloth's rules, and from Headroom's. */
  checks: Array<[number, Expected, Expected]>;
}

const healthyNoise = (t: number) => (Math.floor(t / STEP) % 20 === 7 ? 1 : 0);
const SCENARIOS: Scenario[] = [
  {
    name: 'full outage',
    traffic: { end: T0 + 600, requests: () => BASE, errors: t => (t > T0 ? BASE : 0) },
    checks: [
      [0, [], []],
      [15, [], []],
      [30, [ticket], [fast, ticket]],
      [45, [ticket], [fast, ticket]],
      [60, [page, ticket], [page, fast, ticket]],
      [300, [page, ticket], [page, fast, ticket]],
    ],
  },
  {
    name: '2 % errors',
    traffic: { end: T0 + 2700, requests: () => BASE, errors: t => (t > T0 ? 3 : 0) },
    checks: [
      [1125, [], []],
      [1140, [ticket], [ticket]],
      [2580, [ticket], [ticket]],
      [2595, [page, ticket], [page, ticket]],
    ],
  },
  {
    name: 'restart during a full outage',
    traffic: {
      end: T0 + 300,
      requests: () => BASE,
      errors: t => (t > T0 ? BASE : 0),
      resets: [T0 + 45],
    },
    checks: [
      [15, [], []],
      [30, [ticket], [fast, ticket]],
      [45, [ticket], [fast, ticket]],
      [60, [page, ticket], [page, fast, ticket]],
    ],
  },
  {
    name: 'healthy with noise, a restart, a scrape gap and a short error burst',
    traffic: {
      end: T0 + 3600,
      requests: () => BASE,
      errors: t => (t > T0 + 1800 && t <= T0 + 1860 ? 8 : healthyNoise(t)),
      resets: [T0 + 600],
      gaps: [[T0 + 900, T0 + 1500]],
    },
    checks: [
      [0, [], []],
      [615, [], []],
      [1200, [], []],
      [1515, [], []],
      [1860, [], []],
      [1920, [], []],
      [3600, [], []],
    ],
  },
];

const hms = (s: number) => `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m${s % 60}s`;

function promtoolTest(
  ruleFile: string,
  groups: string[],
  which: 1 | 2,
  scenarios: Scenario[] = SCENARIOS,
): string {
  return stringify(
    {
      rule_files: [ruleFile],
      evaluation_interval: `${STEP}s`,
      group_eval_order: groups,
      tests: scenarios.map(s => {
        const v = promtoolValues(simulate({ start: 0, step: STEP, ...s.traffic }));
        return {
          name: s.name,
          interval: `${STEP}s`,
          input_series: [
            {
              series: 'http_request_duration_seconds_count{job="myservice",code="200"}',
              values: v.ok,
            },
            {
              series: 'http_request_duration_seconds_count{job="myservice",code="500"}',
              values: v.err,
            },
          ],
          alert_rule_test: s.checks.map(c => ({
            eval_time: hms(T0 + c[0]),
            alertname: 'myServiceAlert',
            exp_alerts: c[which],
          })),
        };
      }),
    },
    { lineWidth: 0 },
  );
}

function groupNames(ruleYaml: string): string[] {
  return [...ruleYaml.matchAll(/^\s*- name: (\S+)$/gm)].map(m => m[1]!);
}

describe('promtool', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('headroom-promtool-');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const check = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    const r = promtool(['check', 'rules', file]);
    expect(`${r.stdout}${r.stderr}`).toContain('SUCCESS');
    expect(r.status).toBe(0);
  };

  it('accepts the generated rules for every Sloth example and both label modes', () => {
    for (const [spec, opts] of [
      ['in-base.yaml', {}],
      ['in-multifile.yaml', {}],
      ['example-getting-started.yml', {}],
    ] as const) {
      const slos = parseSlothSpec(spec, opts);
      for (const labels of ['sloth', 'headroom'] as const) {
        for (const longWindow of ['exact', 'sloth'] as const) {
          check(
            `${spec}-${labels}-${longWindow}.yml`,
            renderRuleFile(generateRules(slos, { labels, longWindow })),
          );
        }
      }
    }
  });

  it('accepts rules for an SLO whose names and labels try to break out of their strings', () => {
    const evil = 'a"}or vector(1)#';
    const slo: Slo = counterSlo({
      service: evil,
      name: 'x\\"} or on() vector(1) #',
      labels: { team: evil },
      owner: '{{ .Bad }}',
      runbookUrl: 'https://x/{{ template "y" }}',
    });
    check('evil.yml', renderRuleFile(generateRules([slo])));
  });

  it('times page and ticket alerts as hand-computed, for Sloth’s rules and for Headroom’s', () => {
    const sloth = renderSlothGolden('out-base.yaml.tpl');
    const ours = renderRuleFile(generateRules(parseSlothSpec('in-base.yaml')));
    writeFileSync(join(dir, 'sloth.yml'), sloth);
    writeFileSync(join(dir, 'headroom.yml'), ours);
    writeFileSync(join(dir, 'sloth-test.yml'), promtoolTest('sloth.yml', groupNames(sloth), 1));
    writeFileSync(
      join(dir, 'headroom-test.yml'),
      promtoolTest('headroom.yml', groupNames(ours), 2),
    );
    for (const f of ['sloth-test.yml', 'headroom-test.yml']) {
      const r = promtool(['test', 'rules', f], dir);
      expect([f, `${r.stdout}${r.stderr}`]).toEqual([f, expect.stringContaining('SUCCESS')]);
    }
  });

  it('times the opt-in outage page as hand-computed', () => {
    const ours = renderRuleFile(
      generateRules(parseSlothSpec('in-base.yaml'), { outagePage: true }),
    );
    writeFileSync(join(dir, 'headroom-outage.yml'), ours);
    const withOutage = (name: string) => {
      const s = SCENARIOS.find(x => x.name === name)!;
      return {
        ...s,
        checks: s.checks.map(([t, sloth, headroom]): [number, Expected, Expected] => [
          t,
          sloth,
          t >= 45 ? [...headroom, outage] : headroom,
        ]),
      };
    };
    writeFileSync(
      join(dir, 'headroom-outage-test.yml'),
      promtoolTest('headroom-outage.yml', groupNames(ours), 2, [
        withOutage('full outage'),
        withOutage('restart during a full outage'),
        SCENARIOS.find(x => x.name.startsWith('healthy'))!,
      ]),
    );
    const r = promtool(['test', 'rules', 'headroom-outage-test.yml'], dir);
    expect(`${r.stdout}${r.stderr}`).toContain('SUCCESS');
  });

  it('gives exactly Sloth’s alert timing with the fast page turned off', () => {
    const ours = renderRuleFile(generateRules(parseSlothSpec('in-base.yaml'), { fastPage: false }));
    writeFileSync(join(dir, 'headroom-nofast.yml'), ours);
    writeFileSync(
      join(dir, 'headroom-nofast-test.yml'),
      promtoolTest('headroom-nofast.yml', groupNames(ours), 1),
    );
    const r = promtool(['test', 'rules', 'headroom-nofast-test.yml'], dir);
    expect(`${r.stdout}${r.stderr}`).toContain('SUCCESS');
  });
});
