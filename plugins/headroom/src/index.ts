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
} from './plugin';
export { headroomApiRef, HeadroomClient, BackendUnreachableError } from './api';
export type { HeadroomApi, SloListPage, SloListQuery, SloStatusHistory, SloPreview } from './api';
export { rootRouteRef as headroomOverviewRouteRef } from './routes';
