import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { HeadroomDrillProcessor } from '../drills/HeadroomDrillProcessor';
import { HeadroomSloProcessor } from './HeadroomSloProcessor';
import { HeadroomRunbookProcessor } from '../runbooks/HeadroomRunbookProcessor';

/**
 * Catalog module validating the SLO files referenced by `headroom.dev/slo-file` and the drill
 * files referenced by `headroom.dev/drills` and the runbook files referenced by
 * `headroom.dev/runbooks`.
 *
 * @public
 */
export const catalogModuleHeadroomSlos = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'headroom-slos',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        reader: coreServices.urlReader,
        logger: coreServices.logger,
      },
      async init({ catalog, reader, logger }) {
        catalog.addProcessor(new HeadroomSloProcessor(reader, logger));
        catalog.addProcessor(new HeadroomDrillProcessor(reader));
        catalog.addProcessor(new HeadroomRunbookProcessor(reader));
      },
    });
  },
});
