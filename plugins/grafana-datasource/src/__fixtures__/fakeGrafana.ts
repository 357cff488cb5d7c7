import { dateTime, type DataFrame, type DataQueryRequest, type DataSourceInstanceSettings } from '@grafana/data';
import type { BackendSrv, BackendSrvRequest, FetchResponse, TemplateSrv } from '@grafana/runtime';
import type { HeadroomDataSourceOptions, HeadroomQuery } from '../types';
import { Observable, of, throwError } from 'rxjs';

export const AT = 1_800_000_000; // a whole minute (and hour), unix seconds
export const DAY = 86_400;

/** The order gateway's SLO as the backend stores it: OpenSLO v1, 99.9 % over a rolling 30 days. */
export function definition(service = 'ledger', name = 'availability') {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name, displayName: `${service} availability` },
    spec: {
      service,
      indicator: {
        metadata: { name: `${service}-errors` },
        spec: {
          ratioMetric: {
            counter: true,
            bad: {
              metricSource: {
                type: 'Prometheus',
                spec: { query: `http_requests_total{service="${service}",code=~"5.."}` },
              },
            },
            total: {
              metricSource: { type: 'Prometheus', spec: { query: `http_requests_total{service="${service}"}` } },
            },
          },
        },
      },
      timeWindow: [{ duration: '30d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ displayName: 'Requests succeed', target: 0.999 }],
    },
  };
}

export function record(entity: string, owner: string, lob: string, status: Record<string, unknown> | null = null) {
  const service = entity.split('/').pop()!;
  return {
    id: `${entity}#availability`,
    entityRef: entity,
    name: 'availability',
    displayName: `${service} availability`,
    description: null,
    ownerRef: owner,
    lineOfBusiness: lob,
    origin: 'file',
    version: 1,
    objective: 0.999,
    window: '30d',
    definition: definition(service),
    status,
  };
}

export interface Counters {
  /** Cumulative counts at unix second t. */
  bad(t: number): number;
  total(t: number): number;
}

/** 1000 requests a minute, 0.5 of them failing: error ratio 0.0005, half the budget's pace. */
export const steadyHalfBurn: Counters = {
  total: (t) => (1000 * (t - (AT - 40 * DAY))) / 60,
  bad: (t) => (0.5 * (t - (AT - 40 * DAY))) / 60,
};

/** The same, then every request fails during the last hour. */
export const outageLastHour: Counters = {
  total: steadyHalfBurn.total,
  bad: (t) =>
    t <= AT - 3600 ? steadyHalfBurn.bad(t) : steadyHalfBurn.bad(AT - 3600) + (1000 * (t - (AT - 3600))) / 60,
};

export type Route = (req: BackendSrvRequest, form: URLSearchParams) => unknown;

function response<T>(req: BackendSrvRequest, data: T, status = 200): FetchResponse<T> {
  return {
    data,
    status,
    ok: status < 300,
    statusText: status === 200 ? 'OK' : 'Error',
    headers: {} as Headers,
    redirected: false,
    type: 'basic',
    url: req.url,
    config: req,
  };
}

export class HttpError {
  constructor(
    readonly status: number,
    readonly data: unknown
  ) {}
}

/**
 * A BackendSrv answering like Grafana's data proxy would for the Headroom route and a Prometheus
 * datasource whose counters are given as functions of time. Records every request.
 */
