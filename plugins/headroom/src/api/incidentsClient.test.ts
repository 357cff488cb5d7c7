import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { HeadroomClient } from './HeadroomClient';

function client(answer: (url: string) => Response) {
  const calls: string[] = [];
  const discoveryApi: DiscoveryApi = {
    getBaseUrl: async id => `http://backstage.test/api/${id}`,
  };
  const fetchApi: FetchApi = {
    fetch: async (input, init) => {
      const url = String(input);
      calls.push(
        `${init?.method ?? 'GET'} ${url.replace('http://backstage.test/api/headroom/', '')}`,
      );
      return answer(url);
    },
  };
  return { api: new HeadroomClient({ discoveryApi, fetchApi }), calls };
}

describe('HeadroomClient incidents', () => {
  it('lists incidents and MTTx with the filters in the query string', async () => {
    const { api, calls } = client(
      () =>
        new Response(JSON.stringify({ items: [] }), {
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    await api.listIncidents({ entityRef: 'component:default/order-gateway', status: 'open' });
    await api.listIncidents();
    await api.getIncidentMttx({ lineOfBusiness: 'spot', by: 'severity' });
    expect(calls).toEqual([
      'GET incidents?entityRef=component%3Adefault%2Forder-gateway&status=open',
      'GET incidents',
      'GET incidents/mttx?lineOfBusiness=spot&by=severity',
    ]);
  });

  it('acknowledges with a POST and reads the postmortem draft as text', async () => {
    const { api, calls } = client(url =>
      url.endsWith('/postmortem')
        ? new Response('# Postmortem\n', { headers: { 'Content-Type': 'text/markdown' } })
        : new Response(JSON.stringify({ id: 'a/b', acknowledgedBy: 'user:default/ana' }), {
            headers: { 'Content-Type': 'application/json' },
          }),
    );
    expect(await api.acknowledgeIncident('a/b')).toEqual({
      id: 'a/b',
      acknowledgedBy: 'user:default/ana',
    });
    expect(await api.getIncidentPostmortem('a/b')).toBe('# Postmortem\n');
    expect(calls).toEqual(['POST incidents/a%2Fb/ack', 'GET incidents/a%2Fb/postmortem']);
  });

  it('fails with the backend message when an acknowledgement is refused', async () => {
    const { api } = client(
      () =>
        new Response(
          JSON.stringify({ error: { name: 'NotAllowedError', message: 'not an owner' } }),
          { status: 403, statusText: 'Forbidden', headers: { 'Content-Type': 'application/json' } },
        ),
    );
    await expect(api.acknowledgeIncident('x')).rejects.toMatchObject({
      name: 'ResponseError',
      response: { status: 403 },
    });
  });
});
