// The traffic model: pure functions of (context, service, time). Times are Unix seconds (UTC).

import { hashString, smoothNoise, stochasticRound, uniform } from './prng';
import type { LiveCanary, LiveControls } from './live';
import {
  LATENCY_BUCKETS,
  STATUS_CODES,
  Scenario,
  ServiceDefinition,
  World,
  type DailyShape,
} from './world';

// Math's members bound once: a lookup on the global object per call is slow inside test
// sandboxes (vm contexts), and the history calls these tens of millions of times.
const { abs, exp, floor, imul, log, max, min, pow, round, SQRT2 } = Math;

/** Counters advance in steps of this many seconds from the epoch. */
export const STEP_SECONDS = 15;
/** The epoch (where every counter is zero) lies this many days before the anchor. */
export const MAX_HISTORY_DAYS = 45;
export const DEFAULT_SEED = 20260101;

const HOUR = 3600;
const DAY = 86400;
const WEEK = 7 * DAY;

export interface SimulationContext {
  world: World;
  seed: number;
  /** The scenarios' "now", Unix seconds, a whole minute. */
  anchor: number;
  /** Faults and control actions of a running simulator (live.ts); absent for history files. */
  live?: LiveControls;
}

export function createContext(world: World, seed: number, anchor: number): SimulationContext {
  if (!Number.isInteger(anchor) || anchor % 60 !== 0) {
    throw new Error(`anchor must be a whole minute in Unix seconds, got ${anchor}`);
  }
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  return { world, seed, anchor };
}

/** Unix seconds at which every counter is zero; a multiple of STEP_SECONDS. */
export function epochOf(ctx: SimulationContext): number {
  return ctx.anchor - MAX_HISTORY_DAYS * DAY;
}

// ---- traffic ---------------------------------------------------------------------------------

const gaussian = (x: number, mean: number, width: number): number => {
  // Circular distance on the 24-hour clock, so a peak near midnight wraps around.
  let d = abs(x - mean) % 24;
  if (d > 12) d = 24 - d;
  return exp(-(d * d) / (2 * width * width));
};

const RAW_SHAPES: Record<DailyShape, (hour: number) => number> = {
  // Europe and US overlap at 14:30 UTC is the trading peak; Asia opens a smaller one.
  trading: h =>
    0.3 + 0.7 * gaussian(h, 14.5, 2.3) + 0.22 * gaussian(h, 2.5, 2) + 0.15 * gaussian(h, 8.5, 1.5),
  // Card payments and deposits: lunch and evening.
  retail: h => 0.18 + 0.45 * gaussian(h, 12.5, 1.8) + 0.8 * gaussian(h, 19, 2.5),
  // Settlement runs every eight hours (00, 08, 16 UTC) on top of a steady trickle.
  batch: h => 0.45 + 0.55 * (gaussian(h, 0, 0.6) + gaussian(h, 8, 0.6) + gaussian(h, 16, 0.6)),
};

const SHAPE_MAX: Record<DailyShape, number> = (() => {
  const result = {} as Record<DailyShape, number>;
  for (const shape of Object.keys(RAW_SHAPES) as DailyShape[]) {
    let peak = 0;
    for (let minute = 0; minute < 24 * 60; minute++) {
      peak = max(peak, RAW_SHAPES[shape](minute / 60));
    }
    result[shape] = peak;
  }
  return result;
})();

/** The daily pattern at time t, 1 at the day's peak. */
export function dailyFactor(shape: DailyShape, t: number): number {
  const hour = (((t % DAY) + DAY) % DAY) / HOUR;
  return RAW_SHAPES[shape](hour) / SHAPE_MAX[shape];
}

/** 0 = Sunday … 6 = Saturday, in UTC. */
export function weekday(t: number): number {
  return (floor(t / DAY) + 4) % 7;
}

const isWeekend = (day: number): boolean => day === 0 || day === 6;

