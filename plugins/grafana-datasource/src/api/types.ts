/**
 * The Headroom backend's JSON, as its common package declares it. Type-only imports: they vanish
 * from the bundle, so the plugin carries no Backstage code; the parts of other APIs the
 * datasource reads (the catalog's entity list, capacity assessments) are declared here.
 */
import type { SloRollup, SloWithStatus } from '@headroom/plugin-headroom-common';

export type { SloAlertState, SloBurnRate, SloStatus, SloWithStatus } from '@headroom/plugin-headroom-common';
export type Rollup = SloRollup;

/** A page of `GET /api/headroom/slos`. */
export interface SloPage {
  items: SloWithStatus[];
  totalCount: number;
}

export interface CatalogEntity {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: { owner?: string; system?: string; lifecycle?: string; type?: string };
}

/**
 * The latest capacity assessment of an entity, as `GET /api/headroom/capacity/entities/.../assessment`
 * returns it (the backend declares this shape in its capacity module, not in the common package;
 * only the fields the datasource reads are listed).
 */
export interface CapacityAssessmentJson {
  entityRef: string;
  version: number;
  ownerRef: string | null;
  lineOfBusiness: string | null;
  inputs: { driver: string; targetUtilisation: number; requestPerReplica?: number };
  result: {
    driverPeakNow: number;
    driverPeakAtHorizon: number;
    driverUpperAtHorizon: number;
    capacity: {
      unit: 'cores' | 'GiB';
      needed: number;
      /** Against current requests; null when the assessment had no current allocation. */
      current: { provisioned: number; verdict: 'over-provisioned' | 'under-provisioned' | 'right-sized' } | null;
      quality: 'good' | 'poor' | 'insufficient';
    };
  };
  recommendation: {
    unit: 'cores' | 'GiB';
    needed: number;
    replicas: number | null;
    monthlyCost: number | null;
    currency: string | null;
  };
  note: string | null;
  assessedAt: string;
  assessedBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
  staleAt: string;
  stale: boolean;
}
