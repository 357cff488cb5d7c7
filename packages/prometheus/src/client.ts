/**
 * A small client for the Prometheus HTTP API (v1). Values keep Prometheus' meaning: `NaN`,
 * `+Inf` and `-Inf` come back as the JavaScript numbers, an empty result is an empty array, and
 * nothing missing is ever turned into 0.
 */

export type Labels = Record<string, string>;

export interface InstantSample {
  metric: Labels;
  /** Unix seconds. */
  timestamp: number;
  value: number;
}

export interface RangeSeries {
  metric: Labels;
  timestamps: Float64Array;
  values: Float64Array;
}

export type InstantQueryResult =
  | { resultType: 'vector'; result: InstantSample[] }
  | { resultType: 'scalar'; result: { timestamp: number; value: number } }
  | { resultType: 'string'; result: { timestamp: number; value: string } }
  | { resultType: 'matrix'; result: RangeSeries[] };

export interface RuleInfo {
  type: 'recording' | 'alerting';
  name: string;
  query: string;
  labels: Labels;
  health: string;
  lastError?: string;
  /** Alerting rules only. */
  state?: string;
  annotations?: Labels;
  alerts?: AlertInfo[];
  evaluationTime?: number;
  lastEvaluation?: string;
}

export interface RuleGroupInfo {
  name: string;
  file: string;
  interval: number;
  evaluationTime?: number;
  lastEvaluation?: string;
  rules: RuleInfo[];
}

export interface AlertInfo {
  labels: Labels;
  annotations: Labels;
  state: 'pending' | 'firing' | 'inactive';
  activeAt?: string;
  value: number;
}

