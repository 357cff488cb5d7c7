import type { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  headroomSloEditPermission,
  headroomSloReadPermission,
} from '@headroom/plugin-headroom-common';
import type { Request } from 'express';
import type { HeadroomApiRouter } from '../api/router';
import { Access, authorOf } from '../service/access';
import { toDrillRunJson, type DrillEntity, type DrillRunInput, type DrillService } from './service';

export interface DrillRoutesOptions {
  service: DrillService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}

const DAY = 86400;

/**
 * Drills under /drills: recording a run (the SLO edit permission on its entity), an entity's
 * drills and runs, the weak-links report and resilience scores (only over entities the caller
 * may read the SLOs of).
 */
export function registerDrillRoutes(router: HeadroomApiRouter, options: DrillRoutesOptions): void {
  const { service } = options;
  const access = new Access(options.httpAuth, options.permissions);

  const days = (req: Request) => {
    const value = (req.query as { days?: string }).days;
    return value === undefined ? service.settings.lookbackDays : Math.min(366, Number(value));
  };
  const readable = async (req: Request) => {
    const canRead = await access.filter(await access.credentials(req), headroomSloReadPermission);
    return (e: DrillEntity) => canRead({ entityRef: e.entityRef, ownerRef: e.ownerRef });
  };

  router.post('/drills/runs', async (req, res) => {
    const where = `POST ${req.originalUrl}`;
    const body = req.body as DrillRunInput;
    const credentials = await access.credentials(req);
    const found = await service.entity(
      body.entityRef ?? `component:default/${body.record.service}`,
    );
    await access.require(credentials, headroomSloEditPermission, {
      entityRef: found.entityRef,
      ownerRef: found.ownerRef,
    });
    service.checkRun(body, found, where);
    const stored = await service.record(body, found, authorOf(credentials), 'cli');
    res.status(201).json(toDrillRunJson(stored) as never);
  });

  router.get('/drills/entities/:kind/:namespace/:name', async (req, res) => {
    const { kind, namespace, name } = req.params;
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    const credentials = await access.credentials(req);
    const found = await service.entity(entityRef);
    await access.require(credentials, headroomSloReadPermission, {
      entityRef: found.entityRef,
      ownerRef: found.ownerRef,
    });
    res.json((await service.entityDrills(found, days(req))) as never);
  });

  router.get('/drills/weak-links', async (req, res) => {
    const lob = (req.query as { lineOfBusiness?: string }).lineOfBusiness;
    res.json((await service.weakLinks(await readable(req), lob, days(req))) as never);
  });

  router.get('/drills/resilience', async (req, res) => {
    const q = req.query as { lineOfBusiness?: string; by?: string; step?: string };
    const to = service.now();
    const stepSeconds = q.step === 'week' ? 7 * DAY : DAY;
    // Whole steps ending now, so that each point covers the same span.
    const from = to - Math.ceil((days(req) * DAY) / stepSeconds) * stepSeconds;
    const by = q.by === 'lineOfBusiness' ? 'lineOfBusiness' : 'service';
    res.json(
      (await service.resilience(await readable(req), by, {
        from,
        to,
        stepSeconds,
        ...(q.lineOfBusiness ? { lineOfBusiness: q.lineOfBusiness } : {}),
      })) as never,
    );
  });
}
