import { DataSource } from './datasource';
import {
  backendError,
  column,
  fakeBackendSrv,
  fakeTemplateSrv,
  makeRequest,
  settings,
  steadyHalfBurn,
  type Route,
} from './__fixtures__/fakeGrafana';
import type { DrillResilience, DrillWeakLinks, EntityDrills } from './api/types';
import { fieldsFor } from './components/QueryEditor';
import type { HeadroomQuery } from './types';

const API = 'GET /api/datasources/proxy/uid/hr/headroom/api/headroom';
const DAY = 86_400;
const NOW = Math.floor(Date.now() / 1000);
const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

function setup(routes: Record<string, Route>) {
  const fake = fakeBackendSrv({ slos: [], counters: steadyHalfBurn, routes });
  const ds = new DataSource(settings, {
    backendSrv: () => fake.srv,
    templateSrv: () => fakeTemplateSrv({ lob: 'payments' }),
    origin: 'http://grafana.test',
  });
  return { ds, requests: fake.requests };
}

// The last 7 days (and a bit): the backend is asked for 8 days ending now.
const run = (ds: DataSource, q: Partial<HeadroomQuery>) =>
  ds.query(makeRequest([{ refId: 'D', queryType: 'drills', ...q }], NOW - 7 * DAY - 600, NOW));

const record = (verdict: 'Pass' | 'Fail', at: number, ttd: number | null) => ({
  drill: 'fiat-onramp-slow-deposits',
  service: 'fiat-onramp',
  slo: 'availability',
  verdict,
  summary: verdict === 'Pass' ? 'The hypothesis held.' : 'The hypothesis did not hold: no alert fired.',
  startedAt: iso(at),
  faultStartedAt: iso(at + 5),
  faultEndedAt: iso(at + 65),
  endedAt: iso(at + 300),
  probes: [],
  detection: {
    expected: true,
    alertFiredAt: ttd === null ? null : iso(at + 5 + ttd),
    ttdSeconds: ttd,
    withinTarget: ttd !== null,
  },
  recovery: { expected: true, recoveredAt: iso(at + 125), ttrSeconds: 120, withinTarget: true },
  aborted: null,
  budgetSpent: 0.0213,
  resilienceScore: verdict === 'Pass' ? 100 : 75,
});

const drills: EntityDrills = {
  entityRef: 'component:default/fiat-onramp',
  from: iso(NOW - 8 * DAY),
  to: iso(NOW),
  file: 'drills.yaml',
  problems: [],
  drills: [],
  runs: [
    {
      id: 'r1',
      entityRef: 'component:default/fiat-onramp',
      source: 'cli',
      recordedBy: 'user:default/hana.mori',
      record: record('Pass', NOW - 3 * DAY, 40) as never,
      faults: [{ type: 'latency', target: 'fiat-onramp', weight: 6 }],
      alertSeverity: 'page',
      dependants: [],
      incidents: [],
    },
    {
      id: 'r2',
      entityRef: 'component:default/fiat-onramp',
      source: 'scheduler',
      recordedBy: 'scheduler',
      record: record('Fail', NOW - DAY, null) as never,
      faults: [{ type: 'latency', target: 'fiat-onramp', weight: 6 }],
      alertSeverity: 'page',
      dependants: [],
      incidents: [],
    },
  ],
  resilience: null,
};

