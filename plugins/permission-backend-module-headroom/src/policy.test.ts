import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult, createPermission } from '@backstage/plugin-permission-common';
import {
  headroomCostImportPermission,
  headroomCostReadPermission,
  headroomSloEditPermission,
  headroomSloReadPermission,
} from '@headroom/plugin-headroom-common';
import { HeadroomPermissionPolicy, headroomPolicyDecision } from './policy';

const user = (userEntityRef: string, ownershipEntityRefs: string[]) => ({
  credentials: mockCredentials.user(userEntityRef),
  info: { userEntityRef, ownershipEntityRefs },
});
const hana = user('user:default/hana.mori', [
  'user:default/hana.mori',
  'group:default/team-payments',
]);
const finn = user('user:default/finn.berg', [
  'user:default/finn.berg',
  'group:default/team-finops',
]);
const guest = user('user:development/guest', ['user:development/guest']);
const options = { costImporters: ['group:default/team-finops'] };
const catalogRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
});
const catalogDelete = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
});

describe('HeadroomPermissionPolicy', () => {
  const policy = new HeadroomPermissionPolicy(options);

  it('lets everyone read SLOs and cost', async () => {
    for (const permission of [headroomSloReadPermission, headroomCostReadPermission]) {
      expect(await policy.handle({ permission }, guest)).toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('lets only the owners of an entity edit its SLOs, through the IS_OWNER rule with the user ownership refs', async () => {
    expect(await policy.handle({ permission: headroomSloEditPermission }, hana)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'headroom',
      resourceType: 'headroom-slo',
      conditions: {
        rule: 'IS_OWNER',
        resourceType: 'headroom-slo',
        params: { claims: hana.info.ownershipEntityRefs },
      },
    });
  });

  it('gives a user who owns nothing an owner rule that nobody matches', async () => {
    const nobody = {
      ...guest,
      info: { userEntityRef: 'user:default/guest', ownershipEntityRefs: [] },
    };
    expect(await policy.handle({ permission: headroomSloEditPermission }, nobody)).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { rule: 'IS_OWNER', params: { claims: [] } },
    });
  });

  it('lets members of a cost importer group import cost data, and no one else', async () => {
    expect(await policy.handle({ permission: headroomCostImportPermission }, finn)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await policy.handle({ permission: headroomCostImportPermission }, hana)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await policy.handle({ permission: headroomCostImportPermission }, guest)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('matches importer refs whatever their case, and a user named directly', async () => {
    const byUser = new HeadroomPermissionPolicy({ costImporters: ['User:Default/Finn.Berg'] });
    expect(await byUser.handle({ permission: headroomCostImportPermission }, finn)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('denies cost imports to every user when no importers are configured', async () => {
    const none = new HeadroomPermissionPolicy({ costImporters: [] });
    expect(await none.handle({ permission: headroomCostImportPermission }, finn)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets a service (no user identity, such as the static token of the CLI) edit and import', async () => {
    for (const permission of [headroomSloEditPermission, headroomCostImportPermission]) {
      expect(await policy.handle({ permission })).toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('denies users a Headroom permission it does not know unless it is a read', async () => {
    const future = createPermission({
      name: 'headroom.release.override',
      attributes: { action: 'update' },
    });
    const futureRead = createPermission({
      name: 'headroom.release.read',
      attributes: { action: 'read' },
    });
    expect(await policy.handle({ permission: future }, hana)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await policy.handle({ permission: futureRead }, hana)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it("allows other plugins' permissions, or asks the fallback policy", async () => {
    expect(await policy.handle({ permission: catalogDelete }, guest)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    const strict = new HeadroomPermissionPolicy(options, {
      handle: async ({ permission }) => ({
        result:
          permission.attributes.action === 'read' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      }),
    });
    expect(await strict.handle({ permission: catalogDelete }, guest)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await strict.handle({ permission: catalogRead }, guest)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    // Headroom's own permissions never reach the fallback.
    expect(await strict.handle({ permission: headroomCostImportPermission }, finn)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('leaves permissions that are not Headroom’s undecided for policies that compose it', () => {
    expect(headroomPolicyDecision({ permission: catalogDelete }, guest, options)).toBeUndefined();
  });
});
