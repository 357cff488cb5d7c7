import { createHash } from 'node:crypto';
import type { AuthService, LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { formatIssue, parseSloDocuments } from '@headroom/core';
import { HEADROOM_SLO_FILE_ANNOTATION } from '@headroom/plugin-headroom-common';
import type { SloStore, SloWrite } from '../database/types';
import { type EntityLookup, lineOfBusinessOf, ownerRefOf } from '../lib/entityContext';
import { readSloFile, sloFileOf } from './sloFile';

/** Author of versions written by the sync, in the history. */
export const CATALOG_AUTHOR = 'catalog';

/**
 * Entities per catalog page. The catalog builds and the sync reads each page in one piece on the
 * event loop that also serves requests: with 500 a page, a sync pass went with event-loop delays
 * of up to 193 ms in the benchmark.
 */
const PAGE_SIZE = 100;

/**
 * What the sync reads of an entity: its ref, the SLO file and location annotations, owner,
 * system and domain (spec and relations) and a declared line of business (annotation or label).
 */
const SYNC_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'metadata.labels',
  'spec.owner',
  'spec.system',
  'spec.domain',
  'relations',
];

export interface CatalogSyncResult {
  entities: number;
  created: number;
  updated: number;
  deleted: number;
  failed: number;
}

/**
 * Brings the SLOs of file origin in line with the catalog: every entity with a
 * `headroom.dev/slo-file` annotation has its file read and parsed, owner and line of business
 * taken from the catalog, and the result stored (a new version only when something changed).
 * An entity whose file is broken keeps its last good SLOs; the catalog shows the error.
 */
export class CatalogSloSync {
  /**
   * What each entity's SLOs were last built from (file text, owner, line of business), so that
   * a run re-parses only what changed. Per process: a fresh replica parses everything once and
   * the store's content hash keeps that from writing new versions.
   */
  private readonly lastInput = new Map<string, string>();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      reader: UrlReaderService;
      store: SloStore;
      logger: LoggerService;
    },
  ) {}

  async run(): Promise<CatalogSyncResult> {
    const { catalog, auth, store, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const result: CatalogSyncResult = {
      entities: 0,
      created: 0,
      updated: 0,
      deleted: 0,
      failed: 0,
    };
    const seen = new Set<string>();
    // Systems and domains are shared by many entities: look each up once per run.
    const lookups = new Map<string, Promise<Entity | undefined>>();
    const lookup: EntityLookup = ref => {
      let entity = lookups.get(ref);
      if (!entity) {
        entity = catalog.getEntityByRef(ref, { credentials });
        lookups.set(ref, entity);
      }
      return entity;
    };
    let cursor: string | undefined;
    do {
      // Only the fields the sync reads, and no total count: each run pages through every
      // annotated entity, in the same process that serves requests and on the same database.
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE, fields: SYNC_FIELDS }
          : {
              filter: {
                [`metadata.annotations.${HEADROOM_SLO_FILE_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
              },
              limit: PAGE_SIZE,
              fields: SYNC_FIELDS,
              totalItems: 'exclude',
            },
        { credentials },
      );
      for (const entity of page.items) {
        const entityRef = stringifyEntityRef(entity);
        seen.add(entityRef);
        result.entities += 1;
        try {
          const input = await this.read(entity, lookup);
          const key = createHash('sha256')
            .update(JSON.stringify(input ?? null))
            .digest('hex');
          if (this.lastInput.get(entityRef) === key) continue;
          const writes = input ? this.parse(entity, input) : [];
          const r = await store.syncFileSlos(entityRef, writes, CATALOG_AUTHOR);
          this.lastInput.set(entityRef, key);
          result.created += r.created;
          result.updated += r.updated;
          result.deleted += r.deleted;
        } catch (error) {
          this.lastInput.delete(entityRef);
          result.failed += 1;
          logger.warn(`SLOs of ${entityRef} not updated: ${(error as Error).message}`);
        }
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    result.deleted += await store.removeFileSlosExcept(seen, CATALOG_AUTHOR);
    for (const ref of [...this.lastInput.keys()]) {
      if (!seen.has(ref)) this.lastInput.delete(ref);
    }
    return result;
  }

  /** The SLOs one entity's file defines; throws with every issue when the file is invalid. */
  async load(entity: Entity, lookup: EntityLookup): Promise<SloWrite[]> {
    const input = await this.read(entity, lookup);
    return input ? this.parse(entity, input) : [];
  }

  /** The file's text and what the catalog says about the entity; undefined without a file. */
  private async read(entity: Entity, lookup: EntityLookup): Promise<EntitySloInput | undefined> {
    const file = sloFileOf(entity);
    if (!file) return undefined;
    const text = await readSloFile(file, this.options.reader);
    const ownerRef = ownerRefOf(entity);
    const lineOfBusiness = await lineOfBusinessOf(entity, lookup);
    return { file: file.target, text, ownerRef, lineOfBusiness };
  }

  private parse(entity: Entity, input: EntitySloInput): SloWrite[] {
    const { file, text, ownerRef, lineOfBusiness } = input;
    const { slos, issues } = parseSloDocuments(text, file, {
      defaults: {
        service: entity.metadata.name,
        ...(ownerRef ? { owner: ownerRef } : {}),
        ...(lineOfBusiness ? { lineOfBusiness } : {}),
      },
    });
    if (issues.length > 0) {
      throw new Error(issues.map(formatIssue).join('; '));
    }
    const entityRef = stringifyEntityRef(entity);
    return slos.map(slo => ({
      entityRef,
      name: slo.name,
      origin: 'file' as const,
      sourceLocation: file,
      // The catalog is the source of truth for ownership, whatever the file says.
      ownerRef,
      lineOfBusiness: lineOfBusiness ?? slo.lineOfBusiness ?? null,
      displayName: slo.displayName ?? null,
      description: slo.description ?? null,
      objective: slo.objective.target,
      window: slo.window.duration,
      evaluationIntervalSeconds: intervalOf(slo.annotations),
      definition: slo,
      input: null,
    }));
  }
}

interface EntitySloInput {
  file: string;
  text: string;
  ownerRef: string | null;
  lineOfBusiness: string | null;
}

/** `headroom.dev/evaluation-interval` on an SLO document, in seconds (e.g. `60`, `5m`). */
export function intervalOf(annotations: Record<string, string>): number | null {
  const value = annotations['headroom.dev/evaluation-interval'];
  if (!value) return null;
  const match = /^(\d+)(s|m|h)?$/.exec(value.trim());
  if (!match) return null;
  const n = Number(match[1]);
  const unit = match[2] === 'h' ? 3600 : match[2] === 'm' ? 60 : 1;
  return n * unit > 0 ? n * unit : null;
}
