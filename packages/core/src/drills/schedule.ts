import { parseRfc3339 } from '../incidents/rfc3339';
import { cronProblem } from './parse';
import type { DrillSchedule } from './types';

const BOUNDS: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

/** The values one cron field allows (numbers, ranges, lists, steps, `*`). */
function fieldValues(field: string, [min, max]: [number, number]): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part)!;
    const lo = m[1] === '*' ? min : Number(m[2]);
    const hi = m[1] === '*' ? max : m[3] !== undefined ? Number(m[3]) : m[4] ? max : lo;
    for (let v = lo; v <= hi; v += Number(m[4] ?? 1)) out.add(v);
  }
  return out;
}

/**
 * Whether a five-field cron expression (UTC) names the minute holding `at` (Unix seconds). As in
 * cron, when both day of month and day of week are restricted either one matching is enough.
 */
export function cronMatches(cron: string, at: number): boolean {
  const problem = cronProblem(cron);
  if (problem) throw new RangeError(`cron "${cron}": ${problem}`);
  const fields = cron.trim().split(/\s+/);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => fieldValues(f, BOUNDS[i]!));
  const d = new Date(Math.floor(at / 60) * 60_000);
  const domOk = dom!.has(d.getUTCDate());
  const dowOk = dow!.has(d.getUTCDay());
  const day = fields[2] !== '*' && fields[4] !== '*' ? domOk || dowOk : domOk && dowOk;
  return (
    minute!.has(d.getUTCMinutes()) &&
    hour!.has(d.getUTCHours()) &&
    month!.has(d.getUTCMonth() + 1) &&
    day
  );
}

/**
 * The latest instant in (since, now] at which the schedule asks for a run — a matching cron
 * minute or a game day — or undefined. At most a week of minutes is scanned: a scheduler that
 * was down longer runs the drill once, not once per missed slot.
 */
export function lastDueAt(schedule: DrillSchedule, since: number, now: number): number | undefined {
  let due: number | undefined;
  for (const text of schedule.at ?? []) {
    const t = parseRfc3339(text);
    if (t !== undefined && t > since && t <= now && (due === undefined || t > due)) due = t;
  }
  if (schedule.cron !== undefined) {
    const first = Math.max(since, now - 7 * 86400);
    for (let m = Math.floor(now / 60) * 60; m > first; m -= 60) {
      if (cronMatches(schedule.cron, m)) {
        if (due === undefined || m > due) due = m;
        break;
      }
    }
  }
  return due;
}

export interface DrillHoldInput {
  minBudgetRemaining: number;
  /** The entity's error budget left (0–1; negative when overspent), null when unknown. */
  budgetRemaining: number | null;
  /** Why a change freeze holds now, if one does. */
  freeze?: string;
}

/**
 * Why a due drill must not run now, or undefined when it may: never during a freeze, never while
 * the budget left is below the schedule's floor, and never on an unknown budget.
 */
export function drillHold(input: DrillHoldInput): string | undefined {
  if (input.freeze !== undefined) return `a change freeze holds: ${input.freeze}`;
  if (input.budgetRemaining === null) return 'the error budget left is unknown';
  if (input.budgetRemaining < input.minBudgetRemaining) {
    return `the error budget left ${(input.budgetRemaining * 100).toFixed(1)} % is below the floor ${(input.minBudgetRemaining * 100).toFixed(1)} %`;
  }
  return undefined;
}
