import type { RunbookAuditRecord } from '@headroom/core';
import { backendUrl } from '../capacity/backendRecord';
import { InputError } from '../errors';

/**
 * POSTs a run's audit record to the backend (`/api/headroom/runbooks/runs`), which links it to
 * the incident its alert belongs to. An error names the URL and the backend's message; the run's
 * id and incident come back.
 */
export async function recordRunbookRun(
  backend: string,
  record: RunbookAuditRecord,
  tokenOption: string | undefined,
): Promise<{ id: string; incidentId: string | null }> {
  const url = `${backendUrl(backend)}/api/headroom/runbooks/runs`;
  const token = tokenOption ?? process.env.HEADROOM_BACKEND_TOKEN;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ record }) });
  } catch (e) {
    const cause = (e as { cause?: Error }).cause;
    throw new InputError(`POST ${url}: ${cause?.message ?? (e as Error).message}`);
  }
  const text = await res.text();
  let json: { id?: string; incidentId?: string | null; error?: { message?: string } };
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`POST ${url}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (!res.ok || typeof json.id !== 'string') {
    throw new InputError(
      `POST ${url}: HTTP ${res.status}: ${json.error?.message ?? text.slice(0, 200)}`,
    );
  }
  return { id: json.id, incidentId: json.incidentId ?? null };
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

/** The actions people approved on a recorded run (through the API or the incident's button). */
export async function backendApprovals(
  backend: string,
  runId: string,
  tokenOption: string | undefined,
): Promise<string[]> {
  const url = `${backendUrl(backend)}/api/headroom/runbooks/runs/${encodeURIComponent(runId)}`;
  const body = (await getJson(url, tokenOption)) as { approvals?: { action: string }[] };
  return (body.approvals ?? []).map(a => a.action);
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
