import type { Entity } from '@backstage/catalog-model';
import type { ApiSchema } from './apiClient';

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

// The drill routes' JSON, as the backend's OpenAPI document declares it (generated types).

/** A recorded drill run, as the backend's drill routes serve it. */
export type DrillRun = ApiSchema<'DrillRun'>;

/** An incident a drill run raised, as the incidents routes know it. */
export type DrillIncidentLink = DrillRun['incidents'][number];

/** `GET /drills/entities/{kind}/{namespace}/{name}`: the entity's drills, runs and score. */
export type EntityDrills = ApiSchema<'EntityDrills'>;

/** A drill the entity's file defines, with when the scheduler last held it back. */
export type DrillDefinitionSummary = EntityDrills['drills'][number];

/** `GET /drills/weak-links`: the report, for one line of business or all. */
export type DrillWeakLinks = ApiSchema<'DrillWeakLinks'>;

/** `GET /drills/resilience`: Litmus scores over time per service or line of business. */
export type DrillResilience = ApiSchema<'DrillResilience'>;
