import { fitResourceModel } from '../capacity/fit';
import { forecastPeak } from '../capacity/forecast';
import { HOURS_PER_MONTH, recommendCapacity } from '../capacity/recommend';
import type {
  CapacityRecommendation,
  LatencyHeadroom,
  PeakForecast,
  ResourceFit,
} from '../capacity/types';
import { formatMoney, moneyToNumber, parseMoney, type Money } from '../cost/decimal';
import {
  evenPods,
  krrSimple,
  kubecostLike,
  vpaLike,
  type BaselineRecommendation,
} from './baselines';
import { ceilMiB, ceilMillicores, cpuQuantity, fmt, GIB, memoryQuantity, pct } from './format';
import { hourlyProfile, type ProfileOptions, type ScaleDownWindow } from './profile';

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

const DAY = 86400;
const RISK_RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

function check(ok: boolean, field: string, value: unknown, expected: string): void {
  if (!ok) {
    throw new RangeError(
      `recommendRightSizing: ${field} must be ${expected}, got ${String(value)}`,
    );
  }
}

function checkAllocation(a: Allocation, field: string): void {
  check(
    Number.isInteger(a.replicas) && a.replicas > 0,
    `${field}.replicas`,
    a.replicas,
    'a positive integer',
  );
  check(a.cpuRequest > 0, `${field}.cpuRequest`, a.cpuRequest, 'a positive number of cores');
  check(a.memRequest > 0, `${field}.memRequest`, a.memRequest, 'a positive number of bytes');
  if (a.cpuLimit !== undefined)
    check(a.cpuLimit >= a.cpuRequest, `${field}.cpuLimit`, a.cpuLimit, 'at least cpuRequest');
  if (a.memLimit !== undefined)
    check(a.memLimit >= a.memRequest, `${field}.memLimit`, a.memLimit, 'at least memRequest');
}

/** Money from a float amount, through 6 decimals (a millionth of a currency unit). */
function money(v: number): Money {
  return parseMoney(v.toFixed(6)) ?? 0n;
}

/**
 * Headroom's right-sizing: usage fitted against the business driver, the driver's peak forecast
 * over the horizon, and the capacity that peak needs at a utilisation the latency SLO tolerates
 * (`recommendCapacity`). The recommendation never goes below that need; with a low error budget
 * it takes the p99 residual margin and 15 % more headroom, with an exhausted one it cuts nothing.
 * It reports the saving from the cost data, the risk with reasons, what KRR, VPA and Kubecost
 * would have set and whether that falls below the need, and scale-down windows from the
 * driver's hour profile.
 */
