import type { RunbookAction } from './types';

/** Where a service runs in a cluster, and what a rollback goes back to. */
export interface KubernetesTarget {
  namespace: string;
  /** The Deployment (and, for traffic, the Istio VirtualService) named after the service. */
  deployment: string;
  /** The container whose image a rollback sets. */
  container?: string;
  /** The image of the version before the bad one (from the recent changes). */
  previousImage?: string;
  /** The ConfigMap holding feature flags as "true"/"false" values. */
  flagConfigMap?: string;
}

/** One API-server request, as a service account would send it. */
export interface KubernetesRequest {
  method: 'PATCH';
  /** With `dryRun=All`: the API server validates and admits it without persisting anything. */
  path: string;
  contentType: 'application/strategic-merge-patch+json' | 'application/merge-patch+json';
  body: Record<string, unknown>;
}

export class KubernetesActionError extends Error {
  override readonly name = 'KubernetesActionError';
}

const FIELD_MANAGER = 'headroom-runbooks';

/**
 * The patch that carries out an action on a cluster, in server-side dry-run form: the same
 * requests `kubectl rollout undo/restart`, `kubectl scale` and `kubectl patch` make. Sending it
 * without `dryRun=All` is the live action.
 */
export function kubernetesRequest(
  action: RunbookAction,
  target: KubernetesTarget,
  now: number,
): KubernetesRequest {
  const ns = encodeURIComponent(target.namespace);
  const name = encodeURIComponent(target.deployment);
  const deployment = `/apis/apps/v1/namespaces/${ns}/deployments/${name}`;
  const istio = `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/${name}`;
  const dry = (path: string) => `${path}?dryRun=All&fieldManager=${FIELD_MANAGER}`;
  switch (action.type) {
    case 'rollback':
      if (!target.container || !target.previousImage) {
        throw new KubernetesActionError(
          `${action.name}: a rollback needs the container and the previous image of ${target.deployment}`,
        );
      }
      return {
        method: 'PATCH',
        path: dry(deployment),
        contentType: 'application/strategic-merge-patch+json',
        body: {
          spec: {
            template: {
              spec: { containers: [{ name: target.container, image: target.previousImage }] },
            },
          },
        },
      };
    case 'restart':
      // What `kubectl rollout restart` writes: a changed pod template rolls every pod.
      return {
        method: 'PATCH',
        path: dry(deployment),
        contentType: 'application/strategic-merge-patch+json',
        body: {
          spec: {
            template: {
              metadata: {
                annotations: {
                  'kubectl.kubernetes.io/restartedAt': new Date(now * 1000).toISOString(),
                },
              },
            },
          },
        },
      };
    case 'scale':
      return {
        method: 'PATCH',
        path: dry(`${deployment}/scale`),
        contentType: 'application/merge-patch+json',
        body: { spec: { replicas: action.replicas } },
      };
    case 'flag':
      if (!target.flagConfigMap) {
        throw new KubernetesActionError(`${action.name}: a flag needs the flags ConfigMap`);
      }
      return {
        method: 'PATCH',
        path: dry(
          `/api/v1/namespaces/${ns}/configmaps/${encodeURIComponent(target.flagConfigMap)}`,
        ),
        contentType: 'application/merge-patch+json',
        body: { data: { [action.flag]: String(action.enabled) } },
      };
    case 'shift-traffic':
      return {
        method: 'PATCH',
        path: dry(istio),
        contentType: 'application/merge-patch+json',
        body: {
          spec: {
            http: [
              {
                route: [
                  { destination: { host: target.deployment }, weight: 100 - action.weight },
                  { destination: { host: action.to }, weight: action.weight },
                ],
              },
            ],
          },
        },
      };
    case 'shed-traffic':
      // Istio's fault abort answers this share of requests with 503 before they reach the pods.
      return {
        method: 'PATCH',
        path: dry(istio),
        contentType: 'application/merge-patch+json',
        body: {
          spec: {
            http: [
              {
                fault: {
                  abort: { percentage: { value: action.share * 100 }, httpStatus: 503 },
                },
                route: [{ destination: { host: target.deployment } }],
              },
            ],
          },
        },
      };
    case 'webhook':
      throw new KubernetesActionError(`${action.name}: a webhook is not a cluster action`);
  }
}

/** Whether a request only asks the API server to check it (nothing persisted). */
export function isServerDryRun(request: KubernetesRequest): boolean {
  const query = request.path.split('?')[1] ?? '';
  return new URLSearchParams(query).get('dryRun') === 'All';
}