/** Weekend traffic, eased in over the first three hours of each day to avoid a cliff at midnight. */
export function weeklyFactor(service: ServiceDefinition, t: number): number {
  const today = isWeekend(weekday(t)) ? service.weekendFactor : 1;
  const yesterday = isWeekend(weekday(t - DAY)) ? service.weekendFactor : 1;
  const sinceMidnight = (((t % DAY) + DAY) % DAY) / HOUR;
  if (sinceMidnight >= 3) return today;
  const w = sinceMidnight / 3;
  return yesterday + (today - yesterday) * w;
}

export function growthFactor(ctx: SimulationContext, t: number): number {
  return pow(1 + ctx.world.growthPerWeek, (t - ctx.anchor) / WEEK);
}

const serviceStreams = new WeakMap<ServiceDefinition, number>();
/** A stream id per service and purpose, from names so adding a service changes no other. */
export function streamOf(service: ServiceDefinition, purpose: number): number {
  let base = serviceStreams.get(service);
  if (base === undefined) {
    base = hashString(service.name);
    serviceStreams.set(service, base);
  }
  return (base + imul(purpose, 0x9e3779b1)) | 0;
}

const ROUNDING_OFFSET = 64;

const enum Stream {
  LoadFast = 1,
  LoadSlow,
  StepCount,
  Code429,
  Code500,
  Code503,
  Round,
  Latency,
  Cpu,
  Memory,
  Users,
  Driver,
  // Canary streams come last: adding them leaves every earlier stream's draws unchanged.
  CanarySplit = 200,
  CanaryCode429,
  CanaryCode500,
  CanaryCode503,
  CanaryDriver,
}

/** Traffic relative to the weekday peak at the anchor: about 1 at today's peak, noise included. */
export function loadAt(ctx: SimulationContext, service: ServiceDefinition, t: number): number {
  const wander =
    1 +
    0.05 * smoothNoise(ctx.seed, streamOf(service, Stream.LoadFast), t, 25 * 60) +
    0.04 * smoothNoise(ctx.seed, streamOf(service, Stream.LoadSlow), t, 3 * HOUR);
  return (
    dailyFactor(service.dailyShape, t) * weeklyFactor(service, t) * growthFactor(ctx, t) * wander
  );
}

/** Expected requests per second at t. */
export function requestRate(ctx: SimulationContext, service: ServiceDefinition, t: number): number {
  return service.peakRps * loadAt(ctx, service, t);
}

// ---- scenarios -------------------------------------------------------------------------------

const scenarioIndex = new WeakMap<World, Map<string, Scenario[]>>();

export function scenariosOf(world: World, serviceName: string): Scenario[] {
  let index = scenarioIndex.get(world);
  if (!index) {
    index = new Map();
    for (const scenario of world.scenarios) {
      const list = index.get(scenario.service) ?? [];
      list.push(scenario);
      index.set(scenario.service, list);
    }
    scenarioIndex.set(world, index);
  }
  return index.get(serviceName) ?? [];
}

/** Whether a timed scenario covers t; descriptive scenarios are never "active". */
export function isActive(ctx: SimulationContext, scenario: Scenario, t: number): boolean {
  if (!('startOffsetSeconds' in scenario)) return false;
  const start = ctx.anchor + scenario.startOffsetSeconds;
  const end =
    scenario.endOffsetSeconds === undefined ? Infinity : ctx.anchor + scenario.endOffsetSeconds;
  return t >= start && t < end;
}

// ---- errors ----------------------------------------------------------------------------------

/** Shares of all requests answered 429, 500 and 503 (200 takes the rest). */
export interface ErrorShares {
  tooManyRequests: number;
  internalError: number;
  unavailable: number;
}

/** Expected shares of 429, 500 and 503 answers at t. */
export function errorSharesAt(
  ctx: SimulationContext,
  service: ServiceDefinition,
  t: number,
): ErrorShares {
  const base = service.errorShares;
  const shares: ErrorShares = {
    tooManyRequests: base['429'],
    internalError: base['500'],
    unavailable: base['503'],
  };
  if (ctx.live) applyLiveErrors(ctx, service, t, shares);
  const scenarios = scenariosOf(ctx.world, service.name);
  if (scenarios.length === 0) return shares;
  for (const scenario of scenarios) {
    if (!isActive(ctx, scenario, t)) continue;
    if (scenario.kind === 'error-spike') {
      // Overload: most failures are 500s from timeouts, the rest 503s from shed load.
      shares.internalError = scenario.errorShare * 0.7;
      shares.unavailable = scenario.errorShare * 0.3;
    } else if (scenario.kind === 'slow-burn') {
      shares.internalError = scenario.errorShare - shares.unavailable;
    }
  }
  return shares;
}

