import { timingSafeEqual } from 'node:crypto';
import type { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { AuthenticationError, InputError } from '@backstage/errors';
import {
  parseRfc3339,
  postmortemMarkdown,
  toIncidentJson,
  type MttxDimension,
  type Severity,
} from '@headroom/core';
import {
  headroomSloEditPermission,
  headroomSloReadPermission,
} from '@headroom/plugin-headroom-common';
import type { Request } from 'express';
import type { HeadroomApiRouter } from '../api/router';
import { Access, authorOf } from '../service/access';
import type { EntityIncident, IncidentService } from './service';
import type { IncidentSettings } from './settings';

/** The webhook's path, which the plugin lets through Backstage's auth to check its own. */
export const ALERTMANAGER_WEBHOOK_PATH = '/alertmanager/webhook';

export interface IncidentRoutesOptions {
  service: IncidentService;
  settings: IncidentSettings;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether a webhook request carries what Alertmanager's http_config was told to send: the
 * configured bearer token or basic auth; otherwise a Backstage service token (for example a
 * static external-access token).
 */
async function webhookAuthorised(
  req: Request,
  settings: IncidentSettings,
  httpAuth: HttpAuthService,
): Promise<boolean> {
  const header = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1];
  if (settings.webhookToken && bearer !== undefined && same(bearer, settings.webhookToken)) {
    return true;
  }
  const basic = /^Basic\s+(.+)$/i.exec(header)?.[1];
  if (settings.webhookBasicAuth && basic !== undefined) {
    const { username, password } = settings.webhookBasicAuth;
    if (same(Buffer.from(basic, 'base64').toString('utf8'), `${username}:${password}`)) return true;
  }
  try {
    await httpAuth.credentials(req, { allow: ['service'] });
    return true;
  } catch {
    return false;
  }
}

function timeParam(value: unknown, name: string, where: string): number | undefined {
  if (value === undefined) return undefined;
  const t = typeof value === 'string' ? parseRfc3339(value) : undefined;
  if (t === undefined) {
    throw new InputError(
      `Query parameter ${name} of ${where} must be an RFC 3339 time like 2026-11-02T10:00:00Z, got '${String(value)}'`,
    );
  }
  return t;
}

/**
 * Incidents under /incidents and the Alertmanager webhook: lists, one incident, its postmortem
 * draft, acknowledgement, MTTx, deploy events. Reads need the SLO read permission on the
 * incident's entity; acknowledging it too; recording a deploy the SLO edit permission.
 */
export function registerIncidentRoutes(
  router: HeadroomApiRouter,
  options: IncidentRoutesOptions,
): void {
  const { service, settings, httpAuth } = options;
  const access = new Access(httpAuth, options.permissions);

  const readable = async (req: Request, items: EntityIncident[]) => {
    const credentials = await access.credentials(req);
    const canRead = await access.filter(credentials, headroomSloReadPermission);
    return items.filter(i => canRead({ entityRef: i.entityRef, ownerRef: i.ownerRef }));
  };
  const json = (i: EntityIncident) => ({ ...toIncidentJson(i.incident), entityRef: i.entityRef });

  /** Incidents of the period the caller may read, narrowed by the query's filters. */
  const scoped = async (req: Request) => {
    const where = `${req.method} ${req.originalUrl}`;
    const q = req.query as Record<string, string | undefined>;
    const period = service.period(timeParam(q.from, 'from', where), timeParam(q.to, 'to', where));
    if (!(period.to > period.from)) {
      throw new InputError(`Query parameters of ${where}: from must be before to`);
    }
    let items = await readable(req, await service.list(period));
    if (q.entityRef) items = items.filter(i => i.entityRef === q.entityRef);
    if (q.lineOfBusiness)
      items = items.filter(i => i.incident.target.lineOfBusiness === q.lineOfBusiness);
    if (q.severity) items = items.filter(i => i.incident.severity === (q.severity as Severity));
    if (q.status) {
      items = items.filter(
        i => (i.incident.resolvedAt === null ? 'open' : 'resolved') === q.status,
      );
    }
    const narrowed = Boolean(q.entityRef || q.lineOfBusiness);
    return { period, items, narrowed };
  };

  router.post(ALERTMANAGER_WEBHOOK_PATH, async (req, res) => {
    if (!(await webhookAuthorised(req, settings, httpAuth))) {
      throw new AuthenticationError(
        'The Alertmanager webhook needs the bearer token or basic auth set in headroom.incidents.webhook, or a Backstage service token',
      );
    }
    const result = await service.receive(req.body, `POST ${req.originalUrl}`);
    res.json(result as never);
  });

  router.get('/incidents', async (req, res) => {
    const { period, items } = await scoped(req);
    res.json({
      from: new Date(period.from * 1000).toISOString(),
      to: new Date(period.to * 1000).toISOString(),
      items: items.map(json),
    } as never);
  });

  router.get('/incidents/mttx', async (req, res) => {
    const { period, items, narrowed } = await scoped(req);
    const by = ((req.query as { by?: string }).by ?? 'severity') as MttxDimension;
    const services = narrowed ? new Set(items.map(i => i.incident.target.service)) : undefined;
    const { groups, dora } = await service.mttx(
      items.map(i => i.incident),
      by,
      period,
      services,
    );
    res.json({
      by,
      from: new Date(period.from * 1000).toISOString(),
      to: new Date(period.to * 1000).toISOString(),
      targets: service.targets,
      groups,
      dora: {
        deployments: dora.deployments,
        failed: dora.failed,
        changeFailureRate: dora.changeFailureRate,
        failedDeploymentRecovery: dora.failedDeploymentRecovery,
      },
    } as never);
  });

  const readOne = async (req: Request, id: string) => {
    const found = await service.get(id);
    const credentials = await access.credentials(req);
    await access.require(credentials, headroomSloReadPermission, {
      entityRef: found.entityRef,
      ownerRef: found.ownerRef,
    });
    return { found, credentials };
  };

  router.get('/incidents/:id', async (req, res) => {
    const { found } = await readOne(req, req.params.id);
    res.json(json(found) as never);
  });

  router.get('/incidents/:id/postmortem', async (req, res) => {
    const { found } = await readOne(req, req.params.id);
    res
      .type('text/markdown')
      .send(postmortemMarkdown(found.incident, service.targets[found.incident.severity]));
  });

  router.post('/incidents/:id/ack', async (req, res) => {
    const { credentials } = await readOne(req, req.params.id);
    const acked = await service.acknowledge(req.params.id, authorOf(credentials));
    res.json(json(acked) as never);
  });

  router.post('/deploys', async (req, res) => {
    const where = `POST ${req.originalUrl}`;
    const credentials = await access.credentials(req);
    const body = req.body as { service: string; at?: string; version?: string; entityRef?: string };
    const at = body.at === undefined ? Date.now() / 1000 : parseRfc3339(body.at);
    if (at === undefined) {
      throw new InputError(`Body field at of ${where} must be an RFC 3339 time, got '${body.at}'`);
    }
    const entityRef = body.entityRef ?? `component:default/${body.service}`;
    await access.require(credentials, headroomSloEditPermission, {
      entityRef,
      ownerRef: await service.ownerOf(entityRef),
    });
    const deploy = {
      service: body.service,
      at,
      ...(body.version ? { version: body.version } : {}),
    };
    await service.addDeploy(deploy, authorOf(credentials));
    res.status(201).json({
      service: deploy.service,
      at: new Date(at * 1000).toISOString(),
      version: body.version ?? null,
    } as never);
  });
}
