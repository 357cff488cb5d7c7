import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { errorBodiesWithoutStacks } from './errorBodies';

describe('the demo backend error bodies', () => {
  const env = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = env;
  });

  /** A plugin router with Backstage's own error handler, under a root app. */
  function app(withMiddleware: boolean) {
    const plugin = express.Router();
    plugin.get('/api/demo/thing', () => {
      throw new NotFoundError('no thing', new Error('read failed'));
    });
    plugin.get('/api/demo/ok', (_req, res) => {
      res.json({ items: [{ stack: 'kept: not an error body' }] });
    });
    plugin.use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );
    const root = express();
    if (withMiddleware) root.use(errorBodiesWithoutStacks());
    return root.use(plugin);
  }

  it('carry no stack, in development where Backstage adds one', async () => {
    process.env.NODE_ENV = 'development';
    const plain = await request(app(false)).get('/api/demo/thing');
    expect(plain.body.error.stack).toContain(__filename);

    const res = await request(app(true)).get('/api/demo/thing');
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({
      name: 'NotFoundError',
      message: 'no thing; caused by Error: read failed',
      cause: { name: 'Error', message: 'read failed' },
    });
    expect(JSON.stringify(res.body)).not.toContain(__filename);
  });

  it('leave other bodies as they are', async () => {
    const res = await request(app(true)).get('/api/demo/ok');
    expect(res.body).toEqual({ items: [{ stack: 'kept: not an error body' }] });
  });
});
