export * from './csv';
export * from './source';
export * from './readFocus';
export * from './importFocus';
export * from './opencost';
export * from './generator';
export * from './parquet';
