import path from 'node:path';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { formatIssue, parseDrills, type Drill } from '@headroom/core';
import {
  HEADROOM_DRILLS_ANNOTATION,
  getHeadroomDrillsFile,
} from '@headroom/plugin-headroom-common';
import { entityLocationOf, readSloFile, type SloFileLocation } from '../catalog/sloFile';

const ABSOLUTE_URL = /^https?:\/\//i;

/**
 * Where the drills file is: an absolute URL as written, or a path relative to the catalog file
 * that defines the entity, never outside that file's folder (as for the SLO file).
 */
export function resolveDrillsFile(value: string, base: SloFileLocation): SloFileLocation {
  if (ABSOLUTE_URL.test(value)) return { type: 'url', target: value };
  if (base.type === 'url') return { type: 'url', target: new URL(value, base.target).toString() };
  if (path.isAbsolute(value)) {
    throw new InputError(
      `${HEADROOM_DRILLS_ANNOTATION} must be relative to the catalog file or an http(s) URL, not the absolute path '${value}'`,
    );
  }
  const folder = path.dirname(base.target);
  const target = path.resolve(folder, value);
  if (path.relative(folder, target).startsWith('..')) {
    throw new InputError(
      `${HEADROOM_DRILLS_ANNOTATION} '${value}' points outside the folder of ${base.target}`,
    );
  }
  return { type: 'file', target };
}

/** The entity's drills file, resolved against where the entity came from; undefined without one. */
export function drillsFileOf(
  entity: Entity,
  base: SloFileLocation | undefined = entityLocationOf(entity),
): SloFileLocation | undefined {
  const value = getHeadroomDrillsFile(entity);
  if (!value) return undefined;
  if (!base) {
    if (ABSOLUTE_URL.test(value)) return { type: 'url', target: value };
    throw new InputError(
      `${HEADROOM_DRILLS_ANNOTATION} '${value}' is relative but the entity has no location annotation`,
    );
  }
  return resolveDrillsFile(value, base);
}

export interface EntityDrillDefinitions {
  file: string | null;
  drills: Drill[];
  /** Every problem, naming the annotation, the file and the field; no drills when any. */
  problems: string[];
}

/**
 * The drills of one entity's file. Each drill must be about the entity itself: a file beside
 * `ledger`'s catalog-info.yaml that drills `wallet-api` is a mistake, named as such.
 */
export function checkDrills(text: string, file: string, service: string): EntityDrillDefinitions {
  const { drills, issues } = parseDrills(text, file);
  const problems = issues.map(i => `${HEADROOM_DRILLS_ANNOTATION}: ${formatIssue(i)}`);
  drills.forEach(d => {
    if (d.service !== service) {
      problems.push(
        `${HEADROOM_DRILLS_ANNOTATION}: ${file} (document ${d.source.docIndex + 1}) spec.service: is "${d.service}", but the file belongs to "${service}"`,
      );
    }
  });
  if (issues.length === 0 && drills.length === 0) {
    problems.push(`${HEADROOM_DRILLS_ANNOTATION}: ${file} defines no drill`);
  }
  return { file, drills: problems.length > 0 ? [] : drills, problems };
}

/** Reads and checks the entity's drills file; a file that cannot be read is one problem. */
export async function loadEntityDrills(
  entity: Entity,
  reader: UrlReaderService,
  base?: SloFileLocation,
): Promise<EntityDrillDefinitions> {
  let file: SloFileLocation | undefined;
  try {
    file = drillsFileOf(entity, base ?? entityLocationOf(entity));
    if (!file) return { file: null, drills: [], problems: [] };
    const text = await readSloFile(file, reader);
    return checkDrills(text, file.target, entity.metadata.name);
  } catch (error) {
    const value = getHeadroomDrillsFile(entity);
    return {
      file: file?.target ?? null,
      drills: [],
      problems: [
        `${HEADROOM_DRILLS_ANNOTATION}: cannot read '${value}': ${(error as Error).message}`,
      ],
    };
  }
}
