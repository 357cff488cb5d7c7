import type { ApiRouter } from '@backstage/backend-openapi-utils';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type express from 'express';
import type { RequestHandler } from 'express';
import { createOpenApiRouter, spec } from '../schema/openapi/generated/router';
import { apiErrorHandler } from './errors';
import { jsonBodyParser } from './jsonBody';

/** The router typed by `src/schema/openapi.yaml`: only its paths, with its request types. */
export type HeadroomApiRouter = ApiRouter<typeof spec>;

/** A feature's routes, added to the one router. */
export type RouteRegistration = (router: HeadroomApiRouter) => void;

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * The plugin's one router: every route is generated from the OpenAPI document, which validates
 * each request (parameters, bodies, content types) before a handler runs; then the error handler
 * that names the offending field and never sends a stack.
 */
export async function createApiRouter(options: {
  logger: LoggerService;
  maxBodyBytes?: number;
  /** Other bounds for the JSON bodies of some paths (relative to the plugin's base). */
  bodyLimits?: ReadonlyArray<{ path: string; maxBytes: number }>;
  /** Checks run on every request after its validation and before its route (the span bounds). */
  guards?: RequestHandler[];
  routes: RouteRegistration[];
  /**
   * Also check every response against the document (a mismatch is a 500 naming the field).
   * Default: under test (NODE_ENV=test), so that every API test checks the contract too.
   */
  validateResponses?: boolean;
}): Promise<express.Router> {
  const validateResponses = options.validateResponses ?? process.env.NODE_ENV === 'test';
  const router = await createOpenApiRouter({
    middleware: [
      jsonBodyParser(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, options.bodyLimits),
    ],
    // Every problem of a request at once (Ajv stops at the first by default), with the
    // validator's other settings as backend-openapi-utils has them.
    validatorOptions: {
      validateRequests: { coerceTypes: false, allowUnknownQueryParameters: false, allErrors: true },
      ...(validateResponses ? { validateResponses: { allErrors: true } } : {}),
    },
  });
  for (const guard of options.guards ?? []) router.use(guard);
  for (const register of options.routes) register(router);
  router.use(apiErrorHandler({ logger: options.logger, spec }));
  return router;
}
