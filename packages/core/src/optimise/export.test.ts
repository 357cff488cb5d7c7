import { stringify } from 'yaml';
import type { CapacityRecommendation } from '../capacity/types';
import {
  toHpaObject,
  toKedaCronScaledObject,
  toKubernetesPatch,
  toVpaObject,
  type WorkloadRef,
} from './export';
import type { ScaleDownSchedule, ScheduledWindow } from './rightsize';
import { GIB, MIB } from './test-factory';

const ref: WorkloadRef = {
  kind: 'Deployment',
  name: 'market-data',
  namespace: 'spot',
  container: 'app',
};
const current = {
  replicas: 12,
  cpuRequest: 2.75,
  memRequest: 3 * GIB,
  cpuLimit: 4,
  memLimit: 4 * GIB,
};
const recommended = {
  replicas: 12,
  cpuRequest: 1.512,
  memRequest: 1314 * MIB,
  cpuLimit: 2.2,
  memLimit: 1752 * MIB,
};

function window(
  startBin: number,
  hours: number,
  replicas: number,
  period: 'day' | 'week',
): ScheduledWindow {
  const at = (b: number) => ({
    day: period === 'day' ? null : Math.floor((b % 168) / 24),
    hour: b % 24,
  });
  return {
    startBin,
    hours,
    start: at(startBin),
    end: at(startBin + hours),
    load: 0,
    fractionOfPeak: 0.3,
    hoursPerWeek: period === 'day' ? 7 * hours : hours,
    replicas,
    driverPeak: 0,
    neededCpuCores: 0,
    neededMemoryBytes: 0,
  };
}

describe('toKubernetesPatch', () => {
  it('a strategic-merge patch of the container resources', () => {
    expect(toKubernetesPatch({ current, recommended }, ref)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'market-data', namespace: 'spot' },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'app',
                resources: {
                  requests: { cpu: '1512m', memory: '1314Mi' },
                  limits: { cpu: '2200m', memory: '1752Mi' },
                },
              },
            ],
          },
        },
      },
    });
  });

  it('sets replicas when they change, never for a DaemonSet, and leaves absent limits absent', () => {
    const rec = { replicas: 7, cpuRequest: 2.75, memRequest: 3 * GIB };
    const p = toKubernetesPatch({ current: { ...rec, replicas: 12 }, recommended: rec }, ref) as {
      spec: { replicas?: number; template: { spec: { containers: { resources: unknown }[] } } };
    };
    expect(p.spec.replicas).toBe(7);
    expect(p.spec.template.spec.containers[0]!.resources).toEqual({
      requests: { cpu: '2750m', memory: '3Gi' },
    });
    const d = toKubernetesPatch(
      { current: { ...rec, replicas: 12 }, recommended: rec },
      { ...ref, kind: 'DaemonSet' },
    ) as {
      spec: { replicas?: number };
    };
    expect(d.spec.replicas).toBeUndefined();
    expect(stringify(p)).toContain('replicas: 7');
  });

  it('rejects names Kubernetes would', () => {
    expect(() =>
      toKubernetesPatch({ current, recommended }, { ...ref, container: 'App_1' }),
    ).toThrow(
      `toKubernetesPatch: container must be a Kubernetes name (lower case, digits, '-', '.'), got "App_1"`,
    );
  });
});

describe('toVpaObject', () => {
  it('bounds VPA below by the need at the forecast peak per replica', () => {
    const v = toVpaObject(
      {
        current,
        recommended,
        needed: { cpuCores: 18.12, memoryBytes: 15764 * MIB, driverPeak: 4400, peakAt: 0 },
      },
      ref,
    );
    expect(v).toEqual({
      apiVersion: 'autoscaling.k8s.io/v1',
      kind: 'VerticalPodAutoscaler',
      metadata: { name: 'market-data', namespace: 'spot' },
      spec: {
        targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'market-data' },
        updatePolicy: { updateMode: 'Off' },
        resourcePolicy: {
          containerPolicies: [
            {
              containerName: 'app',
              controlledResources: ['cpu', 'memory'],
              controlledValues: 'RequestsAndLimits',
              // 18.12 / 12 = 1.51 cores; 15764 Mi / 12 = 1313.67 → 1314Mi.
              minAllowed: { cpu: '1510m', memory: '1314Mi' },
              maxAllowed: { cpu: '2750m', memory: '3Gi' },
            },
          ],
        },
      },
    });
  });
});