export function fakeBackendSrv(opts: {
  slos: Array<ReturnType<typeof record>>;
  counters: Counters;
  routes?: Record<string, Route>;
  /** The most SLOs the fake backend returns in one page. */
  pageSize?: number;
}) {
  const requests: BackendSrvRequest[] = [];
  const routes: Record<string, Route> = {
    // The backend's SLO list: filters, then a page (at most `pageSize`, like a server cap).
    'GET /api/datasources/proxy/uid/hr/headroom/api/headroom/slos': (req) => {
      const q = new URL(req.url, 'http://grafana.test').searchParams;
      const matching = opts.slos.filter(
        (s) =>
          (!q.has('entityRef') || s.entityRef === q.get('entityRef')) &&
          (!q.has('owner') || s.ownerRef === q.get('owner')) &&
          (!q.has('lineOfBusiness') || s.lineOfBusiness === q.get('lineOfBusiness'))
      );
      const offset = Number(q.get('offset') ?? 0);
      const limit = Math.min(Number(q.get('limit') ?? 100), opts.pageSize ?? 1000);
      return { items: matching.slice(offset, offset + limit), totalCount: matching.length };
    },
    'GET /api/datasources/proxy/uid/hr/headroom/api/headroom/rollups/owners': () => ({
      items: [...new Set(opts.slos.map((s) => s.ownerRef))].map((key) => ({
        key,
        sloCount: opts.slos.filter((s) => s.ownerRef === key).length,
      })),
    }),
    'GET /api/datasources/proxy/uid/hr/headroom/api/headroom/rollups/lines-of-business': () => ({
      items: [...new Set(opts.slos.map((s) => s.lineOfBusiness))].map((key) => ({ key, sloCount: 1 })),
    }),
    'POST /api/datasources/proxy/uid/prom/api/v1/query_range': (_req, form) => {
      const query = form.get('query')!;
      const start = Number(form.get('start'));
      const end = Number(form.get('end'));
      const step = Number(form.get('step'));
      const fn = /code=~"5\.\."/.test(query) ? opts.counters.bad : opts.counters.total;
      const values: Array<[number, string]> = [];
      for (let t = start; t <= end; t += step) {
        values.push([t, String(fn(t))]);
      }
      return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } });
    },
    'POST /api/datasources/proxy/uid/prom/api/v1/query': () =>
      JSON.stringify({
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: {}, value: [AT, String(opts.slos.length)] }] },
      }),
    ...opts.routes,
  };
  const srv = {
    fetch<T>(req: BackendSrvRequest): Observable<FetchResponse<T>> {
      requests.push(req);
      const url = new URL(req.url, 'http://grafana.test');
      const path = url.pathname;
      const method = req.method ?? 'GET';
      const form = new URLSearchParams(typeof req.data === 'string' ? req.data : '');
      let route = routes[`${method} ${path}`];
      const entitySlos =
        /^\/api\/datasources\/proxy\/uid\/hr\/headroom\/api\/headroom\/entities\/([^/]+)\/([^/]+)\/([^/]+)\/slos(?:\/([^/]+))?$/.exec(
          path
        );
      if (!route && entitySlos && method === 'GET') {
        const ref = `${entitySlos[1]}:${entitySlos[2]}/${entitySlos[3]}`;
        const mine = opts.slos.filter((s) => s.entityRef === ref);
        route = () => {
          if (!entitySlos[4]) {
            return { items: mine };
          }
          const one = mine.find((s) => s.name === entitySlos[4]);
          if (!one) {
            throw new HttpError(404, {
              error: { name: 'NotFoundError', message: `SLO ${entitySlos[4]} of ${ref} not found` },
            });
          }
          return one;
        };
      }
      if (!route) {
        return throwError(() => ({
          status: 404,
          data: { message: `no route ${method} ${path}` },
          statusText: 'Not Found',
          config: req,
        }));
      }
      try {
        return of(response(req, route(req, form) as T));
      } catch (e) {
        if (e instanceof HttpError) {
          return throwError(() => ({ status: e.status, data: e.data, statusText: 'Error', config: req }));
        }
        throw e;
      }
    },
  } as unknown as BackendSrv;
  return { srv, requests };
}

/**
 * Replaces `$name` like Grafana's template service: a multi-value variable (an array) becomes
 * `{a,b}` by default and `a,b` in the `csv` format.
 */
export function fakeTemplateSrv(vars: Record<string, string | string[]> = {}): TemplateSrv {
  return {
    replace: (text?: string, _scoped?: unknown, format?: string) =>
      (text ?? '').replace(/\$(\w+)/g, (m, name: string) => {
        const v = vars[name];
        if (v === undefined) {
          return m;
        }
        if (!Array.isArray(v)) {
          return v;
        }
        return format === 'csv' ? v.join(',') : `{${v.join(',')}}`;
      }),
    getVariables: () => [],
    containsTemplate: (t?: string) => /\$\w+/.test(t ?? ''),
    updateTimeRange: () => {},
  } as unknown as TemplateSrv;
}

export const settings = {
  id: 1,
  uid: 'hr',
  type: 'headroom-slo-datasource',
  name: 'Headroom',
  url: '/api/datasources/proxy/uid/hr',
  access: 'proxy',
  jsonData: { backendUrl: 'http://backstage:7007', prometheusUid: 'prom' },
  meta: {} as DataSourceInstanceSettings['meta'],
  readOnly: false,
} as unknown as DataSourceInstanceSettings<HeadroomDataSourceOptions>;

/** A dashboard request over [from, to] (unix seconds) for the given queries. */
export function makeRequest(targets: HeadroomQuery[], from: number, to: number): DataQueryRequest<HeadroomQuery> {
  return {
    targets,
    range: { from: dateTime(from * 1000), to: dateTime(to * 1000), raw: { from: 'now-2d', to: 'now' } },
    scopedVars: {},
    maxDataPoints: 720,
    intervalMs: 60_000,
    interval: '1m',
    timezone: 'utc',
    app: 'dashboard',
    requestId: 'Q1',
    startTime: 0,
  } as unknown as DataQueryRequest<HeadroomQuery>;
}

/** The backend's error body for a status, as Backstage's error handler writes it. */
export function backendError(status: number, name: string, message: string): never {
  throw new HttpError(status, { error: { name, message }, response: { statusCode: status } });
}

export const column = (f: DataFrame, name: string) => {
  const field = f.fields.find((x) => x.name === name);
  if (!field) {
    throw new Error(`frame ${f.name} has no field ${name}`);
  }
  return field.values as unknown[];
};
