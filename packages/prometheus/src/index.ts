export * from './client';
export * from './promql';
export * from './rules';
export * from './render';
export * from './samples';
export * from './samplePlan';
export * from './checkedRules';
