import type {
  CapacityCoverageCounts as CoverageCounts,
  CapacityCoverageGroup as CoverageGroup,
  CapacityCoverageReport as CoverageReport,
} from '@headroom/plugin-headroom-common';

export type { CoverageCounts, CoverageGroup, CoverageReport };

const DAY_MS = 86_400_000;

/**
 * When the service was created, written by the new-service template into catalog-info.yaml
 * (ISO 8601). The catalog itself records no creation time; for services made without the
 * template, the backend's own first sighting stands in (see `serviceCreatedAt`).
 */
export const HEADROOM_CREATED_AT_ANNOTATION = 'headroom.dev/created-at';

/** A service as the coverage report sees it. */
export interface CoverageService {
  entityRef: string;
  lineOfBusiness: string | null;
  createdAt: Date | null;
}

/** When an entity's latest assessment was made. */
export interface CoverageAssessment {
  entityRef: string;
  version: number;
  assessedAt: Date;
  approvedAt: Date | null;
}

/** True while the assessment is younger than `staleAfterDays` at `now`. */
export function isCurrent(assessedAt: Date, now: Date, staleAfterDays: number): boolean {
  return now.getTime() - assessedAt.getTime() <= staleAfterDays * DAY_MS;
}

/** Reads the created-at annotation; null when absent or not a date. */
export function createdAtOf(annotations: Record<string, string> | undefined): Date | null {
  const text = annotations?.[HEADROOM_CREATED_AT_ANNOTATION]?.trim();
  if (!text) return null;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : new Date(t);
}

/**
 * When a service came to be, for the new-service share: the template's annotation when
 * written, else when the backend first saw it in the catalog, unless it was already there at
 * the backend's first look (a baseline sighting: its age is unknown, so it is not new).
 */
export function serviceCreatedAt(
  annotations: Record<string, string> | undefined,
  sighting: { firstSeenAt: Date; baseline: boolean } | undefined,
): Date | null {
  return createdAtOf(annotations) ?? (sighting && !sighting.baseline ? sighting.firstSeenAt : null);
}

type Counter = Omit<CoverageCounts, 'share'>;

function empty(): Counter {
  return { services: 0, assessed: 0, approved: 0, stale: 0, missing: 0 };
}

function withShare(c: Counter): CoverageCounts {
  return { ...c, share: c.services === 0 ? null : c.assessed / c.services };
}

/**
 * Share of services, and of services created within `newWithinDays`, whose latest assessment is
 * current, per line of business and in total.
 */
export function coverageReport(
  services: CoverageService[],
  latest: CoverageAssessment[],
  options: { now: Date; staleAfterDays: number; newWithinDays?: number },
): CoverageReport {
  const { now, staleAfterDays } = options;
  const newWithinDays = options.newWithinDays ?? 30;
  const byEntity = new Map(latest.map(a => [a.entityRef, a]));
  type Acc = { all: Counter; fresh: Counter; unassessed: string[] };
  const groups = new Map<string | null, Acc>();
  const total: Acc = { all: empty(), fresh: empty(), unassessed: [] };

  for (const service of services) {
    let group = groups.get(service.lineOfBusiness);
    if (!group) {
      group = { all: empty(), fresh: empty(), unassessed: [] };
      groups.set(service.lineOfBusiness, group);
    }
    const a = byEntity.get(service.entityRef);
    const current = a !== undefined && isCurrent(a.assessedAt, now, staleAfterDays);
    const isNew =
      service.createdAt !== null &&
      now.getTime() - service.createdAt.getTime() <= newWithinDays * DAY_MS;
    for (const acc of [group, total]) {
      for (const c of isNew ? [acc.all, acc.fresh] : [acc.all]) {
        c.services += 1;
        if (current) {
          c.assessed += 1;
          if (a.approvedAt !== null) c.approved += 1;
        } else if (a) {
          c.stale += 1;
        } else {
          c.missing += 1;
        }
      }
      if (!current) acc.unassessed.push(service.entityRef);
    }
  }

  const finish = (lineOfBusiness: string | null, acc: Acc): CoverageGroup => ({
    lineOfBusiness,
    ...withShare(acc.all),
    newServices: withShare(acc.fresh),
    unassessed: [...acc.unassessed].sort(),
  });
  const names = [...groups.keys()].sort((x, y) =>
    x === null ? 1 : y === null ? -1 : x.localeCompare(y, 'en'),
  );
  return {
    generatedAt: now.toISOString(),
    staleAfterDays,
    newWithinDays,
    total: finish(null, total),
    linesOfBusiness: names.map(n => finish(n, groups.get(n)!)),
  };
}
