import { parseSloDocuments } from '@headroom/core';
import type { SloWrite } from '../../plugins/headroom-backend/src/database/types';
import { METRIC } from './history';

/**
 * One OpenSLO availability SLO of `service`: code 500 over all requests of its 20 counters,
 * 99.9 % over a rolling `window`, as a team's SLO file would have it. Parsed by core like any
 * file, stored like the catalog sync stores it (origin `file`).
 */
export function availabilityWrite(service: string, window: string): SloWrite {
  const text = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability-${window}
  displayName: ${service} availability
spec:
  service: ${service}
  indicator:
    metadata:
      name: ${service}-availability
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: prometheus
            spec:
              query: ${METRIC}{service="${service}",code="500"}
        total:
          metricSource:
            type: prometheus
            spec:
              query: ${METRIC}{service="${service}"}
  timeWindow:
    - duration: ${window}
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`;
  const file = `catalog/${service}/slo.yaml`;
  const { slos, issues } = parseSloDocuments(text, file);
  const slo = slos[0];
  if (issues.length > 0 || !slo) throw new Error(`${file}: ${JSON.stringify(issues)}`);
  return {
    entityRef: `component:default/${service}`,
    name: slo.name,
    origin: 'file',
    sourceLocation: `url:${file}`,
    ownerRef: 'group:default/team-bench',
    lineOfBusiness: 'bench',
    displayName: slo.displayName ?? null,
    description: null,
    objective: slo.objective.target,
    window: slo.window.duration,
    evaluationIntervalSeconds: null,
    definition: slo,
    input: null,
  };
}
