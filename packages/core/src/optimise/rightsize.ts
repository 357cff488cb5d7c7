import { HOURS_PER_MONTH } from '../capacity/recommend';
import type {
  CapacityRecommendation,
  LatencyHeadroom,
  PeakForecast,
  ResourceFit,
} from '../capacity/types';
import type { Money } from '../cost/decimal';
import type { BaselineRecommendation } from './baselines';
import type { ProfileOptions, ScaleDownWindow } from './profile';
import {
  actionOf,
  coveringAllocation,
  frozenAllocation,
  worthRollingOut,
} from './rightsizing/allocation';
import { compareBaselines } from './rightsizing/baselineComparison';
import { hourlyCost, monthlySaving } from './rightsizing/money';
import { modelNeed } from './rightsizing/need';
import { riskSummary, type Notes } from './rightsizing/notes';
import { rolloutRisks } from './rightsizing/rolloutRisks';
import { scaleDownSchedule } from './rightsizing/schedule';
import { rightSizingSettings } from './rightsizing/settings';
import { policyMargins, sloPolicy } from './rightsizing/sloPolicy';

/** Requests and limits per replica (cores, bytes) and the replica count. */
export interface Allocation {
  replicas: number;
  cpuRequest: number;
  memRequest: number;
  /** Omitted: no limit. */
  cpuLimit?: number;
  memLimit?: number;
}

/**
 * Where the money comes from: prices per core-hour and GiB-hour (a price sheet, OpenCost's
 * allocation rates), or the entity's monthly cost from the cost data, split between CPU and
 * memory by `cpuShare` (default: the requests weighted 9:1 per core against per GiB, the ratio
 * of on-demand vCPU to GiB prices at the large clouds).
 */
export type Pricing =
  | { kind: 'unit-prices'; cpuCoreHour: number; memoryGiBHour: number; currency: string }
  | { kind: 'monthly-cost'; monthlyCost: Money; currency: string; cpuShare?: number };

/** The SLO's state, from `evaluateSlo`: `budget.remaining` and the 1h (or fastest) burn rate. */
export interface SloState {
  name: string;
  /** Fraction of the error budget left in the window (negative when over-spent); null without traffic. */
  budgetRemaining: number | null;
  burnRate?: number | null;
}

export interface RightSizingInput {
  timestamps: Float64Array;
  /** CPU of the whole workload (all replicas), cores. */
  cpuCores: Float64Array;
  /** Memory of the whole workload, bytes. */
  memoryBytes: Float64Array;
  /** The business driver, aligned with the usage samples. */
  driver: Float64Array;
  /** What the driver counts, for explanations (default 'driver'). */
  driverName?: string;
  current: Allocation;
  pricing: Pricing;
  /** How far ahead the driver's peak is forecast, seconds. Default 30 days or the history's length if shorter. */
  horizonSeconds?: number;
  /** Utilisation aimed for at the peak. Defaults 0.7 (CPU) and 0.8 (memory). */
  cpuTargetUtilisation?: number;
  memTargetUtilisation?: number;
  /** The latency SLO's threshold and the work per request: caps CPU utilisation (M/M/1). */
  latency?: LatencyHeadroom;
  slo?: SloState;
  /** Budget remaining below this makes the recommendation conservative. Default 0.25. */
  lowBudget?: number;
  /** 'requests' (default): keep replicas, resize requests. 'replicas': keep requests, change the count. */
  strategy?: 'requests' | 'replicas';
  /** Fewest replicas recommended, also inside scale-down windows. Default min(2, current). */
  minReplicas?: number;
  /** Changes smaller than this share of the current allocation are not worth a rollout. Default 0.05. */
  minChange?: number;
  /** Scale-down windows from the driver's hour profile; false to skip. */
  schedule?: ProfileOptions | false;
}

export type RiskLevel = 'low' | 'medium' | 'high';

export interface BaselineComparison {
  tool: BaselineRecommendation['tool'];
  /** Per replica; null when the tool gives none. */
  cpuRequest: number | null;
  memRequest: number | null;
  /** Over all current replicas. */
  cpuTotal: number | null;
  memTotal: number | null;
  /** Capacity model's need minus the tool's total: positive is how far below the need it cuts. */
  cpuShortfall: number | null;
  memShortfall: number | null;
  belowNeed: boolean;
  explanation: string[];
}

