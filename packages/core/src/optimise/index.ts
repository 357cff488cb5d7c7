export { classifyLoad } from './classify';
export type {
  LoadClass,
  LoadInput,
  ClassifyOptions,
  LoadStats,
  LoadClassification,
} from './classify';
export { hourlyProfile, hourOfWeek } from './profile';
export type { ProfilePeriod, ProfileOptions, ScaleDownWindow, HourlyProfile } from './profile';
export { krrSimple, vpaLike, kubecostLike, evenPods } from './baselines';
export type {
  PodUsage,
  ResourceAdvice,
  BaselineRecommendation,
  KrrSimpleOptions,
  VpaOptions,
  KubecostOptions,
} from './baselines';
export { recommendRightSizing } from './rightsize';
export type {
  Allocation,
  Pricing,
  SloState,
  RightSizingInput,
  RiskLevel,
  BaselineComparison,
  ScheduledWindow,
  ScaleDownSchedule,
  RightSizingRecommendation,
} from './rightsize';
export { toKubernetesPatch, toVpaObject, toHpaObject, toKedaCronScaledObject } from './export';
export type {
  WorkloadRef,
  KubernetesPatchOptions,
  VpaObjectOptions,
  HpaObjectOptions,
  KedaCronOptions,
} from './export';
export { verifySaving } from './verify';
export type { PeriodObservation, VerifyInput, SavingVerification } from './verify';
export {
  proposeRecommendation,
  transitionRecommendation,
  allowedActions,
  RecommendationTransitionError,
} from './lifecycle';
export type {
  RecommendationStatus,
  RecommendationAction,
  RecommendationEvent,
  RecommendationState,
} from './lifecycle';
export { cpuQuantity, memoryQuantity } from './format';
