/**
 * The Headroom backend's JSON, as its common package declares it (the backend's tests check every
 * response against its OpenAPI document). Type-only imports: they vanish from the bundle, so the
 * plugin carries no Backstage code; the catalog's entity list, another plugin's API, is declared
 * here.
 */
import type {
  Incident,
  AssessmentInputs,
  AssessmentRecommendation,
  AssessmentResult,
  CapacityAssessmentJson as Assessment,
  SloListPage,
  SloRollup,
} from '@headroom/plugin-headroom-common';
import type { CapacityRecommendation } from '@headroom/core';

export type { SloAlertState, SloBurnRate, SloStatus, SloWithStatus } from '@headroom/plugin-headroom-common';
export type { DrillResilience, DrillWeakLinks, EntityDrills } from '@headroom/plugin-headroom-common';
export type { Change, ChangeList } from '@headroom/plugin-headroom-common';
export type { IncidentList, MttxReport } from '@headroom/plugin-headroom-common';
export type Rollup = SloRollup;

/** A page of `GET /api/headroom/slos`. */
export type SloPage = SloListPage;

export interface CatalogEntity {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: { owner?: string; system?: string; lifecycle?: string; type?: string };
}

/**
 * The latest capacity assessment of an entity, as `GET /api/headroom/capacity/entities/.../assessment`
 * returns it: the common package's type, narrowed to the fields the datasource reads.
 */
export type CapacityAssessmentJson = Omit<Assessment, 'inputs' | 'result' | 'recommendation'> & {
  inputs: Pick<AssessmentInputs, 'driver' | 'targetUtilisation' | 'requestPerReplica'>;
  result: Omit<AssessmentResult, 'capacity'> & {
    capacity: Pick<CapacityRecommendation, 'unit' | 'needed' | 'quality'> & {
      /** Against current requests; null when the assessment had no current allocation. */
      current: Pick<NonNullable<CapacityRecommendation['current']>, 'provisioned' | 'verdict'> | null;
    };
  };
  recommendation: Omit<AssessmentRecommendation, 'requestPerReplica'>;
};

/** An incident of `GET /api/headroom/incidents`, with the entity it belongs to. */
export type IncidentItem = Incident;
