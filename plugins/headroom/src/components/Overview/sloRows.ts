import { worstBurnRate } from '@headroom/core';
import type { SloAlertState, SloWithStatus } from '@headroom/plugin-headroom-common';
import type { HeadroomApi } from '../../api';

/** One SLO of one entity, as a row of the overview. */
export interface SloRow {
  entityRef: string;
  name: string;
  displayName: string | null;
  lineOfBusiness: string | null;
  ownerRef: string | null;
  objective: number;
  window: string;
  sli: number | null;
  budgetRemaining: number | null;
  worstBurnRate: number | null;
  alertState: SloAlertState | null;
}

export function sloRow(s: SloWithStatus): SloRow {
  return {
    entityRef: s.entityRef,
    name: s.name,
    displayName: s.displayName,
    lineOfBusiness: s.lineOfBusiness,
    ownerRef: s.ownerRef,
    objective: s.objective,
    window: s.window,
    sli: s.status?.sli ?? null,
    budgetRemaining: s.status?.budgetRemaining ?? null,
    worstBurnRate: worstBurnRate((s.status?.burnRates ?? []).map(b => b.rate)),
    alertState: s.status?.alertState ?? null,
  };
}

/** The backend's largest page. */
export const MAX_PAGE_SIZE = 1000;

/**
 * Every SLO the caller may read, one page after the other. An SLO created between two pages
 * shifts the later pages by one, so rows are keyed by entity and name to show it once.
 */
export async function listAllSlos(
  api: HeadroomApi,
  pageSize: number = MAX_PAGE_SIZE,
): Promise<SloWithStatus[]> {
  const byKey = new Map<string, SloWithStatus>();
  let offset = 0;
  for (;;) {
    const page = await api.listSlos({ limit: pageSize, offset });
    for (const slo of page.items) byKey.set(`${slo.entityRef}#${slo.name}`, slo);
    offset += page.items.length;
    // An empty page ends the sequence even if totalCount grew meanwhile.
    if (page.items.length === 0 || offset >= page.totalCount) break;
  }
  return [...byKey.values()];
}
