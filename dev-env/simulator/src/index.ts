export * from './world';
export * from './model';
export * from './counters';
export * from './exposition';
export * from './openmetrics';
export * from './server';
export { parseCommand, USAGE, type Command } from './cli';
export { mulberry32, uniform, smoothNoise } from './prng';