export interface PrometheusClientOptions {
  /** Base URL, e.g. `http://127.0.0.1:9090` (a path prefix such as `/prometheus` is kept). */
  url: string;
  bearerToken?: string;
  basicAuth?: { username: string; password: string };
  /** Per attempt; default 30 000 ms. */
  timeoutMs?: number;
  /** Extra attempts after a failure that may be temporary (network, 429, 5xx); default 2. */
  retries?: number;
  /** First back-off delay; doubled each retry, with jitter. Default 200 ms. */
  retryDelayMs?: number;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** Everything that went wrong talking to Prometheus: which server, which query, what it said. */
export class PrometheusError extends Error {
  constructor(
    message: string,
    readonly server: string,
    readonly endpoint: string,
    readonly query: string | undefined,
    readonly status: number | undefined,
    readonly errorType: string | undefined,
    /** True for failures worth another attempt (network, timeout, 429, 5xx). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'PrometheusError';
  }
}

type TimeInput = number | Date;

function toUnixSeconds(t: TimeInput): string {
  const s = t instanceof Date ? t.getTime() / 1000 : t;
  if (!Number.isFinite(s)) throw new Error(`invalid time: ${String(t)}`);
  return String(s);
}

/** Prometheus' sample value strings; anything else is an error rather than a silent number. */
export function parseSampleValue(raw: unknown): number {
  if (raw === 'NaN') return NaN;
  if (raw === '+Inf' || raw === 'Inf') return Infinity;
  if (raw === '-Inf') return -Infinity;
  if (typeof raw === 'string' && raw.trim() !== '') {
    const n = Number(raw);
    if (!Number.isNaN(n)) return n;
  }
  throw new Error(`unexpected sample value ${JSON.stringify(raw)}`);
}

function parsePair(pair: unknown): [number, number] {
  if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'number') {
    throw new Error(`unexpected sample ${JSON.stringify(pair)}`);
  }
  return [pair[0], parseSampleValue(pair[1])];
}

function parseMatrix(result: unknown): RangeSeries[] {
  if (!Array.isArray(result)) throw new Error('matrix result is not an array');
  return result.map((s: { metric?: Labels; values?: unknown[] }) => {
    const values = s.values ?? [];
    const ts = new Float64Array(values.length);
    const vs = new Float64Array(values.length);
    values.forEach((p, i) => {
      const [t, v] = parsePair(p);
      ts[i] = t;
      vs[i] = v;
    });
    return { metric: s.metric ?? {}, timestamps: ts, values: vs };
  });
}

function parseInstant(data: { resultType?: string; result?: unknown }): InstantQueryResult {
  switch (data.resultType) {
    case 'vector': {
      if (!Array.isArray(data.result)) throw new Error('vector result is not an array');
      return {
        resultType: 'vector',
        result: data.result.map((s: { metric?: Labels; value?: unknown }) => {
          const [timestamp, value] = parsePair(s.value);
          return { metric: s.metric ?? {}, timestamp, value };
        }),
      };
    }
    case 'scalar': {
      const [timestamp, value] = parsePair(data.result);
      return { resultType: 'scalar', result: { timestamp, value } };
    }
    case 'string': {
      const r = data.result as [number, string];
      return { resultType: 'string', result: { timestamp: r[0], value: String(r[1]) } };
    }
    case 'matrix':
      return { resultType: 'matrix', result: parseMatrix(data.result) };
    default:
      throw new Error(`unknown resultType ${JSON.stringify(data.resultType)}`);
  }
}

/**
 * The single value of an instant query: the scalar, or the value of a one-element vector.
 * `null` for an empty vector (no data: not 0); an error when the vector has several series.
 */
export function singleValue(r: InstantQueryResult): number | null {
  if (r.resultType === 'scalar') return r.result.value;
  if (r.resultType === 'vector') {
    if (r.result.length === 0) return null;
    if (r.result.length > 1) {
      throw new Error(
        `expected one series, got ${r.result.length}: ${r.result.map(s => JSON.stringify(s.metric)).join(', ')}`,
      );
    }
    return r.result[0]!.value;
  }
  throw new Error(`expected a scalar or vector result, got ${r.resultType}`);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export class PrometheusClient {
  readonly url: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly headers: Record<string, string>;
  private readonly fetchImpl: typeof fetch;

  constructor(options: PrometheusClientOptions) {
    let parsed: URL;
    try {
      parsed = new URL(options.url);
    } catch {
      throw new Error(`Prometheus url: "${options.url}" is not a valid URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new Error(`Prometheus url: "${options.url}" must be http or https`);
    }
    this.url = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 2;
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.fetchImpl = options.fetch ?? fetch;
    this.headers = { Accept: 'application/json', ...(options.headers ?? {}) };
    if (options.bearerToken && options.basicAuth) {
      throw new Error('Prometheus client: give either bearerToken or basicAuth, not both');
    }
    if (options.bearerToken) this.headers.Authorization = `Bearer ${options.bearerToken}`;
    if (options.basicAuth) {
      const { username, password } = options.basicAuth;
      this.headers.Authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
  }

  /** Instant query at `time` (unix seconds or Date; default: the server's now). */
  async query(
    expr: string,
    time?: TimeInput,
    opts: RequestOptions = {},
  ): Promise<InstantQueryResult> {
    const params: Record<string, string> = { query: expr };
    if (time !== undefined) params.time = toUnixSeconds(time);
    const data = await this.request('/api/v1/query', params, expr, opts);
    return this.wrapParse(() => parseInstant(data as never), '/api/v1/query', expr);
  }

  /** Range query; `step` in seconds. */
  async queryRange(
    expr: string,
    start: TimeInput,
    end: TimeInput,
    step: number,
    opts: RequestOptions = {},
  ): Promise<RangeSeries[]> {
    if (!(step > 0)) throw new Error(`query_range step must be > 0 seconds, got ${step}`);
    const params = {
      query: expr,
      start: toUnixSeconds(start),
      end: toUnixSeconds(end),
      step: String(step),
    };
    const data = (await this.request('/api/v1/query_range', params, expr, opts)) as {
      resultType?: string;
      result?: unknown;
    };
    return this.wrapParse(
      () => {
        if (data.resultType !== 'matrix')
          throw new Error(`expected a matrix, got ${String(data.resultType)}`);
        return parseMatrix(data.result);
      },
      '/api/v1/query_range',
      expr,
    );
  }

  /** Label sets of the series matching any of `matchers`. */
  async series(
    matchers: string[],
    start?: TimeInput,
    end?: TimeInput,
    opts: RequestOptions = {},
  ): Promise<Labels[]> {
    if (matchers.length === 0) throw new Error('series: at least one matcher is required');
    const params = new URLSearchParams();
    for (const m of matchers) params.append('match[]', m);
    if (start !== undefined) params.set('start', toUnixSeconds(start));
    if (end !== undefined) params.set('end', toUnixSeconds(end));
    const data = await this.request('/api/v1/series', params, matchers.join(', '), opts);
    if (!Array.isArray(data))
      throw this.badResponse('/api/v1/series', matchers.join(', '), 'data is not an array');
    return data as Labels[];
  }

  async rules(opts: RequestOptions & { type?: 'alert' | 'record' } = {}): Promise<RuleGroupInfo[]> {
    const params: Record<string, string> = {};
    if (opts.type) params.type = opts.type;
    const data = (await this.request('/api/v1/rules', params, undefined, opts, 'GET')) as {
      groups?: unknown;
    };
    if (!Array.isArray(data.groups))
      throw this.badResponse('/api/v1/rules', undefined, 'no groups array');
    return (data.groups as RuleGroupInfo[]).map(g => ({
      ...g,
      rules: g.rules.map(r => ({
        ...r,
        alerts: r.alerts?.map(a => ({ ...a, value: parseSampleValue(a.value) })),
      })),
    }));
  }

  async alerts(opts: RequestOptions = {}): Promise<AlertInfo[]> {
    const data = (await this.request('/api/v1/alerts', {}, undefined, opts, 'GET')) as {
      alerts?: unknown;
    };
    if (!Array.isArray(data.alerts))
      throw this.badResponse('/api/v1/alerts', undefined, 'no alerts array');
    return (data.alerts as Array<AlertInfo & { value: unknown }>).map(a => ({
      ...a,
      value: parseSampleValue(a.value),
    }));
  }

  private badResponse(endpoint: string, query: string | undefined, what: string): PrometheusError {
    return new PrometheusError(
      `Prometheus ${this.url}${endpoint}${query ? ` (query: ${query})` : ''}: unexpected response: ${what}`,
      this.url,
      endpoint,
      query,
      200,
      undefined,
      false,
    );
  }

  private wrapParse<T>(fn: () => T, endpoint: string, query: string): T {
    try {
      return fn();
    } catch (e) {
      throw this.badResponse(endpoint, query, (e as Error).message);
    }
  }

  private async request(
    endpoint: string,
    params: Record<string, string> | URLSearchParams,
    query: string | undefined,
    opts: RequestOptions,
    method: 'GET' | 'POST' = 'POST',
  ): Promise<unknown> {
    let attempt = 0;
    for (;;) {
      try {
        return await this.attempt(endpoint, params, query, opts, method);
      } catch (e) {
        if (opts.signal?.aborted) throw e;
        const retryable = e instanceof PrometheusError && e.retryable;
        if (!retryable || attempt >= this.retries) throw e;
        const delay = this.retryDelayMs * 2 ** attempt * (0.5 + Math.random() / 2);
        attempt++;
        await sleep(delay, opts.signal);
      }
    }
  }

  private async attempt(
    endpoint: string,
    params: Record<string, string> | URLSearchParams,
    query: string | undefined,
    opts: RequestOptions,
    method: 'GET' | 'POST',
  ): Promise<unknown> {
    const body = params instanceof URLSearchParams ? params : new URLSearchParams(params);
    const where = `Prometheus ${this.url}${endpoint}${query !== undefined ? ` (query: ${query})` : ''}`;
    const fail = (msg: string, status?: number, errorType?: string, retryable = false) =>
      new PrometheusError(
        `${where}: ${msg}`,
        this.url,
        endpoint,
        query,
        status,
        errorType,
        retryable,
      );

    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    let res: Response;
    try {
      const qs = body.toString();
      res =
        method === 'GET'
          ? await this.fetchImpl(`${this.url}${endpoint}${qs ? `?${qs}` : ''}`, {
              headers: this.headers,
              signal,
            })
          : await this.fetchImpl(`${this.url}${endpoint}`, {
              method: 'POST',
              headers: { ...this.headers, 'Content-Type': 'application/x-www-form-urlencoded' },
              body: qs,
              signal,
            });
    } catch (e) {
      if (opts.signal?.aborted) {
        throw fail(
          `cancelled (${String((opts.signal.reason as Error)?.message ?? opts.signal.reason)})`,
        );
      }
      if (timeout.aborted)
        throw fail(`no answer within ${this.timeoutMs} ms`, undefined, 'timeout', true);
      const cause = (e as Error & { cause?: Error }).cause;
      throw fail(
        `request failed: ${(e as Error).message}${cause ? ` (${cause.message})` : ''}`,
        undefined,
        undefined,
        true,
      );
    }

    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      if (opts.signal?.aborted) throw fail('cancelled');
      throw fail(`reading the answer failed: ${(e as Error).message}`, res.status, undefined, true);
    }
    let payload:
      { status?: string; data?: unknown; errorType?: string; error?: string } | undefined;
    try {
      payload = JSON.parse(text) as typeof payload;
    } catch {
      payload = undefined;
    }
    const retryable = res.status === 429 || res.status >= 500;
    if (!res.ok || payload?.status !== 'success') {
      const said = payload?.error
        ? `${payload.errorType ?? 'error'}: ${payload.error}`
        : text.trim().slice(0, 500) || res.statusText;
      throw fail(`HTTP ${res.status}: ${said}`, res.status, payload?.errorType, retryable);
    }
    return payload.data;
  }
}
