import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { CapacityAssessmentClient } from './capacityClient';
import { recordCapacityAssessmentExamples } from './recordCapacityAssessment.examples';
import { type InputShape, validateInput } from './validate';

export const RECORD_CAPACITY_ASSESSMENT_ACTION_ID = 'headroom:capacity:assess';

const entityRefField = (z: Parameters<InputShape[string]>[0], kind: string, what: string) =>
  z
    .string()
    .min(1)
    .refine(
      ref => {
        try {
          parseEntityRef(ref, { defaultKind: kind, defaultNamespace: 'default' });
          return true;
        } catch {
          return false;
        }
      },
      'must be an entity ref such as ' +
        (kind === 'component' ? 'component:default/payouts' : 'group:default/team-payments'),
    )
    .describe(what);

const inputShape = {
  entityRef: z => entityRefField(z, 'component', 'The service assessed'),
  owner: z =>
    entityRefField(z, 'group', 'Its owner, used while the service is not yet in the catalog'),
  lineOfBusiness: z => z.string().trim().min(1).max(255).optional(),
  driver: z => z.string().trim().min(1).max(100).default('requests per second'),
  expectedPeak: z => z.number().positive().describe('Expected peak of the driver at launch'),
  growthPerMonth: z =>
    z
      .number()
      .gt(-1)
      .max(10)
      .default(0)
      .describe('Compound growth of the peak a month (0.1 = 10 %)'),
  horizonMonths: z => z.number().int().min(1).max(60).default(6),
  peakUncertainty: z => z.number().min(0).max(10).default(0.25),
  unit: z => z.enum(['cores', 'GiB']).default('cores'),
  baseline: z => z.number().min(0).describe('Use at zero load, in the unit'),
  perUnit: z => z.number().min(0).describe('Use per unit of driver, in the unit'),
  noise: z => z.number().min(0).default(0),
  targetUtilisation: z => z.number().gt(0).max(1).default(0.7),
  latencyObjectiveSeconds: z =>
    z.number().positive().optional().describe("The latency SLO's threshold, seconds"),
  latencyPercentile: z => z.number().gt(0).lt(1).optional(),
  serviceTimeSeconds: z =>
    z.number().positive().optional().describe('Latency at low load, seconds'),
  requestPerReplica: z => z.number().positive().optional(),
  pricePerUnitHour: z => z.number().min(0).optional(),
  currency: z => z.string().trim().min(1).max(8).optional(),
  note: z => z.string().trim().min(1).max(2000).optional(),
} satisfies InputShape;

interface Input {
  entityRef: string;
  owner: string;
  lineOfBusiness?: string;
  driver: string;
  expectedPeak: number;
  growthPerMonth: number;
  horizonMonths: number;
  peakUncertainty: number;
  unit: 'cores' | 'GiB';
  baseline: number;
  perUnit: number;
  noise: number;
  targetUtilisation: number;
  latencyObjectiveSeconds?: number;
  latencyPercentile?: number;
  serviceTimeSeconds?: number;
  requestPerReplica?: number;
  pricePerUnitHour?: number;
  currency?: string;
  note?: string;
}

/** The body Headroom's API takes, from the action's flat inputs. */
export function assessmentBody(input: Input) {
  const id = RECORD_CAPACITY_ASSESSMENT_ACTION_ID;
  const hasObjective = input.latencyObjectiveSeconds !== undefined;
  if (hasObjective !== (input.serviceTimeSeconds !== undefined)) {
    throw new InputError(
      `${id}: input.${hasObjective ? 'serviceTimeSeconds' : 'latencyObjectiveSeconds'} is required with input.${hasObjective ? 'latencyObjectiveSeconds' : 'serviceTimeSeconds'}`,
    );
  }
  const inputs: Record<string, unknown> = {
    driver: input.driver,
    expectedPeak: input.expectedPeak,
    growthPerMonth: input.growthPerMonth,
    horizonMonths: input.horizonMonths,
    peakUncertainty: input.peakUncertainty,
    usage: {
      unit: input.unit,
      baseline: input.baseline,
      perUnit: input.perUnit,
      noise: input.noise,
    },
    targetUtilisation: input.targetUtilisation,
  };
  if (hasObjective) {
    inputs.latency = {
      serviceTimeSeconds: input.serviceTimeSeconds,
      objectiveSeconds: input.latencyObjectiveSeconds,
      ...(input.latencyPercentile !== undefined ? { percentile: input.latencyPercentile } : {}),
    };
  }
  for (const key of ['requestPerReplica', 'pricePerUnitHour', 'currency'] as const) {
    if (input[key] !== undefined) inputs[key] = input[key];
  }
  return {
    entityRef: stringifyEntityRef(
      parseEntityRef(input.entityRef, { defaultKind: 'component', defaultNamespace: 'default' }),
    ),
    body: {
      inputs,
      ownerRef: stringifyEntityRef(
        parseEntityRef(input.owner, { defaultKind: 'group', defaultNamespace: 'default' }),
      ),
      ...(input.lineOfBusiness ? { lineOfBusiness: input.lineOfBusiness } : {}),
      ...(input.note ? { note: input.note } : {}),
    },
  };
}

/**
 * `headroom:capacity:assess`: records a new service's initial capacity assessment from its
 * expected load in Headroom, on behalf of the user running the template. A dry run has Headroom
 * validate and compute it (and check the user's permission) without storing it.
 */
export function recordCapacityAssessmentAction(options: { client: CapacityAssessmentClient }) {
  return createTemplateAction({
    id: RECORD_CAPACITY_ASSESSMENT_ACTION_ID,
    description:
      "Records a service's initial capacity assessment in Headroom from its expected load (peak, growth, use per unit of load)",
    examples: recordCapacityAssessmentExamples,
    supportsDryRun: true,
    schema: {
      input: inputShape,
      output: {
        version: z =>
          z.number().describe('Version of the assessment (in a dry run: the one it would get)'),
        needed: z => z.number().describe('Capacity to provision, in the unit'),
        unit: z => z.string(),
        replicas: z =>
          z.number().nullable().describe('Replicas, when a request per replica was given'),
        recorded: z => z.boolean().describe('False in a dry run'),
      },
    },
    async handler(ctx) {
      const id = RECORD_CAPACITY_ASSESSMENT_ACTION_ID;
      const input = validateInput<Input>(id, inputShape, ctx.input);
      const { entityRef, body } = assessmentBody(input);
      const dryRun = ctx.isDryRun === true;
      let response;
      try {
        response = await options.client.record(entityRef, body, {
          dryRun,
          credentials: await ctx.getInitiatorCredentials(),
        });
      } catch (e) {
        if (e instanceof ResponseError) {
          throw new InputError(
            `${id}: Headroom refused the assessment of ${entityRef} (${e.response.status}): ${e.body.error.message}`,
          );
        }
        throw e;
      }
      const r = response.recommendation;
      ctx.logger.info(
        `${dryRun ? 'Checked (dry run, not stored)' : `Recorded version ${response.version} of`} the capacity assessment of ${entityRef}: ` +
          `${Number(r.needed.toPrecision(4))} ${r.unit}${r.replicas === null ? '' : `, ${r.replicas} replicas`}`,
      );
      for (const line of response.result.capacity.explanation) ctx.logger.info(`  ${line}`);
      ctx.output('version', response.version);
      ctx.output('needed', r.needed);
      ctx.output('unit', r.unit);
      ctx.output('replicas', r.replicas);
      ctx.output('recorded', !dryRun);
    },
  });
}
