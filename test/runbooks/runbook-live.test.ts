import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '@headroom/cli';
import { alertSeverity, parseSloDocuments, type RunbookAuditRecord } from '@headroom/core';
import {
  createContext,
  DEFAULT_SEED,
  liveControlsFor,
  startServer,
  WORLD,
  writeHistoryFile,
} from '@headroom/demo-simulator';
import { generateRules, renderRuleFile } from '@headroom/prometheus';
import {
  alertingConfig,
  startAlertmanager,
  type RunningAlertmanager,
} from '../incidents/alertmanager';
import {
  freePort,
  promtool,
  startPrometheus,
  type RunningPrometheus,
} from '../prometheus/prometheus';

/**
 * Self-healing on real parts: the demo simulator (live, with its control API), a real Prometheus
 * scraping it every 5 s with the SLOs' generated rules, and `headroom runbook run`.
 * - matching-engine, tier 1 by its catalog SLO file (so its page is a P1): a bad version (every
 *   request a 500) is deployed; the runbook waits for the SLO's page alert, finds the deploy in
 *   the simulator's event log, rolls back and verifies a minute of clean 1-minute error ratios:
 *   detected < 60 s, recovered < 300 s after the deploy;
 * - cold-storage: the same fault, the same runbook in dry run: the record says what would have
 *   run and the bad version keeps running;
 * - market-data: the same fault, the runbook triggered by a real Alertmanager's webhook (Prometheus
 *   sends the page to Alertmanager, which notifies the runbook's receiver) instead of a poll.
 */
const SCRAPE = 5;
/** The simulator's counting step (dev-env/simulator STEP_SECONDS). */
const STEP = 15;
const CATALOG = join(__dirname, '..', '..', 'dev-env', 'catalog', 'services');
/** The tier-1 service: its SLOs are the catalog's own file, whose tier label grades a page P1. */
const P1_SERVICE = 'matching-engine';
const SERVICES = [P1_SERVICE, 'cold-storage', 'market-data'];

const sloth = (service: string) => `version: prometheus/v1
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
      page_alert: {}
      ticket_alert:
        disable: true
`;

const ratio = (selector: string) =>
  `sum(rate(http_requests_total{${selector},code=~"5.."}[1m])) / sum(rate(http_requests_total{${selector}}[1m]))`;

const runbookYaml = (service: string, dryRun: boolean) => `apiVersion: headroom.dev/v1alpha1
kind: Runbook
metadata:
  name: ${service}-errors
spec:
  service: ${service}
  slo: availability
  trigger:
    slo: { severity: page }
  diagnosis:
    - name: error-ratio
      query: ${ratio(`service="${service}"`)}
      expect: { above: 0.01 }
    - name: recent-deploy
      recentChanges: { within: 30m, includeDependencies: true, actions: [deploy] }
    - name: dependencies
      dependencyHealth:
        errorRatioQuery: ${ratio('service="{{.service}}"')}
        maxErrorRatio: 0.05
  actions:
    - { name: roll-back, type: rollback, when: [error-ratio, recent-deploy] }
    - { name: restart, type: restart, when: [error-ratio] }
    - name: page-dependency-owners
      type: webhook
      params: { url: "http://127.0.0.1:9/never" }
      when: [dependencies]
      risky: true
  verify: { within: 4m, stableFor: 1m }
  guardrails: { dryRun: ${dryRun} }
`;

let dir: string;
let server: Server;
let prometheus: RunningPrometheus;
let live: ReturnType<typeof liveControlsFor>;
let simulatorUrl: string;
let alertmanager: RunningAlertmanager;
let listenPort: number;
const AM_TOKEN = 'runbook-receiver-secret';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-runbook-live-'));
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
  simulatorUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const parsed = SERVICES.flatMap(service => {
    const file = sloFile(service);
    if (service !== P1_SERVICE) writeFileSync(file, sloth(service));
    writeFileSync(
      join(dir, `${service}.runbook.yaml`),
      runbookYaml(service, service === 'cold-storage'),
    );
    return parseSloDocuments(readFileSync(file, 'utf8'), file).slos;
  });
  prometheus = await startPrometheus({
    dir: join(dir, 'prom'),
    scrapeInterval: `${SCRAPE}s`,
    evaluationInterval: `${SCRAPE}s`,
    scrapeTargets: [simulatorUrl.replace('http://', '')],
    continueBackfill: true,
    rules: { 'slos.yml': renderRuleFile(generateRules(parsed, { pageInterval: `${SCRAPE}s` })) },
  });
  // Prometheus pages through Alertmanager, which notifies the runbook's own receiver.
  listenPort = await freePort();
  alertmanager = startAlertmanager({
    WEBHOOK_URL: `http://127.0.0.1:${listenPort}/`,
    WEBHOOK_TOKEN: AM_TOKEN,
    GROUP_WAIT: '1s',
    GROUP_INTERVAL: '5s',
  });
  appendFileSync(join(dir, 'prom', 'prometheus.yml'), alertingConfig(alertmanager.url));
  await prometheus.reload();
  // The live scrapes join the backfill: wait for a few of them.
  await new Promise(resolve => setTimeout(resolve, 3 * SCRAPE * 1000));
}, 120_000);

