import {
  classifyLoad,
  formatMoney,
  HOURS_PER_MONTH,
  recommendRightSizing,
  toHpaObject,
  toKedaCronScaledObject,
  toKubernetesPatch,
  toVpaObject,
  type Allocation,
  type LatencyHeadroom,
  type LoadClassification,
  type Money,
  type Pricing,
  type RightSizingRecommendation,
  type SloState,
  type WorkloadRef,
} from '@headroom/core';
import type {
  OptimisationAllocation,
  OptimisationExportFormat,
} from '@headroom/plugin-headroom-common';
import type { RecommendationDetail } from './types';

/** Everything the recommendation of one workload is computed from. */
export interface RecommendationInput {
  timestamps: Float64Array;
  cpuCores: Float64Array;
  memoryBytes: Float64Array;
  driver: Float64Array;
  /** False when Prometheus had no driver series: traffic is unknown, not zero. */
  driverSeen: boolean;
  driverName: string;
  current: Allocation;
  pricing: Pricing;
  pricingSource: 'cost-data' | 'config-prices';
  slo?: SloState;
  latency?: LatencyHeadroom;
  strategy: 'requests' | 'replicas';
  timeZone: string;
  workload: WorkloadRef;
  service: string;
  stepSeconds: number;
}

export type RecommendationOutcome =
  | {
      kind: 'proposal';
      detail: RecommendationDetail;
      expectedMonthlySaving: Money;
      currency: string;
    }
  | { kind: 'hold'; load: LoadClassification; explanation: string[] };

function allocationJson(a: Allocation): OptimisationAllocation {
  return {
    replicas: a.replicas,
    cpuRequest: a.cpuRequest,
    memRequest: a.memRequest,
    cpuLimit: a.cpuLimit ?? null,
    memLimit: a.memLimit ?? null,
  };
}

/** Money a month the current allocation costs under the pricing, exact decimal. */
function currentMonthlyCost(current: Allocation, pricing: Pricing): Money {
  if (pricing.kind === 'monthly-cost') return pricing.monthlyCost;
  const perHour =
    current.replicas *
    (current.cpuRequest * pricing.cpuCoreHour +
      (current.memRequest / 2 ** 30) * pricing.memoryGiBHour);
  return BigInt(Math.round(perHour * HOURS_PER_MONTH * 1e6)) * 10n ** 6n;
}

function exportsOf(
  rec: RightSizingRecommendation,
  ref: WorkloadRef,
): RecommendationDetail['exports'] {
  const out: RecommendationDetail['exports'] = {
    'kubernetes-patch': toKubernetesPatch(rec, ref),
    vpa: toVpaObject(rec, ref),
  };
  if (ref.kind !== 'DaemonSet') out.hpa = toHpaObject(rec, ref);
  if (rec.schedule && rec.schedule.windows.length > 0) {
    out.keda = toKedaCronScaledObject(rec.schedule, ref);
  }
  return out;
}

/**
 * Classifies the workload's load and, unless it should be held, computes a right-sizing
 * recommendation with core. An idle workload (nothing served over the history) cannot be
 * modelled against its driver: its proposal is to scale it to zero, saving what it costs now.
 */
