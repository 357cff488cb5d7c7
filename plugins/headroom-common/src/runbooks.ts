import type { ApiSchema } from './apiClient';

// The runbook routes' JSON, as the backend's OpenAPI document declares it (generated types).
// The record's times are unix seconds, as core writes them.

/** A recorded runbook run, as the backend's runbook routes serve it. */
export type RunbookRun = ApiSchema<'RunbookRun'>;

/** An approval of a risky action of a run: who approved it and when. */
export type RunbookRunApproval = RunbookRun['approvals'][number];

/** `GET /runbooks/runs`: runs by entity or incident, oldest first. */
export type RunbookRunList = ApiSchema<'RunbookRunList'>;

/** `GET /runbooks/entities/{kind}/{namespace}/{name}`: an entity's runbooks, runs and coverage. */
export type EntityRunbooks = ApiSchema<'EntityRunbooks'>;

/** `GET /runbooks/recovery`: incidents split by auto-recovered and manual, with their MTTR. */
export type RunbookRecovery = ApiSchema<'RunbookRecovery'>;

/** `GET /runbooks/coverage`: which SLO alerts of a line of business's services have a runbook. */
export type RunbookLobCoverage = ApiSchema<'RunbookLobCoverage'>;