afterAll(async () => {
  alertmanager?.stop();
  await prometheus?.stop();
  await new Promise<void>(resolve => (server ? server.close() && resolve() : resolve()));
  rmSync(dir, { recursive: true, force: true });
});

function sloFile(service: string): string {
  return service === P1_SERVICE
    ? join(CATALOG, service, 'slos.yaml')
    : join(dir, `${service}.slo.yaml`);
}

async function plantBadVersion(service: string): Promise<number> {
  const response = await fetch(`${simulatorUrl}/control/services/${service}/deploy`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ version: 'v2-bad', fault: { kind: 'errors', magnitude: 1 } }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { at: number }).at;
}

async function runbook(
  service: string,
  extra: string[] = [],
): Promise<{ code: number; record: RunbookAuditRecord }> {
  const catalog = readdirSync(CATALOG).map(s => join(CATALOG, s, 'catalog-info.yaml'));
  const stdout: string[] = [];
  const log: string[] = [];
  const code = await run(
    [
      'runbook',
      'run',
      join(dir, `${service}.runbook.yaml`),
      '--slo',
      sloFile(service),
      '--simulator',
      simulatorUrl,
      '--prometheus',
      prometheus.url,
      '--catalog',
      ...catalog,
      '--step',
      String(SCRAPE),
      '--poll',
      '5',
      '--wait',
      '3m',
      ...extra,
    ],
    {
      isTTY: false,
      out: t => stdout.push(t),
      err: t => log.push(`${new Date().toISOString()} ${t}`),
    },
  );
  console.log(service, log.join('\n'));
  return { code, record: JSON.parse(stdout.join('\n')) as RunbookAuditRecord };
}

