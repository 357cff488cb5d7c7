export * from './model';
export * from './engine';
export * from './anomaly';
export * from './capacity';
