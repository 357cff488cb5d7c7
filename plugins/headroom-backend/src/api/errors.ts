import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, isError, serializeError } from '@backstage/errors';
import { randomBytes } from 'node:crypto';
import type { ErrorRequestHandler, Request } from 'express';

// The OpenAPI validator (express-openapi-validator behind backend-openapi-utils) reports a bad
// request as one InputError whose message is Ajv's text, e.g.
// `request/body/indicator must NOT have additional properties, request/query/limit must match
// pattern "^[1-9]$"`. That text does not say which field is unknown, nor which request it was.
// The mapper below rewrites it so that each problem names its field, its value and the request,
// using the operation's schema (which the validator leaves on `req.openapi`).

type Schema = Record<string, unknown>;

interface OpenApiRequest extends Request {
  openapi?: { schema?: Schema };
}

/** Thrown for a request whose content type the operation does not accept. */
export class UnsupportedMediaTypeError extends Error {
  override name = 'UnsupportedMediaType';
  // A getter, not a field: the status is read by the handler but not sent in the body.
  get statusCode(): number {
    return 415;
  }
}

const LOCATIONS: Record<string, string> = {
  query: 'Query parameter',
  params: 'Path parameter',
  headers: 'Header',
};

/** The schema `ref` points to, within `root` (`#/components/schemas/X`). */
function deref(schema: unknown, root: Schema): Schema | undefined {
  let s = schema as Schema | undefined;
  for (let hops = 0; s && typeof s.$ref === 'string' && hops < 20; hops++) {
    const ref = s.$ref as string;
    s = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (node as Schema | undefined)?.[key], root) as
      Schema | undefined;
  }
  return s;
}

/** Every schema that describes the value at `segments` below `schema` (allOf/oneOf followed). */
function schemasAt(schema: unknown, segments: string[], root: Schema): Schema[] {
  const s = deref(schema, root);
  if (!s) return [];
  const branches = ['allOf', 'oneOf', 'anyOf'].flatMap(k =>
    Array.isArray(s[k]) ? (s[k] as unknown[]) : [],
  );
  const here = branches.flatMap(b => schemasAt(b, segments, root));
  if (segments.length === 0) return [s, ...here];
  const [head, ...rest] = segments;
  const properties = s.properties as Record<string, unknown> | undefined;
  const next =
    properties?.[head!] ??
    (/^\d+$/.test(head!) ? s.items : undefined) ??
    (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
  return [...(next ? schemasAt(next, rest, root) : []), ...here];
}

function valueAt(value: unknown, segments: string[]): unknown {
  return segments.reduce<unknown>(
    (v, key) => (v !== null && typeof v === 'object' ? (v as Schema)[key] : undefined),
    value,
  );
}

function requestBodySchema(req: OpenApiRequest): unknown {
  const content = (req.openapi?.schema?.requestBody as Schema | undefined)?.content as
    Record<string, { schema?: unknown }> | undefined;
  return content?.['application/json']?.schema;
}

function parametersOf(req: OpenApiRequest, root: Schema, location: string): string[] {
  const parameters = (req.openapi?.schema?.parameters as unknown[] | undefined) ?? [];
  return parameters
    .map(p => deref(p, root))
    .filter(p => p?.in === location)
    .map(p => String(p!.name));
}

function quote(value: unknown): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `, got '${text.length > 100 ? `${text.slice(0, 100)}…` : text}'`;
}

/** Ajv's wording, made plainer. */
function plain(message: string): string {
  return message
    .replace(/^must be equal to one of the allowed values: /, 'must be one of ')
    .replace(/^must have required property '([^']+)'$/, "is missing its required field '$1'");
}

/**
 * One problem of Ajv's text (`request/body/usage must have required property 'perUnit'`) as a
 * sentence naming the field: `inputs.usage.perUnit is required`.
 */
function bodyProblem(path: string[], message: string, req: OpenApiRequest, root: Schema): string {
  const field = path.join('.');
  const required = /^must have required property '([^']+)'$/.exec(message);
  if (required) return `${[...path, required[1]].join('.')} is required`;
  if (message === 'must NOT have additional properties') {
    const allowed = new Set(
      schemasAt(requestBodySchema(req), path, root).flatMap(s =>
        Object.keys((s.properties as Schema | undefined) ?? {}),
      ),
    );
    const value = valueAt(req.body, path);
    const unknown =
      value !== null && typeof value === 'object'
        ? Object.keys(value).filter(k => !allowed.has(k))
        : [];
    const where = field ? field : 'the body';
    return unknown.length > 0
      ? `${where} has unknown fields: ${unknown.join(', ')} (additional properties are not allowed; known: ${[...allowed].join(', ')})`
      : `${where} must not have additional properties`;
  }
  const value = valueAt(req.body, path);
  return `${field || 'the body'} ${plain(message)}${typeof value === 'object' ? '' : quote(value)}`;
}

/**
 * The validator's message for `req` rewritten to name each field, its value and the request;
 * undefined when the message is not the validator's.
 */
