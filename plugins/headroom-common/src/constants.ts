import type { Entity } from '@backstage/catalog-model';

/** Every Headroom annotation and label starts with this prefix. */
export const HEADROOM_ANNOTATION_PREFIX = 'headroom.dev/';

/**
 * Points to an OpenSLO (or Sloth/Pyrra) file with the entity's SLOs: a path relative to the
 * entity's catalog-info.yaml, or an absolute URL read through Backstage's URL reader.
 */
export const HEADROOM_SLO_FILE_ANNOTATION = 'headroom.dev/slo-file';

/**
 * The line of business of an entity, when it is not inherited from its system or domain.
 * Read from annotations first, then labels.
 */
export const HEADROOM_LINE_OF_BUSINESS_ANNOTATION = 'headroom.dev/line-of-business';

/** True when the entity declares an SLO file. */
export function isHeadroomSloFileAvailable(entity: Entity): boolean {
  return Boolean(getHeadroomSloFile(entity));
}

/** The entity's SLO file reference, trimmed, or undefined. */
export function getHeadroomSloFile(entity: Entity): string | undefined {
  const value = entity.metadata.annotations?.[HEADROOM_SLO_FILE_ANNOTATION]?.trim();
  return value ? value : undefined;
}

/** The line of business written on the entity itself (annotation, then label), or undefined. */
export function getDeclaredLineOfBusiness(entity: Entity): string | undefined {
  const value =
    entity.metadata.annotations?.[HEADROOM_LINE_OF_BUSINESS_ANNOTATION] ??
    entity.metadata.labels?.[HEADROOM_LINE_OF_BUSINESS_ANNOTATION];
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
