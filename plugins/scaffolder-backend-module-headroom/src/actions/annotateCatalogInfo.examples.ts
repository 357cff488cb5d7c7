import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const annotateCatalogInfoExamples: TemplateExample[] = [
  {
    description: "Cost tags and the SLO file on a new service's catalog-info.yaml",
    example: yaml.stringify({
      steps: [
        {
          id: 'annotate',
          action: 'headroom:catalog:annotate',
          name: 'Add Headroom annotations',
          input: {
            costTags: { service: 'payouts', team: 'team-payments', 'cost-center': 'cc-4711' },
          },
        },
      ],
    }),
  },
  {
    description: 'A line of business, another SLO file and a fixed creation time',
    example: yaml.stringify({
      steps: [
        {
          id: 'annotate',
          action: 'headroom:catalog:annotate',
          name: 'Add Headroom annotations',
          input: {
            filePath: 'catalog-info.yaml',
            costTags: { service: 'quotes' },
            sloFile: './observability/slos.yaml',
            lineOfBusiness: 'trading',
            createdAt: '2026-12-01T09:00:00Z',
          },
        },
      ],
    }),
  },
];
