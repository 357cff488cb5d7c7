import { impactStart, mitigationTime } from './impact';
import type { AckEvent, ImpactInput, Incident, IncidentDraft } from './types';

/**
 * The first acknowledgement of an incident: an ack of one of its alerts' fingerprints made at or
 * after detection and before the next incident with that fingerprint was detected (`until`).
 */
export function firstAck(
  draft: IncidentDraft,
  acks: readonly AckEvent[],
  until = Infinity,
): AckEvent | undefined {
  let best: AckEvent | undefined;
  for (const ack of acks) {
    if (!draft.fingerprints.includes(ack.fingerprint)) continue;
    if (ack.at < draft.detectedAt || ack.at >= until) continue;
    if (!best || ack.at < best.at) best = ack;
  }
  return best;
}

/**
 * An incident's timeline and its times to detect, acknowledge, recover and resolve.
 * With the SLO's counters (`impact`), impact start and mitigation come from the 1-minute error
 * ratio against 1 − objective; without them (no SLO applies, or no impact visible in the
 * counters) impact starts at detection and the alert's resolution stands for mitigation.
 */
export function incidentTimeline(
  draft: IncidentDraft,
  ack: AckEvent | undefined,
  impact?: ImpactInput,
): Incident {
  const fromSlo =
    impact === undefined
      ? undefined
      : impactStart(impact.series, impact.objective, draft.detectedAt);
  const start = fromSlo ?? draft.detectedAt;
  let mitigatedAt: number | null = null;
  let mitigationSource: Incident['mitigationSource'] = null;
  const mitigated =
    impact === undefined ? undefined : mitigationTime(impact.series, impact.objective, start);
  if (mitigated !== undefined) {
    mitigatedAt = mitigated;
    mitigationSource = 'slo';
  } else if (impact === undefined && draft.resolvedAt !== null) {
    mitigatedAt = draft.resolvedAt;
    mitigationSource = 'alert';
  }
  const acknowledgedAt = ack?.at ?? null;
  return {
    ...draft,
    impactStart: start,
    impactSource: fromSlo === undefined ? 'alert' : 'slo',
    acknowledgedAt,
    acknowledgedBy: ack?.by ?? null,
    mitigatedAt,
    mitigationSource,
    ttdSeconds: draft.detectedAt - start,
    ttaSeconds: acknowledgedAt === null ? null : acknowledgedAt - draft.detectedAt,
    ttrSeconds: mitigatedAt === null ? null : mitigatedAt - start,
    timeToResolveSeconds: draft.resolvedAt === null ? null : draft.resolvedAt - start,
  };
}

/**
 * Timelines of many incidents at once: acks are matched per fingerprint up to the next incident
 * that carries the same fingerprint; `impactOf` gives the SLO counters of an incident, if any.
 */
export function incidentTimelines(
  drafts: readonly IncidentDraft[],
  acks: readonly AckEvent[],
  impactOf: (draft: IncidentDraft) => ImpactInput | undefined = () => undefined,
): Incident[] {
  return drafts.map(draft => {
    const next = drafts.find(
      d =>
        d.detectedAt > draft.detectedAt && d.fingerprints.some(f => draft.fingerprints.includes(f)),
    );
    return incidentTimeline(draft, firstAck(draft, acks, next?.detectedAt), impactOf(draft));
  });
}