/** Headroom a deployment has at its daily peak: lost replicas hurt only beyond it. */
const CAPACITY_AT_PEAK = 1.4;

/**
 * Live faults on top of the defined shares: `errors` adds 500s, `outage` 503s, and lost
 * capacity sheds with 503s the load the remaining replicas cannot carry. Steering decides which
 * requests meet the faults: a shed share is answered 429 at the edge, a shifted share by a
 * healthy standby with the defined shares; the faults reach only what the service still serves.
 */
function applyLiveErrors(
  ctx: SimulationContext,
  service: ServiceDefinition,
  t: number,
  shares: ErrorShares,
): void {
  const { shed, shifted } = ctx.live!.steeringAt(service.name, t);
  const served = 1 - shed;
  const primary = served * (1 - shifted);
  if (shed > 0) {
    shares.tooManyRequests = shed + served * shares.tooManyRequests;
    shares.internalError *= served;
    shares.unavailable *= served;
  }
  for (const fault of ctx.live!.activeFaults(service.name, t)) {
    if (fault.kind === 'errors') {
      shares.internalError = min(1, shares.internalError + primary * fault.magnitude);
    } else if (fault.kind === 'outage') {
      shares.unavailable = min(1, shares.unavailable + primary * fault.magnitude);
    } else if (fault.kind === 'capacity-loss') {
      const capacity = CAPACITY_AT_PEAK * (1 - fault.magnitude);
      const load = loadAt(ctx, service, t) * primary;
      if (load > capacity) {
        shares.unavailable = min(1, shares.unavailable + primary * (1 - capacity / load));
      }
    }
  }
  // The shares of one request cannot add up to more than all requests.
  const sum = shares.tooManyRequests + shares.internalError + shares.unavailable;
  if (sum > 1) {
    shares.tooManyRequests /= sum;
    shares.internalError /= sum;
    shares.unavailable /= sum;
  }
}

/** The factor live faults put on the median latency at t: slow code, or too few replicas. */
function liveLatencyFactor(ctx: SimulationContext, service: ServiceDefinition, t: number): number {
  let factor = 1;
  for (const fault of ctx.live!.activeFaults(service.name, t)) {
    if (fault.kind === 'latency') factor *= fault.magnitude;
    else if (fault.kind === 'capacity-loss') factor /= 1 - fault.magnitude;
  }
  return factor;
}

// ---- latency ---------------------------------------------------------------------------------

export interface LatencyDistribution {
  medianSeconds: number;
  sigma: number;
}

export function latencyAt(
  ctx: SimulationContext,
  service: ServiceDefinition,
  t: number,
): LatencyDistribution {
  return latencyFromLoad(ctx, service, t, loadAt(ctx, service, t));
}

function latencyFromLoad(
  ctx: SimulationContext,
  service: ServiceDefinition,
  t: number,
  load: number,
): LatencyDistribution {
  const { medianSeconds, sigma, loadSensitivity } = service.latency;
  const jitter = 1 + 0.03 * smoothNoise(ctx.seed, streamOf(service, Stream.Latency), t, 10 * 60);
  const live = ctx.live ? liveLatencyFactor(ctx, service, t) : 1;
  return {
    medianSeconds: medianSeconds * (1 + loadSensitivity * load * load * load) * jitter * live,
    sigma,
  };
}

/** Standard normal CDF (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = abs(z) / SQRT2;
  const k = 1 / (1 + 0.3275911 * x);
  const poly =
    k *
    (0.254829592 + k * (-0.284496736 + k * (1.421413741 + k * (-1.453152027 + k * 1.061405429))));
  const erf = 1 - poly * exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Share of requests faster than `seconds`. */