export function recommendRightSizing(input: RightSizingInput): RightSizingRecommendation {
  const n = input.timestamps.length;
  for (const k of ['cpuCores', 'memoryBytes', 'driver'] as const) {
    if (input[k].length !== n) {
      throw new Error(
        `recommendRightSizing: ${k} has ${input[k].length} samples but timestamps has ${n}`,
      );
    }
  }
  const cur = input.current;
  checkAllocation(cur, 'current');
  const history = n > 1 ? input.timestamps[n - 1]! - input.timestamps[0]! : 0;
  // A forecast reaching further ahead than the history behind it is a guess.
  const horizon = input.horizonSeconds ?? Math.max(DAY, Math.min(30 * DAY, history));
  const cpuTarget0 = input.cpuTargetUtilisation ?? 0.7;
  const memTarget0 = input.memTargetUtilisation ?? 0.8;
  check(cpuTarget0 > 0 && cpuTarget0 <= 1, 'cpuTargetUtilisation', cpuTarget0, 'in (0, 1]');
  check(memTarget0 > 0 && memTarget0 <= 1, 'memTargetUtilisation', memTarget0, 'in (0, 1]');
  const lowBudget = input.lowBudget ?? 0.25;
  const strategy = input.strategy ?? 'requests';
  const minReplicas = input.minReplicas ?? Math.min(2, cur.replicas);
  check(
    Number.isInteger(minReplicas) && minReplicas >= 1,
    'minReplicas',
    minReplicas,
    'a positive integer',
  );
  const minChange = input.minChange ?? 0.05;
  check(minChange >= 0 && minChange < 1, 'minChange', minChange, 'in [0, 1)');
  const pricing = input.pricing;
  if (pricing.kind === 'unit-prices') {
    check(pricing.cpuCoreHour >= 0, 'pricing.cpuCoreHour', pricing.cpuCoreHour, 'non-negative');
    check(
      pricing.memoryGiBHour >= 0,
      'pricing.memoryGiBHour',
      pricing.memoryGiBHour,
      'non-negative',
    );
  } else if (pricing.cpuShare !== undefined) {
    check(
      pricing.cpuShare >= 0 && pricing.cpuShare <= 1,
      'pricing.cpuShare',
      pricing.cpuShare,
      'in [0, 1]',
    );
  }
  const driverName = input.driverName ?? 'driver';
  const explanation: string[] = [];
  const risks: { level: RiskLevel; reason: string }[] = [];
  const R = cur.replicas;

  // --- SLO policy
  let sloPolicy: RightSizingRecommendation['sloPolicy'] = 'normal';
  const slo = input.slo;
  if (slo) {
    const rem = slo.budgetRemaining;
    const burn = slo.burnRate ?? null;
    if (rem !== null && rem <= 0) {
      sloPolicy = 'freeze';
      explanation.push(
        `SLO ${slo.name}: error budget spent (${pct(rem)} left): no cuts, only increases, until it recovers — ` +
          `a wrong guess now breaks the objective`,
      );
    } else if ((rem !== null && rem < lowBudget) || (burn !== null && burn > 1)) {
      sloPolicy = 'conservative';
      explanation.push(
        `SLO ${slo.name}: ${rem !== null && rem < lowBudget ? `${pct(rem)} of the error budget left (< ${pct(lowBudget)})` : ''}` +
          `${rem !== null && rem < lowBudget && burn !== null && burn > 1 ? ', ' : ''}` +
          `${burn !== null && burn > 1 ? `burning at ${fmt(burn)}× the sustainable rate` : ''}: conservative — ` +
          `p99 residual margin instead of p95, target utilisation lowered by 15 %`,
      );
      risks.push({
        level: 'medium',
        reason: `the SLO ${slo.name} has little budget to absorb a mistake`,
      });
    } else {
      explanation.push(
        `SLO ${slo.name}: ${rem === null ? 'no traffic in the window' : `${pct(rem)} of the error budget left`}` +
          `${burn === null ? '' : `, burn rate ${fmt(burn)}`}: normal margins`,
      );
    }
  }
  const conservative = sloPolicy === 'conservative';
  const cpuTarget = conservative ? cpuTarget0 * 0.85 : cpuTarget0;
  const memTarget = conservative ? memTarget0 * 0.85 : memTarget0;
  const marginQuantile = conservative ? 0.99 : 0.95;

  // --- Model: fit, forecast, capacity
  const memGiB = input.memoryBytes.map(v => v / GIB);
  const cpuFit = fitResourceModel(input.driver, input.cpuCores);
  const memFit = fitResourceModel(input.driver, memGiB);
  const forecast = forecastPeak(input.timestamps, input.driver, { horizonSeconds: horizon });
  const days = history / DAY;
  if (
    cpuFit.quality === 'insufficient' ||
    memFit.quality === 'insufficient' ||
    forecast.quality === 'insufficient' ||
    !Number.isFinite(forecast.peak)
  ) {
    throw new Error(
      `recommendRightSizing: not enough history to model usage against ${driverName} ` +
        `(${[
          ...cpuFit.reasons.map(r => `cpu fit: ${r}`),
          ...memFit.reasons.map(r => `memory fit: ${r}`),
          ...forecast.reasons.map(r => `forecast: ${r}`),
        ].join('; ')})`,
    );
  }
  const capacity = (
    fit: ResourceFit,
    unit: 'cores' | 'GiB',
    target: number,
    f: PeakForecast,
    withLatency: boolean,
  ) =>
    recommendCapacity({
      fit,
      forecast: f,
      unit,
      targetUtilisation: target,
      marginQuantile,
      ...(withLatency && input.latency ? { latency: input.latency } : {}),
      current:
        unit === 'cores'
          ? {
              requests: cur.cpuRequest,
              replicas: R,
              ...(cur.cpuLimit ? { limits: cur.cpuLimit } : {}),
            }
          : {
              requests: cur.memRequest / GIB,
              replicas: R,
              ...(cur.memLimit ? { limits: cur.memLimit / GIB } : {}),
            },
    });
  const cpuCap = capacity(cpuFit, 'cores', cpuTarget, forecast, true);
  const memCap = capacity(memFit, 'GiB', memTarget, forecast, false);
  explanation.push(
    `cpu: series cpuCores fitted to ${driverName}: ${fmt(cpuFit.baseline)} + ${fmt(cpuFit.perUnit)} cores per unit ` +
      `(robust R² ${fmt(cpuFit.robustRSquared)}, ${cpuFit.quality})`,
    ...cpuCap.explanation.map(l => `cpu: ${l}`),
    `memory: series memoryBytes fitted to ${driverName}: ${fmt(memFit.baseline)} GiB + ${fmt(memFit.perUnit)} GiB per unit ` +
      `(robust R² ${fmt(memFit.robustRSquared)}, ${memFit.quality})`,
    ...memCap.explanation.map(l => `memory: ${l}`),
  );

  // A poor model is not trusted below what was actually used.
  let needCpu = cpuCap.needed;
  let needMemGiB = memCap.needed;
  const floorPoor = (
    fit: ResourceFit,
    need: number,
    target: number,
    what: string,
    unit: string,
  ) => {
    if (fit.quality !== 'poor') return need;
    const floor = fit.usage.max / target;
    risks.push({ level: 'medium', reason: `${what} fit is poor (${fit.reasons.join('; ')})` });
    if (floor > need) {
      explanation.push(
        `${what}: the fit is poor, so not below the observed max ${fmt(fit.usage.max)} ${unit} / target ${fmt(target)} = ${fmt(floor)} ${unit}`,
      );
      return floor;
    }
    return need;
  };
  needCpu = floorPoor(cpuFit, needCpu, cpuTarget, 'cpu', 'cores');
  needMemGiB = floorPoor(memFit, needMemGiB, memTarget, 'memory', 'GiB');
  if (forecast.quality === 'poor') {
    risks.push({
      level: 'medium',
      reason: `the ${driverName} forecast is poor (${forecast.reasons.join('; ')})`,
    });
  }
  const needMem = needMemGiB * GIB;

  // --- New allocation
  const curCpuTotal = cur.cpuRequest * R;
  const curMemTotal = cur.memRequest * R;
  let rec: Allocation;
  if (strategy === 'replicas') {
    const replicas = Math.max(
      minReplicas,
      Math.ceil(needCpu / cur.cpuRequest - 1e-9),
      Math.ceil(needMem / cur.memRequest - 1e-9),
    );
    rec = { ...cur, replicas };
    explanation.push(
      `replicas = max(min ${minReplicas}, ⌈${fmt(needCpu)} cores / ${cpuQuantity(cur.cpuRequest)}⌉, ` +
        `⌈${memoryQuantity(needMem)} / ${memoryQuantity(cur.memRequest)}⌉) = ${replicas}, requests unchanged`,
    );
  } else {
    const cpuReq = ceilMillicores(needCpu / R);
    const memReq = ceilMiB(needMem / R);
    rec = { replicas: R, cpuRequest: cpuReq, memRequest: memReq };
    // Limits keep the team's burst ratio but never fall below peak use plus margin.
    if (cur.cpuLimit !== undefined) {
      const peakUse = (cpuCap.components.usageAtPeak + cpuCap.components.margin) / R;
      rec.cpuLimit = Math.max(
        cpuReq,
        ceilMillicores(Math.max(cpuReq * (cur.cpuLimit / cur.cpuRequest), peakUse)),
      );
    }
    if (cur.memLimit !== undefined) {
      const peakUse = ((memCap.components.usageAtPeak + memCap.components.margin) * GIB) / R;
      rec.memLimit = Math.max(
        memReq,
        ceilMiB(Math.max(memReq * (cur.memLimit / cur.memRequest), peakUse)),
      );
    }
    explanation.push(
      `requests per replica: cpu ${fmt(needCpu)} cores / ${R} → ${cpuQuantity(cpuReq)}, memory ` +
        `${memoryQuantity(needMem)} / ${R} → ${memoryQuantity(memReq)} (rounded up: never below the need)` +
        (rec.cpuLimit !== undefined ? `; cpu limit ${cpuQuantity(rec.cpuLimit)}` : '') +
        (rec.memLimit !== undefined ? `; memory limit ${memoryQuantity(rec.memLimit)}` : '') +
        (rec.cpuLimit !== undefined || rec.memLimit !== undefined
          ? ' (current limit/request ratio, at least the peak use plus margin per replica)'
          : ''),
    );
  }

  // Freeze: an exhausted budget allows increases only.
  if (sloPolicy === 'freeze') {
    const frozen: Allocation = {
      replicas: Math.max(rec.replicas, cur.replicas),
      cpuRequest: Math.max(rec.cpuRequest, cur.cpuRequest),
      memRequest: Math.max(rec.memRequest, cur.memRequest),
    };
    if (cur.cpuLimit !== undefined) frozen.cpuLimit = Math.max(rec.cpuLimit ?? 0, cur.cpuLimit);
    if (cur.memLimit !== undefined) frozen.memLimit = Math.max(rec.memLimit ?? 0, cur.memLimit);
    rec = frozen;
  }

  // Too small a change is not worth a rollout.
  const recCpuTotal = () => rec.cpuRequest * rec.replicas;
  const recMemTotal = () => rec.memRequest * rec.replicas;
  const relCpu = (recCpuTotal() - curCpuTotal) / curCpuTotal;
  const relMem = (recMemTotal() - curMemTotal) / curMemTotal;
  const small = (r: number, needBelow: boolean) => Math.abs(r) < minChange && needBelow;
  if (small(relCpu, needCpu <= curCpuTotal) && small(relMem, needMem <= curMemTotal)) {
    explanation.push(
      `the change (cpu ${pct(relCpu)}, memory ${pct(relMem)}) is within ±${pct(minChange)} and the current ` +
        `allocation covers the need: keep it`,
    );
    rec = { ...cur };
  }

  const dCpu = recCpuTotal() - curCpuTotal;
  const dMem = recMemTotal() - curMemTotal;
  const action: RightSizingRecommendation['action'] =
    dCpu === 0 && dMem === 0 && rec.replicas === cur.replicas
      ? 'hold'
      : dCpu <= 0 && dMem <= 0
        ? 'reduce'
        : dCpu >= 0 && dMem >= 0
          ? 'increase'
          : 'resize';

  // --- Money
  const hourly = (a: Allocation): { cpu: number; memory: number } => {
    if (pricing.kind === 'unit-prices') {
      return {
        cpu: a.cpuRequest * a.replicas * pricing.cpuCoreHour,
        memory: ((a.memRequest * a.replicas) / GIB) * pricing.memoryGiBHour,
      };
    }
    const monthly = moneyToNumber(pricing.monthlyCost);
    const share =
      pricing.cpuShare ?? (9 * cur.cpuRequest) / (9 * cur.cpuRequest + cur.memRequest / GIB);
    return {
      cpu: ((monthly * share) / HOURS_PER_MONTH) * ((a.cpuRequest * a.replicas) / curCpuTotal),
      memory:
        ((monthly * (1 - share)) / HOURS_PER_MONTH) * ((a.memRequest * a.replicas) / curMemTotal),
    };
  };
  const before = hourly(cur);
  const after = hourly(rec);
  const savingCpu = (before.cpu - after.cpu) * HOURS_PER_MONTH;
  const savingMem = (before.memory - after.memory) * HOURS_PER_MONTH;

  // --- Schedule
  let schedule: ScaleDownSchedule | null = null;
  if (input.schedule !== false && sloPolicy !== 'freeze') {
    const profile = hourlyProfile(input.timestamps, input.driver, input.schedule ?? {});
    if (profile && profile.windows.length) {
      const windows: ScheduledWindow[] = [];
      // Replicas a window needs: the fit's baseline is the replicas' idle use, so it shrinks with
      // the count, while the load part (perUnit × driver, plus the margin) is shared by them.
      const replicasFor = (
        c: CapacityRecommendation,
        fit: ResourceFit,
        request: number,
        scale: number,
      ) => {
        const base = Math.max(0, fit.baseline) * scale;
        const load =
          Math.max(0, c.components.usageAtPeak * scale - base) + c.components.margin * scale;
        const room = c.components.utilisation * request - base / R;
        const r = room > 0 ? Math.max(minReplicas, Math.ceil(load / room - 1e-9)) : rec.replicas;
        return { r, need: (r: number) => (base * (r / R) + load) / c.components.utilisation };
      };
      for (const w of profile.windows) {
        const f: PeakForecast = {
          ...forecast,
          peak: forecast.peak * w.fractionOfPeak,
          upper: forecast.upper * w.fractionOfPeak,
        };
        const c = replicasFor(
          capacity(cpuFit, 'cores', cpuTarget, f, true),
          cpuFit,
          rec.cpuRequest,
          1,
        );
        const m = replicasFor(
          capacity(memFit, 'GiB', memTarget, f, false),
          memFit,
          rec.memRequest,
          GIB,
        );
        const replicas = Math.max(c.r, m.r);
        if (replicas < rec.replicas) {
          windows.push({
            ...w,
            replicas,
            driverPeak: f.peak,
            neededCpuCores: c.need(replicas),
            neededMemoryBytes: m.need(replicas),
          });
        }
      }
      if (windows.length) {
        const perReplicaHour = (after.cpu + after.memory) / rec.replicas;
        const monthlySaving = windows.reduce(
          (s, w) =>
            s +
            (rec.replicas - w.replicas) * w.hoursPerWeek * (HOURS_PER_MONTH / 168) * perReplicaHour,
          0,
        );
        schedule = {
          timeZone: profile.timeZone,
          period: profile.period,
          replicas: rec.replicas,
          windows,
          monthlySaving,
        };
        for (const w of windows) {
          explanation.push(
            `schedule: ${w.hours} h${profile.period === 'day' ? ' daily' : ' a week'} from ` +
              `${w.start.day === null ? '' : `day ${w.start.day} `}${w.start.hour}:00 ${profile.timeZone}, ${driverName} ` +
              `p${fmt(100 * profile.binQuantile)} per hour ≤ ${pct(w.fractionOfPeak)} of the busiest hour → forecast ` +
              `${fmt(w.driverPeak)}, needs ${fmt(w.neededCpuCores)} cores and ${memoryQuantity(w.neededMemoryBytes)}: ` +
              `${w.replicas} replicas instead of ${rec.replicas}`,
          );
        }
      }
    }
  }
  const savingSchedule = schedule?.monthlySaving ?? 0;
  const total = money(savingCpu + savingMem + savingSchedule);
  const currency = pricing.currency;
  explanation.push(
    `saving a month: cpu ${fmt(savingCpu, 4)} + memory ${fmt(savingMem, 4)}` +
      (schedule ? ` + schedule ${fmt(savingSchedule, 4)}` : '') +
      ` = ${formatMoney(total)} ${currency} (${
        pricing.kind === 'unit-prices'
          ? `${pricing.cpuCoreHour} per core-hour, ${pricing.memoryGiBHour} per GiB-hour, × ${HOURS_PER_MONTH} h`
          : `share of the monthly cost ${formatMoney(pricing.monthlyCost)} ${currency} by requested amount`
      })`,
  );

  // --- Baselines: what the usage-only tools would set, against the need at the forecast peak
  const pods = evenPods(input.timestamps, input.cpuCores, input.memoryBytes, R);
  const baselines: BaselineComparison[] = [krrSimple(pods), vpaLike(pods), kubecostLike(pods)].map(
    b => {
      const cpuTotal = b.cpu.request === null ? null : b.cpu.request * R;
      const memTotal = b.memory.request === null ? null : b.memory.request * R;
      const cpuShort = cpuTotal === null ? null : needCpu - cpuTotal;
      const memShort = memTotal === null ? null : needMem - memTotal;
      const belowNeed = (cpuShort ?? 0) > 1e-9 || (memShort ?? 0) > 1;
      const name =
        b.tool === 'krr-simple'
          ? 'KRR simple (CPU p95, memory max + 15 %)'
          : b.tool === 'vpa'
            ? 'VPA (CPU p90 decaying, memory p90 of daily peaks, + 15 %)'
            : 'Kubecost (max / 0.7)';
      const line =
        `${name}: ${cpuTotal === null ? 'no CPU advice' : `${cpuQuantity(b.cpu.request!)} × ${R} = ${fmt(cpuTotal)} cores`}` +
        `${cpuShort !== null && cpuShort > 1e-9 ? `, ${fmt(cpuShort)} cores below the need at the forecast peak` : ''}; ` +
        `${memTotal === null ? 'no memory advice' : `${memoryQuantity(b.memory.request!)} × ${R} = ${memoryQuantity(memTotal)}`}` +
        `${memShort !== null && memShort > 1 ? `, ${memoryQuantity(memShort)} below the need` : ''}`;
      explanation.push(`baseline ${line}`);
      return {
        tool: b.tool,
        cpuRequest: b.cpu.request,
        memRequest: b.memory.request,
        cpuTotal,
        memTotal,
        cpuShortfall: cpuShort,
        memShortfall: memShort,
        belowNeed,
        explanation: b.explanation,
      };
    },
  );

  // --- Risk
  const cut = (r: number) => r < -0.5;
  if (cut(relCpu) || cut(recMemTotal() / curMemTotal - 1)) {
    risks.push({
      level: 'medium',
      reason: `a cut of more than half (cpu ${pct(relCpu)}, memory ${pct(relMem)}): roll out in steps and watch the SLO`,
    });
  }
  if (days < 7)
    risks.push({ level: 'medium', reason: `only ${fmt(days)} days of history: no full week seen` });
  if (rec.replicas < 2)
    risks.push({ level: 'medium', reason: 'a single replica has no redundancy' });
  if (
    slo &&
    slo.burnRate !== undefined &&
    slo.burnRate !== null &&
    slo.burnRate > 1 &&
    action === 'reduce'
  ) {
    risks.push({
      level: 'high',
      reason: `cutting while the SLO ${slo.name} burns at ${fmt(slo.burnRate)}×`,
    });
  }
  if (total < 0n) {
    // An increase buys back headroom the SLO needs at the forecast peak: it is a risk to fix,
    // priced, never a negative "saving" beside the real ones.
    const burning = slo?.burnRate != null && slo.burnRate > 1;
    risks.push({
      level: burning ? 'high' : 'medium',
      reason:
        `under-provisioned for the forecast peak: the change costs ${formatMoney(-total)} ${currency} a month more; ` +
        `a reliability fix, not a saving${burning ? ` (the SLO ${slo!.name} burns at ${fmt(slo!.burnRate!)}×)` : ''}`,
    });
  }
  if (schedule) {
    risks.push({
      level: 'low',
      reason: `scale-down windows rely on the ${driverName} pattern holding; the schedule returns to ${schedule.replicas} replicas at each window's end`,
    });
  }
  const level = risks.reduce<RiskLevel>(
    (l, r) => (RISK_RANK[r.level] > RISK_RANK[l] ? r.level : l),
    'low',
  );
  const reasons = risks.length
    ? risks.map(r => `${r.level}: ${r.reason}`)
    : ['low: a change inside what the model has seen, with the need at the forecast peak covered'];

  return {
    action,
    current: { ...cur },
    recommended: rec,
    needed: {
      cpuCores: needCpu,
      memoryBytes: needMem,
      driverPeak: forecast.peak,
      peakAt: forecast.peakAt,
    },
    expectedMonthlySaving: total,
    currency,
    savingBreakdown: { cpu: savingCpu, memory: savingMem, schedule: savingSchedule },
    risk: { level, reasons },
    sloPolicy,
    baselines,
    schedule,
    capacity: { cpu: cpuCap, memory: memCap },
    fits: { cpu: cpuFit, memory: memFit },
    forecast,
    explanation,
  };
}
