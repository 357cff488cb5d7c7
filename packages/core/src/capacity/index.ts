export * from './types';
export { fitResourceModel } from './fit';
export { forecastPeak } from './forecast';
