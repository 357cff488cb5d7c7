import type { AuthService, LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService as BackstageCatalog } from '@backstage/plugin-catalog-node';
import {
  parseRfc3339,
  resilienceTrend,
  weakLinks,
  type CatalogService,
  type DependantImpact,
  type DrillFault,
  type DrillRunRecord,
} from '@headroom/core';
import type {
  DrillResilience,
  DrillRun,
  DrillWeakLinks,
  EntityDrills,
} from '@headroom/plugin-headroom-common';
import type { SloStore } from '../database/types';
import type { IncidentService } from '../incidents/service';
import {
  cachedCatalogLookup,
  type EntityLookup,
  lineOfBusinessOf,
  ownerRefOf,
} from '../lib/entityContext';
import { loadEntityDrills, type EntityDrillDefinitions } from './drillFile';
import type { DrillRunStore, StoredDrillRun } from './DrillRunStore';
import type { DrillSettings } from './settings';

const DAY = 86400;

/** A catalog component as the drills see it: the graph node, with owner and entity. */
export interface DrillEntity {
  entityRef: string;
  ownerRef: string | null;
  entity: Entity;
  node: CatalogService;
}

/** A component as the drills see it: its graph node (dependsOn components), owner and line of business. */
async function drillEntity(
  entity: Entity,
  lookup: EntityLookup,
  hasSlo: boolean,
): Promise<DrillEntity> {
  const lineOfBusiness = await lineOfBusinessOf(entity, lookup);
  return {
    entityRef: stringifyEntityRef(entity),
    ownerRef: ownerRefOf(entity),
    entity,
    node: {
      name: entity.metadata.name,
      ...(lineOfBusiness ? { lineOfBusiness } : {}),
      dependsOn: (entity.relations ?? [])
        .filter(r => r.type === RELATION_DEPENDS_ON)
        .map(r => parseEntityRef(r.targetRef))
        .filter(r => r.kind.toLowerCase() === 'component')
        .map(r => r.name),
      hasSlo,
    },
  };
}

/** A run as POSTed by `headroom drill run --record` (or built by the scheduler). */
export interface DrillRunInput {
  entityRef?: string;
  record: DrillRunRecord;
  faults: Pick<DrillFault, 'type' | 'target' | 'weight'>[];
  alertSeverity?: 'page' | 'ticket' | null;
  dependants?: DependantImpact[];
}

export function toDrillRunJson(run: StoredDrillRun): DrillRun {
  return {
    id: run.id,
    entityRef: run.entityRef,
    source: run.source,
    recordedBy: run.recordedBy,
    record: run.record,
    faults: [...run.faults],
    alertSeverity: run.alertSeverity ?? null,
    dependants: [...(run.dependants ?? [])],
    incidents: [],
  };
}

/** A minute before the fault: an incident's impact may be dated a little before its alert. */
const INCIDENT_MARGIN = 60;

/**
 * Drills: definitions read from the entities' drills files, runs recorded, and the weak-links
 * report and resilience scores computed by core from the stored runs and the catalog's graph.
 */
export class DrillService {
  constructor(
    private readonly options: {
      store: DrillRunStore;
      slos: SloStore;
      catalog: BackstageCatalog;
      auth: AuthService;
      reader: UrlReaderService;
      settings: DrillSettings;
      logger: LoggerService;
      /** Links each run to the incidents it raised, when incidents are on. */
      incidents?: Pick<IncidentService, 'list'>;
      now?: () => number;
    },
  ) {}

  now(): number {
    return this.options.now?.() ?? Date.now() / 1000;
  }

  get settings(): DrillSettings {
    return this.options.settings;
  }

