import type { Change, ChangeFailureRate } from '../../api';

/** The risk as the backend assessed it: "42.5 medium (canary)", or a dash without one. */
export function riskText(change: Change): string {
  const a = change.assessment;
  if (!a) return '–';
  return `${a.score.toFixed(1)} ${a.level} (${a.recommendation})`;
}

/** The latest canary verdict: "Fail 33.33", or a dash when none was given. */
export function verdictText(change: Change): string {
  const last = change.verdicts[change.verdicts.length - 1];
  return last ? `${last.classification} ${last.score}` : '–';
}

/** What came of the change, worst first: rolled back, caused an incident, live, or fine. */
export function outcomeText(change: Change): string {
  const parts: string[] = [];
  if (change.outcome.rolledBack) {
    const r = change.rollbacks[0];
    parts.push(r ? `rolled back (${r.action}, ${r.outcome})` : 'rolled back');
  }
  if (change.outcome.incidentId) parts.push(`caused incident ${change.outcome.incidentId}`);
  if (parts.length === 0) parts.push(change.state === 'live' ? 'live, watched' : 'no incident');
  return parts.join('; ');
}

/** "1 of 4 changes failed (25 %)", or that there were none. */
export function failureRateText(rate: ChangeFailureRate): string {
  if (rate.changes === 0 || rate.changeFailureRate === null) return 'No changes in the period';
  const pct = Math.round(rate.changeFailureRate * 1000) / 10;
  return `${rate.failed} of ${rate.changes} change${rate.changes === 1 ? '' : 's'} failed (${pct} %)`;
}