export function shareBelow(latency: LatencyDistribution, seconds: number): number {
  return normalCdf(log(seconds / latency.medianSeconds) / latency.sigma);
}

/** The latency quantile q (0 < q < 1), by bisection on the CDF. */
export function latencyQuantile(latency: LatencyDistribution, q: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < q) lo = mid;
    else hi = mid;
  }
  return latency.medianSeconds * exp(latency.sigma * ((lo + hi) / 2));
}

export function meanLatency(latency: LatencyDistribution): number {
  return latency.medianSeconds * exp((latency.sigma * latency.sigma) / 2);
}

// ---- resources -------------------------------------------------------------------------------

function leftRunning(ctx: SimulationContext, service: ServiceDefinition, t: number) {
  let cores = 0;
  let memory = 0;
  let replicas = 0;
  for (const scenario of scenariosOf(ctx.world, service.name)) {
    if (scenario.kind === 'resource-left-running' && isActive(ctx, scenario, t)) {
      cores += scenario.extraCores;
      memory += scenario.extraMemoryBytes;
      replicas += scenario.extraReplicas;
    }
  }
  return { cores, memory, replicas };
}

/** CPU cores the whole deployment burns at t. */
export function cpuCoresAt(ctx: SimulationContext, service: ServiceDefinition, t: number): number {
  return cpuFromLoad(ctx, service, t, loadAt(ctx, service, t));
}

function cpuFromLoad(
  ctx: SimulationContext,
  service: ServiceDefinition,
  t: number,
  load: number,
): number {
  const { coresAtPeak, idleShare } = service.cpu;
  const jitter = 1 + 0.04 * smoothNoise(ctx.seed, streamOf(service, Stream.Cpu), t, 7 * 60);
  const extra = leftRunning(ctx, service, t).cores;
  return coresAtPeak * (idleShare + (1 - idleShare) * load) * jitter + extra;
}

/** Working-set bytes of the whole deployment at t. */
export function memoryBytesAt(
  ctx: SimulationContext,
  service: ServiceDefinition,
  t: number,
): number {
  const { baseBytes, bytesAtPeak } = service.memory;
  const load = loadAt(ctx, service, t);
  const jitter = 1 + 0.02 * smoothNoise(ctx.seed, streamOf(service, Stream.Memory), t, 20 * 60);
  return round((baseBytes + bytesAtPeak * load) * jitter + leftRunning(ctx, service, t).memory);
}

export function replicasAt(ctx: SimulationContext, service: ServiceDefinition, t: number): number {
  return liveReplicas(ctx, service, t) + leftRunning(ctx, service, t).replicas;
}

/** The deployment's own replicas: as defined, as last scaled, less those a fault took away. */
function liveReplicas(ctx: SimulationContext, service: ServiceDefinition, t: number): number {
  if (!ctx.live) return service.replicas;
  let replicas = ctx.live.replicasAt(service.name, t) ?? service.replicas;
  for (const fault of ctx.live.activeFaults(service.name, t)) {
    if (fault.kind === 'capacity-loss') replicas = max(1, round(replicas * (1 - fault.magnitude)));
  }
  return replicas;
}

export interface ResourceSettings {
  cpuRequestCores: number;
  cpuLimitCores: number;
  memoryRequestBytes: number;
  memoryLimitBytes: number;
}

/** Requests and limits summed over the deployment's pods; extra pods come with their own. */
export function resourcesAt(
  ctx: SimulationContext,
  service: ServiceDefinition,
  t: number,
): ResourceSettings {
  const scale = replicasAt(ctx, service, t) / service.replicas;
  return {
    cpuRequestCores: service.cpu.requestCores * scale,
    cpuLimitCores: service.cpu.limitCores * scale,
    memoryRequestBytes: round(service.memory.requestBytes * scale),
    memoryLimitBytes: round(service.memory.limitBytes * scale),
  };
}

export function activeUsersAt(
  ctx: SimulationContext,
  service: ServiceDefinition,
  t: number,
): number | undefined {
  if (service.activeUsersAtPeak === undefined) return undefined;
  const jitter = 1 + 0.02 * smoothNoise(ctx.seed, streamOf(service, Stream.Users), t, 5 * 60);
  return round(service.activeUsersAtPeak * loadAt(ctx, service, t) * jitter);
}

