import { timingSafeEqual } from 'node:crypto';
import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthenticationError, InputError } from '@backstage/errors';
import type { Request } from 'express';
import type { HeadroomApiRouter } from '../api/router';
import { releaseGateHttpStatus } from '../lib/releaseGate';
import { Access } from '../service/access';
import { entityRefOf, type DeliveryService } from './service';

/** Flagger calls these without Backstage tokens: the router lets them through to the token check. */
export const FLAGGER_WEBHOOK_PATHS = ['/delivery/flagger/gate', '/delivery/flagger/rollback'];

export interface DeliveryRoutesOptions {
  service: DeliveryService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /**
   * `headroom.delivery.flaggerToken`: Flagger webhooks cannot send headers, so they carry this
   * token as `metadata.token`; a matching call acts as the plugin itself.
   */
  flaggerToken?: string;
  ownCredentials: () => Promise<BackstageCredentials>;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Flagger's webhook body (CanaryWebhookPayload). */
interface FlaggerPayload {
  name: string;
  namespace: string;
  phase?: string;
  checksum?: string;
  metadata?: Record<string, string>;
}

/**
 * The catalog entity a Flagger canary is about: `metadata.entityRef` of the webhook when set,
 * otherwise the Component named like the canary in the default namespace (Kubernetes namespaces
 * are not catalog namespaces).
 */
function flaggerEntity(body: FlaggerPayload): string {
  const ref = body.metadata?.entityRef;
  if (ref !== undefined) return entityRefOf(ref, 'Body field metadata.entityRef');
  return entityRefOf(`component:default/${body.name}`, 'Body field name');
}

/**
 * Progressive delivery: Argo Rollouts' `web` metric provider and Flagger's webhooks ask the
 * release gate and the rollback question. Argo reads a 2xx JSON body through `jsonPath` and
 * `successCondition` (a non-2xx is a measurement Error, not a failure), so its route answers 200
 * with `data.ok`; Flagger acts on the status code alone, so its gate answers as
 * `POST /release-gate` does (200 allow, 409/412 deny) and its rollback hook 200 for "roll back
 * now", 409 for "keep going".
 */
export function registerDeliveryRoutes(router: HeadroomApiRouter, options: DeliveryRoutesOptions) {
  const access = new Access(options.httpAuth, options.permissions);
  const { service } = options;

  /** The webhook's token, else a Backstage token; neither is a 401 saying what to send. */
  const flaggerCredentials = async (req: Request): Promise<BackstageCredentials> => {
    const token = (req.body as FlaggerPayload).metadata?.token;
    if (token !== undefined) {
      if (options.flaggerToken && same(token, options.flaggerToken))
        return options.ownCredentials();
      throw new AuthenticationError('metadata.token does not match headroom.delivery.flaggerToken');
    }
    try {
      return await access.credentials(req);
    } catch {
      throw new AuthenticationError(
        'A Flagger webhook needs metadata.token set to headroom.delivery.flaggerToken, or a Backstage token',
      );
    }
  };

  router.get('/delivery/argo/analysis', async (req, res) => {
    const credentials = await access.credentials(req);
    const query = req.query as { entityRef?: string };
    if (query.entityRef === undefined)
      throw new InputError('Query parameter entityRef is required');
    const entityRef = entityRefOf(query.entityRef, 'Query parameter entityRef');
    const gate = await service.gate(credentials, entityRef);
    const rollback = await service.rollback(credentials, entityRef);
    const budgets = gate.slos.map(s => s.budgetRemaining).filter((b): b is number => b !== null);
    res.json({
      data: {
        ok: gate.decision === 'allow',
        entityRef,
        decision: gate.decision,
        rhythm: gate.rhythm,
        budgetRemaining: budgets.length ? Math.min(...budgets) : null,
        rollback: rollback.rollback,
        blockers: gate.blockers,
        reasons: gate.reasons,
      },
    } as never);
  });

  router.post('/delivery/flagger/gate', async (req, res) => {
    const credentials = await flaggerCredentials(req);
    const body = req.body as FlaggerPayload;
    const result = await service.gate(credentials, flaggerEntity(body));
    res.status(releaseGateHttpStatus(result)).json(result as never);
  });

  router.post('/delivery/flagger/rollback', async (req, res) => {
    const credentials = await flaggerCredentials(req);
    const body = req.body as FlaggerPayload;
    const result = await service.rollback(credentials, flaggerEntity(body));
    res.status(result.rollback ? 200 : 409).json(result as never);
  });
}
