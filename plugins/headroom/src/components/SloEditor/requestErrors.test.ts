import { ResponseError } from '@backstage/errors';
import { previewErrorText, responseMessage, saveErrorText } from './requestErrors';

async function responseError(status: number, message: string): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        request: { method: 'PUT', url: '/entities/component/default/ledger/slos/availability' },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

describe('responseMessage', () => {
  it("reads the status and the backend's message of a ResponseError", async () => {
    expect(responseMessage(await responseError(409, 'stale version'))).toEqual({
      status: 409,
      message: 'stale version',
    });
  });

  it('has no status for other failures', () => {
    expect(responseMessage(new Error('Failed to fetch'))).toEqual({
      message: 'Failed to fetch',
    });
    expect(responseMessage('offline')).toEqual({ message: 'offline' });
  });
});

describe('previewErrorText', () => {
  it.each([
    [503, 'Prometheus could not be queried'],
    [403, 'You may not preview SLOs of this entity'],
    [400, 'The backend rejected the SLO'],
    [500, 'No preview'],
    [undefined, 'No preview'],
  ])('titles a %s', (status, title) => {
    expect(previewErrorText(status, 'why')).toEqual({ title, message: 'why' });
  });

  it('tells how to see the budget without previews on a 404', () => {
    expect(previewErrorText(404, 'Not found')).toEqual({
      title: 'This backend does not offer previews',
      message: 'Not found. Save to see the budget after the next evaluation.',
    });
  });
});

describe('saveErrorText', () => {
  it.each([
    [409, 'Name taken'],
    [403, 'Refused'],
    [400, 'The backend rejected the SLO'],
    [500, 'Not saved'],
    [undefined, 'Not saved'],
  ])('titles a %s', (status, title) => {
    expect(saveErrorText(status, 'why')).toEqual({ title, message: 'why' });
  });
});
