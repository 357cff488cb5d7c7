import type { RunbookAuditRecord } from '@headroom/core';
import { backendUrl } from '../capacity/backendRecord';
import { InputError } from '../errors';

async function sendJson(
  method: 'POST' | 'PUT',
  url: string,
  body: unknown,
  tokenOption: string | undefined,
): Promise<{ id: string; incidentId: string | null }> {
  const token = tokenOption ?? process.env.HEADROOM_BACKEND_TOKEN;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: JSON.stringify(body) });
  } catch (e) {
    const cause = (e as { cause?: Error }).cause;
    throw new InputError(`${method} ${url}: ${cause?.message ?? (e as Error).message}`);
  }
  const text = await res.text();
  let json: { id?: string; incidentId?: string | null; error?: { message?: string } };
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`${method} ${url}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (!res.ok || typeof json.id !== 'string') {
    throw new InputError(
      `${method} ${url}: HTTP ${res.status}: ${json.error?.message ?? text.slice(0, 200)}`,
    );
  }
  return { id: json.id, incidentId: json.incidentId ?? null };
}

/**
 * POSTs a run's audit record to the backend (`/api/headroom/runbooks/runs`), which links it to
 * the incident its alert belongs to. An error names the URL and the backend's message; the run's
 * id and incident come back.
 */
export function recordRunbookRun(
  backend: string,
  record: RunbookAuditRecord,
  tokenOption: string | undefined,
): Promise<{ id: string; incidentId: string | null }> {
  return sendJson(
    'POST',
    `${backendUrl(backend)}/api/headroom/runbooks/runs`,
    { record },
    tokenOption,
  );
}

/**
 * PUTs the newer record of a recorded run that waits for an approval: while it waits for another
 * action, or once it has ended.
 */
export function updateRunbookRun(
  backend: string,
  runId: string,
  record: RunbookAuditRecord,
  tokenOption: string | undefined,
): Promise<{ id: string; incidentId: string | null }> {
  return sendJson(
    'PUT',
    `${backendUrl(backend)}/api/headroom/runbooks/runs/${encodeURIComponent(runId)}`,
    { record },
    tokenOption,
  );
}

async function getJson(url: string, tokenOption: string | undefined): Promise<unknown> {
  const token = tokenOption ?? process.env.HEADROOM_BACKEND_TOKEN;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(url, { headers });
  } catch (e) {
    const cause = (e as { cause?: Error }).cause;
    throw new InputError(`GET ${url}: ${cause?.message ?? (e as Error).message}`);
  }
  const text = await res.text();
  let json: { error?: { message?: string } };
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`GET ${url}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (!res.ok) {
    throw new InputError(
      `GET ${url}: HTTP ${res.status}: ${json.error?.message ?? text.slice(0, 200)}`,
    );
  }
  return json;
}

/** The audit records the backend keeps: the guardrails count them as earlier runs. */
export async function backendRunbookRuns(
  backend: string,
  tokenOption: string | undefined,
): Promise<RunbookAuditRecord[]> {
  const url = `${backendUrl(backend)}/api/headroom/runbooks/runs`;
  const body = (await getJson(url, tokenOption)) as { items?: { record: RunbookAuditRecord }[] };
  return (body.items ?? []).map(i => i.record);
}

/**
 * The approvals people gave on a recorded run (through the API or the incident's button): the
 * action, who approved it and when (unix seconds).
 */
export async function backendApprovalsOf(
  backend: string,
  runId: string,
  tokenOption: string | undefined,
): Promise<{ action: string; by: string; at: number }[]> {
  const url = `${backendUrl(backend)}/api/headroom/runbooks/runs/${encodeURIComponent(runId)}`;
  const body = (await getJson(url, tokenOption)) as {
    approvals?: { action: string; by?: string; at?: string }[];
  };
  return (body.approvals ?? []).map(a => ({
    action: a.action,
    by: a.by ?? 'unknown',
    at: a.at === undefined ? Number.NaN : Date.parse(a.at) / 1000,
  }));
}

/** The actions people approved on a recorded run. */
export async function backendApprovals(
  backend: string,
  runId: string,
  tokenOption: string | undefined,
): Promise<string[]> {
  return (await backendApprovalsOf(backend, runId, tokenOption)).map(a => a.action);
}

/**
 * The capacity the entity's current assessment recommends (`recommendation.needed`, in its
 * unit); null when the entity has no assessment.
 */
export async function backendCapacity(
  backend: string,
  service: string,
  tokenOption: string | undefined,
): Promise<number | null> {
  const url = `${backendUrl(backend)}/api/headroom/capacity/entities/component/default/${encodeURIComponent(service)}/assessment`;
  try {
    const body = (await getJson(url, tokenOption)) as { recommendation?: { needed?: unknown } };
    const needed = body.recommendation?.needed;
    return typeof needed === 'number' && Number.isFinite(needed) ? needed : null;
  } catch (error) {
    if (/HTTP 404/.test((error as Error).message)) return null;
    throw error;
  }
}
