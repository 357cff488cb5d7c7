import type { DurationStat, Incident, MttxTarget } from '../../api';

/** Seconds as people read an incident: `45 s`, `6.5 min`, `2.3 h`; a dash when unknown. */
export function durationText(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 2 * 3600) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** A mean against its target: `45 s (target 60 s)`, `missed` when over it. */
export function meanAgainstTarget(stat: DurationStat, target: number | undefined): string {
  if (!stat) return '—';
  const mean = durationText(stat.mean);
  if (target === undefined) return mean;
  return `${mean} (target ${durationText(target)}${stat.mean > target ? ', missed' : ''})`;
}

/** Attainment as a share of the graded incidents, or why there is none. */
export function attainmentText(attainment: number | null, graded: number): string {
  if (attainment === null) return 'not graded';
  return `${(100 * attainment).toFixed(0)} % of ${graded}`;
}

export interface TimelineStep {
  label: string;
  at: string | null;
  /** How long after impact start, or who acknowledged. */
  note?: string;
}

/** Whether a measure met its target; undefined when either is unknown. */
function within(seconds: number | null, target: number | undefined): string {
  if (seconds === null) return '';
  const text = durationText(seconds);
  if (target === undefined) return text;
  return `${text}, ${seconds <= target ? 'within' : 'over'} the ${durationText(target)} target`;
}

/**
 * An incident's timeline in order, with the backend's TTD, TTA and TTR beside the step that
 * ends each; the targets are the incident's severity's.
 */
export function timelineSteps(incident: Incident, target: MttxTarget = {}): TimelineStep[] {
  const i = incident;
  return [
    {
      label: 'Impact started',
      at: i.impactStart,
      note:
        i.impactSource === 'slo'
          ? "from the SLO's 1-minute error ratio"
          : 'no SLO counters: the first alert',
    },
    {
      label: 'Detected',
      at: i.detectedAt,
      note: `TTD ${within(i.ttdSeconds, target.detectSeconds)}`,
    },
    { label: 'Notified', at: i.notifiedAt },
    {
      label: 'Acknowledged',
      at: i.acknowledgedAt,
      note:
        i.acknowledgedAt === null
          ? undefined
          : `by ${i.acknowledgedBy ?? 'unknown'}, TTA ${within(i.ttaSeconds, target.acknowledgeSeconds)}`,
    },
    {
      label: 'Mitigated',
      at: i.mitigatedAt,
      note:
        i.mitigatedAt === null ? undefined : `TTR ${within(i.ttrSeconds, target.recoverSeconds)}`,
    },
    { label: 'Resolved', at: i.resolvedAt },
  ];
}
