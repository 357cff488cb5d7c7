import path from 'node:path';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { formatIssue, parseRunbooks, RUNBOOKS_ANNOTATION, type Runbook } from '@headroom/core';
import { entityLocationOf, readSloFile, type SloFileLocation } from '../catalog/sloFile';

const ABSOLUTE_URL = /^https?:\/\//i;

/**
 * Where the runbooks file is: an absolute URL as written, or a path relative to the catalog file
 * that defines the entity, never outside that file's folder (as for the SLO file).
 */
export function runbooksFileOf(
  entity: Entity,
  base: SloFileLocation | undefined = entityLocationOf(entity),
): SloFileLocation | undefined {
  const value = entity.metadata.annotations?.[RUNBOOKS_ANNOTATION]?.trim();
  if (!value) return undefined;
  if (ABSOLUTE_URL.test(value)) return { type: 'url', target: value };
  if (!base) {
    throw new InputError(
      `${RUNBOOKS_ANNOTATION} '${value}' is relative but the entity has no location annotation`,
    );
  }
  if (base.type === 'url') return { type: 'url', target: new URL(value, base.target).toString() };
  if (path.isAbsolute(value)) {
    throw new InputError(
      `${RUNBOOKS_ANNOTATION} must be relative to the catalog file or an http(s) URL, not the absolute path '${value}'`,
    );
  }
  const folder = path.dirname(base.target);
  const target = path.resolve(folder, value);
  if (path.relative(folder, target).startsWith('..')) {
    throw new InputError(
      `${RUNBOOKS_ANNOTATION} '${value}' points outside the folder of ${base.target}`,
    );
  }
  return { type: 'file', target };
}

export interface EntityRunbookDefinitions {
  file: string | null;
  runbooks: Runbook[];
  /** Every problem, naming the annotation, the file, the document and the field; no runbooks when any. */
  problems: string[];
}

/** The runbooks of one entity's file; each must be about the entity itself. */
export function checkRunbooks(
  text: string,
  file: string,
  service: string,
): EntityRunbookDefinitions {
  const { runbooks, issues } = parseRunbooks(text, file);
  const problems = issues.map(i => `${RUNBOOKS_ANNOTATION}: ${formatIssue(i)}`);
  for (const r of runbooks) {
    if (r.service !== service) {
      problems.push(
        `${RUNBOOKS_ANNOTATION}: ${file} (document ${r.source.docIndex + 1}) spec.service: is "${r.service}", but the file belongs to "${service}"`,
      );
    }
  }
  return { file, runbooks: problems.length > 0 ? [] : runbooks, problems };
}

/** Reads and checks the entity's runbooks file; a file that cannot be read is one problem. */
export async function loadEntityRunbooks(
  entity: Entity,
  reader: UrlReaderService,
  base?: SloFileLocation,
): Promise<EntityRunbookDefinitions> {
  let file: SloFileLocation | undefined;
  try {
    file = runbooksFileOf(entity, base ?? entityLocationOf(entity));
    if (!file) return { file: null, runbooks: [], problems: [] };
    return checkRunbooks(await readSloFile(file, reader), file.target, entity.metadata.name);
  } catch (error) {
    return {
      file: file?.target ?? null,
      runbooks: [],
      problems: [
        `${RUNBOOKS_ANNOTATION}: cannot read '${entity.metadata.annotations?.[RUNBOOKS_ANNOTATION]}': ${(error as Error).message}`,
      ],
    };
  }
}
