import type { SloAlertState, SloBurnRate, SloInput } from '@headroom/plugin-headroom-common';

/**
 * Answer of the preview endpoint: the budget an SLO definition would have on recent data,
 * evaluated by the backend before anything is saved.
 *
 * The shape is this plugin's proposal for the backend's `POST .../slos/preview`; it belongs in
 * `@headroom/plugin-headroom-common` once the backend serves it.
 */
export interface SloPreview {
  evaluatedAt: string;
  sli: number | null;
  budgetRemaining: number | null;
  burnRates: SloBurnRate[];
  alertState: SloAlertState | null;
  timeToExhaustionSeconds: number | null;
  /** Remaining budget through the window, from core's `burndownPoints` (t in Unix seconds). */
  burndown: { t: number; remaining: number | null }[];
}

export type { SloInput };
