import { assessChange } from './assess';
import { blastRadius, neighbours } from './graph';
import { riskPolicyFor } from './policy';
import type { CatalogNode, ChangeContext, ChangeInput } from './types';

/**
 * A small catalog (Backstage relations):
 *   gateway (100 req/s) dependsOn ledger, consumes accounts-api
 *   ledger (50) provides ledger-api, dependsOn resource:ledger-db
 *   reporting (10) consumes ledger-api
 *   accounts (40) provides accounts-api
 *   audit (20) is a dependencyOf ledger (ledger depends on it)
 * 220 req/s in all.
 */
const graph: CatalogNode[] = [
  {
    ref: 'component:default/gateway',
    traffic: 100,
    dependsOn: ['component:default/ledger'],
    consumesApis: ['api:default/accounts-api'],
  },
  {
    ref: 'component:default/ledger',
    traffic: 50,
    providesApis: ['api:default/ledger-api'],
    dependsOn: ['resource:default/ledger-db'],
  },
  { ref: 'component:default/reporting', traffic: 10, consumesApis: ['api:default/ledger-api'] },
  { ref: 'component:default/accounts', traffic: 40, providesApis: ['api:default/accounts-api'] },
  { ref: 'component:default/audit', traffic: 20, dependencyOf: ['component:default/ledger'] },
  { ref: 'api:default/ledger-api' },
  { ref: 'resource:default/ledger-db' },
];

const ledger = 'component:default/ledger';
const DAY = 86_400;
// Monday 7 December 2026, 13:00 UTC = 14:00 in Paris.
const plannedAt = Date.UTC(2026, 11, 7, 13) / 1000;

const change: ChangeInput = {
  service: ledger,
  version: '2.4.0',
  size: { linesChanged: 420 },
  plannedAt,
};

const context: ChangeContext = {
  slos: [
    { name: 'availability', budgetRemaining: 0.4, burnRate: 2 },
    { name: 'latency', budgetRemaining: 0.8, burnRate: 0.5 },
  ],
  graph,
  driver: {
    timeZone: 'Europe/Paris',
    hourly: [
      10, 8, 6, 5, 5, 6, 10, 20, 40, 60, 80, 90, 95, 100, 90, 80, 70, 60, 50, 40, 30, 25, 20, 15,
    ],
  },
  freezeWindows: [
    { from: Date.UTC(2026, 11, 21) / 1000, to: Date.UTC(2027, 0, 4) / 1000, reason: 'year-end' },
  ],
  recentChanges: [
    { service: ledger, at: plannedAt - 2 * DAY, outcome: 'succeeded' },
    { service: ledger, at: plannedAt - 5 * DAY, outcome: 'rolled-back' },
    { service: ledger, at: plannedAt - 9 * DAY, outcome: 'succeeded' },
    { service: ledger, at: plannedAt - 20 * DAY, outcome: 'succeeded' },
    // Outside the 30 days, and another service's: neither counts.
    { service: ledger, at: plannedAt - 40 * DAY, outcome: 'failed' },
    { service: 'component:default/gateway', at: plannedAt - DAY, outcome: 'failed' },
  ],
  openIncidents: [
    { entityRef: 'component:default/gateway', severity: 'P3', title: 'slow logins' },
    { entityRef: ledger, severity: 'P4' },
    // accounts is not a neighbour of ledger: ignored.
    { entityRef: 'component:default/accounts', severity: 'P2' },
  ],
};

describe('blastRadius', () => {
  it('follows dependsOn backwards, dependencyOf forwards and API consumers, weighted by traffic', () => {
    const r = blastRadius(graph, ledger);
    expect(r.impacted).toEqual([
      { ref: ledger, hops: 0 },
      { ref: 'component:default/gateway', hops: 1 },
      { ref: 'component:default/reporting', hops: 1 },
    ]);
    // ledger 50 + gateway 100 + reporting 10 of 220.
    expect(r.impactedTraffic).toBe(160);
    expect(r.totalTraffic).toBe(220);
    expect(r.trafficShare).toBeCloseTo(160 / 220, 12);
    // audit → ledger → gateway, reporting: 180 of 220, two hops to the gateway.
    const audit = blastRadius(graph, 'component:default/audit');
    expect(audit.impactedTraffic).toBe(180);
    expect(audit.impacted.find(i => i.ref === 'component:default/gateway')?.hops).toBe(2);
    expect(blastRadius(graph, 'component:default/accounts').impactedTraffic).toBe(140);
    expect(blastRadius(graph, 'component:default/reporting').trafficShare).toBeCloseTo(
      10 / 220,
      12,
    );
  });

  it('counts services when no traffic is known', () => {
    const bare = graph.map(({ traffic: _t, ...n }) => n);
    const r = blastRadius(bare, ledger);
    expect(r).toMatchObject({
      byCount: true,
      impactedTraffic: 3,
      totalTraffic: 5,
      withoutTraffic: 5,
    });
  });

  it('neighbours: what the service uses and what uses it', () => {
    expect([...neighbours(graph, ledger)].sort()).toEqual([
      'component:default/audit',
      'component:default/gateway',
      'component:default/reporting',
      'resource:default/ledger-db',
    ]);
  });
});

