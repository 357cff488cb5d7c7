import type { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { cachedCatalogLookup, lineOfBusinessOf, ownerRefOf } from '../lib/entityContext';
import { FreshCache } from '../lib/freshCache';
import { type SerializedJson, serializeJson } from '../lib/serializedJson';
import type { HeadroomSloResource } from '../permissions/rules';
import type { AssessmentStore } from './AssessmentStore';
import {
  coverageReport,
  serviceCreatedAt,
  type CoverageAssessment,
  type CoverageReport,
  type CoverageService,
} from './coverage';

/**
 * A report and its JSON, serialised once: with 10,000 services the body is about 600 kB, and
 * serialising and hashing it for every request would take more CPU than the rest of the route.
 */
export interface SerialisedReport extends SerializedJson {
  report: CoverageReport;
}

/** A service of the catalog as the report needs it, with its owner for permission decisions. */
interface IndexedService extends CoverageService {
  ownerRef: string | null;
}

/** What the catalog's entities are read with: only what the report and the decisions need. */
const SERVICE_FIELDS = [
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
const PAGE_SIZE = 500;

/**
 * The coverage report from an index of the catalog's services instead of a catalog read per
 * request. The services (owner, line of business, creation time) are read in pages every
 * `refreshSeconds`, in the background once the first read is done, and noted as sightings then;
 * the latest assessments are read again after an assessment is recorded or approved here, and
 * every few seconds for other replicas'; the report itself is folded at most once a second per
 * permission decision. Every number comes from `coverageReport`, as before.
 */
export class CoverageIndex {
  private readonly services: FreshCache<IndexedService[]>;
  private readonly latest: FreshCache<CoverageAssessment[]>;
  private readonly reports: FreshCache<SerialisedReport>;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      store: AssessmentStore;
      staleAfterDays: number;
      refreshSeconds: number;
      now: () => Date;
      onError: (what: string, error: unknown) => void;
    },
  ) {
    const written = () => deps.store.assessmentsWritten;
    this.services = new FreshCache({
      maxAgeMs: deps.refreshSeconds * 1000,
      generation: () => 0,
      maxKeys: 1,
      onError: e => deps.onError('Reading the services of the catalog', e),
    });
    this.latest = new FreshCache({
      maxAgeMs: 5_000,
      generation: written,
      maxKeys: 1,
      onError: e => deps.onError('Reading the latest capacity assessments', e),
    });
    this.reports = new FreshCache({
      maxAgeMs: 1_000,
      generation: written,
      onError: e => deps.onError('Folding the coverage report', e),
    });
  }

  /** The report for a caller whose read decision is `decision` (see `Access.decide`). */
  report(decision: {
    key: string;
    allows: (resource: HeadroomSloResource) => boolean;
  }): Promise<SerialisedReport> {
    return this.reports.get(decision.key, async () => {
      const [services, latest] = await Promise.all([
        this.services.get('all', () => this.readServices()),
        this.latest.get('all', () => this.deps.store.latestOfAll()),
      ]);
      const readable =
        decision.key === AuthorizeResult.ALLOW
          ? services
          : services.filter(s => decision.allows({ entityRef: s.entityRef, ownerRef: s.ownerRef }));
      const report = coverageReport(readable, latest, {
        now: this.deps.now(),
        staleAfterDays: this.deps.staleAfterDays,
      });
      return { report, ...serializeJson(report) };
    });
  }

  /** Every Component of type service, in pages, noted as seen now. */
  private async readServices(): Promise<IndexedService[]> {
    const { catalog, store } = this.deps;
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const lookup = cachedCatalogLookup(catalog, credentials);
    const entities = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE, fields: SERVICE_FIELDS }
          : {
              filter: { kind: 'Component', 'spec.type': 'service' },
              limit: PAGE_SIZE,
              fields: SERVICE_FIELDS,
              totalItems: 'exclude',
            },
        { credentials },
      );
      entities.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    const refs = entities.map(e => stringifyEntityRef(e));
    // Seen now at the latest: a service first listed here counts from this read.
    await store.recordSightings(refs, this.deps.now());
    const sightings = await store.sightings();
    const services: IndexedService[] = [];
    for (const [i, entity] of entities.entries()) {
      const entityRef = refs[i]!;
      services.push({
        entityRef,
        ownerRef: ownerRefOf(entity),
        lineOfBusiness: await lineOfBusinessOf(entity, lookup),
        createdAt: serviceCreatedAt(entity.metadata.annotations, sightings.get(entityRef)),
      });
    }
    return services;
  }
}
