import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const createSloFileExamples: TemplateExample[] = [
  {
    description: 'SLOs for a new service: 99.9 % availability, 99 % of requests within 300 ms',
    example: yaml.stringify({
      steps: [
        {
          id: 'slos',
          action: 'headroom:slo:create',
          name: 'Create the SLO file',
          input: {
            serviceName: 'payouts',
            availabilityObjective: 0.999,
            latencyThresholdMs: 300,
            latencyObjective: 0.99,
          },
        },
      ],
    }),
  },
  {
    description: 'A 28-day window, custom metric names and a file in a sub-folder',
    example: yaml.stringify({
      steps: [
        {
          id: 'slos',
          action: 'headroom:slo:create',
          name: 'Create the SLO file',
          input: {
            serviceName: 'quotes',
            availabilityObjective: 0.9995,
            latencyThresholdMs: 100,
            latencyObjective: 0.95,
            window: '28d',
            requestsMetric: 'quotes_requests_total',
            durationMetric: 'quotes_request_duration_seconds',
            targetPath: 'observability/slos.yaml',
          },
        },
      ],
    }),
  },
];
