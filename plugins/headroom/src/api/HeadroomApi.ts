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

/** Client of the Headroom backend's REST API (`plugins/headroom-backend/src/schema/openapi.yaml`). */
export interface HeadroomApi {
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
