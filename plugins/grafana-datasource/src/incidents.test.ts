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
import type { IncidentItem, MttxReport } from './api/types';
import type { HeadroomQuery } from './types';

const API = 'GET /api/datasources/proxy/uid/hr/headroom/api/headroom';
const D1 = 1_798_761_600; // 2027-01-01T00:00:00Z
const DAY = 86_400;
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

const run = (ds: DataSource, q: Partial<HeadroomQuery>) =>
  ds.query(makeRequest([{ refId: 'I', ...q }], D1, D1 + 3 * DAY));

function incident(service: string, start: number, resolved: number | null, ttr: number | null): IncidentItem {
  return {
    id: `${service}-${start}`,
    entityRef: `component:default/${service}`,
    service,
    slo: 'availability',
    owner: 'group:default/team-payments',
    lineOfBusiness: 'payments',
    severity: 'P1',
    status: resolved === null ? 'open' : 'resolved',
    alertName: 'SloErrorBudgetBurn',
    summary: null,
    fingerprints: ['f1'],
    impactStart: iso(start),
    impactSource: 'slo',
    detectedAt: iso(start + 60),
    notifiedAt: iso(start + 61),
    acknowledgedAt: null,
    acknowledgedBy: null,
    mitigatedAt: ttr === null ? null : iso(start + ttr),
    mitigationSource: ttr === null ? null : 'slo',
    resolvedAt: resolved === null ? null : iso(resolved),
    ttdSeconds: 60,
    ttaSeconds: null,
    ttrSeconds: ttr,
    timeToResolveSeconds: resolved === null ? null : resolved - start,
  };
}

describe('incidents', () => {
  it('gives one row per incident, oldest first, with the fields Grafana maps to annotations', async () => {
    const { ds, requests } = setup({
      [`${API}/incidents`]: () => ({
        from: iso(D1),
        to: iso(D1 + 3 * DAY),
        items: [incident('payments', D1 + DAY, null, null), incident('ledger', D1 + 600, D1 + 1500, 285)],
      }),
    });
    const res = await run(ds, { queryType: 'incidents', lineOfBusiness: 'payments' });
    expect(res.errors).toBeUndefined();
    const [f] = res.data;
    expect(f.fields.map((x: { name: string }) => x.name).slice(0, 5)).toEqual([
      'time',
      'timeEnd',
      'title',
      'text',
      'tags',
    ]);
    expect(column(f, 'time')).toEqual([(D1 + 600) * 1000, (D1 + DAY) * 1000]);
    // An open incident runs until now.
    expect(column(f, 'timeEnd')[0]).toBe((D1 + 1500) * 1000);
    expect(column(f, 'timeEnd')[1]).toBeGreaterThan(Date.now() - 60_000);
    expect(column(f, 'title')).toEqual(['P1 ledger / availability', 'P1 payments / availability']);
    expect(column(f, 'text')[0]).toBe(
      'resolved: detected after 60 s, acknowledged after –, recovered after 4 min 45 s'
    );
    expect(column(f, 'tags')[0]).toBe('severity:P1,entity:component:default/ledger,status:resolved,lob:payments');
    expect(column(f, 'ttr')).toEqual([285, null]);
    expect(new URL(requests[0]!.url, 'http://x').searchParams.toString()).toBe(
      `from=${encodeURIComponent(iso(D1).replace('Z', '.000Z'))}&to=${encodeURIComponent(
        iso(D1 + 3 * DAY).replace('Z', '.000Z')
      )}&lineOfBusiness=payments`
    );
  });

  it('names the backend when it refuses', async () => {
    const { ds } = setup({ [`${API}/incidents`]: () => backendError(403, 'NotAllowedError', 'Unauthorized') });
    expect((await run(ds, { queryType: 'incidents' })).errors![0]!.message).toMatch(
      /^Headroom backend: GET \/api\/datasources\/proxy\/uid\/hr\/headroom\/api\/headroom\/incidents\?from=.*: HTTP 403 Error: Unauthorized$/
    );
  });
});

describe('MTTx', () => {
  const report: MttxReport = {
    by: 'severity',
    from: iso(D1),
    to: iso(D1 + 3 * DAY),
    targets: { P1: { detectSeconds: 60, recoverSeconds: 300 } },
    groups: {
      P1: {
        count: 2,
        open: 0,
        mttd: { mean: 45, p50: 45, p90: 57 },
        mtta: { mean: 125, p50: 125, p90: 125 },
        mttr: { mean: 465, p50: 465, p90: 609 },
        mttResolve: null,
        attainment: 0.5,
        graded: 2,
      },
      P2: { count: 0, open: 0, mttd: null, mtta: null, mttr: null, mttResolve: null, attainment: null, graded: 0 },
    },
    dora: { deployments: 2, failed: 1, changeFailureRate: 0.5, failedDeploymentRecovery: null },
  };

  it('gives one row per severity with mean, p50, p90, the targets and attainment', async () => {
    const { ds, requests } = setup({ [`${API}/incidents/mttx`]: () => report });
    const res = await run(ds, { queryType: 'mttx', entity: 'component:default/ledger' });
    expect(res.errors).toBeUndefined();
    const [f] = res.data;
    expect(column(f, 'severity')).toEqual(['P1', 'P2']);
    expect(column(f, 'mttd')).toEqual([45, null]);
    expect(column(f, 'mttd p90')).toEqual([57, null]);
    expect(column(f, 'detect target')).toEqual([60, null]);
    expect(column(f, 'mttr p50')).toEqual([465, null]);
    expect(column(f, 'recover target')).toEqual([300, null]);
    expect(column(f, 'attainment')).toEqual([0.5, null]);
    const params = new URL(requests[0]!.url, 'http://x').searchParams;
    expect(params.get('entityRef')).toBe('component:default/ledger');
    expect(params.get('by')).toBe('severity');
  });

  it('groups by another key when asked, without targets', async () => {
    const { ds, requests } = setup({
      [`${API}/incidents/mttx`]: () => ({ ...report, by: 'team', groups: { 'group:default/a': report.groups.P1 } }),
    });
    const res = await run(ds, { queryType: 'mttx', mttxBy: 'team' });
    expect(column(res.data[0], 'team')).toEqual(['group:default/a']);
    expect(column(res.data[0], 'detect target')).toEqual([null]);
    expect(new URL(requests[0]!.url, 'http://x').searchParams.get('by')).toBe('team');
  });
});
