import { mergeAlerts, receivedAlerts } from './alerts';
import { groupIncidents } from './grouping';
import { parseAlertmanagerPayload } from './payload';
import { mttxBy, mttxTrend } from './stats';
import { computeImpact, incidentTimelines } from './timeline';
import { doraSummary } from './dora';
import { postmortemMarkdown } from './postmortem';
import { scrapedSeries, T0, webhookBody, type AlertSpec } from './test-factory';
import type { AckEvent, ImpactInput, IncidentDraft, ReceivedAlert } from './types';

/*
 * Five incidents, hand-computed. Every series has 100 requests per 15-second scrape; the
 * 1-minute error ratio at a scrape covers the four steps ending in (t − 60, t].
 *
 * A  P1 order-gateway/availability (99.9 %, tier 1 page): every request fails in the steps
 *    ending T0+15 … T0+240. Ratio > 0.001 from T0+15 (impact start); at T0+300 the window
 *    (T0+240, T0+300] is clean and stays so: mitigated T0+300. Detected T0+75, acked T0+200,
 *    resolved T0+900. TTD 60, TTA 125, TTR 285, to resolve 885. Meets P1 (60 ≤ 60, 285 ≤ 300).
 * B  P1 payments/availability (99 %, tier 1 page), a day later (T1): half of the requests fail
 *    in steps ending T1+15 … T1+600. Impact T1+15; window (T1+585, T1+645] still holds the bad
 *    step ending T1+600, so mitigated at T1+660. Detected T1+45, never acknowledged, resolved
 *    T1+1200. TTD 30, TTA null, TTR 645 (misses the 300 s target).
 * C  P3 ledger/availability (99.9 %, ticket), still open: 2 % errors from T2+15 to the end of
 *    the series (T2+1800). Impact T2+15, detected T2+600, acked T2+700: TTD 585, TTA 100,
 *    no mitigation, not resolved. Its ticket notification arrives twice (a re-sent group).
 * D  P2 market-data HighMemory, no SLO (label severity=P2): from T3 to T3+400, acked T3+30.
 *    Impact = detection: TTD 0, TTA 30; the alert's resolution is the recovery: TTR 400.
 * E  P2 risk-engine/availability (tier 2 page), no counters given: T4 to T4+120, no ack.
 *    TTD 0, TTR 120.
 */
const DAY = 86400;
const T1 = T0 + DAY;
const T2 = T0 + 2 * DAY;
const T3 = T0 + 3 * DAY;
const T4 = T0 + 40 * DAY; // next month (December)

const gateway = { sloth_service: 'order-gateway', sloth_slo: 'availability', tier: '1' };
const A: AlertSpec = {
  fingerprint: 'aaaa000000000001',
  labels: { ...gateway, sloth_severity: 'page', owner: 'trading', line_of_business: 'markets' },
  startsAt: T0 + 75,
};
// The fast-burn page of the same SLO fires a little later: same incident, second fingerprint.
const A2: AlertSpec = {
  fingerprint: 'aaaa000000000002',
  labels: { ...gateway, sloth_severity: 'page', sloth_burn: 'fast', owner: 'trading' },
  startsAt: T0 + 90,
};
const B: AlertSpec = {
  fingerprint: 'bbbb000000000001',
  labels: {
    sloth_service: 'payments',
    sloth_slo: 'availability',
    sloth_severity: 'page',
    tier: '1',
    owner: 'payments-team',
    line_of_business: 'retail',
  },
  startsAt: T1 + 45,
};
const C: AlertSpec = {
  fingerprint: 'cccc000000000001',
  labels: {
    sloth_service: 'ledger',
    sloth_slo: 'availability',
    sloth_severity: 'ticket',
    owner: 'trading',
    line_of_business: 'markets',
  },
  startsAt: T2 + 600,
};
const D: AlertSpec = {
  fingerprint: 'dddd000000000001',
  labels: { alertname: 'HighMemory', service: 'market-data', severity: 'P2' },
  startsAt: T3,
};
const E: AlertSpec = {
  fingerprint: 'eeee000000000001',
  labels: {
    sloth_service: 'risk-engine',
    sloth_slo: 'availability',
    sloth_severity: 'page',
    tier: '2',
  },
  startsAt: T4,
};
// Opens nothing: no label or annotation names a service.
const stray: AlertSpec = {
  fingerprint: 'ffff000000000001',
  labels: { alertname: 'Watchdog' },
  startsAt: T0,
};

function notify(alerts: AlertSpec[], receivedAt: number): ReceivedAlert[] {
  return receivedAlerts(parseAlertmanagerPayload(webhookBody(alerts)), receivedAt);
}

