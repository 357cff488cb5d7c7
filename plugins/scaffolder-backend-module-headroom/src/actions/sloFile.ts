import { InputError } from '@backstage/errors';
import { formatIssue, parseSloDocuments } from '@headroom/core';

/** What a new service's SLO file is made from. */
export interface SloFileSpec {
  serviceName: string;
  /** Share of requests answered without a server error, e.g. 0.999. */
  availabilityObjective: number;
  /** Latency threshold in milliseconds; must be a histogram bucket bound of the duration metric. */
  latencyThresholdMs: number;
  /** Share of requests answered within the threshold, e.g. 0.99. */
  latencyObjective: number;
  /** Rolling window, e.g. 30d. */
  window: string;
  requestsMetric: string;
  durationMetric: string;
}

function percent(objective: number): string {
  return `${Number((objective * 100).toPrecision(6))} %`;
}

/** The `le` label value Prometheus client libraries write for a bound in seconds. */
export function bucketBound(ms: number): string {
  return String(Number((ms / 1000).toPrecision(12)));
}

/**
 * OpenSLO v1 documents for an HTTP service: availability (5xx over all requests) and latency
 * (requests within the threshold over all requests), both ratio SLIs on Prometheus counters, in
 * the layout of the demo catalog's files. Checked with the same parser the backend uses: a file
 * that would be refused later is refused now.
 */
export function renderSloFile(spec: SloFileSpec, file: string): { text: string; names: string[] } {
  const s = spec.serviceName;
  const le = bucketBound(spec.latencyThresholdMs);
  const selector = `service="${s}"`;
  const doc = (
    name: string,
    displayName: string,
    description: string,
    ratio: string,
    objective: number,
  ) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
  displayName: ${JSON.stringify(displayName)}
spec:
  description: ${JSON.stringify(description)}
  service: ${s}
  indicator:
    metadata:
      name: ${s}-${name}
    spec:
      ratioMetric:
        counter: true
${ratio}
  timeWindow:
    - duration: ${spec.window}
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: ${objective}
`;
  const source = (role: string, query: string) => `        ${role}:
          metricSource:
            type: prometheus
            spec:
              query: ${JSON.stringify(query)}`;
  const text =
    `# SLOs of ${s}, referenced by the headroom.dev/slo-file annotation of its catalog-info.yaml.\n` +
    doc(
      'availability',
      `${s} availability`,
      `${percent(spec.availabilityObjective)} of ${s} requests are answered without a server error (5xx).`,
      [
        source('bad', `${spec.requestsMetric}{${selector},code=~"5.."}`),
        source('total', `${spec.requestsMetric}{${selector}}`),
      ].join('\n'),
      spec.availabilityObjective,
    ) +
    '---\n' +
    doc(
      'latency',
      `${s} answers within ${spec.latencyThresholdMs} ms`,
      `${percent(spec.latencyObjective)} of ${s} requests are answered within ${spec.latencyThresholdMs} ms.`,
      [
        source('good', `${spec.durationMetric}_bucket{${selector},le="${le}"}`),
        source('total', `${spec.durationMetric}_count{${selector}}`),
      ].join('\n'),
      spec.latencyObjective,
    );
  const parsed = parseSloDocuments(text, file);
  if (parsed.issues.length > 0 || parsed.slos.length !== 2) {
    throw new InputError(
      `The SLO file for ${s} would be invalid: ${parsed.issues.map(formatIssue).join('; ')}`,
    );
  }
  return { text, names: parsed.slos.map(slo => slo.name) };
}
