import { formatDuration } from '../model/duration';
import type { Drill, DrillFault } from './types';

/**
 * Cluster resources for a drill: a LitmusChaos ChaosEngine (one experiment per fault, the SLO's
 * steady state as promProbes) or Chaos Mesh objects (one per fault). The demo runs drills through
 * the simulator's control API; clusters run these. Plain objects, serialised by the caller.
 */
export interface ClusterTarget {
  namespace: string;
  /** Label selector of the target's pods, `key=value` (Litmus's applabel). */
  appLabel: (service: string) => string;
  /** Litmus only: the service account the experiments run as. */
  chaosServiceAccount?: string;
  /** Litmus only: Prometheus as the promProbes reach it, and the SLO's burn-rate query per window. */
  prometheusEndpoint?: string;
  burnRateQuery?: (windowSeconds: number) => string;
  /** A latency fault's factor becomes a delay of (factor − 1) × this median (default 100 ms). */
  baselineLatencyMs?: number;
}

export class ClusterFaultError extends Error {}

const percent = (share: number) => String(Math.round(share * 100));

/** Litmus experiment (chaos-charts fault) and tunables for one fault. */
function litmusExperiment(
  fault: DrillFault,
  target: ClusterTarget,
): { name: string; env: { name: string; value: string }[] } {
  const duration = { name: 'TOTAL_CHAOS_DURATION', value: String(fault.durationSeconds) };
  switch (fault.type) {
    case 'errors':
      return {
        name: 'pod-http-status-code',
        env: [
          duration,
          { name: 'STATUS_CODE', value: '500' },
          { name: 'MODIFY_RESPONSE_BODY', value: 'false' },
          { name: 'TOXICITY', value: percent(fault.magnitude) },
        ],
      };
    case 'latency':
      return {
        name: 'pod-http-latency',
        env: [
          duration,
          { name: 'LATENCY', value: String(delayMs(fault, target)) },
          { name: 'TOXICITY', value: '100' },
        ],
      };
    case 'outage':
    case 'dependency-outage':
      return {
        name: 'pod-network-loss',
        env: [
          duration,
          { name: 'NETWORK_PACKET_LOSS_PERCENTAGE', value: percent(fault.magnitude) },
          { name: 'PODS_AFFECTED_PERC', value: '100' },
        ],
      };
    case 'capacity-loss':
      return {
        name: 'pod-delete',
        env: [
          duration,
          { name: 'CHAOS_INTERVAL', value: String(fault.durationSeconds) },
          { name: 'FORCE', value: 'true' },
          { name: 'PODS_AFFECTED_PERC', value: percent(fault.magnitude) },
        ],
      };
    case 'bad-deploy':
      throw new ClusterFaultError(
        `faults of type bad-deploy ship through the deploy pipeline (a canary), not a chaos tool`,
      );
  }
}

function delayMs(fault: DrillFault, target: ClusterTarget): number {
  return Math.round((fault.magnitude - 1) * (target.baselineLatencyMs ?? 100));
}

function splitLabel(label: string): [string, string] {
  const i = label.indexOf('=');
  if (i <= 0) throw new ClusterFaultError(`appLabel "${label}" must be key=value`);
  return [label.slice(0, i), label.slice(i + 1)];
}

/** One ChaosEngine per target service of the drill. */
export function litmusChaosEngines(drill: Drill, target: ClusterTarget): Record<string, unknown>[] {
  const byTarget = new Map<string, DrillFault[]>();
  for (const f of drill.faults) byTarget.set(f.target, [...(byTarget.get(f.target) ?? []), f]);
  const probes =
    target.prometheusEndpoint && target.burnRateQuery
      ? drill.steadyState
          .filter(t => t.kind === 'burnRate')
          .map(t => ({
            name: `${drill.name}-burn-${formatDuration(t.windowSeconds)}`,
            type: 'promProbe',
            mode: 'Edge',
            'promProbe/inputs': {
              endpoint: target.prometheusEndpoint,
              query: target.burnRateQuery!(t.windowSeconds),
              comparator: { criteria: '<', value: String(t.below) },
            },
            runProperties: { probeTimeout: '5s', interval: '5s', retry: 1 },
          }))
      : [];
  return [...byTarget].map(([service, faults]) => ({
    apiVersion: 'litmuschaos.io/v1alpha1',
    kind: 'ChaosEngine',
    metadata: {
      name: `${drill.name}-${service}`.slice(0, 63).replace(/-+$/, ''),
      namespace: target.namespace,
      labels: { 'headroom.dev/drill': drill.name },
    },
    spec: {
      appinfo: {
        appns: target.namespace,
        applabel: target.appLabel(service),
        appkind: 'deployment',
      },
      engineState: 'active',
      chaosServiceAccount: target.chaosServiceAccount ?? 'litmus-admin',
      jobCleanUpPolicy: 'delete',
      experiments: faults.map(f => {
        const experiment = litmusExperiment(f, target);
        return {
          name: experiment.name,
          spec: {
            components: { env: experiment.env },
            ...(probes.length > 0 ? { probe: probes } : {}),
          },
        };
      }),
    },
  }));
}

/** One Chaos Mesh object per fault (PodChaos, NetworkChaos or HTTPChaos). */
export function chaosMeshResources(drill: Drill, target: ClusterTarget): Record<string, unknown>[] {
  return drill.faults.map((fault, i) => {
    const [key, value] = splitLabel(target.appLabel(fault.target));
    const selector = { namespaces: [target.namespace], labelSelectors: { [key]: value } };
    const metadata = {
      name: `${drill.name}-${i + 1}`.slice(0, 63),
      namespace: target.namespace,
      labels: { 'headroom.dev/drill': drill.name },
    };
    const duration = formatDuration(fault.durationSeconds);
    const head = { apiVersion: 'chaos-mesh.org/v1alpha1', metadata };
    switch (fault.type) {
      case 'errors':
        return {
          ...head,
          kind: 'HTTPChaos',
          spec: {
            selector,
            mode: 'fixed-percent',
            value: percent(fault.magnitude),
            target: 'Request',
            port: 80,
            path: '*',
            abort: true,
            duration,
          },
        };
      case 'latency':
        return {
          ...head,
          kind: 'NetworkChaos',
          spec: {
            action: 'delay',
            mode: 'all',
            selector,
            delay: { latency: `${delayMs(fault, target)}ms`, correlation: '0', jitter: '0ms' },
            duration,
          },
        };
      case 'outage':
      case 'dependency-outage':
        return {
          ...head,
          kind: 'NetworkChaos',
          spec: {
            action: 'loss',
            mode: 'all',
            selector,
            loss: { loss: percent(fault.magnitude), correlation: '0' },
            duration,
          },
        };
      case 'capacity-loss':
        return {
          ...head,
          kind: 'PodChaos',
          spec: {
            action: 'pod-failure',
            mode: 'fixed-percent',
            value: percent(fault.magnitude),
            selector,
            duration,
          },
        };
      case 'bad-deploy':
        throw new ClusterFaultError(
          `faults of type bad-deploy ship through the deploy pipeline (a canary), not a chaos tool`,
        );
    }
  });
}
