import type { DrillRun } from '../../api';
import { formatPercent } from '../../lib/format';

/** Time to detect or recover as the record has it, in seconds, with whether it met the target. */
export function timing(seconds: number | null, withinTarget: boolean | null): string {
  if (seconds === null) return withinTarget === false ? 'never (missed)' : '—';
  const text = seconds < 120 ? `${Math.round(seconds)} s` : `${(seconds / 60).toFixed(1)} min`;
  return withinTarget === false ? `${text} (missed)` : text;
}

/** A run's verdict line: the verdict and, when it failed, which expectations it missed. */
export function verdictText(run: DrillRun): string {
  const r = run.record;
  const missed = [
    r.detection.withinTarget === false ? 'detection' : undefined,
    r.recovery.withinTarget === false ? 'recovery' : undefined,
  ].filter(Boolean);
  return missed.length > 0 ? `${r.verdict}: missed ${missed.join(' and ')}` : r.verdict;
}

/** The share of the SLO window's budget the run spent; over 100 % is possible. */
export function budgetText(spent: number | null): string {
  return spent === null ? 'unknown' : formatPercent(spent, 2);
}

/** A Litmus score, 0–100, as the backend computed it. */
export function scoreText(score: number | null | undefined): string {
  return score === null || score === undefined ? 'no runs' : `${score.toFixed(1)} / 100`;
}
