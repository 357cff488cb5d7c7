import type { ApiSchema } from './apiClient';

// The change log's JSON (`/api/headroom/changes`), as the backend's OpenAPI document declares it:
// a change with its risk pre-assessment, the canary verdicts given while it was live, the
// rollbacks decided for it and its outcome.

/** @public */
export type Change = ApiSchema<'Change'>;

/** @public */
export type ChangeState = Change['state'];

/** Core's pre-assessment of a change. @public */
export type ChangeAssessment = ApiSchema<'ChangeAssessment'>;

/** One factor of a change's risk, 0 (none) to 1 (full), and its points in the score. @public */
export type ChangeRiskFactor = ChangeAssessment['factors'][number];

/** @public */
export type ChangeVerdict = ApiSchema<'ChangeVerdict'>;

/** @public */
export type ChangeRollback = ApiSchema<'ChangeRollback'>;

/** Changes, and how many failed (caused an incident or were rolled back). @public */
export type ChangeFailureRate = ApiSchema<'ChangeFailureRate'>;

/** @public */
export type ChangeList = ApiSchema<'ChangeList'>;
