import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { backendCapacity } from './backendRecord';

describe('backendCapacity', () => {
  it("reads the current assessment's recommended capacity; none is null", async () => {
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(req.url!);
      res.setHeader('content-type', 'application/json');
      if (req.url!.includes('/wallet-api/')) {
        res.end(JSON.stringify({ recommendation: { unit: 'cores', needed: 12.5 } }));
      } else {
        res.writeHead(404).end(JSON.stringify({ error: { message: 'No assessment' } }));
      }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await backendCapacity(url, 'wallet-api', 't')).toBe(12.5);
      expect(await backendCapacity(url, 'ledger', 't')).toBeNull();
      expect(paths).toEqual([
        '/api/headroom/capacity/entities/component/default/wallet-api/assessment',
        '/api/headroom/capacity/entities/component/default/ledger/assessment',
      ]);
    } finally {
      server.close();
    }
  });
});
