import type { LoggerService } from '@backstage/backend-plugin-api';
import { drillHold, lastDueAt, type Drill } from '@headroom/core';
import type { SloStore } from '../database/types';
import type { DrillRunStore } from './DrillRunStore';
import type { DrillEntity, DrillRunInput, DrillService } from './service';
import { freezeAt } from './settings';

/** Runs one drill for real and says what happened; the plugin wires the `headroom` command. */
export interface DrillExecutor {
  run(drill: Drill, context: { entity: DrillEntity; drillsFile: string }): Promise<DrillRunInput>;
}

export interface DrillTickResult {
  due: number;
  ran: number;
  held: number;
  failed: number;
}

/**
 * The drills' scheduler: each pass looks at every scheduled drill of every entity with a drills
 * file, finds the latest slot due since the last pass (cron or game day), and runs it unless a
 * change freeze holds or the drill's SLO has less budget left than `schedule.minBudgetRemaining`
 * (an unknown budget holds too). A held slot is not made up later: the next slot is.
 */
export class DrillScheduler {
  constructor(
    private readonly options: {
      service: DrillService;
      store: DrillRunStore;
      slos: SloStore;
      executor: DrillExecutor | undefined;
      logger: LoggerService;
    },
  ) {}

  async tick(now: number): Promise<DrillTickResult> {
    const { service, store, logger } = this.options;
    const result: DrillTickResult = { due: 0, ran: 0, held: 0, failed: 0 };
    for (const entity of await service.entities()) {
      const defs = await service.definitions(entity.entity);
      if (!defs.file) continue;
      for (const problem of defs.problems) logger.warn(`${entity.entityRef}: ${problem}`);
      for (const drill of defs.drills) {
        if (!drill.schedule) continue;
        const state = await store.scheduleState(entity.entityRef, drill.name);
        // First sight: count from now, so past game days and cron slots are not run at once.
        const since = state?.checkedAt ?? now;
        const due = lastDueAt(drill.schedule, since, now);
        if (due === undefined) {
          if (!state) {
            await store.saveScheduleState({
              entityRef: entity.entityRef,
              drill: drill.name,
              checkedAt: now,
              heldReason: null,
              heldAt: null,
            });
          }
          continue;
        }
        result.due += 1;
        // Mark the slot handled before running: another pass must not start the same drill.
        await store.saveScheduleState({
          entityRef: entity.entityRef,
          drill: drill.name,
          checkedAt: now,
          heldReason: state?.heldReason ?? null,
          heldAt: state?.heldAt ?? null,
        });
        const reason = await this.holdReason(drill, entity, now);
        if (reason) {
          result.held += 1;
          logger.info(`drill ${drill.name} of ${entity.entityRef} held: ${reason}`);
          await store.saveScheduleState({
            entityRef: entity.entityRef,
            drill: drill.name,
            checkedAt: now,
            heldReason: reason,
            heldAt: now,
          });
          continue;
        }
        try {
          const input = await this.options.executor!.run(drill, {
            entity,
            drillsFile: defs.file,
          });
          await service.record(input, entity, 'scheduler', 'scheduler');
          result.ran += 1;
          logger.info(
            `drill ${drill.name} of ${entity.entityRef}: ${input.record.verdict}, resilience ${input.record.resilienceScore.toFixed(1)}`,
          );
        } catch (error) {
          result.failed += 1;
          logger.warn(
            `drill ${drill.name} of ${entity.entityRef} failed to run: ${(error as Error).message}`,
          );
        }
      }
    }
    return result;
  }

  /** Why the drill must not run now: a freeze, the SLO's budget, or no way to run it. */
  private async holdReason(
    drill: Drill,
    entity: DrillEntity,
    now: number,
  ): Promise<string | undefined> {
    const freeze = freezeAt(this.options.service.settings.freezes, now);
    const slo = (
      await this.options.slos.listWithStatus({ entityRef: entity.entityRef }, new Date(now * 1000))
    ).find(s => s.slo.name === drill.slo);
    const hold = drillHold({
      minBudgetRemaining: drill.schedule!.minBudgetRemaining,
      budgetRemaining: slo?.status?.budgetRemaining ?? null,
      ...(freeze ? { freeze } : {}),
    });
    if (hold) return slo || freeze ? hold : `the SLO "${drill.slo}" is not known to Headroom`;
    if (!this.options.executor) {
      return 'no drill runner: headroom.drills.scheduler.simulatorUrl and a Prometheus are not both configured';
    }
    return undefined;
  }
}
