export * from './model/types';
export * from './engine/types';