const notifications: ReceivedAlert[] = [
  ...notify([A, stray], T0 + 80),
  ...notify([A, A2], T0 + 95),
  ...notify(
    [
      { ...A, endsAt: T0 + 900 },
      { ...A2, endsAt: T0 + 600 },
    ],
    T0 + 905,
  ),
  ...notify([B], T1 + 50),
  ...notify([{ ...B, endsAt: T1 + 1200 }], T1 + 1201),
  ...notify([C], T2 + 610),
  ...notify([C], T2 + 910),
  ...notify([D], T3 + 5),
  ...notify([{ ...D, endsAt: T3 + 400 }], T3 + 401),
  ...notify([{ ...E, endsAt: T4 + 120 }], T4 + 121),
];

const acks: AckEvent[] = [
  { at: T0 + 200, fingerprint: A.fingerprint, by: 'alice' },
  { at: T0 + 300, fingerprint: A2.fingerprint, by: 'bob' },
  { at: T2 + 700, fingerprint: C.fingerprint, by: 'bob' },
  { at: T3 + 30, fingerprint: D.fingerprint, by: 'carol' },
];

const counters: Record<string, ImpactInput> = {
  'order-gateway': {
    objective: 0.999,
    series: scrapedSeries(T0 - 600, 160, t => (t > T0 && t <= T0 + 240 ? 1 : 0)),
  },
  payments: {
    objective: 0.99,
    series: scrapedSeries(T1 - 600, 200, t => (t > T1 && t <= T1 + 600 ? 0.5 : 0)),
  },
  ledger: {
    objective: 0.999,
    series: scrapedSeries(T2 - 600, 161, t => (t > T2 ? 0.02 : 0)),
  },
};
const impactOf = (d: IncidentDraft) => (d.target.slo ? counters[d.target.service] : undefined);

function build(received = notifications) {
  return incidentTimelines(groupIncidents(mergeAlerts(received)), acks, impactOf);
}

describe('incidents from Alertmanager notifications', () => {
  const incidents = build();
  const by = (service: string) => incidents.find(i => i.target.service === service)!;

  it('groups alerts of one SLO that overlap, one incident per outage, and ignores alerts without a service', () => {
    expect(incidents.map(i => [i.target.service, i.severity, i.alertKeys.length])).toEqual([
      ['order-gateway', 'P1', 2],
      ['payments', 'P1', 1],
      ['ledger', 'P3', 1],
      ['market-data', 'P2', 1],
      ['risk-engine', 'P2', 1],
    ]);
    expect(by('order-gateway').fingerprints).toEqual([A.fingerprint, A2.fingerprint]);
    expect(by('order-gateway').id).toBe(`${A.fingerprint}-${T0 + 75}`);
  });

  it('times A: impact from the counters, detection, first ack, mitigation, resolution', () => {
    expect(by('order-gateway')).toMatchObject({
      impactStart: T0 + 15,
      impactSource: 'slo',
      detectedAt: T0 + 75,
      notifiedAt: T0 + 80,
      acknowledgedAt: T0 + 200,
      acknowledgedBy: 'alice',
      mitigatedAt: T0 + 300,
      mitigationSource: 'slo',
      resolvedAt: T0 + 900,
      ttdSeconds: 60,
      ttaSeconds: 125,
      ttrSeconds: 285,
      timeToResolveSeconds: 885,
      target: { owner: 'trading', lineOfBusiness: 'markets' },
    });
  });

  it('times B (never acknowledged), C (still open) and D, E (no SLO counters)', () => {
    expect(by('payments')).toMatchObject({
      impactStart: T1 + 15,
      acknowledgedAt: null,
      mitigatedAt: T1 + 660,
      ttdSeconds: 30,
      ttaSeconds: null,
      ttrSeconds: 645,
    });
    expect(by('ledger')).toMatchObject({
      impactStart: T2 + 15,
      notifiedAt: T2 + 610,
      resolvedAt: null,
      mitigatedAt: null,
      ttdSeconds: 585,
      ttaSeconds: 100,
      ttrSeconds: null,
      timeToResolveSeconds: null,
    });
    expect(by('market-data')).toMatchObject({
      impactStart: T3,
      impactSource: 'alert',
      mitigatedAt: T3 + 400,
      mitigationSource: 'alert',
      ttdSeconds: 0,
      ttaSeconds: 30,
      ttrSeconds: 400,
    });
    expect(by('risk-engine')).toMatchObject({ ttdSeconds: 0, ttaSeconds: null, ttrSeconds: 120 });
  });

  it('summarises per severity: mean, p50, p90 (type 7) and attainment against P1 60 s / 300 s', () => {
    const s = mttxBy(incidents, 'severity');
    expect(Object.keys(s)).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(s.P1).toEqual({
      count: 2,
      open: 0,
      mttd: { mean: 45, p50: 45, p90: 57 },
      mtta: { mean: 125, p50: 125, p90: 125 },
      mttr: { mean: 465, p50: 465, p90: 609 },
      mttResolve: { mean: (885 + 1185) / 2, p50: 1035, p90: 885 + 300 * 0.9 },
      attainment: 0.5,
      graded: 2,
    });
    expect(s.P2).toMatchObject({
      count: 2,
      mttd: { mean: 0, p50: 0, p90: 0 },
      mtta: { mean: 30, p50: 30, p90: 30 },
      attainment: null,
    });
    expect(s.P2!.mttr!.mean).toBe(260);
    expect(s.P2!.mttr!.p90).toBeCloseTo(372, 9);
    expect(s.P3).toMatchObject({
      count: 1,
      open: 1,
      mttd: { mean: 585 },
      mttr: null,
      attainment: null,
    });
    expect(s.P4).toEqual({
      count: 0,
      open: 0,
      mttd: null,
      mtta: null,
      mttr: null,
      mttResolve: null,
      attainment: null,
      graded: 0,
    });
  });

  it('summarises per team, line of business and month', () => {
    expect(Object.keys(mttxBy(incidents, 'team'))).toEqual(['payments-team', 'trading', 'unknown']);
    const lob = mttxBy(incidents, 'lineOfBusiness');
    expect(lob.markets).toMatchObject({ count: 2, mttd: { mean: (60 + 585) / 2 } });
    const trend = mttxTrend(incidents);
    expect(Object.keys(trend)).toEqual(['2026-11', '2026-12']);
    expect(trend['2026-11']!.P1.count).toBe(2);
    expect(trend['2026-12']!.P2).toMatchObject({ count: 1, mttr: { mean: 120 } });
  });

  it('counts a period by impact start', () => {
    const s = mttxBy(incidents, 'severity', { from: T1, to: T3 });
    expect([s.P1!.count, s.P2!.count, s.P3!.count]).toEqual([1, 0, 1]);
  });

  it('is idempotent: repeats, re-sent groups and any arrival order give the same incidents', () => {
    const shuffled = [...notifications].reverse();
    const repeated = [...notifications, ...notifications.slice(0, 5)];
    expect(build(shuffled)).toEqual(incidents);
    expect(build(repeated)).toEqual(incidents);
  });

  it('grades a still-open incident once its target has passed', () => {
    const open = incidents.find(i => i.target.service === 'ledger')!;
    const asP1 = { ...open, severity: 'P1' as const };
    expect(mttxBy([asP1], 'severity', { now: T2 + 30 }).P1!.attainment).toBe(0);
    const early = { ...asP1, ttdSeconds: 10 };
    expect(mttxBy([early], 'severity', { now: T2 + 200 }).P1!.attainment).toBeNull();
  });
});

