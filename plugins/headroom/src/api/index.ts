export { headroomApiRef } from './HeadroomApi';
export type { HeadroomApi, SloListPage, SloListQuery, SloStatusHistory } from './HeadroomApi';
export { HeadroomClient, BackendUnreachableError } from './HeadroomClient';
export type { SloPreview } from './types';
