import { promqlString } from '@headroom/prometheus';

/** The flags that replace the default PromQL of an assessment. */
export interface QueryOverrides {
  driver?: string | undefined;
  cpu?: string | undefined;
  memory?: string | undefined;
}

/**
 * The PromQL behind an assessment. Defaults follow the conventions of cAdvisor and
 * kube-state-metrics with a `service` label; every query can be replaced by a flag.
 */
export function capacityQueries(service: string, opts: QueryOverrides) {
  const s = `service=${promqlString(service)}`;
  return {
    driver: opts.driver ?? `sum(rate(http_requests_total{${s}}[5m]))`,
    cpu: opts.cpu ?? `sum(rate(container_cpu_usage_seconds_total{${s}}[5m]))`,
    memory: opts.memory ?? `sum(container_memory_working_set_bytes{${s}}) / 2^30`,
    cpuRequests: `sum(kube_pod_container_resource_requests{${s},resource="cpu"})`,
    memoryRequests: `sum(kube_pod_container_resource_requests{${s},resource="memory"}) / 2^30`,
    replicas: `sum(kube_deployment_spec_replicas{${s}})`,
  };
}