describe('toHpaObject', () => {
  const capacity = {
    cpu: {
      components: {
        usageAtPeak: 12,
        forecastMargin: 0.6,
        usageMargin: 0.3,
        margin: 0.67,
        utilisation: 0.7,
      },
    } as unknown as CapacityRecommendation,
    memory: {} as CapacityRecommendation,
  };
  it('targets the capacity model utilisation; max covers the upper band', () => {
    const h = toHpaObject(
      { recommended: { ...recommended, cpuRequest: 1.5 }, capacity, schedule: null },
      ref,
    );
    // (12 + 0.6 + 0.3) / 0.7 = 18.43 cores / 1.5 per replica → 13 replicas.
    expect(h).toEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'market-data', namespace: 'spot' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'market-data' },
        minReplicas: 2,
        maxReplicas: 13,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
          },
        ],
      },
    });
  });
  it('takes its minimum from the scale-down windows', () => {
    const schedule: ScaleDownSchedule = {
      timeZone: 'UTC',
      period: 'day',
      replicas: 12,
      windows: [window(22, 8, 5, 'day')],
      monthlySaving: 0,
    };
    const h = toHpaObject({ recommended, capacity, schedule }, ref) as {
      spec: { minReplicas: number };
    };
    expect(h.spec.minReplicas).toBe(5);
    expect(() =>
      toHpaObject({ recommended, capacity, schedule: null }, { ...ref, kind: 'DaemonSet' }),
    ).toThrow(/DaemonSet cannot be scaled horizontally/);
  });
});

describe('toKedaCronScaledObject', () => {
  it('a daily night window: the day is a trigger at full size, the night is minReplicaCount', () => {
    const s: ScaleDownSchedule = {
      timeZone: 'Europe/London',
      period: 'day',
      replicas: 12,
      windows: [window(22, 8, 5, 'day')],
      monthlySaving: 0,
    };
    expect(toKedaCronScaledObject(s, ref)).toEqual({
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: 'market-data', namespace: 'spot' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'market-data' },
        minReplicaCount: 5,
        maxReplicaCount: 12,
        triggers: [
          {
            type: 'cron',
            metadata: {
              timezone: 'Europe/London',
              start: '0 6 * * *',
              end: '0 22 * * *',
              desiredReplicas: '12',
            },
          },
        ],
      },
    });
  });

  it('weekly windows at two levels, and a CPU trigger', () => {
    // Saturday 00:00 → Monday 00:00 at 3 replicas; weeknights 23:00-05:00 … only Tuesday's here, at 6.
    const s: ScaleDownSchedule = {
      timeZone: 'UTC',
      period: 'week',
      replicas: 12,
      windows: [window(2 * 24 + 23, 6, 6, 'week'), window(6 * 24, 48, 3, 'week')],
      monthlySaving: 0,
    };
    const k = toKedaCronScaledObject(s, ref, { cpuUtilisation: 0.7 }) as {
      spec: {
        minReplicaCount: number;
        triggers: { type: string; metadata: Record<string, string> }[];
      };
    };
    expect(k.spec.minReplicaCount).toBe(3);
    expect(k.spec.triggers).toEqual([
      // Busy: Tue 05:00 → Sat 00:00 and Mon 00:00 → Tue 23:00, at 12.
      {
        type: 'cron',
        metadata: { timezone: 'UTC', start: '0 5 * * 3', end: '0 0 * * 6', desiredReplicas: '12' },
      },
      {
        type: 'cron',
        metadata: { timezone: 'UTC', start: '0 0 * * 1', end: '0 23 * * 2', desiredReplicas: '12' },
      },
      // The Tuesday night window above the minimum.
      {
        type: 'cron',
        metadata: { timezone: 'UTC', start: '0 23 * * 2', end: '0 5 * * 3', desiredReplicas: '6' },
      },
      { type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } },
    ]);
  });

  it('needs windows', () => {
    expect(() =>
      toKedaCronScaledObject(
        { timeZone: 'UTC', period: 'day', replicas: 3, windows: [], monthlySaving: 0 },
        ref,
      ),
    ).toThrow('toKedaCronScaledObject: the schedule has no windows');
  });
});
