import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { HeadroomPermissionPolicy } from './policy';

/**
 * The permission backend's policy for a Backstage with Headroom, configured by
 * `headroom.permissionPolicy` (see config.d.ts). Permissions of other plugins are allowed.
 */
export const permissionModuleHeadroomPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'headroom-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(HeadroomPermissionPolicy.fromConfig(config));
      },
    });
  },
});