export function recommendWorkload(input: RecommendationInput): RecommendationOutcome {
  const { current } = input;
  const load = classifyLoad(
    {
      timestamps: input.timestamps,
      cpuCores: input.cpuCores,
      memoryBytes: input.memoryBytes,
      ...(input.driverSeen ? { driver: input.driver } : {}),
      cpuRequest: current.cpuRequest,
      memRequest: current.memRequest,
      ...(current.cpuLimit !== undefined ? { cpuLimit: current.cpuLimit } : {}),
      ...(current.memLimit !== undefined ? { memLimit: current.memLimit } : {}),
      replicas: current.replicas,
    },
    { timeZone: input.timeZone },
  );
  const window = {
    from: new Date(input.timestamps[0]! * 1000).toISOString(),
    to: new Date(input.timestamps[input.timestamps.length - 1]! * 1000).toISOString(),
    stepSeconds: input.stepSeconds,
  };
  const slo = input.slo
    ? {
        name: input.slo.name,
        budgetRemaining: input.slo.budgetRemaining,
        burnRate: input.slo.burnRate ?? null,
      }
    : null;
  const currency = input.pricing.currency;

  if (load.class === 'idle') {
    const saving = currentMonthlyCost(current, input.pricing);
    const recommended: Allocation = { ...current, replicas: 0 };
    const trafficMax = load.stats.traffic?.max ?? 0;
    const ref = input.workload;
    const patch = toKubernetesPatch({ current, recommended }, ref);
    return {
      kind: 'proposal',
      expectedMonthlySaving: saving,
      currency,
      detail: {
        action: 'reduce',
        loadClass: load.class,
        evidence: load.evidence,
        current: allocationJson(current),
        recommended: allocationJson(recommended),
        needed: {
          cpuCores: 0,
          memoryBytes: 0,
          driverPeak: trafficMax,
          peakAt: window.to,
        },
        driverName: input.driverName,
        savingBreakdown: { cpu: 0, memory: 0, schedule: 0 },
        pricingSource: input.pricingSource,
        risk: {
          level: 'medium',
          reasons: [
            'nothing was served over the history: confirm with the owner that the service is unused before scaling it to zero',
          ],
        },
        sloPolicy: 'normal',
        slo,
        schedule: null,
        baselines: [],
        explanation: [
          ...load.evidence,
          `idle: scale ${ref.kind} ${ref.namespace}/${ref.name} from ${current.replicas} replicas to 0, ` +
            `saving what it costs now, ${formatMoney(saving)} ${currency} a month ` +
            `(${input.pricingSource === 'cost-data' ? "from the entity's cost data" : 'at the configured prices'})`,
        ],
        exportFormats: ref.kind === 'DaemonSet' ? [] : ['kubernetes-patch'],
        window,
        workload: ref,
        exports: ref.kind === 'DaemonSet' ? {} : { 'kubernetes-patch': patch },
        service: input.service,
      },
    };
  }

  const rec = recommendRightSizing({
    timestamps: input.timestamps,
    cpuCores: input.cpuCores,
    memoryBytes: input.memoryBytes,
    driver: input.driver,
    driverName: input.driverName,
    current,
    pricing: input.pricing,
    strategy: input.strategy,
    schedule: { timeZone: input.timeZone },
    ...(input.slo ? { slo: input.slo } : {}),
    ...(input.latency ? { latency: input.latency } : {}),
  });
  if (rec.action === 'hold' && !rec.schedule) {
    return { kind: 'hold', load, explanation: rec.explanation };
  }
  const exports = exportsOf(rec, input.workload);
  return {
    kind: 'proposal',
    expectedMonthlySaving: rec.expectedMonthlySaving,
    currency: rec.currency,
    detail: {
      action: rec.action,
      loadClass: load.class,
      evidence: load.evidence,
      current: allocationJson(rec.current),
      recommended: allocationJson(rec.recommended),
      needed: {
        cpuCores: rec.needed.cpuCores,
        memoryBytes: rec.needed.memoryBytes,
        driverPeak: rec.needed.driverPeak,
        peakAt: new Date(rec.needed.peakAt * 1000).toISOString(),
      },
      driverName: input.driverName,
      savingBreakdown: rec.savingBreakdown,
      pricingSource: input.pricingSource,
      risk: rec.risk,
      sloPolicy: rec.sloPolicy,
      slo,
      schedule: rec.schedule
        ? {
            timeZone: rec.schedule.timeZone,
            period: rec.schedule.period,
            replicas: rec.schedule.replicas,
            monthlySaving: rec.schedule.monthlySaving,
            windows: rec.schedule.windows.map(w => ({
              start: w.start,
              end: w.end,
              hours: w.hours,
              replicas: w.replicas,
              driverPeak: w.driverPeak,
              fractionOfPeak: w.fractionOfPeak,
            })),
          }
        : null,
      baselines: rec.baselines.map(b => ({
        tool: b.tool,
        cpuRequest: b.cpuRequest,
        memRequest: b.memRequest,
        belowNeed: b.belowNeed,
        explanation: b.explanation,
      })),
      explanation: rec.explanation,
      exportFormats: Object.keys(exports) as OptimisationExportFormat[],
      window,
      workload: input.workload,
      exports,
      service: input.service,
    },
  };
}
