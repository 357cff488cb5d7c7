import fs from 'node:fs/promises';
import path from 'node:path';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { type Entity, ANNOTATION_LOCATION, parseLocationRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { HEADROOM_SLO_FILE_ANNOTATION, getHeadroomSloFile } from '@headroom/plugin-headroom-common';

export interface SloFileLocation {
  type: 'file' | 'url';
  /** An absolute path or URL. */
  target: string;
}

const ABSOLUTE_URL = /^https?:\/\//i;

/**
 * Where the entity's SLO file is: an absolute URL as written, or a path relative to the
 * catalog file that defines the entity. A relative path may not leave that file's folder.
 */
export function resolveSloFile(value: string, entityLocation: SloFileLocation): SloFileLocation {
  if (ABSOLUTE_URL.test(value)) return { type: 'url', target: value };
  if (entityLocation.type === 'url') {
    return { type: 'url', target: new URL(value, entityLocation.target).toString() };
  }
  if (path.isAbsolute(value)) {
    throw new InputError(
      `${HEADROOM_SLO_FILE_ANNOTATION} must be relative to the catalog file or an http(s) URL, not the absolute path '${value}'`,
    );
  }
  const folder = path.dirname(entityLocation.target);
  const target = path.resolve(folder, value);
  if (path.relative(folder, target).startsWith('..')) {
    throw new InputError(
      `${HEADROOM_SLO_FILE_ANNOTATION} '${value}' points outside the folder of ${entityLocation.target}`,
    );
  }
  return { type: 'file', target };
}

/** The location an entity was read from, from its `backstage.io/managed-by-location` annotation. */
export function entityLocationOf(entity: Entity): SloFileLocation | undefined {
  const ref = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  if (!ref) return undefined;
  const { type, target } = parseLocationRef(ref);
  if (type === 'file') return { type: 'file', target };
  if (type === 'url') return { type: 'url', target };
  return undefined;
}

export async function readSloFile(
  location: SloFileLocation,
  reader: UrlReaderService,
): Promise<string> {
  if (location.type === 'file') {
    return fs.readFile(location.target, 'utf8');
  }
  const response = await reader.readUrl(location.target);
  return (await response.buffer()).toString('utf8');
}

/** The SLO file of an entity, resolved against where the entity came from; undefined without one. */
export function sloFileOf(
  entity: Entity,
  entityLocation?: SloFileLocation,
): SloFileLocation | undefined {
  const value = getHeadroomSloFile(entity);
  if (!value) return undefined;
  const base = entityLocation ?? entityLocationOf(entity);
  if (!base) {
    if (ABSOLUTE_URL.test(value)) return { type: 'url', target: value };
    throw new InputError(
      `${HEADROOM_SLO_FILE_ANNOTATION} '${value}' is relative but the entity has no ${ANNOTATION_LOCATION} annotation`,
    );
  }
  return resolveSloFile(value, base);
}
