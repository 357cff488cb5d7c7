export { run } from './program';
export type { Console } from './io/console';
export type { EvaluationJson } from './output/evaluationJson';
