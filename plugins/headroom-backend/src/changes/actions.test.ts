import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rollbackCall, sendRollback, type RollbackSubject } from './actions';

const subject: RollbackSubject = {
  changeId: 'c1',
  entityRef: 'component:default/ledger',
  service: 'ledger',
  version: '2.4.0',
  kind: 'canary',
  target: { namespace: 'payments' },
  reason: 'roll back: the canary verdict is Fail with score 0',
};

describe('rollback actions', () => {
  let server: Server;
  let url: string;
  const received: {
    method: string;
    url: string;
    headers: Record<string, unknown>;
    body: string;
  }[] = [];
  let status = 200;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => {
        received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        res.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
    status = 200;
  });

  it('describes the Argo Rollouts abort as a status merge patch, sent only with an API server', async () => {
    const call = rollbackCall({ type: 'argo', namespace: 'default', token: 't0k' }, subject);
    expect(call).toEqual({
      method: 'PATCH',
      url: 'https://kubernetes.default.svc/apis/argoproj.io/v1alpha1/namespaces/payments/rollouts/ledger/status',
      headers: { 'content-type': 'application/merge-patch+json', authorization: 'Bearer t0k' },
      body: { status: { abort: true } },
    });
    const described = await sendRollback(
      { type: 'argo', namespace: 'default', token: 't0k' },
      subject,
      1000,
    );
    expect(described.outcome).toBe('described');
    expect(described.detail.call!.headers.authorization).toBe('Bearer <redacted>');
    expect(received).toEqual([]);

    const sent = await sendRollback(
      { type: 'argo', apiServer: url, namespace: 'default', token: 't0k' },
      subject,
      1000,
    );
    expect(sent).toMatchObject({ outcome: 'sent', detail: { status: 200 } });
    expect(received[0]).toMatchObject({
      method: 'PATCH',
      url: '/apis/argoproj.io/v1alpha1/namespaces/payments/rollouts/ledger/status',
      body: '{"status":{"abort":true}}',
    });
    expect(received[0]!.headers.authorization).toBe('Bearer t0k');
  });

  it("opens Flagger's rollback gate with the canary's name and namespace", async () => {
    const r = await sendRollback({ type: 'flagger', url, namespace: 'default' }, subject, 1000);
    expect(r.outcome).toBe('sent');
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: '/rollback/open',
      body: '{"name":"ledger","namespace":"payments"}',
    });
  });

  it('posts the change to a webhook and the service to the simulator', async () => {
    await sendRollback({ type: 'webhook', url: `${url}/hook` }, subject, 1000);
    expect(JSON.parse(received[0]!.body)).toEqual({
      type: 'headroom.change.rollback',
      change: 'c1',
      entityRef: 'component:default/ledger',
      service: 'ledger',
      version: '2.4.0',
      kind: 'canary',
      reason: subject.reason,
    });
    await sendRollback({ type: 'simulator', url }, subject, 1000);
    expect(received[1]).toMatchObject({ method: 'POST', url: '/control/services/ledger/rollback' });
  });

  it('records a refused or unreachable action as failed, with what came back', async () => {
    status = 409;
    expect(await sendRollback({ type: 'simulator', url }, subject, 1000)).toMatchObject({
      outcome: 'failed',
      detail: { status: 409, response: '{"ok":true}' },
    });
    const down = await sendRollback({ type: 'webhook', url: 'http://127.0.0.1:9' }, subject, 1000);
    expect(down.outcome).toBe('failed');
    expect(down.detail.error).toBeTruthy();
    expect(await sendRollback({ type: 'none' }, subject, 1000)).toEqual({
      outcome: 'described',
      detail: { call: null },
    });
  });
});
