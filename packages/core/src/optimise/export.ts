import { cpuQuantity, memoryQuantity } from './format';
import type { Allocation, RightSizingRecommendation, ScaleDownSchedule } from './rightsize';

/**
 * The recommendation in formats that tools apply: a strategic-merge patch for the workload, a
 * VerticalPodAutoscaler bounded below by the SLO's need, a HorizontalPodAutoscaler at the
 * utilisation the capacity model used, and the scale-down windows as a KEDA cron ScaledObject.
 * Plain objects: serialise them with JSON.stringify or a YAML writer.
 */

export interface WorkloadRef {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  name: string;
  namespace: string;
  /** The container whose resources change. */
  container: string;
}

type Quantities = { cpu?: string; memory?: string };

function check(ref: WorkloadRef, fn: string): void {
  for (const k of ['name', 'namespace', 'container'] as const) {
    if (!ref[k] || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(ref[k])) {
      throw new Error(
        `${fn}: ${k} must be a Kubernetes name (lower case, digits, '-', '.'), got "${ref[k]}"`,
      );
    }
  }
}

function resources(a: Allocation): { requests: Quantities; limits?: Quantities } {
  const limits: Quantities = {};
  if (a.cpuLimit !== undefined) limits.cpu = cpuQuantity(a.cpuLimit);
  if (a.memLimit !== undefined) limits.memory = memoryQuantity(a.memLimit);
  return {
    requests: { cpu: cpuQuantity(a.cpuRequest), memory: memoryQuantity(a.memRequest) },
    ...(Object.keys(limits).length ? { limits } : {}),
  };
}

export interface KubernetesPatchOptions {
  /** Leave `spec.replicas` out (an HPA or KEDA owns the count). Default: include it when it changes. */
  replicas?: boolean;
}

/**
 * A strategic-merge patch (`kubectl patch <kind> <name> -n <ns> --type strategic --patch-file …`):
 * containers merge by name, so only the named container's resources change. Limits appear only
 * where the workload has them. `spec.replicas` is set when the count changes (never for a DaemonSet).
 */
export function toKubernetesPatch(
  rec: Pick<RightSizingRecommendation, 'recommended' | 'current'>,
  ref: WorkloadRef,
  options: KubernetesPatchOptions = {},
): Record<string, unknown> {
  check(ref, 'toKubernetesPatch');
  const withReplicas =
    ref.kind !== 'DaemonSet' &&
    (options.replicas ?? rec.recommended.replicas !== rec.current.replicas);
  return {
    apiVersion: 'apps/v1',
    kind: ref.kind,
    metadata: { name: ref.name, namespace: ref.namespace },
    spec: {
      ...(withReplicas ? { replicas: rec.recommended.replicas } : {}),
      template: {
        spec: { containers: [{ name: ref.container, resources: resources(rec.recommended) }] },
      },
    },
  };
}

export interface VpaObjectOptions {
  /** 'Off' (recommend only, the default), 'Initial', 'Recreate' or 'InPlaceOrRecreate'. */
  updateMode?: 'Off' | 'Initial' | 'Recreate' | 'InPlaceOrRecreate';
  /** Upper bound per replica; default: the current requests (a VPA after right-sizing should not grow past them unseen). */
  maxAllowed?: { cpu: number; memory: number };
}

/**
 * A VerticalPodAutoscaler (autoscaling.k8s.io/v1) whose `minAllowed` is the SLO's need at the
 * forecast peak per replica: VPA keeps adapting to usage but can no longer cut below what the
 * capacity model says the objective needs, which is where its p90 goes wrong before a peak.
 */
export function toVpaObject(
  rec: Pick<RightSizingRecommendation, 'recommended' | 'current' | 'needed'>,
  ref: WorkloadRef,
  options: VpaObjectOptions = {},
): Record<string, unknown> {
  check(ref, 'toVpaObject');
  const r = rec.recommended.replicas;
  const max = options.maxAllowed ?? {
    cpu: Math.max(rec.current.cpuRequest, rec.recommended.cpuRequest),
    memory: Math.max(rec.current.memRequest, rec.recommended.memRequest),
  };
  return {
    apiVersion: 'autoscaling.k8s.io/v1',
    kind: 'VerticalPodAutoscaler',
    metadata: { name: ref.name, namespace: ref.namespace },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: ref.kind, name: ref.name },
      updatePolicy: { updateMode: options.updateMode ?? 'Off' },
      resourcePolicy: {
        containerPolicies: [
          {
            containerName: ref.container,
            controlledResources: ['cpu', 'memory'],
            controlledValues: 'RequestsAndLimits',
            minAllowed: {
              cpu: cpuQuantity(rec.needed.cpuCores / r),
              memory: memoryQuantity(rec.needed.memoryBytes / r),
            },
            maxAllowed: { cpu: cpuQuantity(max.cpu), memory: memoryQuantity(max.memory) },
          },
        ],
      },
    },
  };
}

export interface HpaObjectOptions {
  /** Default: the scale-down windows' smallest count, else the recommended replicas' minimum of 2. */
  minReplicas?: number;
}

