export * from './prices';
export * from './demoCost';
export * from './focusCsv';
export * from './catalog';