export interface ScheduledWindow extends ScaleDownWindow {
  replicas: number;
  /** The driver's forecast peak inside the window: the forecast peak × the window's share of the busiest hour. */
  driverPeak: number;
  /** What `replicas` replicas need in the window: their idle baseline plus the shared load and margin, at the utilisation. */
  neededCpuCores: number;
  neededMemoryBytes: number;
}

export interface ScaleDownSchedule {
  timeZone: string;
  period: 'day' | 'week';
  /** Replicas outside the windows. */
  replicas: number;
  windows: ScheduledWindow[];
  /** Money a month the windows save on top of the right-sizing, in the pricing's currency. */
  monthlySaving: number;
}

export interface RightSizingRecommendation {
  action: 'reduce' | 'increase' | 'resize' | 'hold';
  current: Allocation;
  recommended: Allocation;
  /** What the capacity model says the SLO needs at the forecast peak (all replicas). */
  needed: { cpuCores: number; memoryBytes: number; driverPeak: number; peakAt: number };
  /** Right-sizing plus scale-down windows, exact decimal; negative when the change costs more. */
  expectedMonthlySaving: Money;
  currency: string;
  savingBreakdown: { cpu: number; memory: number; schedule: number };
  risk: { level: RiskLevel; reasons: string[] };
  sloPolicy: 'normal' | 'conservative' | 'freeze';
  baselines: BaselineComparison[];
  schedule: ScaleDownSchedule | null;
  capacity: { cpu: CapacityRecommendation; memory: CapacityRecommendation };
  fits: { cpu: ResourceFit; memory: ResourceFit };
  forecast: PeakForecast;
  explanation: string[];
}

/**
 * Headroom's right-sizing: usage fitted against the business driver, the driver's peak forecast
 * over the horizon, and the capacity that peak needs at a utilisation the latency SLO tolerates
 * (`recommendCapacity`). The recommendation never goes below that need; with a low error budget
 * it takes the p99 residual margin and 15 % more headroom, with an exhausted one it cuts nothing.
 * It reports the saving from the cost data, the risk with reasons, what KRR, VPA and Kubecost
 * would have set and whether that falls below the need, and scale-down windows from the
 * driver's hour profile. Each step is a function of its own (in `rightsizing/`), run in this
 * order; their explanation lines and risks are collected in the same order.
 */
export function recommendRightSizing(input: RightSizingInput): RightSizingRecommendation {
  const s = rightSizingSettings(input);
  const cur = input.current;
  const notes: Notes = { explanation: [], risks: [] };

  const policy = sloPolicy(input.slo, s.lowBudget, notes);
  const margins = policyMargins(policy, s.cpuTarget, s.memTarget);
  const need = modelNeed(input, s, margins, notes);

  const proposed = frozenAllocation(coveringAllocation(cur, need, s, notes), cur, policy);
  const { rec, relCpu, relMem } = worthRollingOut(proposed, cur, need, s.minChange, notes);
  const action = actionOf(rec, cur);

  const before = hourlyCost(input.pricing, cur, cur);
  const after = hourlyCost(input.pricing, cur, rec);
  const savingCpu = (before.cpu - after.cpu) * HOURS_PER_MONTH;
  const savingMem = (before.memory - after.memory) * HOURS_PER_MONTH;
  const schedule =
    policy === 'freeze' ? null : scaleDownSchedule(input, s, margins, need, rec, after, notes);
  const savingSchedule = schedule?.monthlySaving ?? 0;
  const total = monthlySaving(
    input.pricing,
    { cpu: savingCpu, memory: savingMem, schedule: schedule ? savingSchedule : null },
    notes,
  );
  const currency = input.pricing.currency;

  const baselines = compareBaselines(input, need, notes);
  rolloutRisks(
    {
      cur,
      rec,
      relCpu,
      relMem,
      historySeconds: s.history,
      slo: input.slo,
      action,
      total,
      currency,
      schedule,
      driverName: s.driverName,
    },
    notes,
  );

  return {
    action,
    current: { ...cur },
    recommended: rec,
    needed: {
      cpuCores: need.cpu,
      memoryBytes: need.mem,
      driverPeak: need.forecast.peak,
      peakAt: need.forecast.peakAt,
    },
    expectedMonthlySaving: total,
    currency,
    savingBreakdown: { cpu: savingCpu, memory: savingMem, schedule: savingSchedule },
    risk: riskSummary(notes.risks),
    sloPolicy: policy,
    baselines,
    schedule,
    capacity: { cpu: need.cpuCap, memory: need.memCap },
    fits: { cpu: need.cpuFit, memory: need.memFit },
    forecast: need.forecast,
    explanation: notes.explanation,
  };
}
