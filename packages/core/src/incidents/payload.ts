import { GO_ZERO_TIME, parseRfc3339 } from './rfc3339';
import type { AlertmanagerAlert, AlertmanagerPayload } from './types';

/** A payload that does not follow the webhook v4 contract; `path` names the field. */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
  }
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"` : typeof v;
}

function str(obj: Json, key: string, at: string, optional = false): string {
  const v = obj[key];
  if (v === undefined && optional) return '';
  if (typeof v !== 'string')
    throw new PayloadError(at + key, `must be a string, got ${describe(v)}`);
  return v;
}

function status(obj: Json, at: string): 'firing' | 'resolved' {
  const v = obj.status;
  if (v !== 'firing' && v !== 'resolved') {
    throw new PayloadError(`${at}status`, `must be "firing" or "resolved", got ${describe(v)}`);
  }
  return v;
}

/** A map of strings (labels, annotations); missing is empty, as older senders may omit some. */
function kv(obj: Json, key: string, at: string): Record<string, string> {
  const v = obj[key];
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw new PayloadError(at + key, `must be an object, got ${describe(v)}`);
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(v)) {
    if (typeof value !== 'string') {
      throw new PayloadError(`${at}${key}.${k}`, `must be a string, got ${describe(value)}`);
    }
    out[k] = value;
  }
  return out;
}

function time(obj: Json, key: string, at: string): number {
  const v = obj[key];
  const t = typeof v === 'string' ? parseRfc3339(v) : undefined;
  if (t === undefined) throw new PayloadError(at + key, `must be RFC 3339, got ${describe(v)}`);
  return t;
}

function parseAlert(v: unknown, i: number): AlertmanagerAlert {
  const at = `alerts[${i}].`;
  if (!isObject(v)) throw new PayloadError(`alerts[${i}]`, `must be an object, got ${describe(v)}`);
  const alertStatus = status(v, at);
  const fingerprint = str(v, 'fingerprint', at);
  if (fingerprint.trim() === '') throw new PayloadError(`${at}fingerprint`, 'must not be empty');
  const labels = kv(v, 'labels', at);
  const startsAt = time(v, 'startsAt', at);
  if (startsAt === GO_ZERO_TIME) throw new PayloadError(`${at}startsAt`, 'must not be zero');
  const rawEnd =
    v.endsAt === undefined && alertStatus === 'firing' ? GO_ZERO_TIME : time(v, 'endsAt', at);
  // A firing alert's end is hidden (zero time) or a predicted one: neither is an end yet.
  const endsAt = alertStatus === 'firing' || rawEnd === GO_ZERO_TIME ? null : rawEnd;
  if (alertStatus === 'resolved' && endsAt === null) {
    throw new PayloadError(`${at}endsAt`, 'a resolved alert must have an end time');
  }
  if (endsAt !== null && endsAt < startsAt) {
    throw new PayloadError(`${at}endsAt`, 'must not be before startsAt');
  }
  return {
    status: alertStatus,
    labels,
    annotations: kv(v, 'annotations', at),
    startsAt,
    endsAt,
    generatorURL: str(v, 'generatorURL', at, true),
    fingerprint,
  };
}

/**
 * Validates an Alertmanager webhook body (version "4", see the notes on the contract) and returns
 * it typed; throws a PayloadError naming the first bad field, e.g. `alerts[2].startsAt: must be
 * RFC 3339, got "yesterday"`. Unknown keys (`notification_reason`, `routeLabels`, Grafana's
 * extras) are ignored, so newer and older senders both parse.
 */
export function parseAlertmanagerPayload(body: unknown): AlertmanagerPayload {
  if (!isObject(body))
    throw new PayloadError('', `the body must be a JSON object, got ${describe(body)}`);
  if (body.version !== '4') {
    throw new PayloadError('version', `must be "4", got ${describe(body.version)}`);
  }
  if (!Array.isArray(body.alerts)) {
    throw new PayloadError('alerts', `must be an array, got ${describe(body.alerts)}`);
  }
  const truncated = body.truncatedAlerts ?? 0;
  if (typeof truncated !== 'number' || !Number.isInteger(truncated) || truncated < 0) {
    throw new PayloadError(
      'truncatedAlerts',
      `must be an integer >= 0, got ${describe(truncated)}`,
    );
  }
  return {
    version: '4',
    groupKey: str(body, 'groupKey', ''),
    status: status(body, ''),
    receiver: str(body, 'receiver', '', true),
    alerts: body.alerts.map(parseAlert),
    groupLabels: kv(body, 'groupLabels', ''),
    commonLabels: kv(body, 'commonLabels', ''),
    commonAnnotations: kv(body, 'commonAnnotations', ''),
    externalURL: str(body, 'externalURL', '', true),
    truncatedAlerts: truncated,
  };
}
