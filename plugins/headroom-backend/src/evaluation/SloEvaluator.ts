import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  alertState,
  evaluateSlo,
  prepareSeries,
  type CounterSamples,
  type SloEvaluation,
} from '@headroom/core';
import {
  planSloSamples,
  PrometheusClient,
  readPlannedSamples,
  type RequestOptions,
  type SamplePlan,
} from '@headroom/prometheus';
import type { CountSave, SloCountStore } from '../database/SloCountStore';
import type {
  EvaluationOutcome,
  EvaluationQueue,
  EvaluationRecord,
  StoredSlo,
} from '../database/types';
import { IncrementalSampleReader } from './IncrementalSampleReader';

export interface EvaluationSettings {
  enabled: boolean;
  prometheusUrl: string | undefined;
  timeoutMs: number;
  schedulerIntervalSeconds: number;
  defaultIntervalSeconds: number;
  concurrency: number;
  batchSize: number;
  /** Resolution of the counter samples read from Prometheus. */
  stepSeconds: number;
  /**
   * `incremental` (default): keep what was counted and read only the new steps; `full`: read each
   * SLO's whole window at every evaluation.
   */
  sampleReads?: SampleReads;
  /** How far back incremental reads read the newest steps again (late scrapes); default 300. */
  overlapSeconds?: number;
}

export type SampleReads = 'incremental' | 'full';

function sampleReadsSetting(config: Config): SampleReads {
  const key = 'headroom.evaluation.sampleReads';
  const value = config.getOptionalString(key) ?? 'incremental';
  if (value !== 'incremental' && value !== 'full') {
    throw new Error(`Invalid config ${key}: "${value}"; use "incremental" or "full"`);
  }
  return value;
}

function overlapSetting(config: Config): number {
  const key = 'headroom.evaluation.overlapSeconds';
  const value = config.getOptionalNumber(key) ?? 300;
  if (!(value >= 0 && value < Infinity)) {
    throw new Error(`Invalid config ${key}: ${value}; use a number of seconds, 0 or more`);
  }
  return value;
}

export function evaluationSettings(config: Config): EvaluationSettings {
  const prometheusUrl = config.getOptionalString('headroom.prometheus.baseUrl');
  return {
    enabled:
      (config.getOptionalBoolean('headroom.evaluation.enabled') ?? true) && Boolean(prometheusUrl),
    prometheusUrl,
    timeoutMs: config.getOptionalNumber('headroom.prometheus.timeoutMs') ?? 10_000,
    schedulerIntervalSeconds:
      config.getOptionalNumber('headroom.evaluation.schedulerIntervalSeconds') ?? 30,
    defaultIntervalSeconds:
      config.getOptionalNumber('headroom.evaluation.defaultIntervalSeconds') ?? 60,
    concurrency: config.getOptionalNumber('headroom.evaluation.concurrency') ?? 4,
    batchSize: config.getOptionalNumber('headroom.evaluation.batchSize') ?? 500,
    stepSeconds: config.getOptionalNumber('headroom.evaluation.stepSeconds') ?? 60,
    sampleReads: sampleReadsSetting(config),
    overlapSeconds: overlapSetting(config),
  };
}

export function toEvaluationRecord(evaluation: SloEvaluation): EvaluationRecord {
  return {
    evaluatedAt: new Date(evaluation.at * 1000),
    sli: evaluation.sli,
    budgetRemaining: evaluation.budget.remaining,
    burnRates: evaluation.burnRates.map(b => ({ window: b.window, rate: b.rate })),
    alertState: alertState(evaluation),
    timeToExhaustionSeconds: evaluation.timeToExhaustionSeconds,
  };
}

export interface RunResult {
  evaluated: number;
  failed: number;
}

/** SLOs whose kept counts are written in one transaction during a run. */
const SAVE_BATCH = 100;

/** What an evaluator has asked of Prometheus since it was made. */
export interface SampleReadCounts {
  /** Range queries sent. */
  rangeQueries: number;
  /** Samples they returned (every series, every step). */
  samples: number;
  /** Incremental reads that read their whole plan (first sight, or a changed definition). */
  backfills: number;
}

