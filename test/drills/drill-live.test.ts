import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '@headroom/cli';
import { burnRate, parseSloDocuments, prepareSeries, type DrillRunRecord } from '@headroom/core';
import {
  createContext,
  DEFAULT_SEED,
  liveControlsFor,
  startServer,
  WORLD,
  writeHistoryFile,
  type LiveFault,
} from '@headroom/demo-simulator';
import {
  fetchCounterSamples,
  generateRules,
  PrometheusClient,
  renderRuleFile,
} from '@headroom/prometheus';
import { promtool, startPrometheus, type RunningPrometheus } from '../prometheus/prometheus';

/**
 * Three drills at once on real parts: the demo simulator (live, with its control API), a real
 * Prometheus scraping it every 5 s with the SLOs' generated rules, and `headroom drill run`.
 * - wallet-api: a full outage for a minute is paged (the fast page) within 60 s and recovers
 *   after the fault: Pass, with its times and the budget it spent;
 * - fiat-onramp: the same fault on a service whose SLO has no page rule: Fail, no alert — the
 *   weak link;
 * - ledger: an outage with an abort condition is stopped at the first look (every 5 s) after
 *   Prometheus' data shows the condition.
 */
const SCRAPE = 5;

const sloth = (service: string, page: boolean) => `version: prometheus/v1
service: ${service}
slos:
  - name: availability
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{service="${service}",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{service="${service}"}[{{.window}}]))
    alerting:
      name: ${service.replace(/-/g, '')}Availability
      page_alert:
        disable: ${!page}
      ticket_alert:
        disable: true
`;

const drillYaml = (service: string, extra = '') => `apiVersion: headroom.dev/v1alpha1
kind: Drill
metadata:
  name: ${service}-outage
spec:
  service: ${service}
  slo: availability
  hypothesis: A minute of full outage of ${service} pages within a minute and recovers within five.
  steadyState:
    - burnRate: { window: 2m, below: 2 }
  faults:
    - { type: outage, target: ${service}, magnitude: 1, duration: 60s, weight: 10 }
${extra}  expect:
    alert: { severity: page, within: 60s }
    recovery: { within: 5m, stableFor: 1m }
`;

let dir: string;
let server: Server;
let prometheus: RunningPrometheus;
let live: ReturnType<typeof liveControlsFor>;
let simulatorUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-drill-live-'));
  const anchor = Math.floor(Date.now() / 60_000) * 60;
  live = liveControlsFor(WORLD.services);
  const ctx = { ...createContext(WORLD, DEFAULT_SEED, anchor), live };
  // Two hours of history up to a minute ago, then the same series live.
  const history = join(dir, 'history.om');
  await writeHistoryFile(ctx, { from: anchor - 7200, to: anchor - 60, step: SCRAPE }, history);
  mkdirSync(join(dir, 'prom', 'data'), { recursive: true });
  const r = promtool([
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    '--quiet',
    '--max-block-duration=24h',
    history,
    join(dir, 'prom', 'data'),
  ]);
  if (r.status !== 0) throw new Error(`backfill failed: ${r.stderr}`);
  server = await startServer(ctx, { host: '127.0.0.1', port: 0 });
  const port = (server.address() as AddressInfo).port;
  simulatorUrl = `http://127.0.0.1:${port}`;

  const parsed = ['wallet-api', 'fiat-onramp', 'ledger'].flatMap(service => {
    const file = join(dir, `${service}.slo.yaml`);
    const text = sloth(service, service !== 'fiat-onramp');
    writeFileSync(file, text);
    return parseSloDocuments(text, file).slos;
  });
  prometheus = await startPrometheus({
    dir: join(dir, 'prom'),
    scrapeInterval: `${SCRAPE}s`,
    evaluationInterval: `${SCRAPE}s`,
    scrapeTargets: [`127.0.0.1:${port}`],
    continueBackfill: true,
    rules: { 'slos.yml': renderRuleFile(generateRules(parsed, { pageInterval: `${SCRAPE}s` })) },
  });
  // The live scrapes join the backfill: wait for two of them.
  await new Promise(resolve => setTimeout(resolve, 3 * SCRAPE * 1000));
}, 120_000);

afterAll(async () => {
  await prometheus?.stop();
  await new Promise<void>(resolve => (server ? server.close(() => resolve()) : resolve()));
  rmSync(dir, { recursive: true, force: true });
});

interface Result {
  code: number;
  /** The run's progress lines, shown when an assertion fails. */
  log: string[];
  record: DrillRunRecord;
}

