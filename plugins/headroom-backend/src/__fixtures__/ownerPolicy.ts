import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult, isPermission } from '@backstage/plugin-permission-common';
import { headroomSloEditPermission } from '@headroom/plugin-headroom-common';
import { createHeadroomSloConditionalDecision, headroomSloConditions } from '../permissions/rules';

/**
 * The policy a real deployment uses for Headroom, answered as the permission backend would, so
 * that the plugin's conditional handling is what tests exercise: everyone reads, members of the
 * owning group edit (`ownership`: a user's ownership claims). Users in `readScopes` read only
 * what their groups own.
 */
export function ownerEditPermissions(
  ownership: Record<string, string[]>,
  readScopes: Record<string, string[]> = {},
) {
  return mockServices.permissions.mock({
    authorizeConditional: async (queries, options) =>
      queries.map(({ permission }) => {
        const principal = options.credentials.principal as { userEntityRef?: string };
        if (isPermission(permission, headroomSloEditPermission)) {
          return createHeadroomSloConditionalDecision(
            headroomSloEditPermission,
            headroomSloConditions.isOwner({
              claims: ownership[principal.userEntityRef ?? ''] ?? [],
            }),
          );
        }
        const scope = readScopes[principal.userEntityRef ?? ''];
        if (scope) {
          return createHeadroomSloConditionalDecision(
            permission as typeof headroomSloEditPermission,
            headroomSloConditions.isOwner({ claims: scope }),
          );
        }
        return { result: AuthorizeResult.ALLOW };
      }) as never,
    authorize: async queries => queries.map(() => ({ result: AuthorizeResult.ALLOW })),
  });
}
