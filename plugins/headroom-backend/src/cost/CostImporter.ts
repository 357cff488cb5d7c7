import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  compileAttributionRules,
  COST_TAGS_ANNOTATION,
  parseCostTagsAnnotation,
  type CostEntity,
} from '@headroom/core';
import { fetchOpenCostAllocations, focusSourceFiles } from '@headroom/cost';
import type { CostImportRun, CostImportTrigger } from '@headroom/plugin-headroom-common';
import {
  cachedCatalogLookup,
  lineOfBusinessOf,
  ownerRefOf,
  type EntityLookup,
} from '../lib/entityContext';
import type { CostSettings, CostSourceSettings, OpenCostSourceSettings } from './config';
import { periodsJson, type CostStore, type EntityOwnership } from './CostStore';
import { CostSourceError, ingestFocusFiles, streamedFocusFile } from './focusFiles';
import { CostIngest } from './ingest';

export interface CostImporterOptions {
  store: CostStore;
  settings: CostSettings;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  now?: () => Date;
}

/** What the importer reads for one run: a configured source, or a body being uploaded. */
type Input =
  | { kind: 'source'; source: CostSourceSettings; signal?: AbortSignal }
  | { kind: 'upload'; body: AsyncIterable<Buffer> };

/**
 * The catalog's components as cost entities. An entity whose cost-tags annotation cannot be
 * read keeps its other claims and is reported, rather than failing every import.
 */
export async function costEntitiesOf(
  entities: readonly Entity[],
  lookup: EntityLookup,
): Promise<{ entities: CostEntity[]; ownership: EntityOwnership; warnings: string[] }> {
  const out: CostEntity[] = [];
  const ownership = new Map<string, { ownerRef: string | null; lineOfBusiness: string | null }>();
  const warnings: string[] = [];
  for (const entity of entities) {
    const ref = stringifyEntityRef(entity);
    const annotations = { ...(entity.metadata.annotations ?? {}) };
    const tags = annotations[COST_TAGS_ANNOTATION];
    if (tags !== undefined) {
      const parsed = parseCostTagsAnnotation(tags);
      if (typeof parsed === 'string') {
        warnings.push(`${ref}: annotation ${COST_TAGS_ANNOTATION}: ${parsed}; ignored`);
        delete annotations[COST_TAGS_ANNOTATION];
      }
    }
    const ownerRef = ownerRefOf(entity);
    const lineOfBusiness = await lineOfBusinessOf(entity, lookup);
    out.push({ ref, owner: ownerRef, lineOfBusiness, annotations });
    ownership.set(ref, { ownerRef, lineOfBusiness });
  }
  return { entities: out, ownership, warnings };
}

/**
 * The OpenCost window of a run: from the start of the month two days ago until now, so that
 * every import covers whole billing months (it replaces them) and the first runs of a month
 * still complete the month before.
 */
