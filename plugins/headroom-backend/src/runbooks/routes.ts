import type { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';
import type { Entity } from '@backstage/catalog-model';
import {
  lineOfBusinessCoverage,
  recoverySplit,
  runbookCoverage,
  type Runbook,
  sloAlerts,
  type RunbookAuditRecord,
  type Slo,
} from '@headroom/core';
import {
  headroomSloEditPermission,
  headroomSloReadPermission,
} from '@headroom/plugin-headroom-common';
import type { Request } from 'express';
import type { HeadroomApiRouter } from '../api/router';
import { ownerRefOf } from '../lib/entityContext';
import type { EntityIncident, Period } from '../incidents/service';
import { Access, authorOf } from '../service/access';
import type { EntityRunbookDefinitions } from './runbookFile';
import type { StoredRunbookRun } from './RunbookStore';
import type { RunbookService } from './service';

export interface RunbookRoutesOptions {
  service: RunbookService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  /** Incidents whose impact started in the period, as the incidents routes list them. */
  listIncidents(period: Period): Promise<EntityIncident[]>;
  /** The runbooks of the entity's headroom.dev/runbooks file, with its problems. */
  loadRunbooks(entity: Entity): Promise<EntityRunbookDefinitions>;
  /** The entity's SLO definitions. */
  slosOf(entityRef: string): Promise<Slo[]>;
  /** Every SLO of the line of business (of every one when undefined), with its entity and owner. */
  slosIn(
    lineOfBusiness: string | undefined,
  ): Promise<{ entityRef: string; ownerRef: string | null; definition: Slo }[]>;
  now?: () => number;
}

const DEFAULT_DAYS = 30;
const iso = (t: number) => new Date(t * 1000).toISOString();

function runJson(run: StoredRunbookRun) {
  return {
    ...run,
    recordedAt: iso(run.recordedAt),
    approvals: run.approvals.map(a => ({ ...a, at: iso(a.at) })),
  };
}

/**
 * Runbook runs under /runbooks: record a run and finish one that waited for an approval (SLO
 * edit permission on the entity), list and read
 * runs (SLO read permission), approve a risky action (edit permission), an entity's summary and
 * a line of business's automation coverage.
 */
export function registerRunbookRoutes(
  router: HeadroomApiRouter,
  options: RunbookRoutesOptions,
): void {
  const { service, catalog } = options;
  const access = new Access(options.httpAuth, options.permissions);
  const now = options.now ?? (() => Date.now() / 1000);

  const ownerOf = async (req: Request, entityRef: string) => {
    const credentials = await access.credentials(req);
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    return { credentials, entity, ownerRef: entity ? ownerRefOf(entity) : null };
  };

  router.post('/runbooks/runs', async (req, res) => {
    const where = `POST ${req.originalUrl}`;
    const body = req.body as {
      record: RunbookAuditRecord;
      entityRef?: string;
      incidentId?: string;
    };
    const entityRef = service.entityRefOf(body, where);
    const { credentials, ownerRef } = await ownerOf(req, entityRef);
    await access.require(credentials, headroomSloEditPermission, { entityRef, ownerRef });
    const run = await service.record(body, authorOf(credentials), where);
    res.status(201).json(runJson(run) as never);
  });

  router.get('/runbooks/runs', async (req, res) => {
    const q = req.query as { entityRef?: string; incidentId?: string };
    const credentials = await access.credentials(req);
    const canRead = await access.filter(credentials, headroomSloReadPermission);
    const runs = await service.list({
      ...(q.entityRef ? { entityRef: q.entityRef } : {}),
      ...(q.incidentId ? { incidentId: q.incidentId } : {}),
    });
    const owners = new Map<string, string | null>();
    const items: StoredRunbookRun[] = [];
    for (const run of runs) {
      if (!owners.has(run.entityRef)) {
        const entity = await catalog.getEntityByRef(run.entityRef, { credentials });
        owners.set(run.entityRef, entity ? ownerRefOf(entity) : null);
      }
      if (canRead({ entityRef: run.entityRef, ownerRef: owners.get(run.entityRef)! }))
        items.push(run);
    }
    res.json({ items: items.map(runJson) } as never);
  });

  const readable = async (req: Request, id: string) => {
    const run = await service.get(id);
    const { credentials, ownerRef } = await ownerOf(req, run.entityRef);
    await access.require(credentials, headroomSloReadPermission, {
      entityRef: run.entityRef,
      ownerRef,
    });
    return { run, credentials, ownerRef };
  };

  router.get('/runbooks/runs/:id', async (req, res) => {
    const { run } = await readable(req, req.params.id);
    res.json(runJson(run) as never);
  });

  router.put('/runbooks/runs/:id', async (req, res) => {
    const where = `PUT ${req.originalUrl}`;
    const { run, credentials, ownerRef } = await readable(req, req.params.id);
    await access.require(credentials, headroomSloEditPermission, {
      entityRef: run.entityRef,
      ownerRef,
    });
    const { record } = req.body as { record: RunbookAuditRecord };
    res.json(runJson(await service.update(run.id, record, where)) as never);
  });

  router.post('/runbooks/runs/:id/approve', async (req, res) => {
    const { run, credentials, ownerRef } = await readable(req, req.params.id);
    await access.require(credentials, headroomSloEditPermission, {
      entityRef: run.entityRef,
      ownerRef,
    });
    const { action } = req.body as { action: string };
    res.json(runJson(await service.approve(run.id, action, authorOf(credentials))) as never);
  });

  const periodOf = (req: Request) => {
    const daysText = (req.query as { days?: string }).days;
    const days = daysText === undefined ? DEFAULT_DAYS : Number(daysText);
    if (!(days >= 1 && days <= 366)) {
      throw new InputError(
        `Query parameter days of ${req.method} ${req.originalUrl} must be from 1 to 366, got '${daysText}'`,
      );
    }
    const to = now();
    return { from: to - days * 86400, to };
  };

  router.get('/runbooks/recovery', async (req, res) => {
    const period = periodOf(req);
    const lob = (req.query as { lineOfBusiness?: string }).lineOfBusiness;
    const credentials = await access.credentials(req);
    const canRead = await access.filter(credentials, headroomSloReadPermission);
    const incidents = (await options.listIncidents(period))
      .filter(i => canRead({ entityRef: i.entityRef, ownerRef: i.ownerRef }))
      .filter(i => lob === undefined || i.incident.target.lineOfBusiness === lob);
    // A run may answer an incident that began before the period: read a day further back.
    const runs = await service.list({ from: period.from - 86400, to: period.to });
    const split = recoverySplit(
      incidents.map(i => i.incident),
      runs.map(r => ({ incidentId: r.incidentId, result: r.record.result })),
    );
    res.json({
      from: iso(period.from),
      to: iso(period.to),
      lineOfBusiness: lob ?? null,
      ...split,
    } as never);
  });

  router.get('/runbooks/coverage', async (req, res) => {
    const lob = (req.query as { lineOfBusiness?: string }).lineOfBusiness;
    const credentials = await access.credentials(req);
    const canRead = await access.filter(credentials, headroomSloReadPermission);
    const slos = (await options.slosIn(lob)).filter(s =>
      canRead({ entityRef: s.entityRef, ownerRef: s.ownerRef }),
    );
    const runbooks: Runbook[] = [];
    const problems: string[] = [];
    for (const entityRef of new Set(slos.map(s => s.entityRef))) {
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) continue;
      const definitions = await options.loadRunbooks(entity);
      runbooks.push(...definitions.runbooks);
      problems.push(...definitions.problems);
    }
    res.json({
      lineOfBusiness: lob ?? null,
      ...lineOfBusinessCoverage(
        slos.flatMap(s => sloAlerts(s.definition)),
        runbooks,
      ),
      problems,
    } as never);
  });

  router.get('/runbooks/entities/:kind/:namespace/:name', async (req, res) => {
    const { kind, namespace, name } = req.params;
    const entityRef = `${kind.toLocaleLowerCase('en-US')}:${namespace}/${name}`;
    const { credentials, entity, ownerRef } = await ownerOf(req, entityRef);
    await access.require(credentials, headroomSloReadPermission, { entityRef, ownerRef });
    const { from, to } = periodOf(req);
    const { summary, runs } = await service.entity(entityRef, { from, to });
    const definitions = entity
      ? await options.loadRunbooks(entity)
      : { file: null, runbooks: [], problems: [] };
    const alerts = (await options.slosOf(entityRef)).flatMap(sloAlerts);
    res.json({
      entityRef,
      from: iso(from),
      to: iso(to),
      summary: {
        ...summary,
        lastRunAt: summary.lastRunAt === null ? null : iso(summary.lastRunAt),
      },
      runs: runs.map(runJson),
      definitions: {
        file: definitions.file,
        runbooks: definitions.runbooks.map(r => ({
          name: r.name,
          slo: r.slo,
          actions: r.actions.map(a => a.name),
        })),
        problems: definitions.problems,
      },
      coverage: runbookCoverage(alerts, definitions.runbooks),
    } as never);
  });
}
