/**
 * Shared types, permissions and annotation constants of the Headroom Backstage plugins.
 *
 * @packageDocumentation
 */
export * from './api';
export * from './apiClient';
export * from './capacity';
export * from './changes';
export * from './constants';
export * from './cost';
export * from './drills';
export * from './incidents';
export * from './permissions';
export * from './runbooks';
export * from './sloDocument';
export * from './optimise';
export * from './types';
