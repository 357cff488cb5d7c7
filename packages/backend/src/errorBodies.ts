/**
 * Backstage's error handler adds the error's stack to every error body when NODE_ENV is
 * `development`, which `backstage-cli package start` sets when it is not given: the demo backend
 * would answer each bad request with file paths of the server. There is no configuration key for
 * it (MiddlewareFactory.error's `showStackTraces` is only an option in code, and each plugin's
 * router creates its own handler), so the root router takes the stack out of any Backstage error
 * body before it is sent. The error is still logged, with its stack, by the handler that sent it.
 */

type ErrorBody = { error: Record<string, unknown>; response: { statusCode: number } };

function isErrorBody(body: unknown): body is ErrorBody {
  const b = body as Partial<ErrorBody> | null;
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof b.error === 'object' &&
    b.error !== null &&
    typeof b.response?.statusCode === 'number'
  );
}

/** A serialized error without its stack, and its causes likewise. */
function withoutStack(error: Record<string, unknown>): Record<string, unknown> {
  const { stack: _stack, cause, ...rest } = error;
  return cause && typeof cause === 'object'
    ? { ...rest, cause: withoutStack(cause as Record<string, unknown>) }
    : rest;
}

/** The body to send: a Backstage error body loses its stacks, anything else is unchanged. */
export function stackFreeBody(body: unknown): unknown {
  return isErrorBody(body) ? { ...body, error: withoutStack(body.error) } : body;
}

/** Middleware for the root router, before every route: error bodies leave without stacks. */
export function errorBodiesWithoutStacks() {
  return (_req: unknown, res: { json: (body?: unknown) => unknown }, next: () => void): void => {
    const json = res.json.bind(res);
    res.json = (body?: unknown) => json(stackFreeBody(body));
    next();
  };
}