export function describeValidationError(
  message: string,
  req: Request,
  spec: Schema,
): Error | undefined {
  const r = req as OpenApiRequest;
  const where = `${req.method} ${req.originalUrl}`;
  const unknownQuery = /^Unknown query parameter '([^']*)'$/.exec(message);
  if (unknownQuery) {
    const known = parametersOf(r, spec, 'query');
    return new InputError(
      `Unknown query parameter ${unknownQuery[1]} of ${where}; known: ${known.join(', ') || 'none'}`,
    );
  }
  const emptyQuery = /^Empty value found for query parameter '([^']*)'$/.exec(message);
  if (emptyQuery) {
    return new InputError(
      `Query parameter ${emptyQuery[1]} of ${where} is empty; leave it out or give a value`,
    );
  }
  const reserved = /^Parameter '([^']*)' must be url encoded/.exec(message);
  if (reserved) {
    return new InputError(
      `Query parameter ${reserved[1]} of ${where} must be URL-encoded: it holds a reserved character such as : / ? # [ ] @`,
    );
  }
  const mediaType = /^unsupported media type (.*)$/.exec(message);
  if (mediaType) {
    const content = (r.openapi?.schema?.requestBody as Schema | undefined)?.content as
      Schema | undefined;
    return new UnsupportedMediaTypeError(
      `Header content-type of ${where} must be one of ${Object.keys(content ?? {}).join(', ')}, got '${req.headers['content-type'] ?? '(none)'}'`,
    );
  }
  if (!message.startsWith('request/')) return undefined;

  const body: string[] = [];
  const others: string[] = [];
  for (const part of message.split(/, (?=request\/)/)) {
    const m = /^request\/([^ ]+) (.*)$/s.exec(part);
    if (!m) return undefined;
    const [location, ...path] = m[1]!.split('/');
    const problem = m[2]!;
    if (location === 'body') {
      body.push(bodyProblem(path, problem, r, spec));
      continue;
    }
    const name = path.join('.');
    const required = /^must have required property '([^']+)'$/.exec(problem);
    if (required) {
      others.push(`${LOCATIONS[location!] ?? location} ${required[1]} of ${where} is required`);
      continue;
    }
    const source =
      location === 'query' ? req.query : location === 'params' ? req.params : req.headers;
    others.push(
      `${LOCATIONS[location!] ?? location} ${name} of ${where}: ${name} ${plain(problem)}${quote(
        valueAt(source, path),
      )}`,
    );
  }
  if (body.length > 0) {
    const title = deref(requestBodySchema(r), spec)?.title ?? 'request body';
    others.push(`Invalid ${title} in ${where}: ${body.join('; ')}`);
  }
  return new InputError(others.join('; '));
}

const KNOWN_STATUS: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotModifiedError: 304,
  NotImplementedError: 501,
  ServiceUnavailableError: 503,
};

/** The status an error stands for: its own statusCode/status, its known name, else 500. */
export function statusOf(error: unknown): number {
  const e = error as { statusCode?: unknown; status?: unknown; name?: unknown };
  for (const code of [e.statusCode, e.status]) {
    if (typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 599) {
      return code;
    }
  }
  return KNOWN_STATUS[String(e.name)] ?? 500;
}

/** The validator's complaint about a response (`/response/total must be object`), if it is one. */
function responseMismatch(error: unknown): string | undefined {
  const e = error as { status?: unknown; errors?: unknown; message?: unknown };
  if (e.status !== 500 || !Array.isArray(e.errors) || typeof e.message !== 'string') {
    return undefined;
  }
  return /^\.?\/?response\b/.test(e.message) ? e.message : undefined;
}

/**
 * The plugin's error handler, last on its router: validation errors rewritten to name their
 * field, and every error answered as Backstage's error body without a stack, whatever NODE_ENV
 * says. An unexpected error (a 500) is logged with an id and answered with that id only, so
 * that neither its stack nor its message (which may hold file paths or SQL) leaves the server.
 */
export function apiErrorHandler(options: {
  logger: LoggerService;
  spec: Schema;
}): ErrorRequestHandler {
  return (rawError, req, res, next) => {
    let error: unknown = rawError;
    if (isError(rawError) && rawError.name === 'InputError') {
      error = describeValidationError(rawError.message, req, options.spec) ?? rawError;
    }
    const statusCode = statusOf(error);
    if (res.headersSent) {
      next(error);
      return;
    }
    let body: { name: string; message: string; [k: string]: unknown };
    const contract = responseMismatch(error);
    if (contract) {
      // Only when responses are validated (under test): the message says which field drifted.
      options.logger.error(`${req.method} ${req.originalUrl}: ${contract}`);
      body = {
        name: 'ResponseValidationError',
        message: `The response of ${req.method} ${req.originalUrl} does not match the OpenAPI document: ${contract}`,
      };
    } else if (statusCode >= 500 && !(isError(error) && error.name in KNOWN_STATUS)) {
      const logId = randomBytes(10).toString('hex');
      options.logger.error(
        `${req.method} ${req.originalUrl} failed (logId=${logId})`,
        isError(error) ? error : new Error(String(error)),
      );
      body = { name: 'Error', message: `An internal error occurred (logId=${logId})` };
    } else {
      if (statusCode >= 500) {
        options.logger.error(`${req.method} ${req.originalUrl} failed with status ${statusCode}`);
      }
      const serialized = serializeError(isError(error) ? error : new Error(String(error)), {
        includeStack: false,
      });
      const {
        stack: _stack,
        cause: _cause,
        ...rest
      } = serialized as typeof serialized & {
        cause?: unknown;
      };
      body = rest;
    }
    res.status(statusCode).json({
      error: body,
      request: { method: req.method, url: req.url },
      response: { statusCode },
    });
  };
}
