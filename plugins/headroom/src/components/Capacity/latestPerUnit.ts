import type { CapacityAssessment } from '../../api';

const ORDER = ['cores', 'GiB'] as const;

/**
 * The newest assessment of each resource (CPU, then memory) from an entity's history, newest
 * first as the backend lists it: a team may assess CPU and memory in separate versions.
 */
export function latestPerUnit(history: CapacityAssessment[]): CapacityAssessment[] {
  const newest = new Map<string, CapacityAssessment>();
  for (const a of history) {
    const seen = newest.get(a.recommendation.unit);
    if (!seen || a.version > seen.version) newest.set(a.recommendation.unit, a);
  }
  return ORDER.flatMap(unit => newest.get(unit) ?? []);
}
