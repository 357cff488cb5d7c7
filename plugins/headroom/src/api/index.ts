export { headroomApiRef } from './HeadroomApi';
export type { HeadroomApi, SloStatusHistory } from './HeadroomApi';
export { HeadroomClient, BackendUnreachableError } from './HeadroomClient';
export type { SloPreview } from './types';