describe('assessChange', () => {
  it('scores every factor as computed by hand, and explains each', () => {
    const a = assessChange(change, context);
    const f = Object.fromEntries(a.factors.map(x => [x.name, x]));
    // Budget: availability 60 % spent beats its 2× burn (ln 2 / ln 14.4 = 0.26), and latency's 20 %.
    expect(f.budget!.score).toBeCloseTo(0.6, 12);
    expect(f.budget!.explanation).toBe(
      "SLO 'availability': 40.0 % of the budget left, burning at 2.00× (60.0 % spent)",
    );
    expect(f.blastRadius!.score).toBeCloseTo(160 / 220, 12);
    expect(f.blastRadius!.explanation).toBe(
      '2 depend on it: component:default/gateway, component:default/reporting; 160 of 220 req/s = 72.7 %',
    );
    // 14:00 in Paris: 90 of the 100 peak.
    expect(f.timing!.score).toBeCloseTo(0.9, 12);
    expect(f.timing!.explanation).toBe(
      'planned at 14:00 Europe/Paris, when the business driver runs at 90.0 % of its daily peak',
    );
    // 1 rolled back of 4 in 30 days = 25 %, against 50 % for a full score.
    expect(f.history!.score).toBeCloseTo(0.5, 12);
    expect(f.history!.explanation).toBe(
      '1 of the last 4 changes failed or were rolled back (25.0 %; 50.0 % scores in full)',
    );
    // P4 on ledger (0.25) ties the P3 on its neighbour gateway (0.5 × half): the first stays.
    expect(f.incidents!.score).toBeCloseTo(0.25, 12);
    expect(f.incidents!.explanation).toBe(
      'P3 open on component:default/gateway ("slow logins"), a neighbour (half weight)',
    );
    // log10(421) / log10(1001) = 0.87463.
    expect(f.size!.score).toBeCloseTo(Math.log10(421) / Math.log10(1001), 12);
    expect(f.size!.explanation).toBe('420 lines changed (0.87 on a log scale to 1000 lines)');
    // 0.6×25 + 0.72727×20 + 0.9×15 + 0.5×15 + 0.25×15 + 0.87463×10 = 63.04.
    expect(a.score).toBe(63);
    expect(a).toMatchObject({ level: 'high', recommendation: 'approve', holds: [] });
    expect(a.factors.reduce((s, x) => s + x.weight, 0)).toBe(100);
  });

  it('takes the thresholds and weights of the line of business', () => {
    const policies = {
      linesOfBusiness: {
        payments: { levels: { high: 65, critical: 85 } },
        trading: { weights: { budget: 40, size: 0, timing: 10 } },
      },
    };
    const payments = assessChange(change, context, { lineOfBusiness: 'payments', policies });
    expect(payments).toMatchObject({ score: 63, level: 'medium', recommendation: 'canary' });
    // Trading: 0.6×40 + 14.545 + 0.9×10 + 7.5 + 3.75 + 0 = 58.8.
    const trading = assessChange(change, context, { lineOfBusiness: 'trading', policies });
    expect(trading.score).toBe(58.8);
    expect(assessChange(change, context, { lineOfBusiness: 'custody', policies }).score).toBe(63);
  });

  it('holds a change whatever the score: spent budget, P1 on the service, a freeze window', () => {
    const spent = assessChange(change, {
      ...context,
      slos: [{ name: 'availability', budgetRemaining: -0.2, burnRate: 3 }],
    });
    expect(spent).toMatchObject({ level: 'critical', recommendation: 'hold' });
    expect(spent.holds).toEqual(["SLO 'availability': error budget spent (-20.0 % left)"]);
    const p1 = assessChange(
      { ...change, size: { linesChanged: 3 } },
      {
        ...context,
        slos: [],
        openIncidents: [{ entityRef: ledger, severity: 'P1', title: 'postings lost' }],
      },
    );
    expect(p1.holds).toEqual(['P1 open on the service ("postings lost")']);
    expect(p1.recommendation).toBe('hold');
    const frozen = assessChange(
      { ...change, plannedAt: Date.UTC(2026, 11, 24, 9) / 1000 },
      context,
    );
    expect(frozen.holds).toEqual(['freeze window "year-end" until 2027-01-04T00:00:00Z']);
    expect(frozen.factors.find(x => x.name === 'timing')!.score).toBe(1);
  });

  it('scores what it cannot see in full (no SLOs) and irreversible changes higher', () => {
    const a = assessChange(
      { ...change, size: { linesChanged: 420, irreversible: true } },
      { ...context, slos: [] },
    );
    expect(a.factors.find(x => x.name === 'budget')).toMatchObject({
      score: 1,
      explanation: 'no SLOs: nothing tells how much budget is left (scored in full)',
    });
    expect(a.factors.find(x => x.name === 'size')!.score).toBe(1);
  });

  it('refuses a service outside the catalog graph and a policy it cannot apply, naming the field', () => {
    expect(() => assessChange({ ...change, service: 'component:default/ledgr' }, context)).toThrow(
      'change.service component:default/ledgr is not in the catalog graph',
    );
    expect(() => assessChange({ ...change, size: { linesChanged: -1 } }, context)).toThrow(
      'change.size.linesChanged must be a number >= 0, got -1',
    );
    expect(() =>
      riskPolicyFor('payments', { linesOfBusiness: { payments: { weights: { budget: 50 } } } }),
    ).toThrow('linesOfBusiness.payments.weights: must add up to 100, they add up to 125');
    expect(() => riskPolicyFor(null, { default: { levels: { high: 20 } } })).toThrow(
      'default.levels: must rise: medium 30 <= high 20 <= critical 75',
    );
    expect(() => riskPolicyFor(null, { default: { weights: { luck: 5 } as never } })).toThrow(
      'default.weights.luck: is not a factor',
    );
  });
});
