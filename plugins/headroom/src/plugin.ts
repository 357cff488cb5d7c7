import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { HeadroomClient, headroomApiRef } from './api';
import {
  automationRouteRef,
  capacityCoverageRouteRef,
  incidentsRouteRef,
  rootRouteRef,
  showbackRouteRef,
  sloContentRouteRef,
  weakLinksRouteRef,
} from './routes';

/**
 * Headroom for apps on Backstage's legacy frontend system. Apps on the new frontend system use
 * the default export of `@headroom/plugin-headroom/alpha`.
 *
 * @public
 */
export const headroomPlugin = createPlugin({
  id: 'headroom',
  apis: [
    createApiFactory({
      api: headroomApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new HeadroomClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    entityContent: sloContentRouteRef,
    capacityCoverage: capacityCoverageRouteRef,
    showback: showbackRouteRef,
    weakLinks: weakLinksRouteRef,
    incidents: incidentsRouteRef,
    automation: automationRouteRef,
  },
});

/**
 * The incidents card for an entity's overview page: open incidents with their timelines, an
 * acknowledgement for owners, and the last 90 days' MTTx against the targets.
 *
 * @public
 */
export const EntityHeadroomIncidentsCard = headroomPlugin.provide(
  createComponentExtension({
    name: 'EntityHeadroomIncidentsCard',
    component: {
      lazy: () =>
        import('./components/Incidents/EntityHeadroomIncidentsCard').then(
          m => m.EntityHeadroomIncidentsCard,
        ),
    },
  }),
);

/**
 * Incidents and MTTx per line of business, with attainment of the targets.
 *
 * @public
 */
export const HeadroomIncidentsPage = headroomPlugin.provide(
  createRoutableExtension({
    name: 'HeadroomIncidentsPage',
    component: () => import('./components/Incidents/IncidentsPage').then(m => m.IncidentsPage),
    mountPoint: incidentsRouteRef,
  }),
);

/**
 * The runbooks card for an entity's overview page: alert coverage, latest runs with their
 * diagnosis and actions, success rate, and approval of a risky action for owners.
 *
 * @public
 */
export const EntityHeadroomRunbooksCard = headroomPlugin.provide(
  createComponentExtension({
    name: 'EntityHeadroomRunbooksCard',
    component: {
      lazy: () =>
        import('./components/Runbooks/EntityHeadroomRunbooksCard').then(
          m => m.EntityHeadroomRunbooksCard,
        ),
    },
  }),
);

/**
 * Incidents recovered by runbooks against people, with MTTR of each, and which alerts have a
 * runbook, per line of business.
 *
 * @public
 */
export const HeadroomAutomationPage = headroomPlugin.provide(
  createRoutableExtension({
    name: 'HeadroomAutomationPage',
    component: () =>
      import('./components/Runbooks/RunbookAutomationPage').then(m => m.RunbookAutomationPage),
    mountPoint: automationRouteRef,
  }),
);

/**
 * The chaos drills card for an entity's overview page: its drills, resilience score and runs.
 *
 * @public
 */
export const EntityHeadroomDrillsCard = headroomPlugin.provide(
  createComponentExtension({
    name: 'EntityHeadroomDrillsCard',
    component: {
      lazy: () =>
        import('./components/Drills/EntityHeadroomDrillsCard').then(
          m => m.EntityHeadroomDrillsCard,
        ),
    },
  }),
);

/**
 * The change log card for an entity's overview page: changes with their risk, canary verdicts,
 * rollbacks and the incidents they caused.
 *
 * @public
 */
export const EntityHeadroomChangesCard = headroomPlugin.provide(
  createComponentExtension({
    name: 'EntityHeadroomChangesCard',
    component: {
      lazy: () =>
        import('./components/Changes/EntityHeadroomChangesCard').then(
          m => m.EntityHeadroomChangesCard,
        ),
    },
  }),
);

/**
 * The weak links the chaos drills found, per line of business.
 *
 * @public
 */
export const HeadroomWeakLinksPage = headroomPlugin.provide(
  createRoutableExtension({
    name: 'HeadroomWeakLinksPage',
    component: () =>
      import('./components/Drills/DrillWeakLinksPage').then(m => m.DrillWeakLinksPage),
    mountPoint: weakLinksRouteRef,
  }),
);

/**
 * The SLO card for an entity's overview page.
 *
 * @public
 */
export const EntityHeadroomSloCard = headroomPlugin.provide(
  createComponentExtension({
    name: 'EntityHeadroomSloCard',
    component: {
      lazy: () =>
        import('./components/SloCard/EntityHeadroomSloCard').then(m => m.EntityHeadroomSloCard),
    },
  }),
);

/**
 * The SLO tab of an entity page, with drill-down and editor; mount it at `/slos`.
 *
 * @public
 */
export const EntityHeadroomSloContent = headroomPlugin.provide(
  createRoutableExtension({
    name: 'EntityHeadroomSloContent',
    component: () =>
      import('./components/SloTab/EntityHeadroomSloContent').then(m => m.EntityHeadroomSloContent),
    mountPoint: sloContentRouteRef,
  }),
);

/**
 * The line-of-business overview page.
 *
 * @public
 */
export const HeadroomOverviewPage = headroomPlugin.provide(
  createRoutableExtension({
    name: 'HeadroomOverviewPage',
    component: () =>
      import('./components/Overview/LineOfBusinessOverviewPage').then(
        m => m.LineOfBusinessOverviewPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The capacity card for an entity's overview page: the latest assessment, or how to record one.
 *
 * @public
 */
export const EntityHeadroomCapacityCard = headroomPlugin.provide(
  createComponentExtension({
    name: 'EntityHeadroomCapacityCard',
    component: {
      lazy: () =>
        import('./components/Capacity/EntityHeadroomCapacityCard').then(
          m => m.EntityHeadroomCapacityCard,
        ),
    },
  }),
);

/**
 * Capacity coverage per line of business, with the services still unassessed.
 *
 * @public
 */
export const HeadroomCapacityCoveragePage = headroomPlugin.provide(
  createRoutableExtension({
    name: 'HeadroomCapacityCoveragePage',
    component: () =>
      import('./components/Capacity/CapacityCoveragePage').then(m => m.CapacityCoveragePage),
    mountPoint: capacityCoverageRouteRef,
  }),
);

/**
 * The cost card for an entity's overview page: cost trend, change, unit cost against its line of
 * business's band, and top drivers.
 *
 * @public
 */
export const EntityHeadroomCostCard = headroomPlugin.provide(
  createComponentExtension({
    name: 'EntityHeadroomCostCard',
    component: {
      lazy: () =>
        import('./components/Cost/EntityHeadroomCostCard').then(m => m.EntityHeadroomCostCard),
    },
  }),
);

/**
 * Cost showback per line of business and team, with unallocated cost as its own row.
 *
 * @public
 */
export const HeadroomShowbackPage = headroomPlugin.provide(
  createRoutableExtension({
    name: 'HeadroomShowbackPage',
    component: () => import('./components/Cost/ShowbackPage').then(m => m.ShowbackPage),
    mountPoint: showbackRouteRef,
  }),
);

/**
 * The optimisation card for an entity's overview page: open right-sizing recommendations with
 * potential savings, realised savings and recent cost anomalies.
 *
 * @public
 */
export const EntityHeadroomOptimisationCard = headroomPlugin.provide(
  createComponentExtension({
    name: 'EntityHeadroomOptimisationCard',
    component: {
      lazy: () =>
        import('./components/Optimise/EntityHeadroomOptimisationCard').then(
          m => m.EntityHeadroomOptimisationCard,
        ),
    },
  }),
);
