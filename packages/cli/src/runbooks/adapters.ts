import {
  isServerDryRun,
  kubernetesRequest,
  type KubernetesTarget,
  type RecentChange,
  type Runbook,
  type RunbookAction,
} from '@headroom/core';
import { InputError } from '../errors';

/** A JSON request; errors name the method, URL, status and the server's own message. */
export async function jsonRequest(
  what: string,
  method: string,
  url: string,
  body?: unknown,
  timeoutMs = 10_000,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(`${what} ${method} ${url}: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) {
    let message = text.trim().slice(0, 500);
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? message;
    } catch {
      // not JSON: keep the text
    }
    throw new Error(`${what} ${method} ${url}: ${response.status} ${message}`);
  }
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
}

interface ControlEvent {
  at: number;
  service: string;
  action: string;
  detail: Record<string, string | number | boolean>;
}

/**
 * The demo simulator's control API as a runbook sees it: its event log is the list of recent
 * changes, and rollback, restart, scale, flag, shed and shift traffic are actions on it.
 */
export class SimulatorActions {
  constructor(private readonly baseUrl: string) {
    try {
      new URL(baseUrl);
    } catch {
      throw new InputError(`--simulator: "${baseUrl}" is not a URL`);
    }
  }

  /** Every control event since `since`; injected faults and their clearing are not changes. */
  async recentChanges(since: number): Promise<RecentChange[]> {
    const state = (await jsonRequest('simulator', 'GET', this.url('/control'))) as {
      events: ControlEvent[];
    };
    return state.events
      .filter(e => e.at >= since && e.action !== 'inject' && e.action !== 'clear')
      .map(e => ({ service: e.service, at: e.at, action: e.action, detail: e.detail }));
  }

  async execute(action: RunbookAction, service: string): Promise<string> {
    const path = `/control/services/${encodeURIComponent(service)}`;
    let request: { path: string; body?: unknown };
    switch (action.type) {
      case 'rollback':
        request = { path: `${path}/rollback` };
        break;
      case 'restart':
        request = { path: `${path}/restart` };
        break;
      case 'scale':
        request = { path: `${path}/scale`, body: { replicas: action.replicas } };
        break;
      case 'flag':
        request = {
          path: `${path}/flags/${encodeURIComponent(action.flag)}`,
          body: { enabled: action.enabled },
        };
        break;
      case 'shed-traffic':
        request = { path: `${path}/shed`, body: { share: action.share } };
        break;
      case 'shift-traffic':
        // The runbook's weight is a percentage, as in a mesh's route weights.
        request = { path: `${path}/shift`, body: { to: action.to, weight: action.weight / 100 } };
        break;
      default:
        throw new Error(`the simulator cannot ${action.type}; use a webhook or the cluster`);
    }
    const event = (await jsonRequest(
      'simulator',
      'POST',
      this.url(request.path),
      request.body ?? {},
    )) as {
      detail?: Record<string, unknown>;
      faults?: string[];
    };
    const detail = Object.entries(event?.detail ?? {})
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    return `POST ${request.path}${detail ? ` (${detail})` : ''}; faults ended: ${event?.faults?.join(', ') || 'none'}`;
  }

  private url(path: string): string {
    return new URL(path, this.baseUrl).toString();
  }
}

/** Calls a webhook action with what the runbook found; a non-2xx answer is a failed action. */
export async function callWebhook(
  action: Extract<RunbookAction, { type: 'webhook' }>,
  runbook: Runbook,
  changes: readonly RecentChange[],
): Promise<string> {
  const body = {
    ...action.body,
    runbook: runbook.name,
    service: runbook.service,
    slo: runbook.slo,
    action: action.name,
    recentChanges: changes,
  };
  await jsonRequest('webhook', action.method, action.url, body);
  return `${action.method} ${action.url}`;
}

/**
 * The cluster form of an action: the API-server patch, generated and checked to be a
 * server-side dry run. Nothing is sent: the record carries the request.
 */
export function kubernetesPlan(
  action: RunbookAction,
  target: KubernetesTarget,
  now: number,
): string {
  const request = kubernetesRequest(action, target, now);
  if (!isServerDryRun(request)) throw new Error(`${action.name}: the patch is not a dry run`);
  return `generated, not sent: ${request.method} ${request.path} ${request.contentType} ${JSON.stringify(request.body)}`;
}
