import { createPermission } from '@backstage/plugin-permission-common';

/** Resource type of Headroom's SLO permissions: one resource per catalog entity's SLO set. */
export const HEADROOM_SLO_RESOURCE_TYPE = 'headroom-slo';

/** Read SLO definitions, status, history, rollups and rules. */
export const headroomSloReadPermission = createPermission({
  name: 'headroom.slo.read',
  attributes: { action: 'read' },
  resourceType: HEADROOM_SLO_RESOURCE_TYPE,
});

/**
 * Create, update or delete an entity's SLOs. Policies usually grant it conditionally with the
 * `IS_OWNER` rule, so that only members of the owning group can edit.
 */
export const headroomSloEditPermission = createPermission({
  name: 'headroom.slo.edit',
  attributes: { action: 'update' },
  resourceType: HEADROOM_SLO_RESOURCE_TYPE,
});

export const headroomPermissions = [headroomSloReadPermission, headroomSloEditPermission];