describe('headroom runbook run on the simulator and a real Prometheus', () => {
  let deployedAt: Record<string, number>;
  let results: Record<string, { code: number; record: RunbookAuditRecord }>;

  beforeAll(async () => {
    deployedAt = {
      [P1_SERVICE]: await plantBadVersion(P1_SERVICE),
      'cold-storage': await plantBadVersion('cold-storage'),
      'market-data': await plantBadVersion('market-data'),
    };
    const [p1, cold, market] = await Promise.all([
      runbook(P1_SERVICE),
      runbook('cold-storage'),
      runbook('market-data', [
        '--alertmanager-listen',
        `127.0.0.1:${listenPort}`,
        '--alertmanager-token',
        AM_TOKEN,
      ]),
    ]);
    results = { [P1_SERVICE]: p1!, 'cold-storage': cold!, 'market-data': market! };
  }, 420_000);

  it('detects the P1 bad version, finds the deploy, rolls it back and recovers in time', () => {
    const { code, record } = results[P1_SERVICE]!;
    const t0 = deployedAt[P1_SERVICE]!;
    expect(record.result).toBe('recovered');
    expect(code).toBe(0);
    expect(record.mode).toBe('live');
    expect(record.trigger.by).toBe('alert SloErrorBudgetBurn');
    // A P1 as the incidents grade it: the page of a tier-1 SLO (the alert carries its tier).
    expect(record.trigger.labels).toMatchObject({ tier: '1', sloth_severity: 'page' });
    expect(alertSeverity(record.trigger.labels)).toBe('P1');
    // Detection: the page alert active within a minute of the deploy.
    const detect = record.trigger.firedAt! - t0;
    expect(detect).toBeGreaterThan(0);
    expect(detect).toBeLessThan(60);
    // Diagnosis: the recent bad change found in the simulator's event log; ledger healthy.
    const recent = record.findings.find(f => f.step === 'recent-deploy')!;
    expect(recent.holds).toBe(true);
    expect(recent.changes![0]).toMatchObject({
      service: P1_SERVICE,
      action: 'deploy',
      at: t0,
      detail: { version: 'v2-bad' },
    });
    expect(record.findings.find(f => f.step === 'error-ratio')).toMatchObject({ holds: true });
    expect(record.findings.find(f => f.step === 'dependencies')).toMatchObject({
      holds: false,
      unhealthy: [],
    });
    expect(record.chosen).toEqual(['roll-back', 'restart']);
    expect(record.actions).toHaveLength(1);
    expect(record.actions[0]).toMatchObject({ action: 'roll-back', outcome: 'succeeded' });
    // Recovery: a minute of clean 1-minute ratios, begun within 300 s of the deploy.
    const recover = record.times.recoveredAt! - t0;
    expect(recover).toBeGreaterThan(detect);
    expect(recover).toBeLessThan(300);
    // The record's own figures, from the counters' impact start.
    expect(record.times.ttdSeconds).toBeLessThan(60);
    expect(record.times.ttrSeconds).toBeLessThan(300);
    // The simulator counts whole 15-s steps judged at their midpoint, so the counters show the
    // fault from the first step whose middle is after the deploy: up to 22.5 s plus a scrape or two.
    const seen = record.times.impactStartedAt! - t0;
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThanOrEqual(STEP + STEP / 2 + 2 * SCRAPE);
    // The simulator rolled back and ended the fault.
    const snapshot = live.snapshot();
    expect(snapshot.services[P1_SERVICE]!.version).toBe('v1');
    const rollback = snapshot.events.find(
      e => e.service === P1_SERVICE && e.action === 'rollback',
    )!;
    expect(rollback.at).toBeCloseTo(record.actions[0]!.startedAt!, 0);
    const fault = snapshot.faults.find(f => f.service === P1_SERVICE)!;
    expect(fault.end).toBe(rollback.at);
    console.log(
      `${P1_SERVICE} (P1): alert ${detect.toFixed(1)} s after the deploy, rollback at ${(rollback.at - t0).toFixed(1)} s, ` +
        `recovered from ${recover.toFixed(1)} s, counters show the fault from ${seen.toFixed(1)} s ` +
        `(record TTD ${record.times.ttdSeconds} s, TTR ${record.times.ttrSeconds} s, run ended ${(record.endedAt - t0).toFixed(1)} s)`,
    );
  });

  it('in dry run records what it would have done and recovers nothing', () => {
    const { code, record } = results['cold-storage']!;
    expect(record.mode).toBe('dry-run');
    expect(record.result).toBe('dry-run');
    expect(code).toBe(0);
    expect(record.trigger.firedAt! - deployedAt['cold-storage']!).toBeLessThan(60);
    expect(record.findings.find(f => f.step === 'recent-deploy')).toMatchObject({ holds: true });
    expect(record.actions).toEqual([
      expect.objectContaining({
        action: 'roll-back',
        outcome: 'not-run',
        startedAt: null,
        decision: {
          verdict: 'dry-run',
          guardrail: 'dry-run',
          reason: 'dry run (runbook cold-storage-errors): roll-back would run',
        },
      }),
    ]);
    expect(record.summary).toBe('Dry run: would have run roll-back; nothing was changed.');
    expect(record.times.recoveredAt).toBeNull();
    const snapshot = live.snapshot();
    expect(snapshot.services['cold-storage']!.version).toBe('v2-bad');
    expect(snapshot.events.filter(e => e.service === 'cold-storage').map(e => e.action)).toEqual([
      'deploy',
    ]);
    expect(snapshot.faults.find(f => f.service === 'cold-storage')!.end).toBeUndefined();
  });

  it("is triggered by Alertmanager's webhook and recovers the same way", async () => {
    const { code, record } = results['market-data']!;
    const t0 = deployedAt['market-data']!;
    expect(record.result).toBe('recovered');
    expect(code).toBe(0);
    expect(record.trigger.by).toBe('alert marketdataAvailability');
    expect(record.trigger.labels).toMatchObject({
      sloth_service: 'market-data',
      sloth_severity: 'page',
    });
    // Alertmanager delivered to the runbook's receiver (its own count of webhook notifications).
    const metrics = await (await fetch(`${alertmanager.url}/metrics`)).text();
    const sent = /alertmanager_notifications_total\{integration="webhook"[^}]*\} (\d+)/.exec(
      metrics,
    );
    expect(Number(sent?.[1])).toBeGreaterThanOrEqual(1);
    const detect = record.trigger.firedAt! - t0;
    expect(detect).toBeGreaterThan(0);
    expect(detect).toBeLessThan(60);
    expect(record.actions.map(a => [a.action, a.outcome])).toEqual([['roll-back', 'succeeded']]);
    const recover = record.times.recoveredAt! - t0;
    expect(recover).toBeLessThan(300);
    expect(live.snapshot().services['market-data']!.version).toBe('v1');
    console.log(
      `market-data (Alertmanager): alert ${detect.toFixed(1)} s after the deploy, rollback at ` +
        `${(record.actions[0]!.startedAt! - t0).toFixed(1)} s, recovered from ${recover.toFixed(1)} s ` +
        `(record TTD ${record.times.ttdSeconds} s, TTR ${record.times.ttrSeconds} s)`,
    );
  });
});
