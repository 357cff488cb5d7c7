import type { RollbackOutcome } from './ChangeStore';
import type { RollbackActionSettings } from './settings';

/** The change a rollback is for, as the actions name it. */
export interface RollbackSubject {
  changeId: string;
  entityRef: string;
  service: string;
  version: string;
  kind: 'deploy' | 'canary';
  /** The Rollout or Canary name and namespace when they differ from the service's. */
  target: { namespace?: string; name?: string } | null;
  reason: string;
}

/** An HTTP call, described before it is made (and recorded whether it was made or not). */
export interface ActionCall {
  method: 'POST' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface ActionResult {
  outcome: RollbackOutcome;
  detail: { call: ActionCall | null; status?: number; response?: string; error?: string };
}

/** Credentials never go into the change log. */
function redacted(call: ActionCall): ActionCall {
  const headers = { ...call.headers };
  if (headers.authorization) headers.authorization = 'Bearer <redacted>';
  return { ...call, headers };
}

const auth = (token: string | undefined): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

/**
 * The call that rolls the change back, per action:
 * - argo: `kubectl argo rollouts abort` as an API call, a merge patch setting the Rollout's
 *   `status.abort` (Argo then sends all traffic back to the stable ReplicaSet);
 * - flagger: the load tester's `/rollback/open`, which the Canary's `rollback` hook checks;
 * - webhook: the change and the reason, as JSON;
 * - simulator: the demo simulator's rollback of the service (it aborts a live canary).
 */
export function rollbackCall(
  settings: RollbackActionSettings,
  subject: RollbackSubject,
): ActionCall | null {
  const name = subject.target?.name ?? subject.service;
  const json = { 'content-type': 'application/json' };
  switch (settings.type) {
    case 'argo': {
      const namespace = subject.target?.namespace ?? settings.namespace;
      const path = `/apis/argoproj.io/v1alpha1/namespaces/${encodeURIComponent(namespace)}/rollouts/${encodeURIComponent(name)}/status`;
      return {
        method: 'PATCH',
        url: `${settings.apiServer ?? 'https://kubernetes.default.svc'}${path}`,
        headers: { 'content-type': 'application/merge-patch+json', ...auth(settings.token) },
        body: { status: { abort: true } },
      };
    }
    case 'flagger':
      return {
        method: 'POST',
        url: `${settings.url}/rollback/open`,
        headers: json,
        body: { name, namespace: subject.target?.namespace ?? settings.namespace },
      };
    case 'webhook':
      return {
        method: 'POST',
        url: settings.url,
        headers: { ...json, ...auth(settings.token) },
        body: {
          type: 'headroom.change.rollback',
          change: subject.changeId,
          entityRef: subject.entityRef,
          service: subject.service,
          version: subject.version,
          kind: subject.kind,
          reason: subject.reason,
        },
      };
    case 'simulator':
      return {
        method: 'POST',
        url: `${settings.url}/control/services/${encodeURIComponent(subject.service)}/rollback`,
        headers: json,
        body: {},
      };
    default:
      return null;
  }
}

/**
 * Sends the rollback to the configured action. Argo without an API server and `none` only
 * describe the call; a call that fails or answers non-2xx is `failed`, with what came back.
 */
export async function sendRollback(
  settings: RollbackActionSettings,
  subject: RollbackSubject,
  timeoutMs: number,
  fetchImpl: typeof fetch = fetch,
): Promise<ActionResult> {
  const call = rollbackCall(settings, subject);
  if (call === null) return { outcome: 'described', detail: { call: null } };
  if (settings.type === 'argo' && !settings.apiServer) {
    return { outcome: 'described', detail: { call: redacted(call) } };
  }
  try {
    const response = await fetchImpl(call.url, {
      method: call.method,
      headers: call.headers,
      body: JSON.stringify(call.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await response.text()).slice(0, 2000);
    return {
      outcome: response.ok ? 'sent' : 'failed',
      detail: { call: redacted(call), status: response.status, response: text },
    };
  } catch (e) {
    return { outcome: 'failed', detail: { call: redacted(call), error: (e as Error).message } };
  }
}
