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
 * Everyone may read; Headroom SLOs may be edited only by members of the owning group (and the
 * user who owns the entity directly). Everything else in this demo backend is allowed.
 */
export class HeadroomDemoPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    if (isPermission(request.permission, headroomSloEditPermission)) {
      return createHeadroomSloConditionalDecision(
        request.permission,
        headroomSloConditions.isOwner({ claims: user?.info.ownershipEntityRefs ?? [] }),
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
