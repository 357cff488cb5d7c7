import { InputError } from '@backstage/errors';
import express, { type RequestHandler } from 'express';

/**
 * JSON bodies with clear 400s for syntax errors and bodies over the limit. Other content types
 * (a cost upload's CSV or gzip) are left unread for their route to stream.
 */
export function jsonBodyParser(
  defaultLimit: number,
  pathLimits: ReadonlyArray<{ path: string; maxBytes: number }> = [],
): RequestHandler {
  // A route may need another bound (an Alertmanager group of many alerts): by exact path.
  const parsers = new Map(
    pathLimits.map(p => [
      p.path,
      { limit: p.maxBytes, parse: express.json({ limit: p.maxBytes, strict: true }) },
    ]),
  );
  const fallback = {
    limit: defaultLimit,
    parse: express.json({ limit: defaultLimit, strict: true }),
  };
  return (req, res, next) => {
    const { limit, parse } = parsers.get(req.path) ?? fallback;
    parse(req, res, (error?: unknown) => {
      if (!error) {
        next();
        return;
      }
      const e = error as { type?: string; length?: number; message?: string };
      if (e.type === 'entity.too.large') {
        next(
          new InputError(
            `Request body of ${req.method} ${req.originalUrl} is ${e.length ?? 'more than'} bytes; the limit is ${limit} bytes`,
          ),
        );
      } else if (e.type === 'entity.parse.failed') {
        next(
          new InputError(
            `Request body of ${req.method} ${req.originalUrl} is not valid JSON: ${e.message}`,
          ),
        );
      } else {
        next(error);
      }
    });
  };
}
