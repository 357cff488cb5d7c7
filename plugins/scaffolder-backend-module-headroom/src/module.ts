import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { annotateCatalogInfoAction } from './actions/annotateCatalogInfo';
import { HeadroomCapacityClient } from './actions/capacityClient';
import { createSloFileAction } from './actions/createSloFile';
import { recordCapacityAssessmentAction } from './actions/recordCapacityAssessment';

/**
 * Headroom's scaffolder actions: `headroom:slo:create`, `headroom:catalog:annotate` and
 * `headroom:capacity:assess`.
 *
 * @public
 */
export const scaffolderModuleHeadroom = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'headroom',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        scaffolder.addActions(
          createSloFileAction(),
          annotateCatalogInfoAction(),
          recordCapacityAssessmentAction({ client: new HeadroomCapacityClient(discovery, auth) }),
        );
      },
    });
  },
});
