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
 * Impact start and mitigation as found in an SLO's counters (undefined where they show none
 * yet): what `incidentTimeline` derives, kept apart so that a caller can store it once the
 * counters can no longer change it and pass it back instead of the counters.
 */
export interface ComputedImpact {
  impactStart: number | undefined;
  mitigatedAt: number | undefined;
}

export function computeImpact(draft: IncidentDraft, impact: ImpactInput): ComputedImpact {
  const start = impactStart(impact.series, impact.objective, draft.detectedAt);
  return {
    impactStart: start,
    mitigatedAt: mitigationTime(impact.series, impact.objective, start ?? draft.detectedAt),
  };
}

/**
 * An incident's timeline and its times to detect, acknowledge, recover and resolve.
 * With the SLO's counters (`impact`, or what `computeImpact` found in them), impact start and
 * mitigation come from the 1-minute error ratio against 1 − objective; without them (no SLO
 * applies) impact starts at detection and the alert's resolution stands for mitigation. With
 * counters that show no impact, impact starts at detection too.
 */
export function incidentTimeline(
  draft: IncidentDraft,
  ack: AckEvent | undefined,
  impact?: ImpactInput | ComputedImpact,
): Incident {
  const computed =
    impact === undefined ? undefined : 'series' in impact ? computeImpact(draft, impact) : impact;
  const start = computed?.impactStart ?? draft.detectedAt;
  let mitigatedAt: number | null = null;
  let mitigationSource: Incident['mitigationSource'] = null;
  if (computed?.mitigatedAt !== undefined) {
    mitigatedAt = computed.mitigatedAt;
    mitigationSource = 'slo';
  } else if (computed === undefined && draft.resolvedAt !== null) {
    mitigatedAt = draft.resolvedAt;
    mitigationSource = 'alert';
  }
  const acknowledgedAt = ack?.at ?? null;
  return {
    ...draft,
    impactStart: start,
    impactSource: computed?.impactStart === undefined ? 'alert' : 'slo',
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
  impactOf: (draft: IncidentDraft) => ImpactInput | ComputedImpact | undefined = () => undefined,
): Incident[] {
  return drafts.map(draft => {
    const next = drafts.find(
      d =>
        d.detectedAt > draft.detectedAt && d.fingerprints.some(f => draft.fingerprints.includes(f)),
    );
    return incidentTimeline(draft, firstAck(draft, acks, next?.detectedAt), impactOf(draft));
  });
}
