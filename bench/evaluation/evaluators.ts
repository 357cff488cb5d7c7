import type { DatabaseService, LoggerService } from '@backstage/backend-plugin-api';
import { SloCountStore } from '../../plugins/headroom-backend/src/database/SloCountStore';
import type { DatabaseSloStore } from '../../plugins/headroom-backend/src/database/DatabaseSloStore';
import {
  SloEvaluator,
  type EvaluationSettings,
  type RunResult,
} from '../../plugins/headroom-backend/src/evaluation/SloEvaluator';

/**
 * `full`: every evaluation reads the SLO's whole window (and longest look-back) again.
 * `incremental`: the backend's default, counts kept in the database (`SloCountStore`), each
 * evaluation reads only the steps since the last settled one (and the newest 300 s again).
 */
export const MODES = ['full', 'incremental'] as const;
export type Mode = (typeof MODES)[number];

export interface CycleEvaluator {
  runDue(now: Date): Promise<RunResult>;
  /** Cycles before the steady state: the incremental path's first one reads the whole window. */
  seedCycles: number;
  /** Samples Prometheus returned to the evaluator so far (its own count, `evaluator.reads`). */
  samplesReturned(): number;
}

/** The backend's own evaluator for `mode`, wired as the plugin wires it. */
export async function cycleEvaluator(
  mode: Mode,
  options: {
    store: DatabaseSloStore;
    database: DatabaseService;
    logger: LoggerService;
    settings: EvaluationSettings;
  },
): Promise<CycleEvaluator> {
  const { store, database, logger } = options;
  const settings = { ...options.settings, sampleReads: mode };
  const evaluator = new SloEvaluator({
    queue: store.evaluations,
    logger,
    settings,
    counts: mode === 'full' ? undefined : await SloCountStore.create({ database }),
  });
  return {
    runDue: now => evaluator.runDue(now),
    seedCycles: mode === 'full' ? 0 : 1,
    samplesReturned: () => evaluator.reads.samples,
  };
}
