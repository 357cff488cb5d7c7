import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import AttachMoneyIcon from '@material-ui/icons/AttachMoney';
import AutorenewIcon from '@material-ui/icons/Autorenew';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import StorageIcon from '@material-ui/icons/Storage';
import TrackChangesIcon from '@material-ui/icons/TrackChanges';
import WarningIcon from '@material-ui/icons/Warning';
import React from 'react';
import { HeadroomClient, headroomApiRef } from './api';
import { SLO_TAB_PATH } from './components/SloCard/EntityHeadroomSloCard';
import {
  automationRouteRef,
  capacityCoverageRouteRef,
  incidentsRouteRef,
  rootRouteRef,
  showbackRouteRef,
  weakLinksRouteRef,
} from './routes';

/** @alpha */
export const headroomApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: headroomApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new HeadroomClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The SLO card on component pages; without SLOs it says how to add them.
 *
 * @alpha
 */
export const entityHeadroomSloCard = EntityCardBlueprint.make({
  name: 'slos',
  params: {
    filter: 'kind:component',
    loader: () =>
      import('./components/SloCard/EntityHeadroomSloCard').then(m => <m.EntityHeadroomSloCard />),
  },
});

/**
 * The SLO tab of component pages: drill-down, charts, history and the editor.
 *
 * @alpha
 */
export const entityHeadroomSloContent = EntityContentBlueprint.make({
  name: 'slos',
  params: {
    path: `/${SLO_TAB_PATH}`,
    title: 'SLOs',
    filter: 'kind:component',
    loader: () =>
      import('./components/SloTab/EntityHeadroomSloContent').then(m => (
        <m.EntityHeadroomSloContent />
      )),
  },
});

/**
 * The line-of-business overview page at `/headroom`.
 *
 * @alpha
 */
export const headroomOverviewPage = PageBlueprint.make({
  params: {
    path: '/headroom',
    title: 'Reliability',
    icon: <TrackChangesIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/Overview/LineOfBusinessOverviewPage').then(m => (
        <m.LineOfBusinessOverviewPage />
      )),
  },
});

/**
 * The capacity card on service pages: the latest assessment, or how to record one.
 *
 * @alpha
 */
export const entityHeadroomCapacityCard = EntityCardBlueprint.make({
  name: 'capacity',
  params: {
    filter: 'kind:component',
    loader: () =>
      import('./components/Capacity/EntityHeadroomCapacityCard').then(m => (
        <m.EntityHeadroomCapacityCard />
      )),
  },
});

/**
 * The cost card on service pages: trend, change, unit cost against the band, top drivers.
 *
 * @alpha
 */
export const entityHeadroomCostCard = EntityCardBlueprint.make({
  name: 'cost',
  params: {
    filter: 'kind:component',
    loader: () =>
      import('./components/Cost/EntityHeadroomCostCard').then(m => <m.EntityHeadroomCostCard />),
  },
});

/**
 * The optimisation card on service pages: recommendations, savings and cost anomalies.
 *
 * @alpha
 */
export const entityHeadroomOptimisationCard = EntityCardBlueprint.make({
  name: 'optimisation',
  params: {
    filter: 'kind:component',
    loader: () =>
      import('./components/Optimise/EntityHeadroomOptimisationCard').then(m => (
        <m.EntityHeadroomOptimisationCard />
      )),
  },
});

/**
 * Capacity coverage per line of business at `/headroom/capacity`.
 *
 * @alpha
 */
export const headroomCapacityCoveragePage = PageBlueprint.make({
  name: 'capacity',
  params: {
    path: '/headroom/capacity',
    title: 'Capacity coverage',
    icon: <StorageIcon fontSize="inherit" />,
    routeRef: capacityCoverageRouteRef,
    loader: () =>
      import('./components/Capacity/CapacityCoveragePage').then(m => <m.CapacityCoveragePage />),
  },
});

/**
 * Cost showback per line of business and team at `/headroom/showback`.
 *
 * @alpha
 */
export const headroomShowbackPage = PageBlueprint.make({
  name: 'showback',
  params: {
    path: '/headroom/showback',
    title: 'Cost showback',
    icon: <AttachMoneyIcon fontSize="inherit" />,
    routeRef: showbackRouteRef,
    loader: () => import('./components/Cost/ShowbackPage').then(m => <m.ShowbackPage />),
  },
});

