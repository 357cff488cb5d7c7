// The metric families and their samples at one moment, shared by the OpenMetrics history and
// the live endpoint so both spell every series identically (one series, not two).

import type { ServiceCounters } from './counters';
import {
  SimulationContext,
  activeUsersAt,
  type CanaryCounters,
  memoryBytesAt,
  replicasAt,
  resourcesAt,
} from './model';
import { LATENCY_BUCKETS, STATUS_CODES, ServiceDefinition, type DriverCounter } from './world';

export type FamilyType = 'counter' | 'gauge' | 'histogram';

export interface Family {
  /** The family name as OpenMetrics wants it: counters without `_total`. */
  name: string;
  type: FamilyType;
  help: string;
}

export const FAMILIES = {
  requests: {
    name: 'http_requests',
    type: 'counter',
    help: 'HTTP requests answered, by status code.',
  },
  duration: {
    name: 'http_request_duration_seconds',
    type: 'histogram',
    help: 'HTTP request latency.',
  },
  cpu: {
    name: 'container_cpu_usage_seconds',
    type: 'counter',
    help: 'CPU time used by the service, all pods.',
  },
  memory: {
    name: 'container_memory_working_set_bytes',
    type: 'gauge',
    help: 'Working-set memory of the service, all pods.',
  },
  requestsResources: {
    name: 'kube_pod_container_resource_requests',
    type: 'gauge',
    help: 'Resource requests of the service, summed over its pods.',
  },
  limits: {
    name: 'kube_pod_container_resource_limits',
    type: 'gauge',
    help: 'Resource limits of the service, summed over its pods.',
  },
  replicas: {
    name: 'kube_deployment_spec_replicas',
    type: 'gauge',
    help: 'Desired pods of the deployment.',
  },
  orders: { name: 'business_orders', type: 'counter', help: 'Orders accepted.' },
  trades: { name: 'business_trades', type: 'counter', help: 'Trades matched.' },
  withdrawals: { name: 'business_withdrawals', type: 'counter', help: 'Withdrawals signed.' },
  transactions: {
    name: 'business_transactions',
    type: 'counter',
    help: 'Business transactions processed.',
  },
  activeUsers: {
    name: 'business_active_users',
    type: 'gauge',
    help: 'Users active in the last five minutes.',
  },
} as const satisfies Record<string, Family>;

export const FAMILY_LIST: readonly Family[] = Object.values(FAMILIES);

const DRIVER_FAMILY: Record<DriverCounter, Family> = {
  business_orders_total: FAMILIES.orders,
  business_trades_total: FAMILIES.trades,
  business_withdrawals_total: FAMILIES.withdrawals,
  business_transactions_total: FAMILIES.transactions,
};

/** Receives one sample: its family, full sample name, rendered label set and value. */
export type SampleSink = (family: Family, name: string, labels: string, value: number) => void;

interface ServiceLabels {
  base: string;
  codes: string[];
  buckets: string[];
  cpu: string;
  memory: string;
}

const labelCache = new WeakMap<ServiceDefinition, ServiceLabels>();

/** Label sets rendered once per service: the history prints millions of them. */
function labelsOf(service: ServiceDefinition): ServiceLabels {
  let labels = labelCache.get(service);
  if (!labels) {
    const base = `service="${service.name}",lob="${service.lob}",team="${service.team}"`;
    labels = {
      base: `{${base}}`,
      codes: STATUS_CODES.map(code => `{${base},code="${code}"}`),
      buckets: [...LATENCY_BUCKETS.map(le => `{${base},le="${le}"}`), `{${base},le="+Inf"}`],
      cpu: `{${base},resource="cpu",unit="core"}`,
      memory: `{${base},resource="memory",unit="byte"}`,
    };
    labelCache.set(service, labels);
  }
  return labels;
}

/**
 * Emits every sample at time t: counters from `counters` (the values at t, one entry per
 * service in world order), gauges from the model.
 */
export function emitSamples(
  ctx: SimulationContext,
  counters: readonly ServiceCounters[],
  t: number,
  sink: SampleSink,
): void {
  const services = ctx.world.services;
  for (let i = 0; i < services.length; i++) {
    const service = services[i]!;
    const c = counters[i];
    if (!c || c.service !== service.name) {
      throw new Error(`counters out of order: expected ${service.name} at position ${i}`);
    }
    const labels = labelsOf(service);
    const { requests, duration, cpu, memory, requestsResources, limits, replicas, activeUsers } =
      FAMILIES;

    for (let k = 0; k < STATUS_CODES.length; k++) {
      sink(requests, 'http_requests_total', labels.codes[k]!, c.requests[k]!);
    }
    for (let b = 0; b < labels.buckets.length; b++) {
      sink(duration, 'http_request_duration_seconds_bucket', labels.buckets[b]!, c.buckets[b]!);
    }
    sink(duration, 'http_request_duration_seconds_count', labels.base, c.durationCount);
    sink(duration, 'http_request_duration_seconds_sum', labels.base, c.durationSum);
    sink(cpu, 'container_cpu_usage_seconds_total', labels.base, c.cpuSeconds);
    sink(memory, memory.name, labels.base, memoryBytesAt(ctx, service, t));

    const settings = resourcesAt(ctx, service, t);
    sink(requestsResources, requestsResources.name, labels.cpu, settings.cpuRequestCores);
    sink(requestsResources, requestsResources.name, labels.memory, settings.memoryRequestBytes);
    sink(limits, limits.name, labels.cpu, settings.cpuLimitCores);
    sink(limits, limits.name, labels.memory, settings.memoryLimitBytes);
    sink(replicas, replicas.name, labels.base, replicasAt(ctx, service, t));

    for (let d = 0; d < service.counters.length; d++) {
      const metric = service.counters[d]!.metric;
      sink(DRIVER_FAMILY[metric], metric, labels.base, c.drivers[d]!);
    }
    const users = activeUsersAt(ctx, service, t);
    if (users !== undefined) sink(activeUsers, activeUsers.name, labels.base, users);

    const canary = c.canaries && ctx.live?.activeCanary(service.name, t);
    if (canary) {
      const counted = c.canaries!.find(k => k.id === canary.id);
      if (counted) emitCanary(service, counted, sink);
    }
  }
}

/**
 * A live canary's series: the service's labels plus `track="canary"` and its `version`, so a
 * judge reads canary and stable apart (`track="canary"` against `track=""`) while a sum over
 * the service still counts every request once.
 */
function emitCanary(service: ServiceDefinition, c: CanaryCounters, sink: SampleSink): void {
  const base = `service="${service.name}",lob="${service.lob}",team="${service.team}",track="canary",version="${c.version}"`;
  const { requests, duration } = FAMILIES;
  for (let k = 0; k < STATUS_CODES.length; k++) {
    sink(requests, 'http_requests_total', `{${base},code="${STATUS_CODES[k]}"}`, c.requests[k]!);
  }
  const les = [...LATENCY_BUCKETS.map(String), '+Inf'];
  for (let b = 0; b < les.length; b++) {
    sink(
      duration,
      'http_request_duration_seconds_bucket',
      `{${base},le="${les[b]}"}`,
      c.buckets[b]!,
    );
  }
  sink(duration, 'http_request_duration_seconds_count', `{${base}}`, c.durationCount);
  sink(duration, 'http_request_duration_seconds_sum', `{${base}}`, c.durationSum);
}

/** A sample value as both text formats accept it. */
export function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Math.round(value * 1e6) / 1e6);
}
