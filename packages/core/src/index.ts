export * from './model';
export * from './engine';
export * from './anomaly';
export * from './cost';
export * from './capacity';
export * from './policy';
export * from './optimise';
export * from './random';
