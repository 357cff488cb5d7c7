import type { AlertmanagerPayload, AlertTarget, ReceivedAlert } from './types';

/** The idempotency key of an alert: fingerprint and start (to the millisecond). */
export function alertKey(fingerprint: string, startsAt: number): string {
  return `${fingerprint}@${Math.round(startsAt * 1000)}`;
}

/** The alerts of one notification as received at `receivedAt` (unix seconds). */
export function receivedAlerts(payload: AlertmanagerPayload, receivedAt: number): ReceivedAlert[] {
  return payload.alerts.map(a => ({
    key: alertKey(a.fingerprint, a.startsAt),
    fingerprint: a.fingerprint,
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    receivedAt,
  }));
}

/**
 * Folds repeated notifications into one record per key: the earliest reception and the first
 * labels are kept; a resolution, once seen, stays (a late re-sent firing does not reopen it).
 * Order of the input does not matter, so re-sent groups and restarts change nothing.
 */
export function mergeAlerts(alerts: Iterable<ReceivedAlert>): ReceivedAlert[] {
  const byKey = new Map<string, ReceivedAlert>();
  for (const a of alerts) {
    const seen = byKey.get(a.key);
    if (!seen) {
      byKey.set(a.key, { ...a });
      continue;
    }
    if (a.receivedAt < seen.receivedAt) {
      seen.receivedAt = a.receivedAt;
      seen.labels = a.labels;
      seen.annotations = a.annotations;
    }
    if (a.endsAt !== null && (seen.endsAt === null || a.endsAt > seen.endsAt))
      seen.endsAt = a.endsAt;
  }
  return [...byKey.values()];
}

const SERVICE_LABELS = ['headroom_service', 'sloth_service', 'service'];
const SLO_LABELS = ['headroom_slo', 'sloth_slo', 'slo'];

function first(map: Record<string, string>, keys: string[]): string | undefined {
  for (const k of keys) {
    const v = map[k]?.trim();
    if (v) return v;
  }
  return undefined;
}

/**
 * The catalog service an alert is about: the rules' service/SLO labels, or `headroom.dev/*`
 * annotations (`entity` as an entity ref, `service`, `slo`, `owner`, `line-of-business`), which win.
 * undefined when neither names a service: such an alert opens no incident.
 */
export function alertTarget(
  labels: Record<string, string>,
  annotations: Record<string, string>,
): AlertTarget | undefined {
  const entityRef = annotations['headroom.dev/entity']?.trim() || undefined;
  const service =
    annotations['headroom.dev/service']?.trim() ||
    first(labels, SERVICE_LABELS) ||
    entityRef?.replace(/^.*[:/]/, '');
  if (!service) return undefined;
  const target: AlertTarget = { service };
  const slo = annotations['headroom.dev/slo']?.trim() || first(labels, SLO_LABELS);
  if (slo) target.slo = slo;
  if (entityRef) target.entityRef = entityRef;
  const owner = annotations['headroom.dev/owner']?.trim() || first(labels, ['owner', 'team']);
  if (owner) target.owner = owner;
  const lob =
    annotations['headroom.dev/line-of-business']?.trim() ||
    first(labels, ['line_of_business', 'lob']);
  if (lob) target.lineOfBusiness = lob;
  return target;
}