async function drill(service: string, extra = ''): Promise<Result> {
  const file = join(dir, `${service}.drill.yaml`);
  writeFileSync(file, drillYaml(service, extra));
  const stdout: string[] = [];
  const log: string[] = [];
  const code = await run(
    [
      'drill',
      'run',
      file,
      '--slo',
      join(dir, `${service}.slo.yaml`),
      '--simulator',
      simulatorUrl,
      '--prometheus',
      prometheus.url,
      '--step',
      String(SCRAPE),
      '--poll',
      '5',
    ],
    { isTTY: false, out: t => stdout.push(t), err: t => log.push(t) },
  );
  return { code, log, record: JSON.parse(stdout.join('\n')) as DrillRunRecord };
}

const seconds = (iso: string | null) => Date.parse(iso!) / 1000;
const faultsOf = (service: string): LiveFault[] =>
  live.snapshot().faults.filter(f => f.service === service);

describe('headroom drill run on the simulator and a real Prometheus', () => {
  let results: Record<string, Result>;

  beforeAll(async () => {
    const [wallet, fiat, ledger] = await Promise.all([
      drill('wallet-api'),
      drill('fiat-onramp'),
      drill('ledger', '  abort:\n    - burnRate: { window: 1m, above: 100 }\n'),
    ]);
    results = { wallet: wallet!, fiat: fiat!, ledger: ledger! };
  }, 420_000);

  it('passes a drill whose fault is paged within a minute and recovers', () => {
    const { code, record } = results['wallet']!;
    expect(record.summary).toMatch(/^The hypothesis held/);
    expect(record.verdict).toBe('Pass');
    expect(code).toBe(0);
    expect(record.detection.ttdSeconds).toBeGreaterThan(0);
    expect(record.detection.ttdSeconds).toBeLessThanOrEqual(60);
    // Recovery: the 1-minute ratio is clean a minute after the fault ends, seen a scrape later.
    expect(record.recovery.ttrSeconds).toBeGreaterThanOrEqual(60);
    expect(record.recovery.ttrSeconds).toBeLessThanOrEqual(60 + 60 + 2 * SCRAPE + 5);
    // A minute of every request failing, against a 30-day budget of 2 hours of traffic:
    // 60 s / (0.001 × ~7,400 s) ≈ 8 budgets.
    expect(record.budgetSpent).toBeGreaterThan(5);
    expect(record.resilienceScore).toBe(100);
    const [fault] = faultsOf('wallet-api');
    expect(fault!.kind).toBe('outage');
    expect(seconds(record.faultStartedAt)).toBeCloseTo(fault!.start, 0);
  });

  it('fails a drill on a service without a page rule: the alert that never fired', () => {
    const { code, record } = results['fiat']!;
    expect(record.verdict).toBe('Fail');
    expect(code).toBe(1);
    expect(record.detection).toEqual({
      expected: true,
      alertFiredAt: null,
      ttdSeconds: null,
      withinTarget: false,
    });
    expect(record.summary).toContain('page alert within 1m: no alert fired');
    expect(record.recovery.withinTarget).toBe(true);
  });

  it('stops a fault at the first look after the data shows the abort condition', async () => {
    const { record, log } = results['ledger']!;
    expect({ verdict: record.verdict, log }).toMatchObject({ verdict: 'Aborted' });
    const start = seconds(record.faultStartedAt);
    const stopped = seconds(record.aborted!.at);
    // When the condition first held in Prometheus' data (1-minute burn above 100), read back.
    const slo = parseSloDocuments(sloth('ledger', true), 'ledger.slo.yaml').slos[0]!;
    const from = Math.floor(start / SCRAPE) * SCRAPE - 180;
    const series = prepareSeries(
      await fetchCounterSamples(
        new PrometheusClient({ url: prometheus.url }),
        slo,
        from,
        Math.ceil(stopped / SCRAPE) * SCRAPE,
        SCRAPE,
      ),
    );
    const firstVisible = Array.from(series.timestamps).find(
      t => t > start && (burnRate(series, t, 60, 0.999) ?? 0) > 100,
    );
    expect(firstVisible).toBeDefined();
    // One look (5 s) after the sample that shows it, plus the scrape that brings it in.
    expect(stopped - firstVisible!).toBeGreaterThanOrEqual(0);
    expect(stopped - firstVisible!).toBeLessThanOrEqual(5 + SCRAPE + 2);
    const [fault] = faultsOf('ledger');
    expect(fault!.end! - fault!.start).toBeCloseTo(stopped - start, 0);
  });
});
