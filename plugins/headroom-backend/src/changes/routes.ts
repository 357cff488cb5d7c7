import type { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { parseRfc3339, type CanaryVerdict, type ChangeRollbackDecision } from '@headroom/core';
import {
  headroomSloEditPermission,
  headroomSloReadPermission,
} from '@headroom/plugin-headroom-common';
import type { Request } from 'express';
import type { HeadroomApiRouter } from '../api/router';
import { entityRefOf } from '../delivery/service';
import { Access, authorOf } from '../service/access';
import type { ChangeKind, ChangeTarget } from './ChangeStore';
import { ChangeService, type ChangeEntry } from './service';

export interface ChangeRoutesOptions {
  service: ChangeService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}

const iso = (t: number) => new Date(t * 1000).toISOString();
const DEFAULT_PERIOD_DAYS = 90;

export function changeJson(e: ChangeEntry) {
  const c = e.change;
  return {
    id: c.id,
    entityRef: c.entityRef,
    service: c.service,
    lineOfBusiness: c.lineOfBusiness,
    version: c.version,
    kind: c.kind,
    startedAt: iso(c.startedAt),
    watchUntil: iso(c.startedAt + c.watchSeconds),
    state: c.state,
    recorded: e.recorded,
    source: c.source,
    assessment: c.assessment,
    verdicts: e.verdicts.map(v => ({ ...v, at: iso(v.at) })),
    rollbacks: e.rollbacks.map(r => ({ ...r, at: iso(r.at) })),
    outcome: e.outcome,
  };
}

const decisionJson = (d: ChangeRollbackDecision) => ({
  rollback: d.rollback,
  reason: d.reason,
  trigger: d.trigger,
  watchUntil: iso(d.watchEndsAt),
});

function time(value: unknown, name: string, where: string): number | undefined {
  if (value === undefined) return undefined;
  const t = typeof value === 'string' ? parseRfc3339(value) : undefined;
  if (t === undefined) {
    throw new InputError(
      `${name} of ${where} must be an RFC 3339 time like 2026-11-02T10:00:00Z, got '${String(value)}'`,
    );
  }
  return t;
}

/**
 * The change log under /changes: record a change (assessed by core), list and read changes with
 * their verdicts, rollbacks and outcome, judge or post a canary verdict, decide and promote.
 * Reads need the SLO read permission on the change's entity, writes the SLO edit permission.
 */
export function registerChangeRoutes(router: HeadroomApiRouter, options: ChangeRoutesOptions) {
  const { service } = options;
  const access = new Access(options.httpAuth, options.permissions);

  const editable = async (req: Request, entityRef: string) => {
    const credentials = await access.credentials(req);
    await access.require(credentials, headroomSloEditPermission, {
      entityRef,
      ownerRef: await service.ownerOf(entityRef),
    });
    return credentials;
  };
  const readable = async (req: Request, entityRef: string) => {
    const credentials = await access.credentials(req);
    await access.require(credentials, headroomSloReadPermission, {
      entityRef,
      ownerRef: await service.ownerOf(entityRef),
    });
  };

  router.get('/changes', async (req, res) => {
    const where = `GET ${req.originalUrl}`;
    const q = req.query as Record<string, string | undefined>;
    const to = time(q.to, 'Query parameter to', where) ?? service.now();
    const from = time(q.from, 'Query parameter from', where) ?? to - DEFAULT_PERIOD_DAYS * 86400;
    if (!(to > from)) throw new InputError(`Query parameters of ${where}: from must be before to`);
    const entityRef = q.entityRef
      ? entityRefOf(q.entityRef, 'Query parameter entityRef')
      : undefined;
    const credentials = await access.credentials(req);
    const canRead = await access.filter(credentials, headroomSloReadPermission);
    const owners = new Map<string, string | null>();
    const items: ChangeEntry[] = [];
    for (const e of await service.entries({ from, to, entityRef })) {
      if (!owners.has(e.change.entityRef)) {
        owners.set(e.change.entityRef, await service.ownerOf(e.change.entityRef));
      }
      if (!canRead({ entityRef: e.change.entityRef, ownerRef: owners.get(e.change.entityRef)! })) {
        continue;
      }
      if (q.lineOfBusiness && e.change.lineOfBusiness !== q.lineOfBusiness) continue;
      items.push(e);
    }
    const byLob = new Map<string | null, ChangeEntry[]>();
    for (const e of items)
      byLob.set(e.change.lineOfBusiness, [...(byLob.get(e.change.lineOfBusiness) ?? []), e]);
    res.json({
      from: iso(from),
      to: iso(to),
      items: items.map(changeJson),
      failureRate: ChangeService.failureRate(items),
      byLineOfBusiness: [...byLob.entries()]
        .sort(([a], [b]) => (a ?? '').localeCompare(b ?? ''))
        .map(([lineOfBusiness, entries]) => ({
          lineOfBusiness,
          ...ChangeService.failureRate(entries),
        })),
    } as never);
  });

  router.post('/changes', async (req, res) => {
    const where = `POST ${req.originalUrl}`;
    const body = req.body as {
      entityRef: string;
      version: string;
      kind?: ChangeKind;
      at?: string;
      watchMinutes?: number;
      size?: { linesChanged: number; irreversible?: boolean };
      target?: ChangeTarget;
    };
    const entityRef = entityRefOf(body.entityRef, `Body field entityRef of ${where}`);
    // An unknown entity is a 404 before any permission question.
    await service.requireEntity(entityRef, await access.credentials(req));
    const credentials = await editable(req, entityRef);
    const entry = await service.record(
      {
        entityRef,
        version: body.version,
        ...(body.kind ? { kind: body.kind } : {}),
        ...(body.at !== undefined ? { at: time(body.at, 'Body field at', where) } : {}),
        ...(body.watchMinutes !== undefined ? { watchMinutes: body.watchMinutes } : {}),
        ...(body.size ? { size: body.size } : {}),
        ...(body.target ? { target: body.target } : {}),
      },
      credentials,
      authorOf(credentials),
    );
    res.status(201).json(changeJson(entry) as never);
  });

  router.get('/changes/:id', async (req, res) => {
    const entry = await service.get(req.params.id);
    await readable(req, entry.change.entityRef);
    res.json(changeJson(entry) as never);
  });

  router.post('/changes/:id/judge', async (req, res) => {
    const where = `POST ${req.originalUrl}`;
    const entry = await service.get(req.params.id);
    await editable(req, entry.change.entityRef);
    const body = req.body as {
      config: unknown;
      queries: Record<string, { baseline: string; canary: string }>;
      from?: string;
      to?: string;
    };
    const from = time(body.from, 'Body field from', where);
    const to = time(body.to, 'Body field to', where);
    const { verdict, decision } = await service.judge(
      req.params.id,
      {
        config: body.config,
        queries: body.queries,
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
      },
      where,
    );
    const change = await service.get(req.params.id);
    res.json({ verdict, decision: decisionJson(decision), change: changeJson(change) } as never);
  });

  router.post('/changes/:id/verdicts', async (req, res) => {
    const where = `POST ${req.originalUrl}`;
    const entry = await service.get(req.params.id);
    await editable(req, entry.change.entityRef);
    const { verdict, decision } = await service.postVerdict(
      req.params.id,
      req.body as unknown as CanaryVerdict,
      where,
    );
    const change = await service.get(req.params.id);
    res.json({ verdict, decision: decisionJson(decision), change: changeJson(change) } as never);
  });

  router.post('/changes/:id/evaluate', async (req, res) => {
    const entry = await service.get(req.params.id);
    await editable(req, entry.change.entityRef);
    const decision = await service.evaluate(req.params.id);
    const change = await service.get(req.params.id);
    res.json({ decision: decisionJson(decision), change: changeJson(change) } as never);
  });

  router.post('/changes/:id/promote', async (req, res) => {
    const entry = await service.get(req.params.id);
    await editable(req, entry.change.entityRef);
    res.json(changeJson(await service.promote(req.params.id, `POST ${req.originalUrl}`)) as never);
  });
}
