import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { alertState, evaluateSlo, prepareSeries, type SloEvaluation } from '@headroom/core';
import { planSloSamples, PrometheusClient, readPlannedSamples } from '@headroom/prometheus';
import type { EvaluationRecord, SloStore, StoredSlo } from '../database/types';

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

/**
 * Evaluates due SLOs against Prometheus and stores what it measured. A failed attempt records
 * the error and keeps the last measured status: nothing is invented when Prometheus is down.
 */
export class SloEvaluator {
  private readonly client: PrometheusClient;

  constructor(
    private readonly options: {
      store: SloStore;
      logger: LoggerService;
      settings: EvaluationSettings;
      /** The plugin's Prometheus reader; built from the settings when not given. */
      client?: PrometheusClient;
    },
  ) {
    const { settings } = options;
    this.client =
      options.client ??
      new PrometheusClient({
        url: settings.prometheusUrl ?? '',
        timeoutMs: settings.timeoutMs,
        retries: 1,
      });
  }

  async runDue(now: Date): Promise<RunResult> {
    const { store, settings, logger } = this.options;
    const due = await store.listDue(now, settings.batchSize);
    const result: RunResult = { evaluated: 0, failed: 0 };
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const slo = due[next++]!;
        if (await this.evaluate(slo, now)) result.evaluated += 1;
        else result.failed += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, settings.concurrency) }, worker));
    if (due.length > 0) {
      logger.info(`Evaluated ${result.evaluated} SLOs, ${result.failed} failed`);
    }
    return result;
  }

  /** Evaluates one SLO at `now`; true when a snapshot was stored. */
  async evaluate(slo: StoredSlo, now: Date): Promise<boolean> {
    const { store, settings, logger } = this.options;
    const interval = slo.evaluationIntervalSeconds ?? settings.defaultIntervalSeconds;
    const nextAt = new Date(now.getTime() + interval * 1000);
    const definition = slo.definition;
    try {
      const plan = planSloSamples(definition, now.getTime() / 1000, settings.stepSeconds);
      const samples = await readPlannedSamples(this.client, definition, plan);
      const evaluation = evaluateSlo(definition, prepareSeries(samples), { at: plan.at });
      await store.recordEvaluation(slo.id, toEvaluationRecord(evaluation), nextAt);
      return true;
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      logger.warn(`SLO '${slo.name}' of ${slo.entityRef} not evaluated: ${message}`);
      await store.recordFailure(slo.id, message, now, nextAt);
      return false;
    }
  }
}
