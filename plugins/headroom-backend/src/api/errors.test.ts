import type { Request } from 'express';
import { describeValidationError, statusOf, UnsupportedMediaTypeError } from './errors';

// The validator's texts, as express-openapi-validator words them, for a request whose operation
// (`req.openapi.schema`) has the body and parameters below.
const spec = {
  components: {
    schemas: {
      Usage: {
        type: 'object',
        additionalProperties: false,
        properties: { unit: { type: 'string' }, perUnit: { type: 'number' } },
      },
      Body: {
        title: 'thing',
        type: 'object',
        additionalProperties: false,
        properties: {
          usage: { $ref: '#/components/schemas/Usage' },
          items: {
            type: 'array',
            items: { allOf: [{ type: 'object', properties: { a: { type: 'number' } } }] },
          },
        },
      },
    },
    parameters: { grain: { name: 'grain', in: 'query', schema: { type: 'string' } } },
  },
};

function req(body: unknown, url = '/api/headroom/things?grain=week'): Request {
  return {
    method: 'POST',
    originalUrl: url,
    body,
    query: { grain: 'week' },
    params: { id: 'x y' },
    headers: { 'content-type': 'application/xml' },
    openapi: {
      schema: {
        parameters: [{ $ref: '#/components/parameters/grain' }, { name: 'view', in: 'query' }],
        requestBody: {
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/Body' } },
            'text/csv': {},
          },
        },
      },
    },
  } as unknown as Request;
}

const describe_ = (message: string, body: unknown = {}) =>
  describeValidationError(message, req(body), spec)?.message;

describe('describeValidationError', () => {
  const where = 'POST /api/headroom/things?grain=week';

  it('names unknown fields, following $ref, arrays and allOf', () => {
    expect(
      describe_('request/body/usage must NOT have additional properties', {
        usage: { unit: 'cores', perUnit: 1, peak: 3, x: 1 },
      }),
    ).toBe(
      `Invalid thing in ${where}: usage has unknown fields: peak, x (additional properties are not allowed; known: unit, perUnit)`,
    );
    expect(
      describe_('request/body must NOT have additional properties', { usage: {}, extra: 1 }),
    ).toMatch(/: the body has unknown fields: extra \(.*known: usage, items\)$/);
    expect(
      describe_('request/body/items/1 must NOT have additional properties', {
        items: [{ a: 1 }, { a: 2, b: 3 }],
      }),
    ).toMatch(/: items\.1 has unknown fields: b /);
  });

  it('gives each problem its field and value, all of them', () => {
    expect(
      describe_(
        "request/body/usage/perUnit must be >= 0, request/body/usage must have required property 'unit', request/query/grain must be equal to one of the allowed values: day, month",
        { usage: { perUnit: -1 } },
      ),
    ).toBe(
      `Query parameter grain of ${where}: grain must be one of day, month, got 'week'; ` +
        `Invalid thing in ${where}: usage.perUnit must be >= 0, got '-1'; usage.unit is required`,
    );
    expect(describe_('request/params/id must match pattern "^[a-z]+$"')).toBe(
      `Path parameter id of ${where}: id must match pattern "^[a-z]+$", got 'x y'`,
    );
  });

  it('names unknown and empty query parameters with the known ones', () => {
    expect(describe_("Unknown query parameter 'gran'")).toBe(
      `Unknown query parameter gran of ${where}; known: grain, view`,
    );
    expect(describe_("Empty value found for query parameter 'grain'")).toBe(
      `Query parameter grain of ${where} is empty; leave it out or give a value`,
    );
  });

  it('makes an unsupported content type a 415 naming the accepted ones', () => {
    const error = describeValidationError('unsupported media type application/xml', req({}), spec);
    expect(error).toBeInstanceOf(UnsupportedMediaTypeError);
    expect(statusOf(error)).toBe(415);
    expect(error!.message).toBe(
      `Header content-type of ${where} must be one of application/json, text/csv, got 'application/xml'`,
    );
    expect(Object.keys(error!)).not.toContain('statusCode');
  });

  it("leaves a handler's own InputError alone", () => {
    expect(describe_('Body field reason of POST /x is required')).toBeUndefined();
  });
});

describe('statusOf', () => {
  it('reads statusCode or status, then the known error names, else 500', () => {
    expect(statusOf({ statusCode: 413 })).toBe(413);
    expect(statusOf({ status: 404 })).toBe(404);
    expect(statusOf({ status: 1000, name: 'ConflictError' })).toBe(409);
    expect(statusOf(new TypeError('x'))).toBe(500);
    expect(statusOf('a string')).toBe(500);
  });
});
