import { createApiRef } from '@backstage/core-plugin-api';
import type {
  SloInput,
  SloRollup,
  SloSnapshot,
  SloStatus,
  SloVersion,
  SloWithStatus,
} from '@headroom/plugin-headroom-common';
import type { SloPreview } from './types';

/** The latest status of one SLO and its earlier evaluations, newest first. */
export interface SloStatusHistory {
  status: SloStatus | null;
  snapshots: SloSnapshot[];
}

/** Filters and paging of {@link HeadroomApi.listSlos}; absent fields do not filter. */
export interface SloListQuery {
  owner?: string;
  lineOfBusiness?: string;
  entityRef?: string;
  /** 1 to 1000; the backend's default is 100. */
  limit?: number;
  offset?: number;
}

/** One page of SLOs, and how many readable SLOs match the filters over all pages. */
export interface SloListPage {
  items: SloWithStatus[];
  totalCount: number;
}

/** Client of the Headroom backend's REST API (`plugins/headroom-backend/src/schema/openapi.yaml`). */
export interface HeadroomApi {
  /** Every SLO the caller may read, with its latest status. */
  listSlos(query?: SloListQuery): Promise<SloListPage>;
  listEntitySlos(entityRef: string): Promise<SloWithStatus[]>;
  getSlo(entityRef: string, sloName: string): Promise<SloWithStatus>;
  getSloStatus(entityRef: string, sloName: string, limit?: number): Promise<SloStatusHistory>;
  getSloHistory(entityRef: string, sloName: string): Promise<SloVersion[]>;
  createSlo(entityRef: string, slo: SloInput): Promise<SloWithStatus>;
  /** Replaces an SLO; `version` is the one last read, a stale one fails with a conflict (409). */
  updateSlo(
    entityRef: string,
    sloName: string,
    version: number,
    slo: SloInput,
  ): Promise<SloWithStatus>;
  previewSlo(entityRef: string, slo: SloInput): Promise<SloPreview>;
  getLineOfBusinessRollup(): Promise<SloRollup[]>;
  getOwnerRollup(): Promise<SloRollup[]>;
}

export const headroomApiRef = createApiRef<HeadroomApi>({ id: 'plugin.headroom.api' });
