import { formatRfc3339 } from './rfc3339';
import type { Incident, MttxTarget } from './types';

function duration(seconds: number | null): string {
  if (seconds === null) return 'not yet';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

function against(value: number | null, limit: number | undefined): string {
  if (limit === undefined) return '';
  if (value === null) return ` (target ${duration(limit)})`;
  return value <= limit
    ? ` (within the ${duration(limit)} target)`
    : ` (**over** the ${duration(limit)} target)`;
}

/**
 * A postmortem draft in Markdown from an incident's timeline: the facts Headroom knows, with
 * headings for the parts people write (impact, cause, follow-ups).
 */
export function postmortemMarkdown(incident: Incident, target?: MttxTarget): string {
  const t = incident.target;
  const at = (v: number | null) => (v === null ? '—' : formatRfc3339(v));
  const what = t.slo
    ? `${t.service} / ${t.slo}`
    : `${t.service} (${incident.alertName || 'alert'})`;
  const rows: Array<[string, number | null, string]> = [
    [
      'Impact started',
      incident.impactStart,
      incident.impactSource === 'slo'
        ? '1-minute error ratio above 1 − objective'
        : 'first alert (no SLO counters)',
    ],
    ['Detected', incident.detectedAt, 'first alert fired'],
    ['Notified', incident.notifiedAt, 'Headroom received the alert'],
    [
      'Acknowledged',
      incident.acknowledgedAt,
      incident.acknowledgedBy ? `by ${incident.acknowledgedBy}` : '',
    ],
    [
      'Mitigated',
      incident.mitigatedAt,
      incident.mitigationSource === 'slo'
        ? 'error ratio back within budget for 5 minutes'
        : incident.mitigationSource === 'alert'
          ? 'alert resolved'
          : '',
    ],
    ['Resolved', incident.resolvedAt, 'alert resolved'],
  ];
  return [
    `# Postmortem draft: ${incident.severity} ${what}`,
    '',
    `- Incident: \`${incident.id}\` (${incident.resolvedAt === null ? 'open' : 'resolved'})`,
    ...(t.owner ? [`- Owner: ${t.owner}`] : []),
    ...(t.lineOfBusiness ? [`- Line of business: ${t.lineOfBusiness}`] : []),
    ...(incident.summary ? [`- Alert: ${incident.summary}`] : []),
    '',
    '## Timeline (UTC)',
    '',
    '| Event | Time | Note |',
    '| --- | --- | --- |',
    ...rows.map(([event, time, note]) => `| ${event} | ${at(time)} | ${note} |`),
    '',
    '## Measures',
    '',
    `- Time to detect: ${duration(incident.ttdSeconds)}${against(incident.ttdSeconds, target?.detectSeconds)}`,
    `- Time to acknowledge: ${duration(incident.ttaSeconds)}${against(incident.ttaSeconds, target?.acknowledgeSeconds)}`,
    `- Time to recover: ${duration(incident.ttrSeconds)}${against(incident.ttrSeconds, target?.recoverSeconds)}`,
    `- Time to resolve: ${duration(incident.timeToResolveSeconds)}`,
    '',
    '## Impact',
    '',
    '_Who was affected, and how._',
    '',
    '## Cause',
    '',
    '_What happened and why._',
    '',
    '## Follow-ups',
    '',
    '- [ ] ',
    '',
  ].join('\n');
}
