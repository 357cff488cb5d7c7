import type { components, paths } from './schema/openapi/generated/types';

// A client of the backend's API typed by its OpenAPI document: the path, its parameters, the
// body and the answer of every call come from the types generated from that document, so a
// client that disagrees with it does not compile. How a request travels (Backstage's fetchApi,
// Grafana's data proxy) and how its errors read is each client's own: they pass a transport.

export type { components, paths };

/** The JSON schemas of the document, by name: `ApiSchema<'Incident'>`. */
export type ApiSchema<Name extends keyof components['schemas']> = components['schemas'][Name];

export type ApiMethod = 'get' | 'post' | 'put' | 'delete';

/** The document's paths that have an operation for the method. */
export type ApiPath<M extends ApiMethod> = {
  [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never;
}[keyof paths];

type Operation<P extends keyof paths, M extends ApiMethod> = NonNullable<paths[P][M]>;

type BodyPart<Op> = Op extends { requestBody?: never }
  ? { body?: never }
  : Op extends { requestBody: { content: { 'application/json': infer B } } }
    ? { body: B }
    : Op extends { requestBody?: { content: { 'application/json': infer B } } }
      ? { body?: B }
      : never;

/** The path and query parameters and the JSON body of an operation, as the document has them. */
export type ApiRequestInit<P extends keyof paths, M extends ApiMethod> = Pick<
  Operation<P, M>['parameters'],
  'path' | 'query'
> &
  BodyPart<Operation<P, M>>;

/** The query parameters of an operation: `ApiQuery<'/incidents', 'get'>`. */
export type ApiQuery<P extends keyof paths, M extends ApiMethod> = NonNullable<
  Operation<P, M>['parameters']['query']
>;

type SuccessStatus = 200 | 201 | 202 | 204;

/** An answer's content: its JSON where it has one (what the clients ask for), else its other type. */
type Content<C> = C extends { 'application/json': infer J } ? J : C[keyof C];

/** What a success of the operation answers: its content, or undefined. */
export type ApiResponse<P extends keyof paths, M extends ApiMethod> = {
  [S in keyof Operation<P, M>['responses'] & SuccessStatus]: Operation<
    P,
    M
  >['responses'][S] extends { content: infer C }
    ? Content<C>
    : undefined;
}[keyof Operation<P, M>['responses'] & SuccessStatus];

/** The init argument, optional where the operation has no required parameter or body. */
type InitArgs<P extends keyof paths, M extends ApiMethod> =
  object extends ApiRequestInit<P, M>
    ? [init?: ApiRequestInit<P, M>]
    : [init: ApiRequestInit<P, M>];

/** One request, ready to send: `url` is relative to the plugin's base URL (`/incidents?to=…`). */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
}

/**
 * Sends a request and gives back the answer's body (parsed JSON, or the text of another media
 * type; undefined for 204), or fails with the transport's own error.
 */
export type ApiTransport = (request: ApiRequest) => Promise<unknown>;

/** One method's calls: a path of the document that has it, and that operation's parameters. */
type ApiCall<M extends ApiMethod> = <P extends ApiPath<M>>(
  path: P,
  ...init: InitArgs<P, M>
) => Promise<ApiResponse<P, M>>;

export interface ApiClient {
  get: ApiCall<'get'>;
  post: ApiCall<'post'>;
  put: ApiCall<'put'>;
  delete: ApiCall<'delete'>;
}

/**
 * A path of the document with its parameters filled in (each encoded as one segment) and the
 * defined query parameters, in the order given: `/incidents/a%2Fb/ack`, `/slos?limit=10`.
 */
export function apiUrl(
  template: string,
  params: {
    path?: Readonly<Record<string, string>>;
    query?: Readonly<Record<string, string | undefined>>;
  } = {},
): string {
  const pathname = template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = params.path?.[name];
    if (value === undefined) {
      throw new Error(`${template}: no value for the path parameter "${name}"`);
    }
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params.query ?? {})) {
    if (value !== undefined) search.set(key, value);
  }
  const query = search.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** The API's client over a transport. */
export function createApiClient(send: ApiTransport): ApiClient {
  // async: a request that cannot be built fails as a rejected promise, like one that fails.
  const call =
    (method: ApiRequest['method']) =>
    async (
      path: string,
      init: {
        path?: Record<string, string>;
        query?: Record<string, string | undefined>;
        body?: unknown;
      } = {},
    ) =>
      send({
        method,
        url: apiUrl(path, init),
        ...(init.body !== undefined ? { body: init.body } : {}),
      });
  // The answer's type is the document's: the backend's tests check every answer against it.
  return {
    get: call('GET'),
    post: call('POST'),
    put: call('PUT'),
    delete: call('DELETE'),
  } as ApiClient;
}
