/**
 * Headroom's Backstage frontend plugin: SLOs and error budgets on entity pages, the SLO editor
 * and the line-of-business overview. The new frontend system's plugin is in `/alpha`.
 *
 * @packageDocumentation
 */
export {
  headroomPlugin,
  EntityHeadroomSloCard,
  EntityHeadroomSloContent,
  HeadroomOverviewPage,
  EntityHeadroomCapacityCard,
  EntityHeadroomCostCard,
  EntityHeadroomOptimisationCard,
  HeadroomShowbackPage,
  HeadroomCapacityCoveragePage,
  EntityHeadroomDrillsCard,
  HeadroomWeakLinksPage,
  EntityHeadroomIncidentsCard,
  HeadroomIncidentsPage,
  EntityHeadroomChangesCard,
  EntityHeadroomRunbooksCard,
  HeadroomAutomationPage,
} from './plugin';
export { headroomApiRef, HeadroomClient, BackendUnreachableError } from './api';
export type {
  HeadroomApi,
  SloListPage,
  SloListQuery,
  SloStatusHistory,
  SloPreview,
  CostQuery,
  CostAnomalyQuery,
  CapacityAssessment,
  CapacityAssessmentInputs,
  CapacityCoverageCounts,
  CapacityCoverageGroup,
  CapacityCoverageReport,
} from './api';
export {
  rootRouteRef as headroomOverviewRouteRef,
  capacityCoverageRouteRef as headroomCapacityCoverageRouteRef,
  showbackRouteRef as headroomShowbackRouteRef,
  weakLinksRouteRef as headroomWeakLinksRouteRef,
  incidentsRouteRef as headroomIncidentsRouteRef,
} from './routes';
