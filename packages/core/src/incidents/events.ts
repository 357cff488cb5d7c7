import { receivedAlerts } from './alerts';
import { parseAlertmanagerPayload, PayloadError } from './payload';
import { parseRfc3339 } from './rfc3339';
import type { AckEvent, DeployEvent, ReceivedAlert } from './types';

/**
 * One line of an incidents events file:
 * `{"type":"alertmanager","receivedAt":"<RFC 3339>","payload":{…webhook v4…}}`,
 * `{"type":"ack","at":"…","fingerprint":"…","by":"…"}` or `{"type":"deploy","at":"…","service":"…"}`.
 */
export type IncidentEvent =
  | { type: 'alertmanager'; alerts: ReceivedAlert[] }
  | { type: 'ack'; ack: AckEvent }
  | { type: 'deploy'; deploy: DeployEvent };

function time(obj: Record<string, unknown>, key: string): number {
  const v = obj[key];
  const t = typeof v === 'string' ? parseRfc3339(v) : undefined;
  if (t === undefined)
    throw new PayloadError(key, `must be RFC 3339, got ${JSON.stringify(v) ?? 'nothing'}`);
  return t;
}

function text(obj: Record<string, unknown>, key: string): string {
  const v = obj[key];
  if (typeof v !== 'string' || v.trim() === '') {
    throw new PayloadError(
      key,
      `must be a non-empty string, got ${JSON.stringify(v) ?? 'nothing'}`,
    );
  }
  return v;
}

/** Parses one event (already JSON-decoded); a PayloadError names the field, e.g. `payload.alerts[0].startsAt`. */
export function parseIncidentEvent(value: unknown): IncidentEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PayloadError('', 'an event must be a JSON object');
  }
  const obj = value as Record<string, unknown>;
  switch (obj.type) {
    case 'alertmanager': {
      const receivedAt = time(obj, 'receivedAt');
      try {
        return {
          type: 'alertmanager',
          alerts: receivedAlerts(parseAlertmanagerPayload(obj.payload), receivedAt),
        };
      } catch (e) {
        if (e instanceof PayloadError)
          throw new PayloadError(e.path ? `payload.${e.path}` : 'payload', e.problem);
        throw e;
      }
    }
    case 'ack':
      return {
        type: 'ack',
        ack: { at: time(obj, 'at'), fingerprint: text(obj, 'fingerprint'), by: text(obj, 'by') },
      };
    case 'deploy': {
      const deploy: DeployEvent = { at: time(obj, 'at'), service: text(obj, 'service') };
      if (typeof obj.version === 'string' && obj.version !== '') deploy.version = obj.version;
      return { type: 'deploy', deploy };
    }
    default:
      throw new PayloadError(
        'type',
        `must be "alertmanager", "ack" or "deploy", got ${JSON.stringify(obj.type) ?? 'nothing'}`,
      );
  }
}