  /** The catalog's components with their dependsOn graph, line of business and SLO presence. */
  async entities(): Promise<DrillEntity[]> {
    const { catalog, auth, slos } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'Component' },
        fields: ['kind', 'metadata', 'spec', 'relations'],
      },
      { credentials },
    );
    const withSlo = await slos.entityRefsWithSlos();
    const lookup = cachedCatalogLookup(catalog, credentials);
    const out: DrillEntity[] = [];
    for (const entity of items) {
      out.push(await drillEntity(entity, lookup, withSlo.has(stringifyEntityRef(entity))));
    }
    return out;
  }

  /** One component, read alone (the pages of one entity need no whole catalog). */
  async entity(entityRef: string): Promise<DrillEntity> {
    const { catalog, auth, slos } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity || entity.kind.toLowerCase() !== 'component') {
      throw new NotFoundError(`No component ${entityRef} in the catalog`);
    }
    const hasSlo = (await slos.listByEntity(stringifyEntityRef(entity))).length > 0;
    return drillEntity(entity, cachedCatalogLookup(catalog, credentials), hasSlo);
  }

  definitions(entity: Entity): Promise<EntityDrillDefinitions> {
    return loadEntityDrills(entity, this.options.reader);
  }

  /** The entity's drills, their runs over the last `days` and its resilience score by day. */
  async entityDrills(found: DrillEntity, days: number): Promise<EntityDrills> {
    const to = this.now();
    const from = to - days * DAY;
    const defs = await this.definitions(found.entity);
    const runs = await this.options.store.list({ entityRef: found.entityRef, from, to });
    const drills = [];
    for (const d of defs.drills) {
      const state = await this.options.store.scheduleState(found.entityRef, d.name);
      drills.push({
        name: d.name,
        slo: d.slo,
        hypothesis: d.hypothesis,
        faults: d.faults.map(f => ({ type: f.type, target: f.target, weight: f.weight })),
        schedule: d.schedule
          ? {
              cron: d.schedule.cron ?? null,
              at: d.schedule.at ?? [],
              minBudgetRemaining: d.schedule.minBudgetRemaining,
            }
          : null,
        held:
          state?.heldReason && state.heldAt !== null
            ? { at: new Date(state.heldAt * 1000).toISOString(), reason: state.heldReason }
            : null,
      });
    }
    const [resilience] = resilienceTrend(runs, {
      from,
      to,
      stepSeconds: DAY,
      groupOf: () => found.node.name,
    });
    return {
      entityRef: found.entityRef,
      from: new Date(from * 1000).toISOString(),
      to: new Date(to * 1000).toISOString(),
      file: defs.file,
      problems: defs.problems,
      drills,
      runs: await this.withIncidents(found.entityRef, runs),
      resilience: resilience ?? null,
    };
  }

  /** The runs as JSON, each with the entity's incidents whose impact started during it. */
  private async withIncidents(entityRef: string, runs: StoredDrillRun[]): Promise<DrillRun[]> {
    const out = runs.map(toDrillRunJson);
    const source = this.options.incidents;
    if (!source || runs.length === 0) return out;
    const span = (r: DrillRun) => {
      const start = parseRfc3339(r.record.faultStartedAt ?? r.record.startedAt)!;
      return { from: start - INCIDENT_MARGIN, to: parseRfc3339(r.record.endedAt)! };
    };
    const from = Math.min(...out.map(r => span(r).from));
    const to = Math.max(...out.map(r => span(r).to)) + 1;
    const incidents = (await source.list({ from, to })).filter(i => i.entityRef === entityRef);
    for (const run of out) {
      const { from: a, to: b } = span(run);
      run.incidents = incidents
        .filter(i => i.incident.impactStart >= a && i.incident.impactStart <= b)
        .map(i => ({
          id: i.incident.id,
          severity: i.incident.severity,
          impactStart: new Date(i.incident.impactStart * 1000).toISOString(),
        }));
    }
    return out;
  }

  /**
   * Checks a run's record before it is stored: times that parse and are in order, the record's
   * service being the entity's, faults present. Problems name the field and the request.
   */
  checkRun(input: DrillRunInput, found: DrillEntity, where: string): void {
    const r = input.record;
    const problems: string[] = [];
    const times: [string, string | null][] = [
      ['record.startedAt', r.startedAt],
      ['record.faultStartedAt', r.faultStartedAt],
      ['record.faultEndedAt', r.faultEndedAt],
      ['record.endedAt', r.endedAt],
    ];
    for (const [field, value] of times) {
      if (value !== null && parseRfc3339(value) === undefined) {
        problems.push(`${field} must be an RFC 3339 time, got '${value}'`);
      }
    }
    const start = parseRfc3339(r.startedAt);
    const end = parseRfc3339(r.endedAt);
    if (start !== undefined && end !== undefined && end < start) {
      problems.push('record.endedAt must not be before record.startedAt');
    }
    if (r.service !== found.node.name) {
      problems.push(`record.service is "${r.service}", but the entity is ${found.entityRef}`);
    }
    if (start !== undefined && start > this.now() + 300) {
      problems.push(`record.startedAt ${r.startedAt} is in the future`);
    }
    if (problems.length > 0) {
      throw new InputError(`Body of ${where}: ${problems.join('; ')}`);
    }
  }

  async record(
    input: DrillRunInput,
    found: DrillEntity,
    recordedBy: string,
    source: 'cli' | 'scheduler',
  ): Promise<StoredDrillRun> {
    return this.options.store.add({
      entityRef: found.entityRef,
      source,
      recordedBy,
      record: input.record,
      faults: input.faults,
      ...(input.alertSeverity ? { alertSeverity: input.alertSeverity } : {}),
      ...(input.dependants ? { dependants: input.dependants } : {}),
    });
  }

  /** The weak-links report over the readable entities, for one line of business or all. */
  async weakLinks(
    readable: (e: DrillEntity) => boolean,
    lineOfBusiness: string | undefined,
    days: number,
  ): Promise<DrillWeakLinks> {
    const now = this.now();
    const entities = (await this.entities()).filter(readable);
    const names = new Set(entities.map(e => e.node.name));
    // Runs before the period count for "last drilled"; runs of unreadable entities not at all.
    const runs = (await this.options.store.list({ to: now })).filter(r =>
      names.has(r.record.service),
    );
    const report = weakLinks(
      entities.map(e => e.node),
      runs,
      {
        now,
        lookbackSeconds: days * DAY,
        ...(lineOfBusiness ? { lineOfBusiness } : {}),
      },
    );
    return { ...report, lineOfBusiness: lineOfBusiness ?? null };
  }

  /** Litmus scores per service or line of business over [from, to), in steps. */
  async resilience(
    readable: (e: DrillEntity) => boolean,
    by: 'service' | 'lineOfBusiness',
    range: { from: number; to: number; stepSeconds: number; lineOfBusiness?: string },
  ): Promise<DrillResilience> {
    const entities = (await this.entities()).filter(readable);
    const lob = new Map(entities.map(e => [e.node.name, e.node.lineOfBusiness]));
    const runs = (await this.options.store.list({ from: range.from, to: range.to })).filter(
      r =>
        lob.has(r.record.service) &&
        (range.lineOfBusiness === undefined || lob.get(r.record.service) === range.lineOfBusiness),
    );
    const series = resilienceTrend(runs, {
      from: range.from,
      to: range.to,
      stepSeconds: range.stepSeconds,
      groupOf: r => (by === 'service' ? r.record.service : lob.get(r.record.service)),
    });
    return {
      by,
      from: new Date(range.from * 1000).toISOString(),
      to: new Date(range.to * 1000).toISOString(),
      stepSeconds: range.stepSeconds,
      series,
    };
  }
}