/** `client` with every range query's samples added to `counts`. */
function countingClient(client: PrometheusClient, counts: SampleReadCounts): PrometheusClient {
  const counting = Object.create(client) as PrometheusClient;
  counting.queryRange = async (...args: Parameters<PrometheusClient['queryRange']>) => {
    const series = await client.queryRange(...args);
    counts.rangeQueries += 1;
    for (const s of series) counts.samples += s.timestamps.length;
    return series;
  };
  return counting;
}

/**
 * Evaluates due SLOs against Prometheus and stores what it measured. A failed attempt records
 * the error and keeps the last measured status: nothing is invented when Prometheus is down.
 */
export class SloEvaluator {
  private readonly client: PrometheusClient;
  private readonly incremental: IncrementalSampleReader | undefined;
  /** Samples read so far: what the incremental reads save is measured here. */
  readonly reads: SampleReadCounts = { rangeQueries: 0, samples: 0, backfills: 0 };
  /** During `runDue`: counts to keep, in batches of `SAVE_BATCH` SLOs a transaction. */
  private pendingSaves: (CountSave & { sloId: string })[] | undefined;
  /** During `runDue`: outcomes to record, in batches of `SAVE_BATCH` SLOs a transaction. */
  private pendingOutcomes: EvaluationOutcome[] | undefined;

  constructor(
    private readonly options: {
      /** Which SLOs are due, and where each outcome goes (the store's `evaluations`). */
      queue: EvaluationQueue;
      logger: LoggerService;
      settings: EvaluationSettings;
      /** The plugin's Prometheus reader; built from the settings when not given. */
      client?: PrometheusClient;
      /**
       * Where incremental reads keep what they counted. Without it, or with `sampleReads: full`,
       * every evaluation reads the SLO's whole window.
       */
      counts?: SloCountStore;
    },
  ) {
    const { settings, counts } = options;
    this.client = countingClient(
      options.client ??
        new PrometheusClient({
          url: settings.prometheusUrl ?? '',
          timeoutMs: settings.timeoutMs,
          retries: 1,
        }),
      this.reads,
    );
    this.incremental =
      counts && settings.sampleReads !== 'full'
        ? new IncrementalSampleReader({
            client: this.client,
            counts,
            overlapSeconds: settings.overlapSeconds,
          })
        : undefined;
  }

  /**
   * The counter samples of `plan` for an SLO: from the kept counts, or one read of the plan.
   * What an incremental read counted is kept at once, or, during `runDue`, with other SLOs'.
   */
  async readSamples(
    slo: StoredSlo,
    plan: SamplePlan,
    opts: RequestOptions = {},
  ): Promise<CounterSamples> {
    if (!this.incremental) return readPlannedSamples(this.client, slo.definition, plan, opts);
    const read = await this.incremental.read(slo.id, slo.definition, plan, opts);
    if (read.backfilled) this.reads.backfills += 1;
    if (read.save) {
      if (this.pendingSaves) {
        this.pendingSaves.push({ sloId: slo.id, ...read.save });
        if (this.pendingSaves.length >= SAVE_BATCH) await this.keepPendingCounts();
      } else {
        await this.options.counts!.save(slo.id, read.save);
      }
    }
    return read.samples;
  }

  /**
   * Keeps the counts of the reads so far in one transaction. A failure is logged and changes
   * nothing else: those SLOs' next reads start from what was kept before, and read more.
   */
  private async keepPendingCounts(): Promise<void> {
    const saves = this.pendingSaves;
    if (!saves || saves.length === 0) return;
    this.pendingSaves = [];
    try {
      await this.options.counts!.saveMany(saves);
    } catch (error) {
      this.options.logger.warn(
        `Counts of ${saves.length} SLOs not kept (their next evaluations read more): ${(error as Error).message}`,
      );
    }
  }

