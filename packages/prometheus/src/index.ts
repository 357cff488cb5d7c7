export * from './client';
export * from './promql';
