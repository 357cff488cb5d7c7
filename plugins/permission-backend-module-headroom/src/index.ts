/**
 * A permission policy for Backstage backends with Headroom: owner-only edits of SLOs, capacity
 * assessments and recommendations; cost imports for configured groups only.
 *
 * @packageDocumentation
 */
export { permissionModuleHeadroomPolicy as default } from './module';
export {
  HeadroomPermissionPolicy,
  headroomPolicyDecision,
  type HeadroomPolicyOptions,
} from './policy';
