/*
 * A Backstage backend with the catalog, the scaffolder and the Headroom plugin, for development
 * and the demo. Configuration: dev-env/app-config.yaml (see the start script).
 */
import { createBackend } from '@backstage/backend-defaults';
import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { catalogModuleHeadroomSlos } from '@headroom/plugin-headroom-backend';
import { errorBodiesWithoutStacks } from './errorBodies';

const backend = createBackend();

// Error bodies without stacks, although the development server runs with NODE_ENV=development.
backend.add(
  rootHttpRouterServiceFactory({
    configure: ({ app, applyDefaults }) => {
      app.use(errorBodiesWithoutStacks());
      applyDefaults();
    },
  }),
);

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'));
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@headroom/plugin-scaffolder-backend-module-headroom'));
backend.add(import('@backstage/plugin-permission-backend'));
// Headroom's permission policy: owners edit, configured groups import cost (headroom.permissionPolicy).
backend.add(import('@headroom/plugin-permission-backend-module-headroom'));
backend.add(import('@headroom/plugin-headroom-backend'));
backend.add(catalogModuleHeadroomSlos);

backend.start();