export function openCostWindow(source: OpenCostSourceSettings, now: Date): string {
  if (source.window !== 'auto') return source.window;
  const back = new Date(now.getTime() - 2 * 86_400_000);
  const start = new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth(), 1));
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${iso(start)},${iso(now)}`;
}

/** Runs imports: reads a source into cost cells and replaces its periods in the store. */
export class CostImporter {
  private readonly now: () => Date;

  constructor(private readonly options: CostImporterOptions) {
    this.now = options.now ?? (() => new Date());
  }

  source(id: string): CostSourceSettings | undefined {
    return this.options.settings.sources.find(s => s.id === id);
  }

  /** Imports a configured source now; `signal` aborts its downloads (the scheduler's timeout). */
  run(
    source: CostSourceSettings,
    trigger: Exclude<CostImportTrigger, 'upload'>,
    requestedBy: string | null,
    signal?: AbortSignal,
  ): Promise<CostImportRun> {
    return this.execute(source.id, trigger, requestedBy, { kind: 'source', source, signal });
  }

  /** Imports a FOCUS CSV (plain or gzip'd) streamed in a request body into `sourceId`. */
  upload(
    sourceId: string,
    body: AsyncIterable<Buffer>,
    requestedBy: string | null,
  ): Promise<CostImportRun> {
    return this.execute(sourceId, 'upload', requestedBy, { kind: 'upload', body });
  }

  /** Whether the catalog holds any Component yet (right after start it may hold none). */
  async catalogHasComponents(): Promise<boolean> {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.queryEntities(
      { filter: { kind: 'Component' }, fields: ['kind'], limit: 1 },
      { credentials },
    );
    return items.length > 0;
  }

  private async entities() {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      { filter: { kind: 'Component' }, fields: ['kind', 'metadata', 'spec', 'relations'] },
      { credentials },
    );
    const lookup = cachedCatalogLookup(catalog, credentials);
    return costEntitiesOf(items, lookup);
  }

  private async execute(
    sourceId: string,
    trigger: CostImportTrigger,
    requestedBy: string | null,
    input: Input,
  ): Promise<CostImportRun> {
    const { store, settings, logger } = this.options;
    const id = await store.startRun({ sourceId, trigger, requestedBy, startedAt: this.now() });
    let warnings: string[] = [];
    let ingest: CostIngest | undefined;
    try {
      const catalog = await this.entities();
      warnings = catalog.warnings;
      let attributor;
      try {
        attributor = compileAttributionRules(settings.rules, catalog.entities);
      } catch (e) {
        throw new Error(`headroom.cost.attribution: ${(e as Error).message}`);
      }
      ingest = new CostIngest(attributor, sourceId, settings.sampleLimit);
      await this.read(input, ingest);
      const result = ingest.finish();
      await store.replacePeriods(sourceId, result, catalog.ownership, id, this.now());
      await store.finishRun(id, {
        status: 'succeeded',
        finishedAt: this.now(),
        rows: result.rows,
        badRows: result.badRows.count,
        badRowSamples: result.badRows.samples,
        periods: periodsJson(result.periods),
        error: null,
        warnings,
      });
      logger.info(
        `Cost import ${id} of ${sourceId}: ${result.rows} rows, ${result.badRows.count} bad, ` +
          `${result.periods.length} period(s) replaced`,
      );
    } catch (e) {
      const message = (e as Error).message;
      await store.finishRun(id, {
        status: 'failed',
        finishedAt: this.now(),
        rows: 0,
        badRows: 0,
        badRowSamples: [],
        periods: [],
        error: message,
        warnings,
      });
      logger.warn(`Cost import ${id} of ${sourceId} failed, the stored periods stay: ${message}`);
    }
    return (await store.run(id))!;
  }

  private async read(input: Input, ingest: CostIngest): Promise<void> {
    const rules = this.options.settings.rules;
    if (input.kind === 'upload') {
      await ingestFocusFiles([streamedFocusFile('upload', input.body)], ingest, rules);
      return;
    }
    const source = input.source;
    if (source.type === 'focus') {
      let files;
      try {
        files = await focusSourceFiles(source.location, {
          headers: source.headers,
          signal: input.signal,
        });
      } catch (e) {
        throw new CostSourceError((e as Error).message);
      }
      await ingestFocusFiles(files, ingest, rules);
    } else if (source.type === 'opencost') {
      const r = await fetchOpenCostAllocations(source.baseUrl, {
        window: openCostWindow(source, this.now()),
        aggregate: source.aggregate,
        step: source.step,
        currency: source.currency,
        headers: source.headers,
        signal: input.signal,
      });
      for (const error of r.errors) ingest.badRow(r.url, error);
      for (const row of r.rows) ingest.addRow(row);
    } else {
      throw new CostSourceError(
        `Source ${source.id} is of type upload: send its data to POST /cost/imports/${source.id}/upload`,
      );
    }
  }
}
