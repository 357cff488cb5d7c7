import type { Drill, DrillRunRecord } from '@headroom/core';
import { backendUrl } from '../capacity/backendRecord';
import { InputError } from '../errors';

/**
 * POSTs a run's record to the backend (`/api/headroom/drills/runs`) with the drill's faults and
 * expected alert severity, which the weak-links report and the resilience score need. An error
 * names the URL and the backend's message; the run's id comes back.
 */
export async function recordDrillRun(
  backend: string,
  drill: Drill,
  record: DrillRunRecord,
  tokenOption: string | undefined,
): Promise<string> {
  const url = `${backendUrl(backend)}/api/headroom/drills/runs`;
  const token = tokenOption ?? process.env.HEADROOM_BACKEND_TOKEN;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  const body = {
    record,
    faults: drill.faults.map(f => ({ type: f.type, target: f.target, weight: f.weight })),
    alertSeverity: drill.expect.alert?.severity ?? null,
  };
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch (e) {
    const cause = (e as { cause?: Error }).cause;
    throw new InputError(`POST ${url}: ${cause?.message ?? (e as Error).message}`);
  }
  const text = await res.text();
  let json: { id?: string; error?: { message?: string } };
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
  return json.id;
}
