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
import type { Change, ChangeList } from './api/types';
import { fieldsFor } from './components/QueryEditor';
import type { HeadroomQuery } from './types';

const API = 'GET /api/datasources/proxy/uid/hr/headroom/api/headroom';
const HOUR = 3600;
const NOW = Math.floor(Date.now() / 1000);
const iso = (t: number) => new Date(t * 1000).toISOString();

function setup(routes: Record<string, Route>) {
  const fake = fakeBackendSrv({ slos: [], counters: steadyHalfBurn, routes });
  const ds = new DataSource(settings, {
    backendSrv: () => fake.srv,
    templateSrv: () => fakeTemplateSrv({ lob: 'custody' }),
    origin: 'http://grafana.test',
  });
  return { ds, requests: fake.requests };
}

const run = (ds: DataSource, q: Partial<HeadroomQuery>) =>
  ds.query(makeRequest([{ refId: 'C', queryType: 'changes', ...q }], NOW - 6 * HOUR, NOW));

function change(id: string, start: number, over: Partial<Change> = {}): Change {
  return {
    id,
    entityRef: 'component:default/wallet-api',
    service: 'wallet-api',
    lineOfBusiness: 'custody',
    version: 'v2',
    kind: 'canary',
    startedAt: iso(start),
    watchUntil: iso(start + 1800),
    state: 'promoted',
    recorded: true,
    source: 'ci',
    assessment: { score: 42.5, level: 'medium', recommendation: 'canary', holds: [], factors: [] },
    verdicts: [],
    rollbacks: [],
    outcome: { incidentId: null, rolledBack: false, failed: false },
    ...over,
  };
}

const list: ChangeList = {
  from: iso(NOW - 6 * HOUR),
  to: iso(NOW),
  items: [
    change('c1', NOW - 5 * HOUR, {
      verdicts: [
        { at: iso(NOW - 5 * HOUR + 60), classification: 'Pass', score: 100, source: 'prometheus', verdict: {} },
      ],
    }),
    change('c2', NOW - 2 * HOUR, {
      version: 'v3',
      state: 'rolled-back',
      verdicts: [{ at: iso(NOW - 2 * HOUR + 60), classification: 'Fail', score: 0, source: 'prometheus', verdict: {} }],
      rollbacks: [
        {
          at: iso(NOW - 2 * HOUR + 61),
          reason: 'roll back: the canary verdict is Fail with score 0',
          trigger: {},
          action: 'argo',
          outcome: 'sent',
          detail: {},
        },
      ],
      outcome: { incidentId: 'f00d-123', rolledBack: true, failed: true },
    }),
    change('deploy-ledger-1', NOW - HOUR, {
      entityRef: 'component:default/ledger',
      service: 'ledger',
      lineOfBusiness: null,
      kind: 'deploy',
      recorded: false,
      assessment: null,
      version: '',
    }),
  ],
  failureRate: { changes: 3, failed: 1, changeFailureRate: 1 / 3 },
  byLineOfBusiness: [
    { lineOfBusiness: null, changes: 1, failed: 0, changeFailureRate: 0 },
    { lineOfBusiness: 'custody', changes: 2, failed: 1, changeFailureRate: 0.5 },
  ],
};

describe('changes', () => {
  it('gives the change log with risk, verdict and outcome, usable as annotations', async () => {
    const { ds, requests } = setup({ [`${API}/changes`]: () => list });
    const res = await run(ds, { lineOfBusiness: '$lob' });
    expect(res.errors).toBeUndefined();
    const [f] = res.data;
    expect(column(f, 'time')).toEqual([(NOW - 5 * HOUR) * 1000, (NOW - 2 * HOUR) * 1000, (NOW - HOUR) * 1000]);
    expect(column(f, 'timeEnd')[0]).toBe((NOW - 5 * HOUR + 1800) * 1000);
    expect(column(f, 'title')).toEqual([
      'wallet-api v2 (canary): ok',
      'wallet-api v3 (canary): rolled back',
      'ledger (no version) (deploy): ok',
    ]);
    expect(column(f, 'text')[1]).toBe(
      'Risk 42.5 medium (canary); canary Fail 0; roll back: the canary verdict is Fail with score 0'
    );
    expect(column(f, 'tags')[1]).toBe('change:canary,outcome:rolled back,entity:component:default/wallet-api');
    expect(column(f, 'risk')).toEqual([42.5, 42.5, null]);
    expect(column(f, 'verdict')).toEqual(['Pass', 'Fail', null]);
    expect(column(f, 'verdict score')).toEqual([100, 0, null]);
    expect(column(f, 'incident')).toEqual([null, 'f00d-123', null]);
    const params = new URL(requests[0]!.url, 'http://x').searchParams;
    expect(params.get('lineOfBusiness')).toBe('custody');
    expect(params.get('from')).toBe(new Date((NOW - 6 * HOUR) * 1000).toISOString());
  });

  it('gives the change failure rate per line of business', async () => {
    const { ds, requests } = setup({ [`${API}/changes`]: () => list });
    const [f] = (await run(ds, { changesView: 'failureRate', entity: 'component:default/wallet-api' })).data;
    expect(column(f, 'line of business')).toEqual(['(none)', 'custody']);
    expect(column(f, 'changes')).toEqual([1, 2]);
    expect(column(f, 'failed')).toEqual([0, 1]);
    expect(column(f, 'change failure rate')).toEqual([0, 0.5]);
    expect(new URL(requests[0]!.url, 'http://x').searchParams.get('entityRef')).toBe('component:default/wallet-api');
  });

  it('names the backend when it refuses', async () => {
    const { ds } = setup({ [`${API}/changes`]: () => backendError(403, 'NotAllowedError', 'Unauthorized') });
    expect((await run(ds, {})).errors![0]!.message).toMatch(
      /^Headroom backend: GET .*\/api\/headroom\/changes\?from=.*: HTTP 403 Error: Unauthorized$/
    );
  });

  it('shows only the inputs the changes query reads', () => {
    expect(fieldsFor('changes')).toEqual(['changesView', 'entity', 'lineOfBusiness']);
  });
});