  /** Records an outcome at once, or, during `runDue`, with other SLOs'. */
  private async recordOutcome(outcome: EvaluationOutcome): Promise<void> {
    if (!this.pendingOutcomes) {
      await this.options.queue.recordEvaluation(
        outcome.sloId,
        outcome.evaluation,
        outcome.nextEvaluationAt,
      );
      return;
    }
    this.pendingOutcomes.push(outcome);
    if (this.pendingOutcomes.length >= SAVE_BATCH) await this.recordPendingOutcomes();
  }

  /**
   * Records the outcomes so far in one transaction. A failure is logged: those SLOs keep their
   * last status and stay due, so the next pass evaluates them again.
   */
  private async recordPendingOutcomes(): Promise<void> {
    const outcomes = this.pendingOutcomes;
    if (!outcomes || outcomes.length === 0) return;
    this.pendingOutcomes = [];
    try {
      await this.options.queue.recordEvaluations(outcomes);
    } catch (error) {
      this.options.logger.warn(
        `Evaluations of ${outcomes.length} SLOs not recorded (they stay due): ${(error as Error).message}`,
      );
    }
  }

  /**
   * Evaluates the SLOs due at `now`. When `signal` aborts (the scheduler's task timeout), no
   * further SLO is started, reads in flight are cancelled, and what was evaluated is still kept;
   * the SLOs not evaluated stay due for the next pass.
   */
  async runDue(now: Date, signal?: AbortSignal): Promise<RunResult> {
    const { queue, settings, logger } = this.options;
    const due = await queue.listDue(now, settings.batchSize);
    const result: RunResult = { evaluated: 0, failed: 0 };
    let next = 0;
    const worker = async () => {
      while (next < due.length && !signal?.aborted) {
        const slo = due[next++]!;
        const outcome = await this.evaluate(slo, now, signal);
        if (outcome === true) result.evaluated += 1;
        else if (outcome === false) result.failed += 1;
      }
    };
    this.pendingSaves = this.incremental ? [] : undefined;
    this.pendingOutcomes = [];
    try {
      await Promise.all(Array.from({ length: Math.max(1, settings.concurrency) }, worker));
      await this.keepPendingCounts();
      await this.recordPendingOutcomes();
    } finally {
      this.pendingSaves = undefined;
      this.pendingOutcomes = undefined;
    }
    if (signal?.aborted) {
      logger.warn(
        `Evaluation pass stopped (${String(signal.reason ?? 'aborted')}): ${result.evaluated} of ${due.length} due SLOs evaluated, ${result.failed} failed; the rest stay due`,
      );
    } else if (due.length > 0) {
      logger.info(`Evaluated ${result.evaluated} SLOs, ${result.failed} failed`);
    }
    return result;
  }

  /**
   * Evaluates one SLO at `now`: true when it was measured (its snapshot stored; during `runDue`,
   * with its batch), false when the failure was recorded, undefined when `signal` aborted it
   * (nothing recorded: the SLO stays due).
   */
  async evaluate(slo: StoredSlo, now: Date, signal?: AbortSignal): Promise<boolean | undefined> {
    const { queue, settings, logger } = this.options;
    const interval = slo.evaluationIntervalSeconds ?? settings.defaultIntervalSeconds;
    const nextAt = new Date(now.getTime() + interval * 1000);
    const definition = slo.definition;
    try {
      const plan = planSloSamples(definition, now.getTime() / 1000, settings.stepSeconds);
      const samples = await this.readSamples(slo, plan, { signal });
      const evaluation = evaluateSlo(definition, prepareSeries(samples), { at: plan.at });
      await this.recordOutcome({
        sloId: slo.id,
        evaluation: toEvaluationRecord(evaluation),
        nextEvaluationAt: nextAt,
      });
      return true;
    } catch (error) {
      if (signal?.aborted) return undefined;
      const message = (error as Error).message ?? String(error);
      logger.warn(`SLO '${slo.name}' of ${slo.entityRef} not evaluated: ${message}`);
      await queue.recordFailure(slo.id, message, now, nextAt);
      return false;
    }
  }
}
