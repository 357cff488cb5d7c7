import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ConditionalPolicyDecision,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import type { Request } from 'express';
import { type HeadroomSloResource, headroomSloRules } from '../permissions/rules';

const authorizeConditions = createConditionAuthorizer<HeadroomSloResource, unknown>(
  Object.values(headroomSloRules),
);

/** Who made a change, as recorded in the version history. */
export function authorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) return principal.userEntityRef;
  if (principal.type === 'service' && principal.subject) return principal.subject;
  return 'unknown';
}

/**
 * Backstage auth and the permission framework for one request. A conditional decision (for
 * example "owners only") is evaluated here against the entity's owner from the catalog.
 */
export class Access {
  constructor(
    private readonly httpAuth: HttpAuthService,
    private readonly permissions: PermissionsService,
  ) {}

  credentials(req: Request): Promise<BackstageCredentials> {
    return this.httpAuth.credentials(req, { allow: ['user', 'service'] });
  }

  /** A predicate telling which resources the caller may act on with `permission`. */
  async filter(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
  ): Promise<(resource: HeadroomSloResource) => boolean> {
    return (await this.decide(credentials, permission)).allows;
  }

  /**
   * The decision as a predicate, and a key that is the same for every caller with the same
   * decision (`ALLOW`, `DENY`, or the conditions), for caching what the decision lets them see.
   */
  async decide(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
  ): Promise<{ key: string; allows: (resource: HeadroomSloResource) => boolean }> {
    const [decision] = await this.permissions.authorizeConditional([{ permission }], {
      credentials,
    });
    if (!decision || decision.result === AuthorizeResult.DENY) {
      return { key: AuthorizeResult.DENY, allows: () => false };
    }
    if (decision.result === AuthorizeResult.ALLOW) {
      return { key: AuthorizeResult.ALLOW, allows: () => true };
    }
    return {
      key: `${AuthorizeResult.CONDITIONAL}:${JSON.stringify((decision as ConditionalPolicyDecision).conditions)}`,
      allows: resource => authorizeConditions(decision, resource),
    };
  }

  /** Throws NotAllowedError (403) unless the caller may act on `resource`. */
  async require(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
    resource: HeadroomSloResource,
  ): Promise<void> {
    const allowed = await this.filter(credentials, permission);
    if (!allowed(resource)) {
      const who = authorOf(credentials);
      throw new NotAllowedError(
        `${who} may not ${permission.attributes.action === 'read' ? 'read' : 'edit'} the SLOs of ${resource.entityRef}${
          permission.attributes.action === 'read'
            ? ''
            : `; only members of its owner ${resource.ownerRef ?? '(none)'} may`
        }`,
      );
    }
  }
}
