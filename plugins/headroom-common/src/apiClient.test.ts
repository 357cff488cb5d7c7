import { apiUrl, createApiClient, type ApiRequest } from './apiClient';

describe('apiUrl', () => {
  it('fills in each path parameter as one encoded segment', () => {
    expect(apiUrl('/incidents/{id}/ack', { path: { id: 'a/b c' } })).toBe(
      '/incidents/a%2Fb%20c/ack',
    );
  });

  it('keeps the defined query parameters in the order given', () => {
    expect(
      apiUrl('/optimise/anomalies', {
        query: { entityRef: 'component:default/ledger', minScore: '0.5', lob: undefined },
      }),
    ).toBe('/optimise/anomalies?entityRef=component%3Adefault%2Fledger&minScore=0.5');
    expect(apiUrl('/slos', { query: { limit: undefined } })).toBe('/slos');
  });

  it('refuses a path whose parameter has no value, naming it', () => {
    expect(() => apiUrl('/incidents/{id}', {})).toThrow(
      '/incidents/{id}: no value for the path parameter "id"',
    );
  });
});

describe('createApiClient', () => {
  it('hands the transport the method, the filled-in path and the body, and answers its answer', async () => {
    const sent: ApiRequest[] = [];
    const api = createApiClient(async request => {
      sent.push(request);
      return { id: 'run-1' };
    });
    const run = await api.post('/runbooks/runs/{id}/approve', {
      path: { id: 'run-1' },
      body: { action: 'rollback' },
    });
    await api.get('/incidents', { query: { status: 'open' } });
    await api.delete('/entities/{kind}/{namespace}/{name}/slos/{sloName}', {
      path: { kind: 'component', namespace: 'default', name: 'ledger', sloName: 'availability' },
      query: { version: '3' },
    });
    expect(run).toEqual({ id: 'run-1' });
    expect(sent).toEqual([
      { method: 'POST', url: '/runbooks/runs/run-1/approve', body: { action: 'rollback' } },
      { method: 'GET', url: '/incidents?status=open' },
      {
        method: 'DELETE',
        url: '/entities/component/default/ledger/slos/availability?version=3',
      },
    ]);
  });

  it('types each call by the document (checked when the tests are type-checked)', async () => {
    const api = createApiClient(async () => ({ from: '', to: '', items: [] }));
    const list = await api.get('/incidents');
    const severities: Array<'P1' | 'P2' | 'P3' | 'P4'> = list.items.map(i => i.severity);
    expect(severities).toEqual([]);
    // A path the document does not have, a missing path parameter, a query parameter it does not
    // declare and a body of the wrong shape do not compile.
    // @ts-expect-error not a path of the document
    await api.get('/incident');
    // @ts-expect-error the id is a required path parameter
    await expect(api.get('/incidents/{id}')).rejects.toThrow('"id"');
    // @ts-expect-error no such query parameter
    await api.get('/incidents', { query: { team: 'payments' } });
    // @ts-expect-error the approval names its action
    await api.post('/runbooks/runs/{id}/approve', { path: { id: 'x' }, body: {} });
  });
});
