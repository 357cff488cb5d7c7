import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { SloBurndown } from '@headroom/plugin-headroom-common';
import { headroomApiRef } from '../../api';
import { usePolled, type Polled } from '../../lib/usePolled';

/** Points of the card's sparkline: 120 px wide, one point a pixel at most. */
export const CARD_BURNDOWN_POINTS = 120;
/** Points of the SLO tab's chart: 720 px wide. */
export const TAB_BURNDOWN_POINTS = 720;
/**
 * Each read makes the backend scan the whole window's counters in Prometheus (30 days: 43 200
 * samples a series), so the burndown is read less often than the status.
 */
const BURNDOWN_REFRESH_MS = 5 * 60_000;

/** The SLO's remaining budget through its whole window, as the backend computes it now. */
export function useSloBurndown(
  entityRef: string,
  sloName: string,
  points: number,
): Polled<SloBurndown> {
  const api = useApi(headroomApiRef);
  return usePolled(
    () => api.getSloBurndown(entityRef, sloName, points),
    [api, entityRef, sloName, points],
    BURNDOWN_REFRESH_MS,
  );
}

/**
 * Why the burndown is missing: the backend answers 503 when it could not read Prometheus, and
 * then says so in its error message.
 */
export function burndownError(error: Error): { summary: string; detail: string } {
  const response = error as Partial<ResponseError>;
  const detail = response.body?.error?.message ?? error.message;
  if (response.response?.status === 503) {
    return { summary: 'Prometheus could not be read', detail };
  }
  return { summary: 'Burndown could not be loaded', detail };
}
