import SwaggerParser from '@apidevtools/swagger-parser';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import YAML from 'yaml';
import { headroomPlugin } from '../plugin';
import { spec } from '../schema/openapi/generated/router';
import { createApiRouter } from './router';

jest.setTimeout(60_000);

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
/** Served by backend-openapi-utils itself: the document as JSON. */
const SPEC_ROUTE = 'get /openapi.json';

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  name?: string;
};

/**
 * Every `method path` an express router serves, sub-routers included; a sub-router is reported
 * as such, since its mount path is not a route of the document.
 */
function routesOf(router: { stack?: Layer[] }, prefix = ''): string[] {
  return (router.stack ?? []).flatMap(layer => {
    if (layer.route) {
      return Object.keys(layer.route.methods)
        .filter(m => m !== '_all')
        .map(m => `${m} ${prefix}${layer.route!.path}`);
    }
    if (layer.handle?.stack) {
      const inner = routesOf(layer.handle, `${prefix}(sub-router)`);
      return inner;
    }
    return [];
  });
}

/** The document's operations as express routes: `get /cost/entities/:kind/:namespace/:name`. */
function documentedRoutes(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    METHODS.filter(m => item[m]).map(m => `${m} ${p.replace(/\{([^}]+)\}/g, ':$1')}`),
  );
}

const yamlPath = path.resolve(__dirname, '../schema/openapi.yaml');

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document whose $refs all resolve', async () => {
    const doc = YAML.parse(fs.readFileSync(yamlPath, 'utf8'));
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(doc)).resolves.toBeDefined();
  });

  it('refuses a broken document, so the check above can fail', async () => {
    const doc = YAML.parse(fs.readFileSync(yamlPath, 'utf8'));
    doc.paths['/capacity/coverage'].get.responses = 'none';
    await expect(SwaggerParser.validate(doc)).rejects.toThrow(/responses/);
  });

  it('is what the generated router holds (run yarn generate:openapi after editing it)', () => {
    expect(spec).toEqual(YAML.parse(fs.readFileSync(yamlPath, 'utf8')));
  });

  it('gives every operation an id, unique, and an error response', () => {
    const ids = Object.values(spec.paths).flatMap(item =>
      METHODS.flatMap(m => {
        const op = (item as Record<string, { operationId?: string; responses?: object }>)[m];
        return op ? [op] : [];
      }),
    );
    for (const op of ids) {
      expect(op.operationId).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(op.responses).toHaveProperty('default');
    }
    expect(new Set(ids.map(o => o.operationId)).size).toBe(ids.length);
  });
});

describe('the plugin router', () => {
  it('serves exactly the routes of the document, all on the one generated router', async () => {
    const httpRouter = mockServices.httpRouter.mock();
    const backend = await startTestBackend({
      features: [
        headroomPlugin,
        httpRouter.factory,
        catalogServiceMock.factory({ entities: [] }),
        schedulerServiceFactory,
      ],
    });
    try {
      // Backstage's own services (scheduler, permission integration) add theirs under `/.`.
      const routers = httpRouter.use.mock.calls
        .map(([handler]) => routesOf(handler as { stack?: Layer[] }))
        .map(routes => routes.filter(r => !/^\w+ \/\./.test(r) && r !== SPEC_ROUTE))
        .filter(routes => routes.length > 0);
      // One router: a feature with its own express router would be a second one.
      expect(routers).toHaveLength(1);
      const served = routers[0]!;
      const documented = documentedRoutes(spec as never);
      expect(served.filter(r => !documented.includes(r))).toEqual([]);
      expect(documented.filter(r => !served.includes(r))).toEqual([]);
      expect(served).toHaveLength(documented.length);
    } finally {
      await backend.stop();
    }
  });

  it('finds a route that is not in the document', () => {
    const router = express.Router();
    router.get('/capacity/coverage', (_req, res) => res.end());
    router.post('/capacity/secret', (_req, res) => res.end());
    const sub = express.Router();
    sub.get('/extra', (_req, res) => res.end());
    router.use('/more', sub);
    const documented = documentedRoutes(spec as never);
    expect(routesOf(router as never).filter(r => !documented.includes(r))).toEqual([
      'post /capacity/secret',
      'get (sub-router)/extra',
    ]);
  });
});

describe('responses', () => {
  it('are checked against the document under test, so every API test checks the contract', async () => {
    const router = await createApiRouter({
      logger: mockServices.logger.mock(),
      routes: [r => r.get('/capacity/coverage', (_req, res) => res.json({ total: 1 } as never))],
    });
    const res = await request(express().use(router)).get('/capacity/coverage');
    expect(res.status).toBe(500);
    expect(res.body.error.message).toMatch(
      /^The response of GET \/capacity\/coverage does not match the OpenAPI document: .*required property 'generatedAt'.*\/response\/total must be object/,
    );
  });
});

describe('errors', () => {
  const env = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = env;
  });

  async function app(handler: express.RequestHandler) {
    const logger = mockServices.logger.mock();
    const router = await createApiRouter({
      logger,
      routes: [r => r.get('/capacity/coverage', handler as never)],
    });
    const a = express()
      .use(router)
      .use(
        MiddlewareFactory.create({
          config: mockServices.rootConfig(),
          logger,
        }).error(),
      );
    return { app: a, logger };
  }

  it('carry no stack and no file path, even where Backstage would add them (development)', async () => {
    process.env.NODE_ENV = 'development';
    const thrown = new NotFoundError('no such thing');
    // Backstage's own handler adds the stack in development: what this handler must not do.
    const plain = express()
      .get('/x', () => {
        throw thrown;
      })
      .use(
        MiddlewareFactory.create({
          config: mockServices.rootConfig(),
          logger: mockServices.logger.mock(),
        }).error(),
      );
    expect((await request(plain).get('/x')).body.error.stack).toMatch(/contract\.test\.ts/);

    const { app: served } = await app(() => {
      throw thrown;
    });
    const res = await request(served).get('/capacity/coverage');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { name: 'NotFoundError', message: 'no such thing' },
      request: { method: 'GET', url: '/capacity/coverage' },
      response: { statusCode: 404 },
    });
  });

  it('answer an unexpected error with an id to find it in the log, not its message', async () => {
    process.env.NODE_ENV = 'development';
    const { app: served, logger } = await app(() => {
      throw new TypeError(`Cannot read properties of undefined at ${__filename}:1:1`);
    });
    const res = await request(served).get('/capacity/coverage');
    expect(res.status).toBe(500);
    expect(res.body.error.stack).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain(__filename);
    const logId = /logId=([0-9a-f]{20})/.exec(res.body.error.message)?.[1];
    expect(logId).toBeDefined();
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(logId!),
      expect.objectContaining({ name: 'TypeError' }),
    );
  });
});
