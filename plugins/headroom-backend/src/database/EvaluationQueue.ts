import { worstBurnRate } from '@headroom/core';
import type { Knex } from 'knex';
import { existingSloIds, rowToSlo, SLOS, SNAPSHOTS, STATUS, type SloRow } from './rows';
import type { EvaluationOutcome, EvaluationQueue, EvaluationRecord, StoredSlo } from './types';

/**
 * The evaluation queue in the database: which SLOs are due (`next_evaluation_at`), and the outcome
 * of each attempt (a snapshot and the status, or only the error, and the next due time). Several
 * replicas may share it; the scheduler runs one pass at a time.
 */
export class DatabaseEvaluationQueue implements EvaluationQueue {
  constructor(private readonly db: Knex) {}

  async listDue(now: Date, limit: number): Promise<StoredSlo[]> {
    const rows = await this.db<SloRow>(SLOS)
      .where('next_evaluation_at', '<=', now)
      .orWhereNull('next_evaluation_at')
      .orderBy('next_evaluation_at', 'asc', 'first')
      .limit(limit);
    return rows.map(rowToSlo);
  }

  async recordEvaluation(
    sloId: string,
    evaluation: EvaluationRecord,
    nextEvaluationAt: Date,
  ): Promise<void> {
    await this.recordEvaluations([{ sloId, evaluation, nextEvaluationAt }]);
  }

  /**
   * Several outcomes in one transaction: a commit (and, on SQLite, a sync to disk) per batch of
   * SLOs, not per SLO. SLOs deleted while they were evaluated are skipped.
   */
  async recordEvaluations(records: readonly EvaluationOutcome[]): Promise<void> {
    if (records.length === 0) return;
    await this.db.transaction(async tx => {
      const existing = await existingSloIds(
        tx,
        records.map(r => r.sloId),
      );
      for (const { sloId, evaluation, nextEvaluationAt } of records) {
        if (!existing.has(sloId)) continue; // deleted while it was being evaluated
        const burnRates = JSON.stringify(evaluation.burnRates);
        await tx(SNAPSHOTS).insert({
          slo_id: sloId,
          evaluated_at: evaluation.evaluatedAt,
          sli: evaluation.sli,
          budget_remaining: evaluation.budgetRemaining,
          burn_rates: burnRates,
          alert_state: evaluation.alertState,
          time_to_exhaustion_seconds: evaluation.timeToExhaustionSeconds,
        });
        await tx(STATUS)
          .insert({
            slo_id: sloId,
            evaluated_at: evaluation.evaluatedAt,
            sli: evaluation.sli,
            budget_remaining: evaluation.budgetRemaining,
            worst_burn_rate: worstBurnRate(evaluation.burnRates.map(b => b.rate)),
            burn_rates: burnRates,
            alert_state: evaluation.alertState,
            time_to_exhaustion_seconds: evaluation.timeToExhaustionSeconds,
            last_attempt_at: evaluation.evaluatedAt,
            error: null,
          })
          .onConflict('slo_id')
          .merge();
        await tx(SLOS).where({ id: sloId }).update({ next_evaluation_at: nextEvaluationAt });
      }
    });
  }

  async recordFailure(
    sloId: string,
    error: string,
    attemptedAt: Date,
    nextEvaluationAt: Date,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const exists = await tx(SLOS).where({ id: sloId }).first('id');
      if (!exists) return;
      // Only the attempt and the error change: the last measured values stay as they were.
      await tx(STATUS)
        .insert({ slo_id: sloId, last_attempt_at: attemptedAt, error })
        .onConflict('slo_id')
        .merge(['last_attempt_at', 'error']);
      await tx(SLOS).where({ id: sloId }).update({ next_evaluation_at: nextEvaluationAt });
    });
  }
}
