import { ResponseError } from '@backstage/errors';

/** The error the client throws for a backend answer of `status`, built from a real response. */
export function responseError(
  status: number,
  statusText: string,
  message: string,
  url = '/api/headroom',
): Promise<ResponseError> {
  const name = status === 403 ? 'NotAllowedError' : status === 404 ? 'NotFoundError' : 'Error';
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'GET', url },
        response: { statusCode: status },
      }),
      { status, statusText, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
