export * from './types';
export { fitResourceModel } from './fit';
