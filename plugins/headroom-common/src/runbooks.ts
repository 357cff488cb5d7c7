import type {
  LineOfBusinessCoverage,
  RecoverySplit,
  RunbookAuditRecord,
  RunbookCoverage,
  RunbookRunSummary,
} from '@headroom/core';

/** An approval of a risky action of a run: who approved it and when. */
export interface RunbookRunApproval {
  action: string;
  by: string;
  at: string;
}

/** A recorded runbook run, as the backend's runbook routes serve it; the record's times are unix seconds. */
export interface RunbookRun {
  id: string;
  entityRef: string;
  incidentId: string | null;
  record: RunbookAuditRecord;
  recordedBy: string;
  recordedAt: string;
  approvals: RunbookRunApproval[];
}

/** `GET /runbooks/runs`: runs by entity or incident, oldest first. */
export interface RunbookRunList {
  items: RunbookRun[];
}

/** `GET /runbooks/entities/{kind}/{namespace}/{name}`: an entity's runbooks, runs and coverage. */
export interface EntityRunbooks {
  entityRef: string;
  from: string;
  to: string;
  summary: Omit<RunbookRunSummary, 'lastRunAt'> & { lastRunAt: string | null };
  runs: RunbookRun[];
  definitions: {
    file: string | null;
    runbooks: { name: string; slo: string; actions: string[] }[];
    /** Problems of the runbooks file, each naming the file and the field. */
    problems: string[];
  };
  coverage: RunbookCoverage;
}

/** `GET /runbooks/recovery`: incidents split by auto-recovered and manual, with their MTTR. */
export type RunbookRecovery = RecoverySplit & {
  from: string;
  to: string;
  lineOfBusiness: string | null;
};

/** `GET /runbooks/coverage`: which SLO alerts of a line of business's services have a runbook. */
export type RunbookLobCoverage = LineOfBusinessCoverage & {
  lineOfBusiness: string | null;
  /** Runbooks files that could not be used, each naming the file and the field. */
  problems: string[];
};
