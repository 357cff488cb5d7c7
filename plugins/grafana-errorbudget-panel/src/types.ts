export type BudgetLayout = 'auto' | 'list';

export interface ErrorBudgetOptions {
  /** Budget remaining at or above this fraction is healthy (green). */
  warningBelow: number;
  /** Budget remaining below this fraction is critical (red); 0 means "spent". */
  criticalBelow: number;
  showBurndown: boolean;
  showIdeal: boolean;
  showBurnRates: boolean;
  showTimeToExhaustion: boolean;
  /** Minimum width of one SLO's cell when the data holds several SLOs. */
  minCellWidth: number;
}

export const DEFAULT_OPTIONS: ErrorBudgetOptions = {
  warningBelow: 0.25,
  criticalBelow: 0,
  showBurndown: true,
  showIdeal: true,
  showBurnRates: true,
  showTimeToExhaustion: true,
  minCellWidth: 360,
};
