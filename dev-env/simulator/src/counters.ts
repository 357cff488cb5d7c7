// Cumulative counters: the value at t is the sum of every whole step between the epoch and t,
// so it depends only on (seed, anchor, t, series) — the backfilled history and the live
// endpoint compute the same numbers.

import {
  STEP_SECONDS,
  ServiceCounters,
  SimulationContext,
  addStep,
  epochOf,
  zeroCounters,
} from './model';

export type { ServiceCounters };

/** Steps wholly finished at t: step k is counted once t >= epoch + (k+1)·STEP_SECONDS. */
export function completedSteps(ctx: SimulationContext, t: number): number {
  const steps = Math.floor((t - epochOf(ctx)) / STEP_SECONDS);
  if (steps < 0) {
    throw new Error(
      `time ${t} is before the simulation epoch ${epochOf(ctx)} (anchor ${ctx.anchor} minus the longest history)`,
    );
  }
  return steps;
}

/**
 * Walks the counters forward in time. Asking for an earlier time than the last one restarts
 * from the epoch, so results never depend on the order of calls.
 */
export class CounterClock {
  private steps = 0;
  private state: ServiceCounters[];

  constructor(private readonly ctx: SimulationContext) {
    this.state = ctx.world.services.map(zeroCounters);
  }

  /** The counters of every service at t (a copy). */
  at(t: number): ServiceCounters[] {
    const target = completedSteps(this.ctx, t);
    if (target < this.steps) {
      this.steps = 0;
      this.state = this.ctx.world.services.map(zeroCounters);
    }
    const services = this.ctx.world.services;
    for (; this.steps < target; this.steps++) {
      for (let i = 0; i < services.length; i++) {
        addStep(this.ctx, services[i]!, this.steps, this.state[i]!);
      }
    }
    return this.state.map(copy);
  }
}

function copy(counters: ServiceCounters): ServiceCounters {
  return {
    ...counters,
    requests: [...counters.requests],
    buckets: [...counters.buckets],
    drivers: [...counters.drivers],
    ...(counters.canaries
      ? {
          canaries: counters.canaries.map(c => ({
            ...c,
            requests: [...c.requests],
            buckets: [...c.buckets],
          })),
        }
      : {}),
  };
}

/** The counters of every service at t, computed from the epoch. */
export function countersAt(ctx: SimulationContext, t: number): ServiceCounters[] {
  return new CounterClock(ctx).at(t);
}
