export * from './focusGenerator';
