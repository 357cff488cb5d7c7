import type { CapacityUnit } from '@headroom/core';
import { InputError } from '../errors';

export interface RecordedAssessment {
  entityRef: string;
  version: number;
  unit: CapacityUnit;
  needed: number;
  utilisation: number;
  latencyUtilisationCap: number | null;
}

/** The `--record` URL without trailing slashes; an error names the flag. */
export function backendUrl(text: string): string {
  let base: URL;
  try {
    base = new URL(text);
  } catch {
    throw new InputError(`--record "${text}" is not a URL such as http://localhost:7007`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new InputError(`--record "${text}" must be an http or https URL`);
  }
  return base.href.replace(/\/+$/, '');
}

/** POSTs one assessment; an error names the URL and the HTTP status with the backend's message. */
export async function recordAssessment(
  backend: string,
  entity: { kind: string; namespace: string; name: string },
  body: unknown,
  tokenOption: string | undefined,
): Promise<RecordedAssessment> {
  const path = [entity.kind, entity.namespace, entity.name].map(encodeURIComponent).join('/');
  const url = `${backend}/api/headroom/capacity/entities/${path}/assessments`;
  const token = tokenOption ?? process.env.HEADROOM_BACKEND_TOKEN;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch (e) {
    const cause = (e as { cause?: Error }).cause;
    throw new InputError(`POST ${url}: ${cause?.message ?? (e as Error).message}`);
  }
  const text = await res.text();
  let json: {
    error?: { message?: string };
    entityRef?: string;
    version?: number;
    recommendation?: { unit?: CapacityUnit; needed?: number };
    result?: {
      capacity?: { components?: { utilisation?: number; latencyUtilisationCap?: number | null } };
    };
  };
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`POST ${url}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (!res.ok) {
    throw new InputError(
      `POST ${url}: HTTP ${res.status}: ${json.error?.message ?? text.slice(0, 200)}`,
    );
  }
  const components = json.result?.capacity?.components;
  if (
    typeof json.version !== 'number' ||
    typeof json.recommendation?.needed !== 'number' ||
    typeof components?.utilisation !== 'number'
  ) {
    throw new InputError(
      `POST ${url}: HTTP ${res.status}, not an assessment: ${text.slice(0, 200)}`,
    );
  }
  return {
    entityRef: json.entityRef ?? `${entity.kind}:${entity.namespace}/${entity.name}`,
    version: json.version,
    unit: json.recommendation.unit ?? 'cores',
    needed: json.recommendation.needed,
    utilisation: components.utilisation,
    latencyUtilisationCap: components.latencyUtilisationCap ?? null,
  };
}