/**
 * The chaos drills card on service pages: drills, resilience score and latest runs.
 *
 * @alpha
 */
export const entityHeadroomDrillsCard = EntityCardBlueprint.make({
  name: 'drills',
  params: {
    filter: 'kind:component',
    loader: () =>
      import('./components/Drills/EntityHeadroomDrillsCard').then(m => (
        <m.EntityHeadroomDrillsCard />
      )),
  },
});

/**
 * The change log card on service pages: risk, canary verdicts, rollbacks and incidents caused.
 *
 * @alpha
 */
export const entityHeadroomChangesCard = EntityCardBlueprint.make({
  name: 'changes',
  params: {
    filter: 'kind:component',
    loader: () =>
      import('./components/Changes/EntityHeadroomChangesCard').then(m => (
        <m.EntityHeadroomChangesCard />
      )),
  },
});

/**
 * The weak links the drills found, per line of business, at `/headroom/weak-links`.
 *
 * @alpha
 */
export const headroomWeakLinksPage = PageBlueprint.make({
  name: 'weak-links',
  params: {
    path: '/headroom/weak-links',
    title: 'Weak links',
    icon: <WarningIcon fontSize="inherit" />,
    routeRef: weakLinksRouteRef,
    loader: () =>
      import('./components/Drills/DrillWeakLinksPage').then(m => <m.DrillWeakLinksPage />),
  },
});

/**
 * The incidents card on service pages: open incidents, timelines, acks and MTTx.
 *
 * @alpha
 */
export const entityHeadroomIncidentsCard = EntityCardBlueprint.make({
  name: 'incidents',
  params: {
    filter: 'kind:component',
    loader: () =>
      import('./components/Incidents/EntityHeadroomIncidentsCard').then(m => (
        <m.EntityHeadroomIncidentsCard />
      )),
  },
});

/**
 * Incidents and MTTx per line of business, at `/headroom/incidents`.
 *
 * @alpha
 */
export const headroomIncidentsPage = PageBlueprint.make({
  name: 'incidents',
  params: {
    path: '/headroom/incidents',
    title: 'Incidents',
    icon: <ReportProblemIcon fontSize="inherit" />,
    routeRef: incidentsRouteRef,
    loader: () => import('./components/Incidents/IncidentsPage').then(m => <m.IncidentsPage />),
  },
});

/**
 * The runbooks card on service pages: alert coverage, latest runs, success rate, approvals.
 *
 * @alpha
 */
export const entityHeadroomRunbooksCard = EntityCardBlueprint.make({
  name: 'runbooks',
  params: {
    filter: 'kind:component',
    loader: () =>
      import('./components/Runbooks/EntityHeadroomRunbooksCard').then(m => (
        <m.EntityHeadroomRunbooksCard />
      )),
  },
});

/**
 * Incidents recovered by runbooks against people, per line of business, at `/headroom/automation`.
 *
 * @alpha
 */
export const headroomAutomationPage = PageBlueprint.make({
  name: 'automation',
  params: {
    path: '/headroom/automation',
    title: 'Automation',
    icon: <AutorenewIcon fontSize="inherit" />,
    routeRef: automationRouteRef,
    loader: () =>
      import('./components/Runbooks/RunbookAutomationPage').then(m => <m.RunbookAutomationPage />),
  },
});

/**
 * Headroom for apps on Backstage's new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'headroom',
  title: 'Headroom',
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
    capacityCoverage: capacityCoverageRouteRef,
    showback: showbackRouteRef,
    weakLinks: weakLinksRouteRef,
    incidents: incidentsRouteRef,
    automation: automationRouteRef,
  },
  extensions: [
    headroomApi,
    entityHeadroomSloCard,
    entityHeadroomSloContent,
    headroomOverviewPage,
    entityHeadroomCostCard,
    entityHeadroomCapacityCard,
    entityHeadroomOptimisationCard,
    headroomCapacityCoveragePage,
    headroomShowbackPage,
    entityHeadroomDrillsCard,
    headroomWeakLinksPage,
    entityHeadroomIncidentsCard,
    headroomIncidentsPage,
    entityHeadroomChangesCard,
    entityHeadroomRunbooksCard,
    headroomAutomationPage,
  ],
});
