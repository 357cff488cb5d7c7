export * from './types';
export { parseDuration, formatDuration } from './duration';
export { formatIssue, formatPath } from './issues';
export {
  defaultAlertWindows,
  resolveAlertWindows,
  burnRateFactor,
  parseAlertWindows,
  alertWindowsToSpec,
} from './alertWindows';
export { ANNOTATION, slug, type ParseOptions } from './common';
export { parseSloDocuments, sloFromObject, sloId } from './parse';
export { toOpenSloV1 } from './export';
export { counterSelectorProblem, expressionProblem } from './promqlSelector';
