import { budgetRatio } from './burnrate';
import type { BudgetStatus } from './types';

/**
 * Error budget over a window with `bad` of `total` events: allowed = (1 - objective) * total,
 * consumed = bad / allowed, remaining = 1 - consumed (negative when over-spent). Without
 * traffic the fractions are null: there is no budget to speak of, not a full one.
 */
export function budgetStatus(objective: number, bad: number, total: number): BudgetStatus {
  const allowed = budgetRatio(objective) * total;
  if (!(total > 0)) {
    return {
      totalEvents: 0,
      consumedEvents: 0,
      remainingEvents: 0,
      consumed: null,
      remaining: null,
    };
  }
  const consumed = bad / allowed;
  return {
    totalEvents: allowed,
    consumedEvents: bad,
    remainingEvents: allowed - bad,
    consumed,
    remaining: 1 - consumed,
  };
}