// ---- one step of counters --------------------------------------------------------------------

const LOG_BUCKETS = LATENCY_BUCKETS.map(log);

/**
 * Running totals of one service's counters. Arrays are preallocated: the history walks
 * millions of steps and adds each one in place.
 */
export interface ServiceCounters {
  service: string;
  /** http_requests_total per status code, in STATUS_CODES order. */
  requests: number[];
  /** Cumulative http_request_duration_seconds_bucket for LATENCY_BUCKETS then +Inf. */
  buckets: number[];
  durationCount: number;
  durationSum: number;
  cpuSeconds: number;
  /** One per service.counters entry, same order. */
  drivers: number[];
  /** Requests and latency of each canary the service has had; absent until the first one. */
  canaries?: CanaryCounters[];
}

/** What a canary answered: its own requests by code and its latency histogram. */
export interface CanaryCounters {
  id: string;
  version: string;
  requests: number[];
  buckets: number[];
  durationCount: number;
  durationSum: number;
}

export function zeroCounters(service: ServiceDefinition): ServiceCounters {
  return {
    service: service.name,
    requests: STATUS_CODES.map(() => 0),
    buckets: [...LATENCY_BUCKETS.map(() => 0), 0],
    durationCount: 0,
    durationSum: 0,
    cpuSeconds: 0,
    drivers: service.counters.map(() => 0),
  };
}

/**
 * Adds what step `step` (covering [epoch + step·STEP_SECONDS, epoch + (step+1)·STEP_SECONDS))
 * contributes to a service's counters.
 */
export function addStep(
  ctx: SimulationContext,
  service: ServiceDefinition,
  step: number,
  into: ServiceCounters,
): void {
  const mid = epochOf(ctx) + step * STEP_SECONDS + STEP_SECONDS / 2;
  const seed = ctx.seed;
  const draw = (purpose: number) => uniform(seed, streamOf(service, purpose), step);

  const load = loadAt(ctx, service, mid);
  const expected =
    service.peakRps * load * STEP_SECONDS * (1 + 0.03 * (draw(Stream.StepCount) - 0.5));
  let total = stochasticRound(expected, draw(Stream.Round));

  // A live canary answers its weight of the requests; the stable version the rest.
  const canary = ctx.live?.activeCanary(service.name, mid);
  if (canary) {
    const routed = stochasticRound(total * canary.weight, draw(Stream.CanarySplit));
    total -= routed;
    addCanaryStep(ctx, service, mid, load, routed, canary, draw, into);
  }

  // Each share wanders ±25 % from step to step; a second stream rounds the count.
  const shares = errorSharesAt(ctx, service, mid);
  if (shares.tooManyRequests + shares.internalError + shares.unavailable >= 1) {
    // Nothing succeeds (a live outage): no wander, or some requests would still answer 200.
    addFailedStep(ctx, service, mid, load, total, shares, into);
    return;
  }
  const n429 = stochasticRound(
    total * shares.tooManyRequests * (0.75 + 0.5 * draw(Stream.Code429)),
    draw(Stream.Code429 + ROUNDING_OFFSET),
  );
  const n500 = stochasticRound(
    total * shares.internalError * (0.75 + 0.5 * draw(Stream.Code500)),
    draw(Stream.Code500 + ROUNDING_OFFSET),
  );
  const n503 = stochasticRound(
    total * shares.unavailable * (0.75 + 0.5 * draw(Stream.Code503)),
    draw(Stream.Code503 + ROUNDING_OFFSET),
  );
  const n200 = max(0, total - n429 - n500 - n503);
  const all = n200 + n429 + n500 + n503;
  // STATUS_CODES order: 200, 429, 500, 503.
  into.requests[0]! += n200;
  into.requests[1]! += n429;
  into.requests[2]! += n500;
  into.requests[3]! += n503;

  addLatencyAndDrivers(ctx, service, mid, load, all, n200, draw, into);
}

