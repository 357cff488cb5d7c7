import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { HeadroomClient } from './HeadroomClient';

function client() {
  const calls: string[] = [];
  const discoveryApi: DiscoveryApi = {
    getBaseUrl: async id => `http://backstage.test/api/${id}`,
  };
  const fetchApi: FetchApi = {
    fetch: async (input, init) => {
      calls.push(
        `${init?.method ?? 'GET'} ${String(input).replace('http://backstage.test/api/headroom/', '')}${init?.body ? ` ${String(init.body)}` : ''}`,
      );
      return new Response(JSON.stringify({ id: 'r' }), {
        headers: { 'Content-Type': 'application/json' },
      });
    },
  };
  return { api: new HeadroomClient({ discoveryApi, fetchApi }), calls };
}

describe('HeadroomClient runbooks', () => {
  it("reads a line of business's coverage and the recovery split, and approves with a POST", async () => {
    const { api, calls } = client();
    await api.getRunbookCoverage({ lineOfBusiness: 'spot trading' });
    await api.getRunbookCoverage();
    await api.getRunbookRecovery({ lineOfBusiness: 'spot', days: 7 });
    await api.approveRunbookAction('run-1', 'roll-back');
    expect(calls).toEqual([
      'GET runbooks/coverage?lineOfBusiness=spot+trading',
      'GET runbooks/coverage',
      'GET runbooks/recovery?lineOfBusiness=spot&days=7',
      'POST runbooks/runs/run-1/approve {"action":"roll-back"}',
    ]);
  });
});
