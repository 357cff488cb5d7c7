import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../program';
import type { Console } from '../io/console';

function capture(): Console & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: t => stdout.push(t), err: t => stderr.push(t) };
}

const dir = mkdtempSync(join(tmpdir(), 'headroom-incidents-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const T0 = Date.UTC(2026, 10, 2, 10, 0, 0) / 1000; // 2026-11-02T10:00:00Z
const T1 = T0 + 86400;
const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

function slo(service: string, target: number): string {
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
spec:
  service: ${service}
  indicator:
    metadata:
      name: ${service}-availability
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: prometheus
            spec:
              query: http_requests_total{service="${service}",code!~"5.."}
        total:
          metricSource:
            type: prometheus
            spec:
              query: http_requests_total{service="${service}"}
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: ${target}
`;
}

/** 100 requests per 15 s scrape; `errorFraction` of the step ending at t fail. */
function countersCsv(start: number, count: number, errorFraction: (t: number) => number): string {
  const rows = ['timestamp,good,total'];
  let good = 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const t = start + i * 15;
    if (i > 0) {
      total += 100;
      good += 100 * (1 - errorFraction(t));
    }
    rows.push(`${iso(t)},${good},${total}`);
  }
  return `${rows.join('\n')}\n`;
}

function alert(
  fingerprint: string,
  labels: Record<string, string>,
  startsAt: number,
  endsAt?: number,
) {
  return {
    status: endsAt === undefined ? 'firing' : 'resolved',
    labels: { alertname: 'SloErrorBudgetBurn', ...labels },
    annotations: {},
    startsAt: iso(startsAt),
    endsAt: endsAt === undefined ? '0001-01-01T00:00:00Z' : iso(endsAt),
    generatorURL: '',
    fingerprint,
  };
}

function notification(receivedAt: number, alerts: unknown[]): string {
  return JSON.stringify({
    type: 'alertmanager',
    receivedAt: iso(receivedAt),
    payload: {
      receiver: 'headroom',
      status: 'firing',
      alerts,
      groupLabels: {},
      commonLabels: {},
      commonAnnotations: {},
      externalURL: 'http://127.0.0.1:9093',
      version: '4',
      groupKey: '{}:{}',
      truncatedAlerts: 0,
    },
  });
}

const gateway = {
  sloth_service: 'order-gateway',
  sloth_slo: 'availability',
  sloth_severity: 'page',
  tier: '1',
};
const payments = {
  sloth_service: 'payments',
  sloth_slo: 'availability',
  sloth_severity: 'page',
  tier: '1',
};
const memory = { alertname: 'HighMemory', service: 'market-data', severity: 'P2' };
const ledger = { sloth_service: 'ledger', sloth_slo: 'availability', sloth_severity: 'ticket' };

const events = [
  notification(T0 + 80, [alert('a1', gateway, T0 + 75)]),
  JSON.stringify({ type: 'ack', at: iso(T0 + 200), fingerprint: 'a1', by: 'alice' }),
  notification(T0 + 905, [alert('a1', gateway, T0 + 75, T0 + 900)]),
  notification(T0 + 906, [alert('a1', gateway, T0 + 75, T0 + 900)]), // re-sent
  notification(T1 + 50, [alert('b1', payments, T1 + 45)]),
  notification(T1 + 1201, [alert('b1', payments, T1 + 45, T1 + 1200)]),
  notification(T1 + 3600, [alert('d1', memory, T1 + 3600)]),
  JSON.stringify({ type: 'ack', at: iso(T1 + 3630), fingerprint: 'd1', by: 'carol' }),
  notification(T1 + 4001, [alert('d1', memory, T1 + 3600, T1 + 4000)]),
  notification(T1 + 7300, [alert('c1', ledger, T1 + 7200)]),
  JSON.stringify({ type: 'deploy', at: iso(T0 - 60), service: 'order-gateway', version: 'v2' }),
  JSON.stringify({ type: 'deploy', at: iso(T1 + 20000), service: 'payments' }),
  '',
].join('\n');

const sloFiles = [
  file('gateway.yaml', slo('order-gateway', 0.999)),
  file('payments.yaml', slo('payments', 0.99)),
];
file(
  'order-gateway-availability.csv',
  countersCsv(T0 - 600, 160, t => (t > T0 && t <= T0 + 240 ? 1 : 0)),
);
file(
  'payments-availability.csv',
  countersCsv(T1 - 600, 200, t => (t > T1 && t <= T1 + 600 ? 0.5 : 0)),
);
const eventsFile = file('events.jsonl', events);

async function report(...args: string[]) {
  const io = capture();
  const code = await run(['incidents', 'report', ...args], io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('\n') };
}

describe('headroom incidents report', () => {
  it('writes each incident with its timeline and times, null where unknown (hand-computed)', async () => {
    const { code, out } = await report(
      '--events',
      eventsFile,
      '--slo',
      ...sloFiles,
      '--series-dir',
      dir,
      '--format',
      'json',
    );
    expect(code).toBe(0);
    const json = JSON.parse(out);
    const pick = (i: Record<string, unknown>) => ({
      service: i.service,
      severity: i.severity,
      impactStart: i.impactStart,
      detectedAt: i.detectedAt,
      acknowledgedAt: i.acknowledgedAt,
      mitigatedAt: i.mitigatedAt,
      resolvedAt: i.resolvedAt,
      ttdSeconds: i.ttdSeconds,
      ttaSeconds: i.ttaSeconds,
      ttrSeconds: i.ttrSeconds,
    });
    expect(json.incidents.map(pick)).toEqual([
      {
        service: 'order-gateway',
        severity: 'P1',
        impactStart: '2026-11-02T10:00:15Z',
        detectedAt: '2026-11-02T10:01:15Z',
        acknowledgedAt: '2026-11-02T10:03:20Z',
        mitigatedAt: '2026-11-02T10:05:00Z',
        resolvedAt: '2026-11-02T10:15:00Z',
        ttdSeconds: 60,
        ttaSeconds: 125,
        ttrSeconds: 285,
      },
      {
        service: 'payments',
        severity: 'P1',
        impactStart: '2026-11-03T10:00:15Z',
        detectedAt: '2026-11-03T10:00:45Z',
        acknowledgedAt: null,
        mitigatedAt: '2026-11-03T10:11:00Z',
        resolvedAt: '2026-11-03T10:20:00Z',
        ttdSeconds: 30,
        ttaSeconds: null,
        ttrSeconds: 645,
      },
      {
        service: 'market-data',
        severity: 'P2',
        impactStart: '2026-11-03T11:00:00Z',
        detectedAt: '2026-11-03T11:00:00Z',
        acknowledgedAt: '2026-11-03T11:00:30Z',
        mitigatedAt: '2026-11-03T11:06:40Z',
        resolvedAt: '2026-11-03T11:06:40Z',
        ttdSeconds: 0,
        ttaSeconds: 30,
        ttrSeconds: 400,
      },
      {
        service: 'ledger',
        severity: 'P3',
        impactStart: '2026-11-03T12:00:00Z',
        detectedAt: '2026-11-03T12:00:00Z',
        acknowledgedAt: null,
        mitigatedAt: null,
        resolvedAt: null,
        ttdSeconds: 0,
        ttaSeconds: null,
        ttrSeconds: null,
      },
    ]);
    expect(json.summary.bySeverity.P1).toEqual({
      count: 2,
      open: 0,
      mttd: { mean: 45, p50: 45, p90: 57 },
      mtta: { mean: 125, p50: 125, p90: 125 },
      mttr: { mean: 465, p50: 465, p90: 609 },
      mttResolve: { mean: 1035, p50: 1035, p90: 1155 },
      attainment: 0.5,
      graded: 2,
    });
    expect(json.summary.bySeverity.P3).toMatchObject({
      count: 1,
      open: 1,
      mttr: null,
      attainment: null,
    });
    expect(json.dora).toMatchObject({ deployments: 2, failed: 1, changeFailureRate: 0.5 });
    expect(json.dora.failedDeploymentRecovery).toEqual({ mean: 360, p50: 360, p90: 360 });
  });

  it('without counters, impact starts at detection and the resolution stands for mitigation', async () => {
    const { out } = await report('--events', eventsFile, '--format', 'json');
    const gatewayIncident = JSON.parse(out).incidents[0];
    expect(gatewayIncident).toMatchObject({
      impactSource: 'alert',
      impactStart: '2026-11-02T10:01:15Z',
      ttdSeconds: 0,
      ttrSeconds: 825,
    });
  });

  it('takes owner and line of business from catalog files when the alerts do not say', async () => {
    const catalog = file(
      'catalog-info.yaml',
      `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
  annotations:
    headroom.dev/line-of-business: retail
spec:
  type: service
  owner: team-payments
`,
    );
    const { out } = await report('--events', eventsFile, '--catalog', catalog, '--format', 'json');
    const json = JSON.parse(out);
    expect(json.incidents[1]).toMatchObject({
      service: 'payments',
      entityRef: 'component:default/payments',
      owner: 'team-payments',
      lineOfBusiness: 'retail',
    });
    expect(Object.keys(json.summary.byTeam)).toEqual(['team-payments', 'unknown']);
    expect(json.summary.byLineOfBusiness.retail.count).toBe(1);
  });

  it('prints tables of incidents and MTTx per severity', async () => {
    const { code, out } = await report(
      '--events',
      eventsFile,
      '--slo',
      ...sloFiles,
      '--series-dir',
      dir,
    );
    expect(code).toBe(0);
    expect(out).toMatch(
      /P1\s+│\s+order-gateway\s+│\s+availability\s+│\s+2026-11-02T10:00:15Z\s+│\s+1m\s+│\s+2m 5s\s+│\s+4m 45s\s+│\s+resolved/,
    );
    expect(out).toMatch(
      /P1\s+│\s+2\s+│\s+45s \/ 45s \/ 57s\s+│.*│\s+7m 45s \/ 7m 45s \/ 10m 9s\s+│\s+50%/,
    );
  });

  it('names the file, line and field of a bad event, and prints nothing else', async () => {
    const bad = file(
      'bad.jsonl',
      `${events.split('\n')[0]}\n${events.split('\n')[1]!.replace('"at":"2026', '"at":"26')}\n`,
    );
    const { code, out, err } = await report('--events', bad);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`error: ${bad}:2: at: must be RFC 3339, got "26-11-02T10:03:20Z"`);
    const badAlert = file(
      'bad2.jsonl',
      events.split('\n')[0]!.replace('"startsAt":"2026-11-02T10:01:15Z"', '"startsAt":"soon"'),
    );
    expect((await report('--events', badAlert)).err).toBe(
      `error: ${badAlert}:1: payload.alerts[0].startsAt: must be RFC 3339, got "soon"`,
    );
  });
});
