import type { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isPermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  createHeadroomSloConditionalDecision,
  headroomSloConditions,
} from '@headroom/plugin-headroom-backend';
import {
  headroomCostImportPermission,
  headroomSloEditPermission,
} from '@headroom/plugin-headroom-common';

/** Who may do what in Headroom beyond reading. */
export interface HeadroomPolicyOptions {
  /** Entity refs (groups or users) whose members may start cost imports and upload bills. */
  costImporters: string[];
}

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * Headroom's answer to a permission request, or undefined when the permission is not
 * Headroom's, so that a policy with its own rules can ask this first and decide the rest.
 *
 * - Reading (SLOs, status, cost, assessments, recommendations): everyone.
 * - Editing an entity's SLOs, recording its capacity assessment, acting on its
 *   recommendations (`headroom.slo.edit`): members of the group that owns the entity, through
 *   the plugin's `IS_OWNER` rule with the user's ownership refs.
 * - Starting a cost import or uploading a bill (`headroom.cost.import`): members of one of
 *   `costImporters`.
 * - Any other Headroom permission that is not a read: denied to users.
 *
 * A caller without a user (a service: another plugin, or a static token an administrator
 * configured under `backend.auth.externalAccess`) is allowed: who holds such tokens is
 * decided where they are configured.
 */
export function headroomPolicyDecision(
  request: PolicyQuery,
  user: PolicyQueryUser | undefined,
  options: HeadroomPolicyOptions,
): PolicyDecision | undefined {
  const { permission } = request;
  if (!permission.name.startsWith('headroom.')) return undefined;
  if (!user) return ALLOW;
  if (isPermission(permission, headroomSloEditPermission)) {
    return createHeadroomSloConditionalDecision(
      permission,
      headroomSloConditions.isOwner({ claims: user.info.ownershipEntityRefs ?? [] }),
    );
  }
  if (isPermission(permission, headroomCostImportPermission)) {
    return isMemberOfAny(user, options.costImporters) ? ALLOW : DENY;
  }
  return permission.attributes.action === 'read' ? ALLOW : DENY;
}

// Entity refs compare case-insensitively, as the catalog's do.
function isMemberOfAny(user: PolicyQueryUser, refs: string[]): boolean {
  const claims = new Set(
    [user.info.userEntityRef, ...(user.info.ownershipEntityRefs ?? [])].map(ref =>
      ref.toLocaleLowerCase('en-US'),
    ),
  );
  return refs.some(ref => claims.has(ref.toLocaleLowerCase('en-US')));
}

/**
 * A whole permission policy: Headroom's rules for Headroom's permissions, and for every other
 * permission the fallback policy's answer (allow when there is none, as Backstage's allow-all
 * policy does).
 */
export class HeadroomPermissionPolicy implements PermissionPolicy {
  static fromConfig(config: Config, fallback?: PermissionPolicy): HeadroomPermissionPolicy {
    const costImporters =
      config.getOptionalStringArray('headroom.permissionPolicy.costImporters') ?? [];
    return new HeadroomPermissionPolicy({ costImporters }, fallback);
  }

  constructor(
    private readonly options: HeadroomPolicyOptions,
    private readonly fallback?: PermissionPolicy,
  ) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const decision = headroomPolicyDecision(request, user, this.options);
    if (decision) return decision;
    return this.fallback ? this.fallback.handle(request, user) : ALLOW;
  }
}
