import { PrometheusClient, PrometheusError, singleValue } from '../client';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(responses: Array<() => Response | Promise<Response>>) {
  const calls: Call[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next) throw new Error('no more responses');
    return next();
  }) as unknown as typeof fetch;
  return { fn, calls };
}

const ok = (data: unknown) => () =>
  new Response(JSON.stringify({ status: 'success', data }), { status: 200 });

describe('PrometheusClient', () => {
  it('posts instant queries form-encoded and keeps NaN and infinities', async () => {
    const { fn, calls } = fakeFetch([
      ok({
        resultType: 'vector',
        result: [
          { metric: { a: '1' }, value: [1700000000.5, 'NaN'] },
          { metric: { a: '2' }, value: [1700000000.5, '+Inf'] },
          { metric: { a: '3' }, value: [1700000000.5, '-Inf'] },
          { metric: { a: '4' }, value: [1700000000.5, '0.25'] },
        ],
      }),
    ]);
    const c = new PrometheusClient({
      url: 'http://prom:9090/prefix/',
      fetch: fn,
      bearerToken: 'tok',
    });
    const r = await c.query('up{job="x"}', 1700000000.5);
    expect(calls[0]!.url).toBe('http://prom:9090/prefix/api/v1/query');
    expect(calls[0]!.init.method).toBe('POST');
    expect(String(calls[0]!.init.body)).toBe('query=up%7Bjob%3D%22x%22%7D&time=1700000000.5');
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(r.resultType).toBe('vector');
    if (r.resultType !== 'vector') return;
    expect(r.result.map(s => s.value)).toEqual([NaN, Infinity, -Infinity, 0.25]);
    expect(r.result[0]!.timestamp).toBe(1700000000.5);
  });

  it('returns null, not 0, for an empty vector', async () => {
    const { fn } = fakeFetch([ok({ resultType: 'vector', result: [] })]);
    const c = new PrometheusClient({ url: 'http://prom:9090', fetch: fn });
    expect(singleValue(await c.query('absent_metric'))).toBeNull();
  });

  it('rejects a value that is not a Prometheus number instead of reading it as 0', async () => {
    const { fn } = fakeFetch([
      ok({ resultType: 'vector', result: [{ metric: {}, value: [1, ''] }] }),
    ]);
    const c = new PrometheusClient({ url: 'http://prom:9090', fetch: fn });
    await expect(c.query('x')).rejects.toThrow(/unexpected sample value ""/);
  });

  it('decodes range results into typed arrays', async () => {
    const { fn, calls } = fakeFetch([
      ok({
        resultType: 'matrix',
        result: [
          {
            metric: { job: 'a' },
            values: [
              [10, '1'],
              [25, 'NaN'],
              [40, '3'],
            ],
          },
        ],
      }),
    ]);
    const c = new PrometheusClient({
      url: 'http://prom:9090',
      fetch: fn,
      basicAuth: { username: 'u', password: 'p:w' },
    });
    const r = await c.queryRange('x', 10, 40, 15);
    expect(String(calls[0]!.init.body)).toBe('query=x&start=10&end=40&step=15');
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBe(
      `Basic ${Buffer.from('u:p:w').toString('base64')}`,
    );
    expect(Array.from(r[0]!.timestamps)).toEqual([10, 25, 40]);
    expect(Array.from(r[0]!.values)).toEqual([1, NaN, 3]);
  });

  it('names the server, the query and what Prometheus answered, and does not retry a bad query', async () => {
    const { fn, calls } = fakeFetch([
      () =>
        new Response(
          JSON.stringify({
            status: 'error',
            errorType: 'bad_data',
            error: 'parse error at char 5',
          }),
          {
            status: 400,
          },
        ),
    ]);
    const c = new PrometheusClient({
      url: 'http://prom:9090',
      fetch: fn,
      retries: 3,
      retryDelayMs: 1,
    });
    const err = await c.query('sum(', 5).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrometheusError);
    expect((err as Error).message).toBe(
      'Prometheus http://prom:9090/api/v1/query (query: sum(): HTTP 400: bad_data: parse error at char 5',
    );
    expect((err as PrometheusError).errorType).toBe('bad_data');
    expect(calls).toHaveLength(1);
  });

  it('retries 503 and network failures with back-off, then succeeds', async () => {
    const { fn, calls } = fakeFetch([
      () => new Response('overloaded', { status: 503 }),
      () => {
        throw new TypeError('fetch failed');
      },
      ok({ resultType: 'scalar', result: [1, '2'] }),
    ]);
    const c = new PrometheusClient({
      url: 'http://prom:9090',
      fetch: fn,
      retries: 2,
      retryDelayMs: 1,
    });
    expect(singleValue(await c.query('1+1'))).toBe(2);
    expect(calls).toHaveLength(3);
  });

  it('gives up after the configured retries with the last error', async () => {
    const { fn, calls } = fakeFetch([
      () => new Response('a', { status: 502 }),
      () => new Response('b', { status: 502 }),
    ]);
    const c = new PrometheusClient({
      url: 'http://prom:9090',
      fetch: fn,
      retries: 1,
      retryDelayMs: 1,
    });
    await expect(c.query('up')).rejects.toThrow(
      'Prometheus http://prom:9090/api/v1/query (query: up): HTTP 502: b',
    );
    expect(calls).toHaveLength(2);
  });

  it('times out a request that never answers', async () => {
    const fn = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => {
        init.signal!.addEventListener('abort', () => reject(init.signal!.reason));
      })) as unknown as typeof fetch;
    const c = new PrometheusClient({
      url: 'http://prom:9090',
      fetch: fn,
      timeoutMs: 20,
      retries: 0,
    });
    await expect(c.query('up')).rejects.toThrow(/no answer within 20 ms/);
  });

  it('stops at once when the caller cancels, without retrying', async () => {
    let calls = 0;
    const fn = ((_url: string, init: RequestInit) => {
      calls++;
      return new Promise((_resolve, reject) => {
        init.signal!.addEventListener('abort', () => reject(init.signal!.reason));
      });
    }) as unknown as typeof fetch;
    const c = new PrometheusClient({ url: 'http://prom:9090', fetch: fn, retries: 5 });
    const ac = new AbortController();
    const p = c.query('up', undefined, { signal: ac.signal });
    ac.abort(new Error('user pressed ctrl-c'));
    await expect(p).rejects.toThrow(/cancelled \(user pressed ctrl-c\)/);
    expect(calls).toBe(1);
  });

  it('reads rules and alerts with typed values', async () => {
    const { fn, calls } = fakeFetch([
      ok({
        groups: [
          {
            name: 'g',
            file: 'f.yml',
            interval: 30,
            rules: [
              {
                type: 'alerting',
                name: 'A',
                query: 'x > 1',
                labels: {},
                health: 'ok',
                state: 'firing',
                alerts: [
                  { labels: { alertname: 'A' }, annotations: {}, state: 'firing', value: '1e+00' },
                ],
              },
            ],
          },
        ],
      }),
      ok({
        alerts: [{ labels: { alertname: 'A' }, annotations: {}, state: 'firing', value: 'NaN' }],
      }),
    ]);
    const c = new PrometheusClient({ url: 'http://prom:9090', fetch: fn });
    const groups = await c.rules({ type: 'alert' });
    expect(calls[0]!.url).toBe('http://prom:9090/api/v1/rules?type=alert');
    expect(groups[0]!.rules[0]!.alerts![0]!.value).toBe(1);
    const alerts = await c.alerts();
    expect(alerts[0]!.value).toBeNaN();
  });

  it('sends repeated match[] parameters for series', async () => {
    const { fn, calls } = fakeFetch([ok([{ __name__: 'up', job: 'a' }])]);
    const c = new PrometheusClient({ url: 'http://prom:9090', fetch: fn });
    const s = await c.series(['up', 'x{a="b"}'], 0, 60);
    expect(String(calls[0]!.init.body)).toBe(
      'match%5B%5D=up&match%5B%5D=x%7Ba%3D%22b%22%7D&start=0&end=60',
    );
    expect(s).toEqual([{ __name__: 'up', job: 'a' }]);
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => new PrometheusClient({ url: 'ftp://x' })).toThrow(
      'Prometheus url: "ftp://x" must be http or https',
    );
  });
});
