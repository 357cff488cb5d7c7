import type { SloInput } from './types';

/**
 * The OpenSLO v1 document an API body stands for. The backend validates and stores it with
 * core like any SLO file; the editor validates the same document, so what passes in the form
 * passes on save.
 */
export function inputToOpenSlo(input: SloInput, service: string): Record<string, unknown> {
  const source = (query: string) => ({ metricSource: { type: 'prometheus', spec: { query } } });
  const ratio: Record<string, unknown> = { counter: true };
  if (input.indicator.bad !== undefined) ratio.bad = source(input.indicator.bad);
  if (input.indicator.good !== undefined) ratio.good = source(input.indicator.good);
  ratio.total = source(input.indicator.total);
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: input.name,
      ...(input.displayName ? { displayName: input.displayName } : {}),
      ...(input.labels ? { labels: input.labels } : {}),
    },
    spec: {
      ...(input.description ? { description: input.description } : {}),
      service,
      indicator: { metadata: { name: `${input.name}-sli` }, spec: { ratioMetric: ratio } },
      timeWindow: [{ duration: input.window, isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ target: input.objective }],
    },
  };
}
