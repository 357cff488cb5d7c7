import { allowedActions, formatMoney, parseMoney, type Money } from '@headroom/core';
import {
  OPEN_OPTIMISATION_STATUSES,
  type CostAnomaly,
  type OptimisationAction,
  type OptimisationRecommendation,
  type OptimisationStatus,
  type OptimisationTotals,
} from '@headroom/plugin-headroom-common';
import type { StoredAnomaly, StoredRecommendation } from './types';

export const STATUSES: readonly OptimisationStatus[] = [
  'proposed',
  'accepted',
  'rejected',
  'applied',
  'verified',
  'regressed',
  'rolled-back',
];

/** The steps the status allows now, from core's lifecycle. */
export function allowedActionsOf(status: OptimisationStatus): OptimisationAction[] {
  return [...allowedActions({ id: '-', status, history: [] })];
}

/** A stored recommendation as the API returns it (the export objects stay behind their route). */
export function recommendationJson(r: StoredRecommendation): OptimisationRecommendation {
  const { exports: _exports, workload: _workload, service: _service, ...detail } = r.detail;
  return {
    id: r.id,
    entityRef: r.entityRef,
    ownerRef: r.ownerRef,
    lineOfBusiness: r.lineOfBusiness,
    resource: r.resource,
    status: r.status,
    allowedActions: allowedActionsOf(r.status),
    version: r.version,
    ...detail,
    expectedMonthlySaving: r.expectedMonthlySaving,
    currency: r.currency,
    realisedMonthlySaving: r.realisedMonthlySaving,
    suppliedMonthlySaving: suppliedSavingOf(r),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    history: r.history,
  };
}

/** The saving of the last verification on supplied figures, if one was recorded. */
function suppliedSavingOf(r: StoredRecommendation): string | null {
  const last = [...r.history].reverse().find(e => e.verification?.source === 'supplied');
  return last?.verification?.realisedMonthlySaving ?? null;
}

function money(text: string | null): Money {
  return (text === null ? undefined : parseMoney(text)) ?? 0n;
}

/**
 * Savings per currency: potential = the positive expected savings of open recommendations
 * (proposed, accepted, applied); realised = what verification measured on verified ones. Sums
 * are exact decimals.
 */
export function totalsOf(recs: StoredRecommendation[]): OptimisationTotals[] {
  const byCurrency = new Map<
    string,
    { potential: Money; realised: Money; count: Record<OptimisationStatus, number> }
  >();
  for (const r of recs) {
    let t = byCurrency.get(r.currency);
    if (!t) {
      t = {
        potential: 0n,
        realised: 0n,
        count: Object.fromEntries(STATUSES.map(s => [s, 0])) as Record<OptimisationStatus, number>,
      };
      byCurrency.set(r.currency, t);
    }
    t.count[r.status] += 1;
    const expected = money(r.expectedMonthlySaving);
    if (OPEN_OPTIMISATION_STATUSES.includes(r.status) && expected > 0n) t.potential += expected;
    if (r.status === 'verified') t.realised += money(r.realisedMonthlySaving);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, t]) => ({
      currency,
      potentialMonthlySaving: formatMoney(t.potential),
      realisedMonthlySaving: formatMoney(t.realised),
      count: t.count,
    }));
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4).replace(/\.?0+$/, '');
}

export function anomalyJson(a: StoredAnomaly): CostAnomaly {
  const what = a.series === 'cost' ? 'cost' : 'unit cost';
  const unit = a.currency ? ` ${a.currency}` : '';
  const change =
    a.expected !== 0
      ? ` (${a.value >= a.expected ? '+' : ''}${fmt((100 * (a.value - a.expected)) / a.expected)} %)`
      : '';
  return {
    id: a.id,
    entityRef: a.entityRef,
    ownerRef: a.ownerRef,
    lineOfBusiness: a.lineOfBusiness,
    series: a.series,
    time: a.at.getTime(),
    at: a.at.toISOString(),
    stepSeconds: a.stepSeconds,
    value: a.value,
    expected: a.expected,
    score: a.score,
    currency: a.currency,
    text:
      `${a.entityRef}: ${what} ${fmt(a.value)}${unit} against ${fmt(a.expected)}${unit} usually${change}, ` +
      `anomaly score ${a.score.toFixed(2)}`,
    tags: [
      `entity:${a.entityRef}`,
      ...(a.lineOfBusiness ? [`lob:${a.lineOfBusiness}`] : []),
      `series:${a.series}`,
    ],
    detectedAt: a.detectedAt.toISOString(),
  };
}
