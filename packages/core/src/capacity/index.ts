export * from './types';
export { fitResourceModel } from './fit';
export { forecastPeak } from './forecast';
export { recommendCapacity, latencyUtilisationCap, HOURS_PER_MONTH } from './recommend';
export { serviceTimeAtLowLoad } from './serviceTime';
export { grownPeak } from './growth';
