/**
 * Headroom's Backstage backend plugin: SLOs attached to catalog entities, stored, evaluated
 * against Prometheus and served.
 *
 * @packageDocumentation
 */
export { headroomPlugin as default } from './plugin';
export { catalogModuleHeadroomSlos } from './catalog/module';
export {
  headroomSloConditions,
  createHeadroomSloConditionalDecision,
  headroomSloPermissionResourceRef,
} from './permissions/rules';
export type { HeadroomSloResource } from './permissions/rules';