describe('drills', () => {
  it("gives an entity's runs as annotations with TTD, TTR, budget and score", async () => {
    const { ds, requests } = setup({ [`${API}/drills/entities/component/default/fiat-onramp`]: () => drills });
    const res = await run(ds, { entity: 'component:default/fiat-onramp' });
    expect(res.errors).toBeUndefined();
    const [f] = res.data;
    expect(column(f, 'time')).toEqual([(NOW - 3 * DAY + 5) * 1000, (NOW - DAY + 5) * 1000]);
    expect(column(f, 'timeEnd')).toEqual([(NOW - 3 * DAY + 65) * 1000, (NOW - DAY + 65) * 1000]);
    expect(column(f, 'title')).toEqual([
      'Drill fiat-onramp-slow-deposits: Pass',
      'Drill fiat-onramp-slow-deposits: Fail',
    ]);
    expect(column(f, 'tags')[1]).toBe(
      'drill:fiat-onramp-slow-deposits,verdict:Fail,entity:component:default/fiat-onramp'
    );
    expect(column(f, 'ttd')).toEqual([40, null]);
    expect(column(f, 'ttr')).toEqual([120, 120]);
    expect(column(f, 'budget spent')).toEqual([0.0213, 0.0213]);
    expect(column(f, 'resilience')).toEqual([100, 75]);
    expect(new URL(requests[0]!.url, 'http://x').searchParams.get('days')).toBe('8');
  });

  it('needs an entity for runs, naming the field', async () => {
    const { ds } = setup({});
    expect((await run(ds, {})).errors![0]!.message).toBe(
      'drills: the runs view needs an entity, e.g. component:default/ledger'
    );
  });

  it('gives the weak-links report as one table, for a line of business', async () => {
    const report: DrillWeakLinks = {
      from: iso(NOW - 8 * DAY),
      to: iso(NOW),
      lineOfBusiness: 'payments',
      failedDrills: [
        {
          service: 'fiat-onramp',
          drill: 'fiat-onramp-slow-deposits',
          at: iso(NOW - DAY),
          verdict: 'Fail',
          misses: ['hypothesis', 'detection'],
          summary: 's',
        },
      ],
      silentAlerts: [
        {
          service: 'fiat-onramp',
          slo: 'availability',
          severity: 'page',
          drills: ['fiat-onramp-slow-deposits'],
          runs: 2,
        },
      ],
      spreading: [
        {
          dependency: 'ledger',
          dependant: 'card-issuing',
          slo: 'availability',
          path: null,
          drill: 'ledger-outage',
          at: iso(NOW - 2 * DAY),
          runs: 1,
          detail: 'burn rate over the fault 9',
        },
      ],
      undrilled: [{ service: 'ledger', lastDrillAt: null }],
    };
    const { ds, requests } = setup({ [`${API}/drills/weak-links`]: () => report });
    const res = await run(ds, { drillsView: 'weakLinks', lineOfBusiness: '$lob' });
    const [f] = res.data;
    expect(f.name).toBe('Weak links of payments');
    expect(column(f, 'kind')).toEqual(['failed drill', 'silent alert', 'spreading fault', 'not drilled']);
    expect(column(f, 'service')).toEqual(['fiat-onramp', 'fiat-onramp', 'ledger', 'ledger']);
    expect(column(f, 'detail')).toEqual([
      'fiat-onramp-slow-deposits Fail, missed hypothesis and detection',
      'page alert of availability never fired in 2 run(s) of fiat-onramp-slow-deposits',
      'spread to card-issuing (availability), undeclared dependency: burn rate over the fault 9',
      'never drilled',
    ]);
    expect(column(f, 'at')).toEqual([(NOW - DAY) * 1000, null, (NOW - 2 * DAY) * 1000, null]);
    const params = new URL(requests[0]!.url, 'http://x').searchParams;
    expect(params.get('lineOfBusiness')).toBe('payments');
    expect(params.get('days')).toBe('8');
  });

  it('gives the resilience score over time, one series per line of business or the entity', async () => {
    const resilience: DrillResilience = {
      by: 'lineOfBusiness',
      from: iso(NOW - 2 * DAY),
      to: iso(NOW),
      stepSeconds: DAY,
      series: [
        {
          key: 'payments',
          score: 81.25,
          points: [
            { from: iso(NOW - 2 * DAY), to: iso(NOW - DAY), score: null, runs: 0, faults: 0 },
            { from: iso(NOW - DAY), to: iso(NOW), score: 87.5, runs: 2, faults: 2 },
          ],
        },
      ],
    };
    const { ds, requests } = setup({ [`${API}/drills/resilience`]: () => resilience });
    const res = await run(ds, { drillsView: 'resilience' });
    expect(res.data).toHaveLength(1);
    expect(column(res.data[0], 'resilience')).toEqual([null, 87.5]);
    expect(column(res.data[0], 'time')).toEqual([(NOW - 2 * DAY) * 1000, (NOW - DAY) * 1000]);
    expect(new URL(requests[0]!.url, 'http://x').searchParams.toString()).toBe('by=lineOfBusiness&days=8&step=day');
  });

  it('names the backend when it refuses', async () => {
    const { ds } = setup({ [`${API}/drills/weak-links`]: () => backendError(403, 'NotAllowedError', 'Unauthorized') });
    expect((await run(ds, { drillsView: 'weakLinks' })).errors![0]!.message).toMatch(
      /^Headroom backend: GET .*\/api\/headroom\/drills\/weak-links\?days=8: HTTP 403 Error: Unauthorized$/
    );
  });

  it('shows only the inputs the drills query reads', () => {
    expect(fieldsFor('drills')).toEqual(['drillsView', 'entity', 'lineOfBusiness']);
  });
});
