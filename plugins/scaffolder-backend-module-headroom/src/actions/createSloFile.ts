import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createSloFileExamples } from './createSloFile.examples';
import { workspaceFile } from './paths';
import { renderSloFile } from './sloFile';
import { type InputShape, validateInput } from './validate';

export const CREATE_SLO_FILE_ACTION_ID = 'headroom:slo:create';

const objective = (z: Parameters<InputShape[string]>[0], what: string) =>
  z.number().gt(0).lt(1).describe(`${what}, as a fraction below 1 (0.999 is 99.9 %)`);

const inputShape = {
  serviceName: z =>
    z
      .string()
      .regex(
        /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
        'must be a lower-case name of letters, digits and -',
      )
      .max(63)
      .describe("The service, as named in the catalog and in the metrics' service label"),
  availabilityObjective: z => objective(z, 'Share of requests answered without a server error'),
  latencyThresholdMs: z =>
    z
      .number()
      .positive()
      .max(600_000)
      .describe('Latency threshold in milliseconds: a bucket bound of the duration histogram'),
  latencyObjective: z => objective(z, 'Share of requests answered within the threshold'),
  window: z =>
    z
      .string()
      .regex(/^[1-9][0-9]*[dwh]$/, 'must be a duration such as 30d, 4w or 720h')
      .default('30d')
      .describe('Rolling SLO window'),
  requestsMetric: z =>
    z
      .string()
      .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'must be a Prometheus metric name')
      .default('http_requests_total')
      .describe('Counter of requests with a code label'),
  durationMetric: z =>
    z
      .string()
      .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'must be a Prometheus metric name')
      .default('http_request_duration_seconds')
      .describe('Histogram of request durations in seconds (without _bucket)'),
  targetPath: z =>
    z.string().min(1).default('slos.yaml').describe('Where to write the file in the workspace'),
} satisfies InputShape;

interface Input {
  serviceName: string;
  availabilityObjective: number;
  latencyThresholdMs: number;
  latencyObjective: number;
  window: string;
  requestsMetric: string;
  durationMetric: string;
  targetPath: string;
}

/**
 * `headroom:slo:create`: an OpenSLO file with an availability and a latency SLO for a new HTTP
 * service, checked with Headroom's parser before it is written. Writes to the workspace only,
 * so a dry run does the same.
 */
export function createSloFileAction() {
  return createTemplateAction({
    id: CREATE_SLO_FILE_ACTION_ID,
    description:
      'Writes an OpenSLO file with an availability and a latency SLO for a new service, on Prometheus counters',
    examples: createSloFileExamples,
    supportsDryRun: true,
    schema: {
      input: inputShape,
      output: {
        filePath: z => z.string().describe('The file written, relative to the workspace'),
        sloNames: z => z.array(z.string()).describe('Names of the SLOs in the file'),
      },
    },
    async handler(ctx) {
      const input = validateInput<Input>(CREATE_SLO_FILE_ACTION_ID, inputShape, ctx.input);
      const target = workspaceFile(
        CREATE_SLO_FILE_ACTION_ID,
        'targetPath',
        ctx.workspacePath,
        input.targetPath,
      );
      const { text, names } = renderSloFile(input, input.targetPath);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, text, 'utf8');
      ctx.logger.info(
        `Wrote ${input.targetPath}: ${names.join(' and ')} SLOs of ${input.serviceName}`,
      );
      ctx.output('filePath', input.targetPath);
      ctx.output('sloNames', names);
    },
  });
}
