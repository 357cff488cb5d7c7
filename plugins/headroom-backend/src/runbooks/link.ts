/** What linking needs of an incident. */
export interface IncidentSpan {
  id: string;
  service: string;
  detectedAt: number;
  resolvedAt: number | null;
}

/** How far apart the run's alert and the incident's first alert may be (Alertmanager's delays). */
export const LINK_SLACK_SECONDS = 120;

/**
 * The incident a runbook run answered: the service's incident that was open when the run's
 * alert fired (within the slack either side), the one detected closest to it; null when none.
 */
export function incidentForRun(
  incidents: readonly IncidentSpan[],
  service: string,
  firedAt: number,
): string | null {
  let best: IncidentSpan | undefined;
  for (const i of incidents) {
    if (i.service !== service) continue;
    if (i.detectedAt > firedAt + LINK_SLACK_SECONDS) continue;
    if (i.resolvedAt !== null && i.resolvedAt < firedAt - LINK_SLACK_SECONDS) continue;
    const d = Math.abs(i.detectedAt - firedAt);
    if (!best || d < Math.abs(best.detectedAt - firedAt)) best = i;
  }
  return best?.id ?? null;
}
