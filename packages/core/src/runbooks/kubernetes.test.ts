import { isServerDryRun, kubernetesRequest } from './kubernetes';
import { demoRunbook } from './test-factory';
import type { RunbookAction } from './types';

const [rollback, scale, restart, webhook] = demoRunbook().actions as [
  RunbookAction,
  RunbookAction,
  RunbookAction,
  RunbookAction,
];
const target = {
  namespace: 'custody',
  deployment: 'wallet-api',
  container: 'app',
  previousImage: 'registry.local/wallet-api:v1',
  flagConfigMap: 'wallet-api-flags',
};
const extra = (over: Partial<RunbookAction> & Pick<RunbookAction, 'type'>) =>
  ({ name: 'a', when: [], risky: false, safe: false, ...over }) as RunbookAction;

describe('kubernetesRequest', () => {
  it('rolls back by setting the previous image, in server-side dry-run form', () => {
    const r = kubernetesRequest(rollback, target, 0);
    expect(r).toEqual({
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/custody/deployments/wallet-api?dryRun=All&fieldManager=headroom-runbooks',
      contentType: 'application/strategic-merge-patch+json',
      body: {
        spec: {
          template: {
            spec: { containers: [{ name: 'app', image: 'registry.local/wallet-api:v1' }] },
          },
        },
      },
    });
    expect(isServerDryRun(r)).toBe(true);
    expect(isServerDryRun({ ...r, path: r.path.replace('dryRun=All&', '') })).toBe(false);
    expect(() => kubernetesRequest(rollback, { namespace: 'n', deployment: 'd' }, 0)).toThrow(
      'roll-back: a rollback needs the container and the previous image of d',
    );
  });

  it('scales through the scale subresource and restarts as kubectl rollout restart does', () => {
    expect(kubernetesRequest(scale, target, 0)).toMatchObject({
      path: '/apis/apps/v1/namespaces/custody/deployments/wallet-api/scale?dryRun=All&fieldManager=headroom-runbooks',
      body: { spec: { replicas: 12 } },
    });
    expect(kubernetesRequest(restart, target, 1_800_000_000).body).toEqual({
      spec: {
        template: {
          metadata: {
            annotations: { 'kubectl.kubernetes.io/restartedAt': '2027-01-15T08:00:00.000Z' },
          },
        },
      },
    });
  });

  it('toggles a flag in its ConfigMap and shifts or sheds traffic through the VirtualService', () => {
    expect(
      kubernetesRequest(extra({ type: 'flag', flag: 'fast-path', enabled: false }), target, 0),
    ).toMatchObject({
      path: '/api/v1/namespaces/custody/configmaps/wallet-api-flags?dryRun=All&fieldManager=headroom-runbooks',
      body: { data: { 'fast-path': 'false' } },
    });
    const shift = kubernetesRequest(
      extra({ type: 'shift-traffic', to: 'wallet-api-eu', weight: 30 }),
      target,
      0,
    );
    expect(shift.path).toBe(
      '/apis/networking.istio.io/v1/namespaces/custody/virtualservices/wallet-api?dryRun=All&fieldManager=headroom-runbooks',
    );
    expect(shift.body).toEqual({
      spec: {
        http: [
          {
            route: [
              { destination: { host: 'wallet-api' }, weight: 70 },
              { destination: { host: 'wallet-api-eu' }, weight: 30 },
            ],
          },
        ],
      },
    });
    const shed = kubernetesRequest(extra({ type: 'shed-traffic', share: 0.25 }), target, 0);
    expect(shed.body).toMatchObject({
      spec: { http: [{ fault: { abort: { percentage: { value: 25 }, httpStatus: 503 } } }] },
    });
    expect(() => kubernetesRequest(webhook, target, 0)).toThrow(
      'page-ledger: a webhook is not a cluster action',
    );
  });
});
