/**
 * Scaffolder actions for new services: an SLO file from a few targets, Headroom's annotations
 * and cost tags in catalog-info.yaml, and an initial capacity assessment.
 *
 * @packageDocumentation
 */
export { scaffolderModuleHeadroom as default } from './module';
export { createSloFileAction, CREATE_SLO_FILE_ACTION_ID } from './actions/createSloFile';
export {
  annotateCatalogInfoAction,
  ANNOTATE_CATALOG_INFO_ACTION_ID,
} from './actions/annotateCatalogInfo';
export {
  recordCapacityAssessmentAction,
  RECORD_CAPACITY_ASSESSMENT_ACTION_ID,
} from './actions/recordCapacityAssessment';
export {
  HeadroomCapacityClient,
  type CapacityAssessmentClient,
  type AssessmentRequest,
  type AssessmentResponse,
} from './actions/capacityClient';