describe('DORA measures from deploy events', () => {
  const incidents = build();
  it('blames an incident on the last deployment of its service before it', () => {
    const dora = doraSummary(
      [
        { at: T0 - 3600, service: 'order-gateway' },
        { at: T0 - 60, service: 'order-gateway', version: 'v2' },
        { at: T1 - 7200, service: 'payments' },
        { at: T0 + 10 * DAY, service: 'payments' },
      ],
      incidents,
    );
    expect(dora.deployments).toBe(4);
    expect(dora.failed).toBe(2);
    expect(dora.changeFailureRate).toBe(0.5);
    expect(dora.outcomes.map(o => o.recoverySeconds)).toEqual([null, 360, 7860, null]);
    expect(dora.failedDeploymentRecovery).toEqual({ mean: 4110, p50: 4110, p90: 360 + 7500 * 0.9 });
  });

  it('has no rate without deployments', () => {
    expect(doraSummary([], incidents)).toMatchObject({
      changeFailureRate: null,
      failedDeploymentRecovery: null,
    });
  });
});

describe('postmortem draft', () => {
  it('writes the timeline and the measures against the targets', () => {
    const a = build().find(i => i.target.service === 'order-gateway')!;
    const md = postmortemMarkdown(a, { detectSeconds: 60, recoverSeconds: 300 });
    expect(md).toContain('# Postmortem draft: P1 order-gateway / availability');
    expect(md).toContain(
      '| Impact started | 2026-11-02T10:00:15Z | 1-minute error ratio above 1 − objective |',
    );
    expect(md).toContain('| Acknowledged | 2026-11-02T10:03:20Z | by alice |');
    expect(md).toContain('- Time to detect: 1 min 0 s (within the 1 min 0 s target)');
    expect(md).toContain('- Time to recover: 4 min 45 s (within the 5 min 0 s target)');
    const b = build().find(i => i.target.service === 'payments')!;
    expect(postmortemMarkdown(b, { recoverSeconds: 300 })).toContain(
      '- Time to recover: 10 min 45 s (**over** the 5 min 0 s target)',
    );
  });
});

describe('impact computed once and passed back', () => {
  it('gives the same timeline as the counters did', () => {
    const drafts = groupIncidents(mergeAlerts(notifications));
    const computed = (d: IncidentDraft) => {
      const input = impactOf(d);
      return input === undefined ? undefined : computeImpact(d, input);
    };
    expect(incidentTimelines(drafts, acks, computed)).toEqual(build());
  });
});
