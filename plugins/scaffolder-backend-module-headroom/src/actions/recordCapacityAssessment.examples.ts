import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const recordCapacityAssessmentExamples: TemplateExample[] = [
  {
    description:
      'Initial assessment of a new service: 200 requests per second, 10 % growth a month',
    example: yaml.stringify({
      steps: [
        {
          id: 'capacity',
          action: 'headroom:capacity:assess',
          name: 'Record the initial capacity assessment',
          input: {
            entityRef: 'component:default/payouts',
            owner: 'group:default/team-payments',
            expectedPeak: 200,
            growthPerMonth: 0.1,
            baseline: 0.5,
            perUnit: 0.01,
            requestPerReplica: 1,
          },
        },
      ],
    }),
  },
  {
    description: 'With the latency SLO capping utilisation, and a price for the monthly cost',
    example: yaml.stringify({
      steps: [
        {
          id: 'capacity',
          action: 'headroom:capacity:assess',
          name: 'Record the initial capacity assessment',
          input: {
            entityRef: 'component:default/quotes',
            owner: 'team-trading',
            lineOfBusiness: 'trading',
            expectedPeak: 1500,
            horizonMonths: 12,
            baseline: 1,
            perUnit: 0.002,
            serviceTimeSeconds: 0.02,
            latencyObjectiveSeconds: 0.1,
            latencyPercentile: 0.99,
            requestPerReplica: 2,
            pricePerUnitHour: 0.04,
            currency: 'EUR',
            note: 'from the load test of the prototype',
          },
        },
      ],
    }),
  },
];
