import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  type PermissionPolicy,
  type PolicyQuery,
  type PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createHeadroomSloConditionalDecision,
  headroomSloConditions,
} from '@headroom/plugin-headroom-backend';
import { headroomSloEditPermission } from '@headroom/plugin-headroom-common';

/**
 * Everyone may read; Headroom SLOs (and capacity assessments) may be edited by users only when
 * they are members of the owning group (or own the entity directly). A caller with no user
 * identity is a service — in this backend the static token its configuration grants the demo's
 * CLI, which records every service's capacity assessment from Prometheus — and may edit.
 * Everything else in this demo backend is allowed.
 */
export class HeadroomDemoPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    if (isPermission(request.permission, headroomSloEditPermission)) {
      if (!user) return { result: AuthorizeResult.ALLOW };
      return createHeadroomSloConditionalDecision(
        request.permission,
        headroomSloConditions.isOwner({ claims: user.info.ownershipEntityRefs ?? [] }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'headroom-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new HeadroomDemoPolicy());
      },
    });
  },
});
