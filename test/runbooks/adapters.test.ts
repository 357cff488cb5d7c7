import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseRunbooks, type Runbook, type RunbookAction } from '@headroom/core';
import {
  createContext,
  DEFAULT_SEED,
  liveControlsFor,
  startServer,
  WORLD,
} from '@headroom/demo-simulator';
import {
  callWebhook,
  kubernetesPlan,
  SimulatorActions,
} from '../../packages/cli/src/runbooks/adapters';

/**
 * The runbook adapters against the real simulator control API and a real HTTP server: each
 * action type reaches the simulator as the route that clears its faults, a refused request is a
 * failed action naming the simulator's reason, the webhook gets the findings' changes, and the
 * cluster form is an API-server patch in dry-run form.
 */
const action = (over: Partial<RunbookAction> & Pick<RunbookAction, 'type'>) =>
  ({ name: 'a', when: [], risky: false, safe: false, ...over }) as RunbookAction;

let simulator: Server;
let hooks: Server;
let live: ReturnType<typeof liveControlsFor>;
let actions: SimulatorActions;
let hookUrl: string;
const received: { method: string; body: unknown }[] = [];

beforeAll(async () => {
  live = liveControlsFor(WORLD.services);
  const anchor = Math.floor(Date.now() / 60_000) * 60;
  simulator = await startServer(
    { ...createContext(WORLD, DEFAULT_SEED, anchor), live },
    { host: '127.0.0.1', port: 0 },
  );
  actions = new SimulatorActions(`http://127.0.0.1:${(simulator.address() as AddressInfo).port}`);
  hooks = createServer((req, res) => {
    let text = '';
    req.on('data', c => (text += c));
    req.on('end', () => {
      received.push({ method: req.method!, body: JSON.parse(text) });
      res.writeHead(req.url === '/fail' ? 503 : 200).end(req.url === '/fail' ? 'busy' : '{}');
    });
  });
  await new Promise<void>(resolve => hooks.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise(resolve => simulator.close(resolve));
  await new Promise(resolve => hooks.close(resolve));
});

describe('runbook adapters', () => {
  it('rolls back, restarts, scales and turns a flag off on the simulator, each clearing its fault', async () => {
    const now = Date.now() / 1000;
    live.deploy('ledger', 'v2-bad', now, { kind: 'errors', magnitude: 0.5 });
    live.inject({ service: 'ledger', kind: 'latency', magnitude: 3 }, now);
    live.inject({ service: 'ledger', kind: 'capacity-loss', magnitude: 0.5 }, now);
    live.plantFlag('ledger', 'fast-path', { kind: 'errors', magnitude: 0.2 });
    live.setFlag('ledger', 'fast-path', true, now);
    expect(live.activeFaults('ledger', now)).toHaveLength(4);

    expect(await actions.execute(action({ type: 'rollback' }), 'ledger')).toBe(
      'POST /control/services/ledger/rollback (from=v2-bad, to=v1); faults ended: fault-1',
    );
    expect(await actions.execute(action({ type: 'restart' }), 'ledger')).toBe(
      'POST /control/services/ledger/restart; faults ended: fault-2',
    );
    expect(await actions.execute(action({ type: 'scale', replicas: 12 }), 'ledger')).toBe(
      'POST /control/services/ledger/scale (replicas=12); faults ended: fault-3',
    );
    expect(
      await actions.execute(action({ type: 'flag', flag: 'fast-path', enabled: false }), 'ledger'),
    ).toBe(
      'POST /control/services/ledger/flags/fast-path (flag=fast-path, enabled=false); faults ended: fault-4',
    );
    expect(live.activeFaults('ledger', Date.now() / 1000 + 1)).toEqual([]);
  });

  it('reads recent changes from the event log, faults injected or cleared left out', async () => {
    const changes = await actions.recentChanges(0);
    expect(changes.filter(c => c.service === 'ledger').map(c => c.action)).toEqual([
      'deploy',
      'flag',
      'rollback',
      'restart',
      'scale',
      'flag',
    ]);
    expect(changes[0]).toMatchObject({
      service: 'ledger',
      action: 'deploy',
      detail: { version: 'v2-bad' },
    });
  });

  it('fails an action the simulator refuses or cannot do, naming why', async () => {
    await expect(actions.execute(action({ type: 'rollback' }), 'ledger')).rejects.toThrow(
      /409 ledger has no earlier version to roll back to$/,
    );
    await expect(actions.execute(action({ type: 'restart' }), 'nowhere')).rejects.toThrow(
      /404 no service "nowhere" in the simulated world$/,
    );
    await expect(
      actions.execute(
        action({ type: 'webhook', url: 'http://127.0.0.1:9/', method: 'POST', body: {} }),
        'ledger',
      ),
    ).rejects.toThrow('the simulator cannot webhook; use a webhook or the cluster');
    await expect(
      actions.execute(action({ type: 'shift-traffic', to: '-bad', weight: 50 }), 'ledger'),
    ).rejects.toThrow(/400 to: must be a name of letters, digits, - _ \. \(got "-bad"\)$/);
  });

  it('shifts and sheds traffic on the simulator: fewer requests meet the fault, none ends', async () => {
    const now = Date.now() / 1000;
    live.deploy('funding-rate', 'v2-bad', now, { kind: 'errors', magnitude: 1 });
    expect(
      await actions.execute(
        action({ type: 'shift-traffic', to: 'standby-eu', weight: 80 }),
        'funding-rate',
      ),
    ).toBe(
      'POST /control/services/funding-rate/shift (to=standby-eu, weight=0.8); faults ended: none',
    );
    expect(
      await actions.execute(action({ type: 'shed-traffic', share: 0.25 }), 'funding-rate'),
    ).toBe('POST /control/services/funding-rate/shed (share=0.25); faults ended: none');
    const later = Date.now() / 1000 + 1;
    expect(live.steeringAt('funding-rate', later)).toEqual({ shed: 0.25, shifted: 0.8 });
    expect(live.activeFaults('funding-rate', later)).toHaveLength(1);
    expect(
      (await actions.recentChanges(now - 1)).filter(c => c.service === 'funding-rate'),
    ).toEqual([
      expect.objectContaining({ action: 'deploy' }),
      expect.objectContaining({ action: 'shift', detail: { to: 'standby-eu', weight: 0.8 } }),
      expect.objectContaining({ action: 'shed', detail: { share: 0.25 } }),
    ]);
  });

  it('calls a webhook with the runbook and the changes found; a non-2xx answer fails the action', async () => {
    const { runbooks } = parseRunbooks(
      `apiVersion: headroom.dev/v1alpha1
kind: Runbook
metadata: { name: ledger-errors }
spec:
  service: ledger
  slo: availability
  trigger: { labels: { alertname: LedgerAvailability } }
  actions:
    - name: page-owners
      type: webhook
      params: { url: "${hookUrl}/ok", body: { team: payments } }
  verify: { within: 5m }
`,
      'r.yaml',
    );
    const runbook = runbooks[0] as Runbook;
    const hook = runbook.actions[0] as Extract<RunbookAction, { type: 'webhook' }>;
    const changes = [{ service: 'ledger', at: 1, action: 'deploy', detail: { version: 'v2' } }];
    expect(await callWebhook(hook, runbook, changes)).toBe(`POST ${hookUrl}/ok`);
    expect(received.at(-1)).toEqual({
      method: 'POST',
      body: {
        team: 'payments',
        runbook: 'ledger-errors',
        service: 'ledger',
        slo: 'availability',
        action: 'page-owners',
        recentChanges: changes,
      },
    });
    await expect(callWebhook({ ...hook, url: `${hookUrl}/fail` }, runbook, [])).rejects.toThrow(
      `webhook POST ${hookUrl}/fail: 503 busy`,
    );
  });

  it('writes the cluster form as an API-server patch in dry-run form, never sent', () => {
    const detail = kubernetesPlan(
      action({ type: 'scale', replicas: 12 }),
      { namespace: 'payments', deployment: 'ledger' },
      0,
    );
    expect(detail).toBe(
      'generated, not sent: PATCH /apis/apps/v1/namespaces/payments/deployments/ledger/scale?dryRun=All&fieldManager=headroom-runbooks application/merge-patch+json {"spec":{"replicas":12}}',
    );
  });
});
