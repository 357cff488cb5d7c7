// The simulator's control API: drills inject faults through it, runbooks act through it.
//
//   GET    /control                              services (version, replicas, flags), faults, events
//   POST   /control/faults                       {service, kind, magnitude, durationSeconds?, clearedBy?}
//   DELETE /control/faults/{id}                  ends a fault now
//   POST   /control/services/{s}/deploy          {version, fault?: {kind, magnitude}}  (a bad version)
//   POST   /control/services/{s}/rollback
//   POST   /control/services/{s}/restart
//   POST   /control/services/{s}/scale           {replicas}
//   POST   /control/services/{s}/flags/{flag}    {enabled, plant?: {kind, magnitude}}
//   POST   /control/services/{s}/shed            {share}        (refused at the edge; 0 stops)
//   POST   /control/services/{s}/shift           {to, weight}   (to a healthy standby; 0 returns)
//   POST   /control/services/{s}/canary          {version, weight, errorShare?, latencyFactor?}
//   POST   /control/services/{s}/canary/promote
//   POST   /control/services/{s}/canary/abort
//
// Answers are JSON; a refused request gets 400/404/409 with {error} naming the field, and
// changes nothing.

import type { IncomingMessage, ServerResponse } from 'node:http';

import { ControlError, LiveControls, type FaultKind, type Remedy } from './live';

/** Bodies are a few fields; anything larger is refused before it is parsed. */
export const MAX_CONTROL_BODY_BYTES = 16 * 1024;

type Body = Record<string, unknown>;

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  controls: LiveControls,
  now: number,
): Promise<void> {
  try {
    const result = await route(req, controls, now);
    send(res, result.status, result.body);
  } catch (error) {
    if (error instanceof ControlError) send(res, error.status, { error: error.message });
    else send(res, 500, { error: (error as Error).message });
  }
}

async function route(
  req: IncomingMessage,
  controls: LiveControls,
  now: number,
): Promise<{ status: number; body: unknown }> {
  const path = (req.url ?? '/').split('?')[0]!;
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const method = req.method ?? 'GET';

  if (parts.length === 1 && method === 'GET') return { status: 200, body: controls.snapshot() };

  if (parts[1] === 'faults') {
    if (parts.length === 2 && method === 'POST') {
      const body = await readBody(req);
      const fault = controls.inject(
        {
          service: requireString(body, 'service'),
          kind: requireString(body, 'kind') as FaultKind,
          magnitude: requireNumber(body, 'magnitude'),
          durationSeconds: optionalNumber(body, 'durationSeconds'),
          clearedBy: optionalString(body, 'clearedBy') as Remedy | undefined,
        },
        now,
      );
      return { status: 201, body: fault };
    }
    if (parts.length === 3 && method === 'DELETE') {
      return { status: 200, body: controls.clear(parts[2]!, now) };
    }
  }

  if (parts[1] === 'services' && parts.length >= 4 && method === 'POST') {
    const service = parts[2]!;
    const action = parts[3];
    const body = await readBody(req);
    if (action === 'deploy' && parts.length === 4) {
      const fault = body['fault'];
      const bad =
        fault === undefined
          ? undefined
          : {
              kind: requireString(asObject(fault, 'fault'), 'kind', 'fault.') as FaultKind,
              magnitude: requireNumber(asObject(fault, 'fault'), 'magnitude', 'fault.'),
            };
      return {
        status: 200,
        body: controls.deploy(service, requireString(body, 'version'), now, bad),
      };
    }
    if (action === 'canary' && parts.length === 4) {
      const canary = controls.startCanary(
        service,
        {
          version: requireString(body, 'version'),
          weight: requireNumber(body, 'weight'),
          errorShare: optionalNumber(body, 'errorShare'),
          latencyFactor: optionalNumber(body, 'latencyFactor'),
        },
        now,
      );
      return { status: 201, body: canary };
    }
    if (action === 'canary' && parts.length === 5 && parts[4] === 'promote') {
      return { status: 200, body: controls.promoteCanary(service, now) };
    }
    if (action === 'canary' && parts.length === 5 && parts[4] === 'abort') {
      return { status: 200, body: controls.abortCanary(service, now) };
    }
    if (action === 'rollback' && parts.length === 4) {
      return { status: 200, body: controls.rollback(service, now) };
    }
    if (action === 'restart' && parts.length === 4) {
      return { status: 200, body: controls.restart(service, now) };
    }
    if (action === 'scale' && parts.length === 4) {
      return { status: 200, body: controls.scale(service, requireNumber(body, 'replicas'), now) };
    }
    if (action === 'shed' && parts.length === 4) {
      return { status: 200, body: controls.shed(service, requireNumber(body, 'share'), now) };
    }
    if (action === 'shift' && parts.length === 4) {
      return {
        status: 200,
        body: controls.shift(
          service,
          requireString(body, 'to'),
          requireNumber(body, 'weight'),
          now,
        ),
      };
    }
    if (action === 'flags' && parts.length === 5) {
      const flag = parts[4]!;
      const plant = body['plant'];
      if (plant !== undefined) {
        const p = asObject(plant, 'plant');
        controls.plantFlag(service, flag, {
          kind: requireString(p, 'kind', 'plant.') as FaultKind,
          magnitude: requireNumber(p, 'magnitude', 'plant.'),
        });
      }
      const enabled = body['enabled'];
      if (typeof enabled !== 'boolean') {
        throw new ControlError(400, 'enabled: must be true or false');
      }
      return { status: 200, body: controls.setFlag(service, flag, enabled, now) };
    }
  }
  throw new ControlError(404, `no control route ${method} ${path}`);
}

async function readBody(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_CONTROL_BODY_BYTES) {
      throw new ControlError(400, `body: larger than ${MAX_CONTROL_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ControlError(400, `body: not JSON (${(error as Error).message})`);
  }
  return asObject(parsed, 'body');
}

function asObject(value: unknown, field: string): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ControlError(400, `${field}: must be a JSON object`);
  }
  return value as Body;
}

function requireString(body: Body, field: string, prefix = ''): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') {
    throw new ControlError(400, `${prefix}${field}: must be a non-empty string`);
  }
  return value;
}

function optionalString(body: Body, field: string): string | undefined {
  return body[field] === undefined ? undefined : requireString(body, field);
}

function requireNumber(body: Body, field: string, prefix = ''): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ControlError(400, `${prefix}${field}: must be a finite number`);
  }
  return value;
}

function optionalNumber(body: Body, field: string): number | undefined {
  return body[field] === undefined ? undefined : requireNumber(body, field);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
}
