export * from './model';
export * from './engine';
