import { getBackendSrv, isFetchError, type BackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

/**
 * A `fetch` over Grafana's backend service, so that clients written against the Fetch API
 * (the Prometheus client of `@headroom/prometheus`) go through the data proxy with Grafana's
 * session, headers and request tracking, instead of calling servers from the browser directly.
 */
export function grafanaFetch(backendSrv: () => BackendSrv = getBackendSrv): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = headerRecord(init?.headers);
    try {
      const res = await lastValueFrom(
        backendSrv().fetch<string>({
          url,
          method: init?.method ?? 'GET',
          headers,
          data: init?.body ?? undefined,
          responseType: 'text',
          showErrorAlert: false,
          showSuccessAlert: false,
        })
      );
      return textResponse(
        typeof res.data === 'string' ? res.data : JSON.stringify(res.data),
        res.status,
        res.statusText
      );
    } catch (e) {
      if (isFetchError(e)) {
        const body = typeof e.data === 'string' ? e.data : JSON.stringify(e.data ?? {});
        // Status 0 is a network failure: surface it the way fetch does.
        if (!e.status) {
          throw new TypeError(`network error: ${e.statusText || 'no response'}`);
        }
        return textResponse(body, e.status, e.statusText ?? '');
      }
      throw e;
    }
  };
}

/** The part of a Fetch API `Response` that text readers use; built without the global class. */
function textResponse(body: string, status: number, statusText: string): Response {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText,
    text: async () => body,
    json: async () => JSON.parse(body),
  } as Response;
}

function headerRecord(h: HeadersInit | undefined): Record<string, string> {
  if (!h) {
    return {};
  }
  if (Array.isArray(h)) {
    return Object.fromEntries(h);
  }
  if (typeof (h as Headers).forEach === 'function' && !(h as object).constructor?.name?.startsWith('Object')) {
    const out: Record<string, string> = {};
    (h as Headers).forEach((v, k) => (out[k] = v));
    return out;
  }
  return { ...(h as Record<string, string>) };
}

/** An HTTP error of a JSON request: the message names the request; the status lets callers tell a 404 apart. */
export class HttpRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined
  ) {
    super(message);
    this.name = 'HttpRequestError';
  }
}

/**
 * JSON GET through the data proxy, with errors that say which server and request failed and why:
 * `<server>: GET <url>: HTTP 404 Not Found: <the server's message>`.
 */
export function getJson<T>(url: string, backendSrv: () => BackendSrv = getBackendSrv, server?: string): Promise<T> {
  return requestJson<T>({ url, method: 'GET' }, backendSrv, server);
}

/** A JSON request through the data proxy (a body goes as JSON), with errors as {@link getJson}'s. */
export async function requestJson<T>(
  request: { url: string; method: string; body?: unknown },
  backendSrv: () => BackendSrv = getBackendSrv,
  server?: string
): Promise<T> {
  const { url, method } = request;
  try {
    const res = await lastValueFrom(
      backendSrv().fetch<T>({
        url,
        method,
        ...(request.body !== undefined ? { data: request.body } : {}),
        showErrorAlert: false,
        showSuccessAlert: false,
      })
    );
    return res.data;
  } catch (e) {
    const status = isFetchError(e) ? e.status || undefined : undefined;
    throw new HttpRequestError(`${server ? `${server}: ` : ''}${method} ${url}: ${describeFetchError(e)}`, status);
  }
}

export function describeFetchError(e: unknown): string {
  if (isFetchError(e)) {
    const data = e.data as { error?: { message?: string } | string; message?: string } | string | undefined;
    const detail =
      typeof data === 'string'
        ? data
        : typeof data?.error === 'object'
          ? data.error?.message
          : (data?.error ?? data?.message);
    if (!e.status) {
      return 'no response (is the server reachable from Grafana?)';
    }
    return `HTTP ${e.status}${e.statusText ? ` ${e.statusText}` : ''}${detail ? `: ${detail}` : ''}`;
  }
  return e instanceof Error ? e.message : String(e);
}
