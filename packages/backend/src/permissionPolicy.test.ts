import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  headroomSloEditPermission,
  headroomSloReadPermission,
} from '@headroom/plugin-headroom-common';
import { HeadroomDemoPolicy } from './permissionPolicy';

const user = (ownershipEntityRefs: string[]) => ({
  identity: {
    type: 'user' as const,
    userEntityRef: ownershipEntityRefs[0]!,
    ownershipEntityRefs,
  },
  token: 'token',
  credentials: mockCredentials.user(ownershipEntityRefs[0]),
  info: { userEntityRef: ownershipEntityRefs[0]!, ownershipEntityRefs },
});

describe('HeadroomDemoPolicy', () => {
  const policy = new HeadroomDemoPolicy();

  it('lets everyone read SLOs', async () => {
    expect(
      await policy.handle(
        { permission: headroomSloReadPermission },
        user(['user:default/chen.wei']),
      ),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('lets only the owners of an entity edit its SLOs, through the IS_OWNER rule with the user ownership refs', async () => {
    const claims = ['user:default/hana.mori', 'group:default/team-payments'];
    expect(await policy.handle({ permission: headroomSloEditPermission }, user(claims))).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'headroom',
      resourceType: 'headroom-slo',
      conditions: { rule: 'IS_OWNER', resourceType: 'headroom-slo', params: { claims } },
    });
  });

  it('lets a service (no user identity, such as the static token of the CLI) edit', async () => {
    expect(await policy.handle({ permission: headroomSloEditPermission })).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('gives a user who owns nothing an owner rule that nobody matches', async () => {
    const guest = user(['user:default/guest']);
    const decision = await policy.handle(
      { permission: headroomSloEditPermission },
      { ...guest, info: { userEntityRef: 'user:default/guest', ownershipEntityRefs: [] } },
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { rule: 'IS_OWNER', params: { claims: [] } },
    });
  });
});
