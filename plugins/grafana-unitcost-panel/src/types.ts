export interface UnitCostOptions {
  showBand: boolean;
  showMedian: boolean;
  /** Hide periods without a unit cost (no traffic) instead of leaving gaps. */
  connectGaps: boolean;
}

export const DEFAULT_OPTIONS: UnitCostOptions = { showBand: true, showMedian: true, connectGaps: false };
