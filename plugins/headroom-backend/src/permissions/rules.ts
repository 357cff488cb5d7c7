import { HEADROOM_SLO_RESOURCE_TYPE } from '@headroom/plugin-headroom-common';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { z } from 'zod';

/** What a Headroom permission decision is about: one catalog entity and its owner. */
export interface HeadroomSloResource {
  entityRef: string;
  /** The owning group's entity ref, from the catalog; null when the entity has no owner. */
  ownerRef: string | null;
}

/** Filters for list endpoints: the owner refs a conditional decision allows. */
export type HeadroomSloQuery = { ownerRefs: string[] };

export const headroomSloPermissionResourceRef = createPermissionResourceRef<
  HeadroomSloResource,
  HeadroomSloQuery
>().with({ pluginId: 'headroom', resourceType: HEADROOM_SLO_RESOURCE_TYPE });

/**
 * True when the entity is owned by one of the given refs. Policies pass the user's ownership
 * refs (`user.info.ownershipEntityRefs`), so only members of the owning group pass.
 */
export const isOwnerRule = createPermissionRule({
  name: 'IS_OWNER',
  description: 'Allow when the SLO belongs to an entity owned by one of the given refs',
  resourceRef: headroomSloPermissionResourceRef,
  paramsSchema: z.object({
    claims: z.array(z.string()).describe('Entity refs of the user and the groups they belong to'),
  }),
  apply: (resource, { claims }) =>
    resource.ownerRef !== null &&
    claims
      .map(c => c.toLocaleLowerCase('en-US'))
      .includes(resource.ownerRef.toLocaleLowerCase('en-US')),
  toQuery: ({ claims }) => ({ ownerRefs: claims }),
});

export const headroomSloRules = { isOwner: isOwnerRule };

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: headroomSloPermissionResourceRef,
  rules: headroomSloRules,
});

/** Condition factories for permission policies, e.g. `headroomSloConditions.isOwner({ claims })`. */
export const headroomSloConditions = conditions;

/** Wraps Headroom SLO conditions into a conditional policy decision. */
export const createHeadroomSloConditionalDecision = createConditionalDecision;