/**
 * The canary's share of a step: the service's error shares plus the canary's own 500s, the
 * service's latency times the canary's factor; its successes count for the business drivers.
 */
function addCanaryStep(
  ctx: SimulationContext,
  service: ServiceDefinition,
  mid: number,
  load: number,
  total: number,
  canary: LiveCanary,
  draw: (purpose: number) => number,
  into: ServiceCounters,
): void {
  const counters = canaryCountersOf(into, canary);
  const shares = errorSharesAt(ctx, service, mid);
  const n429 = min(
    total,
    stochasticRound(total * shares.tooManyRequests, draw(Stream.CanaryCode429)),
  );
  const n500 = min(
    total - n429,
    stochasticRound(
      total * min(1, shares.internalError + canary.errorShare),
      draw(Stream.CanaryCode500),
    ),
  );
  const n503 = min(
    total - n429 - n500,
    stochasticRound(total * shares.unavailable, draw(Stream.CanaryCode503)),
  );
  const n200 = total - n429 - n500 - n503;
  counters.requests[0]! += n200;
  counters.requests[1]! += n429;
  counters.requests[2]! += n500;
  counters.requests[3]! += n503;

  const stable = latencyFromLoad(ctx, service, mid, load);
  const latency = { ...stable, medianSeconds: stable.medianSeconds * canary.latencyFactor };
  const logMedian = log(latency.medianSeconds);
  for (let b = 0; b < LOG_BUCKETS.length; b++) {
    counters.buckets[b]! += round(total * normalCdf((LOG_BUCKETS[b]! - logMedian) / latency.sigma));
  }
  counters.buckets[LOG_BUCKETS.length]! += total;
  counters.durationCount += total;
  counters.durationSum += total * meanLatency(latency);

  const drivers = service.counters;
  for (let d = 0; d < drivers.length; d++) {
    into.drivers[d]! += stochasticRound(
      n200 * drivers[d]!.perRequest,
      draw(Stream.CanaryDriver + d * 16),
    );
  }
}

function canaryCountersOf(into: ServiceCounters, canary: LiveCanary): CanaryCounters {
  const list = (into.canaries ??= []);
  let counters = list.find(c => c.id === canary.id);
  if (!counters) {
    counters = {
      id: canary.id,
      version: canary.version,
      requests: STATUS_CODES.map(() => 0),
      buckets: [...LATENCY_BUCKETS.map(() => 0), 0],
      durationCount: 0,
      durationSum: 0,
    };
    list.push(counters);
  }
  return counters;
}

/** A step in which every request fails, split between the codes by their shares. */
function addFailedStep(
  ctx: SimulationContext,
  service: ServiceDefinition,
  mid: number,
  load: number,
  total: number,
  shares: ErrorShares,
  into: ServiceCounters,
): void {
  const n429 = round(total * shares.tooManyRequests);
  const n500 = min(total - n429, round(total * shares.internalError));
  into.requests[1]! += n429;
  into.requests[2]! += n500;
  into.requests[3]! += total - n429 - n500;
  addLatencyAndDrivers(ctx, service, mid, load, total, 0, () => 0, into);
}

function addLatencyAndDrivers(
  ctx: SimulationContext,
  service: ServiceDefinition,
  mid: number,
  load: number,
  all: number,
  n200: number,
  draw: (purpose: number) => number,
  into: ServiceCounters,
): void {
  const latency = latencyFromLoad(ctx, service, mid, load);
  const logMedian = log(latency.medianSeconds);
  for (let b = 0; b < LOG_BUCKETS.length; b++) {
    into.buckets[b]! += round(all * normalCdf((LOG_BUCKETS[b]! - logMedian) / latency.sigma));
  }
  into.buckets[LOG_BUCKETS.length]! += all;
  into.durationCount += all;
  into.durationSum += all * meanLatency(latency);
  into.cpuSeconds += cpuFromLoad(ctx, service, mid, load) * STEP_SECONDS;

  const drivers = service.counters;
  for (let d = 0; d < drivers.length; d++) {
    into.drivers[d]! += stochasticRound(
      n200 * drivers[d]!.perRequest,
      draw(Stream.Driver + d * 16),
    );
  }
}
