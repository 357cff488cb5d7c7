import type { Entity } from '@backstage/catalog-model';
import type {
  DependantImpact,
  DrillFault,
  DrillRunRecord,
  ResilienceSeries,
  WeakLinksReport,
} from '@headroom/core';

/**
 * Points to a YAML file of `headroom.dev/v1alpha1` Drill documents for the entity: a path
 * relative to its catalog-info.yaml, or an absolute URL read through Backstage's URL reader.
 */
export const HEADROOM_DRILLS_ANNOTATION = 'headroom.dev/drills';

/** True when the entity declares a drills file. */
export function isHeadroomDrillsAvailable(entity: Entity): boolean {
  return Boolean(getHeadroomDrillsFile(entity));
}

/** The entity's drills file reference, trimmed, or undefined. */
export function getHeadroomDrillsFile(entity: Entity): string | undefined {
  const value = entity.metadata.annotations?.[HEADROOM_DRILLS_ANNOTATION]?.trim();
  return value ? value : undefined;
}

/** A recorded drill run, as the backend's drill routes serve it. */
export interface DrillRun {
  id: string;
  entityRef: string;
  source: 'cli' | 'scheduler';
  recordedBy: string;
  record: DrillRunRecord;
  faults: Pick<DrillFault, 'type' | 'target' | 'weight'>[];
  alertSeverity: 'page' | 'ticket' | null;
  dependants: DependantImpact[];
  /** Incidents of the entity whose impact started during the run (from a minute before the fault). */
  incidents: DrillIncidentLink[];
}

/** An incident a drill run raised, as the incidents routes know it. */
export interface DrillIncidentLink {
  id: string;
  severity: string;
  impactStart: string;
}

/** A drill the entity's file defines, with when the scheduler last held it back. */
export interface DrillDefinitionSummary {
  name: string;
  slo: string;
  hypothesis: string;
  faults: { type: string; target: string; weight: number }[];
  schedule: { cron: string | null; at: string[]; minBudgetRemaining: number } | null;
  held: { at: string; reason: string } | null;
}

/** `GET /drills/entities/{kind}/{namespace}/{name}`: the entity's drills, runs and score. */
export interface EntityDrills {
  entityRef: string;
  from: string;
  to: string;
  file: string | null;
  /** Problems of the drills file, each naming the file and the field. */
  problems: string[];
  drills: DrillDefinitionSummary[];
  runs: DrillRun[];
  resilience: ResilienceSeries | null;
}

/** `GET /drills/weak-links`: the report, for one line of business or all. */
export type DrillWeakLinks = WeakLinksReport & { lineOfBusiness: string | null };

/** `GET /drills/resilience`: Litmus scores over time per service or line of business. */
export interface DrillResilience {
  by: 'service' | 'lineOfBusiness';
  from: string;
  to: string;
  stepSeconds: number;
  series: ResilienceSeries[];
}
