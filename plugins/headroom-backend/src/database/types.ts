import type { Slo } from '@headroom/core';
import type {
  SloAlertState,
  SloBurnRate,
  SloInput,
  SloOrigin,
  SloSnapshot,
  SloStatus,
  SloVersion,
} from '@headroom/plugin-headroom-common';

/** One stored SLO: the normalised definition plus what the catalog and the API said about it. */
export interface StoredSlo {
  id: string;
  entityRef: string;
  name: string;
  origin: SloOrigin;
  sourceLocation: string | null;
  version: number;
  ownerRef: string | null;
  lineOfBusiness: string | null;
  displayName: string | null;
  description: string | null;
  objective: number;
  window: string;
  evaluationIntervalSeconds: number | null;
  definition: Slo;
  input: SloInput | null;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
  nextEvaluationAt: Date | null;
}

/** What a writer provides; the store adds id, version and times. */
export interface SloWrite {
  entityRef: string;
  name: string;
  origin: SloOrigin;
  sourceLocation: string | null;
  ownerRef: string | null;
  lineOfBusiness: string | null;
  displayName: string | null;
  description: string | null;
  objective: number;
  window: string;
  evaluationIntervalSeconds: number | null;
  definition: Slo;
  input: SloInput | null;
}

/** A successful evaluation, as stored. */
export interface EvaluationRecord {
  evaluatedAt: Date;
  sli: number | null;
  budgetRemaining: number | null;
  burnRates: SloBurnRate[];
  alertState: SloAlertState;
  timeToExhaustionSeconds: number | null;
}

export interface SyncResult {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

/** What summaries, rollups and the release gate need of one SLO: no definition to parse. */
export interface SloFactsRow {
  entityRef: string;
  name: string;
  displayName: string | null;
  objective: number;
  window: string;
  ownerRef: string | null;
  lineOfBusiness: string | null;
  status: SloStatus | undefined;
}

/** Filters of the SLO list; absent fields do not filter. */
export interface SloListFilter {
  ownerRef?: string;
  lineOfBusiness?: string;
  entityRef?: string;
}

/** One evaluation's outcome, as a batch of them is recorded. */
export interface EvaluationOutcome {
  sloId: string;
  evaluation: EvaluationRecord;
  nextEvaluationAt: Date;
}

/** When each SLO is due for evaluation, and what each evaluation found. */
export interface EvaluationQueue {
  /** SLOs whose next evaluation is due at `now`, and new or changed ones (never evaluated), first. */
  listDue(now: Date, limit: number): Promise<StoredSlo[]>;
  recordEvaluation(
    sloId: string,
    evaluation: EvaluationRecord,
    nextEvaluationAt: Date,
  ): Promise<void>;
  /** Several outcomes at once (one transaction); SLOs deleted meanwhile are skipped. */
  recordEvaluations(records: readonly EvaluationOutcome[]): Promise<void>;
  recordFailure(
    sloId: string,
    error: string,
    attemptedAt: Date,
    nextEvaluationAt: Date,
  ): Promise<void>;
}

/** SLO definitions, versions and statuses; when each is evaluated is its {@link EvaluationQueue}'s. */
export interface SloStore {
  /** When each SLO is due, and the outcome of each evaluation. */
  readonly evaluations: EvaluationQueue;
  /**
   * How many writes of definitions (create, update, delete, a sync that changed something) this
   * store made; caches of lists compare it to see their own backend's writes at once.
   */
  readonly definitionsWritten: number;
  /** The distinct windows of the stored SLOs, as written (`30d`). */
  windowsInUse(): Promise<string[]>;
  /**
   * The SLOs matching `filter`, each with its status, in one query, ordered by entity and name;
   * only the `page` when given.
   */
  listWithStatus(
    filter: SloListFilter,
    now: Date,
    page?: { limit: number; offset: number },
  ): Promise<{ slo: StoredSlo; status: SloStatus | undefined }[]>;
  /** How many SLOs match `filter`. */
  countMatching(filter: SloListFilter): Promise<number>;
  /** The facts of every SLO, ordered by entity and name: one query, no definitions parsed. */
  listAllFacts(now: Date): Promise<SloFactsRow[]>;
  /** The entity's SLOs with their status, in one query. */
  listFactsByEntity(entityRef: string, now: Date): Promise<SloFactsRow[]>;
  listByEntity(entityRef: string): Promise<StoredSlo[]>;
  get(entityRef: string, name: string): Promise<StoredSlo | undefined>;
  listAll(): Promise<StoredSlo[]>;
  /** The entities that have at least one SLO: one query, no definitions parsed. */
  entityRefsWithSlos(): Promise<Set<string>>;
  /** Throws ConflictError when the entity already has an SLO of that name. */
  create(slo: SloWrite, author: string): Promise<StoredSlo>;
  /** Throws NotFoundError, or ConflictError when `expectedVersion` is not the current version. */
  update(slo: SloWrite, expectedVersion: number, author: string): Promise<StoredSlo>;
  /** Throws NotFoundError, or ConflictError when `expectedVersion` is not the current version. */
  delete(entityRef: string, name: string, expectedVersion: number, author: string): Promise<void>;
  history(entityRef: string, name: string): Promise<SloVersion[]>;
  /**
   * Makes the file-origin SLOs of one entity equal to `slos`: new ones created, changed ones
   * updated (a new version only when the definition changed), missing ones deleted. SLOs of
   * origin `api` are left alone.
   */
  syncFileSlos(entityRef: string, slos: SloWrite[], author: string): Promise<SyncResult>;
  /** Deletes the file-origin SLOs of every entity not in `entityRefs`. */
  removeFileSlosExcept(entityRefs: Set<string>, author: string): Promise<number>;
  /** The status of each SLO that has one, keyed by SLO id. `now` gives the age. */
  getStatuses(sloIds: string[], now: Date): Promise<Map<string, SloStatus>>;
  listSnapshots(sloId: string, options: { since?: Date; limit: number }): Promise<SloSnapshot[]>;
}
