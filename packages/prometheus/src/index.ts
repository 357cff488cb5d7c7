export * from './client';
export * from './promql';
export * from './rules';
export * from './render';
export { goFloat, slothPrometheusRuleMeta } from './slothLayout';
export * from './samples';
export * from './samplePlan';
export * from './checkedRules';
export * from './stepIncreases';
