export * from './releaseGate';
export * from './rollback';