/**
 * A HorizontalPodAutoscaler (autoscaling/v2) on CPU utilisation of requests, at the utilisation
 * the capacity model used at the peak (the target, or the lower latency cap); maxReplicas covers
 * the forecast's upper band: ⌈(usage at peak + forecast margin + usage margin) / utilisation /
 * request per replica⌉, never fewer than recommended.
 */
export function toHpaObject(
  rec: Pick<RightSizingRecommendation, 'recommended' | 'capacity' | 'schedule'>,
  ref: WorkloadRef,
  options: HpaObjectOptions = {},
): Record<string, unknown> {
  check(ref, 'toHpaObject');
  if (ref.kind === 'DaemonSet')
    throw new Error('toHpaObject: a DaemonSet cannot be scaled horizontally');
  const c = rec.capacity.cpu.components;
  const upperNeed = (c.usageAtPeak + c.forecastMargin + c.usageMargin) / c.utilisation;
  const maxReplicas = Math.max(
    rec.recommended.replicas,
    Math.ceil(upperNeed / rec.recommended.cpuRequest - 1e-9),
  );
  const fromSchedule = rec.schedule
    ? Math.min(...rec.schedule.windows.map(w => w.replicas))
    : undefined;
  const minReplicas = options.minReplicas ?? fromSchedule ?? Math.min(2, rec.recommended.replicas);
  if (!(Number.isInteger(minReplicas) && minReplicas >= 1 && minReplicas <= maxReplicas)) {
    throw new RangeError(
      `toHpaObject: minReplicas must be an integer in [1, ${maxReplicas}], got ${minReplicas}`,
    );
  }
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: ref.name, namespace: ref.namespace },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: ref.kind, name: ref.name },
      minReplicas,
      maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: Math.floor(100 * c.utilisation) },
          },
        },
      ],
    },
  };
}

export interface KedaCronOptions {
  /** Also scale on CPU utilisation (a `cpu` trigger at the capacity model's utilisation). */
  cpuUtilisation?: number;
}

interface Span {
  start: number;
  hours: number;
  replicas: number;
}

/**
 * The scale-down windows as a KEDA ScaledObject (keda.sh/v1alpha1) with cron triggers. KEDA runs
 * the highest replica count among active triggers and `minReplicaCount` when none is active, so
 * the busy hours between windows are triggers at the full count, windows above the lowest count
 * are triggers at their own, and the lowest is `minReplicaCount`. Chosen over a CronJob running
 * kubectl because a trigger is declarative: when a window ends KEDA scales back up by itself,
 * with no RBAC for a job and no missed run leaving the workload small.
 * KEDA manages an HPA of its own: do not apply `toHpaObject` next to it.
 */
export function toKedaCronScaledObject(
  schedule: ScaleDownSchedule,
  ref: WorkloadRef,
  options: KedaCronOptions = {},
): Record<string, unknown> {
  check(ref, 'toKedaCronScaledObject');
  if (schedule.windows.length === 0)
    throw new Error('toKedaCronScaledObject: the schedule has no windows');
  const period = schedule.period === 'day' ? 24 : 168;
  const windows: Span[] = schedule.windows
    .map(w => ({ start: w.startBin, hours: w.hours, replicas: w.replicas }))
    .sort((a, b) => a.start - b.start);
  const busy: Span[] = [];
  windows.forEach((w, i) => {
    const next = windows[(i + 1) % windows.length]!;
    const end = w.start + w.hours;
    const gap = (((next.start - end) % period) + period) % period;
    if (gap > 0) busy.push({ start: end % period, hours: gap, replicas: schedule.replicas });
  });
  const min = Math.min(...windows.map(w => w.replicas));
  const cron = (bin: number) =>
    schedule.period === 'day'
      ? `0 ${bin % 24} * * *`
      : `0 ${bin % 24} * * ${Math.floor((bin % period) / 24)}`;
  const trigger = (s: Span) => ({
    type: 'cron',
    metadata: {
      timezone: schedule.timeZone,
      start: cron(s.start),
      end: cron(s.start + s.hours),
      desiredReplicas: String(s.replicas),
    },
  });
  const triggers: Record<string, unknown>[] = [
    ...busy.map(trigger),
    ...windows.filter(w => w.replicas > min).map(trigger),
  ];
  if (options.cpuUtilisation !== undefined) {
    if (!(options.cpuUtilisation > 0 && options.cpuUtilisation <= 1)) {
      throw new RangeError(
        `toKedaCronScaledObject: cpuUtilisation must be in (0, 1], got ${options.cpuUtilisation}`,
      );
    }
    triggers.push({
      type: 'cpu',
      metricType: 'Utilization',
      metadata: { value: String(Math.floor(100 * options.cpuUtilisation)) },
    });
  }
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: ref.name, namespace: ref.namespace },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: ref.kind, name: ref.name },
      minReplicaCount: min,
      maxReplicaCount: schedule.replicas,
      triggers,
    },
  };
}
