import { parseSloDocuments, type Slo } from '@headroom/core';
import type { SloWrite } from '../database/types';

/** An OpenSLO v1 availability SLO of `service`, parsed by core like any file. */
export function availabilitySlo(service: string, name = 'availability', target = 0.999): Slo {
  const text = `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
  displayName: ${service} availability
spec:
  service: ${service}
  indicator:
    metadata:
      name: ${service}-${name}
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: prometheus
            spec:
              query: http_requests_total{service="${service}",code=~"5.."}
        total:
          metricSource:
            type: prometheus
            spec:
              query: http_requests_total{service="${service}"}
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: ${target}
`;
  const { slos, issues } = parseSloDocuments(text, `${service}.yaml`);
  if (issues.length > 0 || !slos[0]) throw new Error(JSON.stringify(issues));
  return slos[0];
}

export function sloWrite(entityRef: string, slo: Slo, overrides: Partial<SloWrite> = {}): SloWrite {
  return {
    entityRef,
    name: slo.name,
    origin: 'api',
    sourceLocation: null,
    ownerRef: 'group:default/team-payments',
    lineOfBusiness: 'payments',
    displayName: slo.displayName ?? null,
    description: null,
    objective: slo.objective.target,
    window: slo.window.duration,
    evaluationIntervalSeconds: null,
    definition: slo,
    input: null,
    ...overrides,
  };
}
