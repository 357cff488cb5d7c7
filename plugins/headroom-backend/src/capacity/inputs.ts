import { InputError } from '@backstage/errors';
import { z } from 'zod';
import type { AssessmentInputs } from './types';

const positive = z.number().finite().positive();
const nonNegative = z.number().finite().nonnegative();
/** Use per unit and at zero load, in cores or GiB. */
const usageAmount = nonNegative.max(1e9);

/**
 * The body fields of an assessment's inputs, with the defaults a new service usually needs. The
 * bounds are those of `AssessmentInputs` in the OpenAPI document, which the API checks first:
 * within them every derived number stays finite.
 */
export const assessmentInputsSchema = z
  .object({
    driver: z.string().trim().min(1).max(100).default('requests per second'),
    expectedPeak: positive.max(1e12),
    growthPerMonth: z.number().finite().gt(-1).max(10).default(0),
    horizonMonths: z.number().int().min(1).max(60).default(6),
    peakUncertainty: nonNegative.max(10).default(0.25),
    usage: z
      .object({
        unit: z.enum(['cores', 'GiB']),
        baseline: usageAmount,
        perUnit: usageAmount,
        noise: usageAmount.default(0),
      })
      .strict(),
    targetUtilisation: z.number().finite().gt(0).max(1).default(0.7),
    latency: z
      .object({
        serviceTimeSeconds: positive.max(86_400),
        objectiveSeconds: positive.max(86_400),
        percentile: z.number().gt(0).lt(1).optional(),
      })
      .strict()
      .refine(l => l.serviceTimeSeconds < l.objectiveSeconds, {
        message: 'serviceTimeSeconds must be below objectiveSeconds',
        path: ['serviceTimeSeconds'],
      })
      .optional(),
    requestPerReplica: positive.min(1e-6).max(1e6).optional(),
    pricePerUnitHour: nonNegative.max(1e6).optional(),
    currency: z.string().trim().min(1).max(8).optional(),
    current: z
      .object({
        replicas: z.number().int().positive().max(1e6),
        requests: nonNegative.max(1e6),
        limits: nonNegative.max(1e6).optional(),
      })
      .strict()
      .optional(),
    measured: z
      .object({
        fitQuality: z.enum(['good', 'poor', 'insufficient']),
        forecastQuality: z.enum(['good', 'poor', 'insufficient']),
      })
      .strict()
      .optional(),
  })
  .strict();

/**
 * Validates an assessment's inputs; throws InputError naming each bad field, prefixed with
 * `prefix` (the body field they came in, e.g. "inputs") and `where` (the request).
 */
export function parseAssessmentInputs(
  value: unknown,
  where: string,
  prefix = 'inputs',
): AssessmentInputs {
  const parsed = assessmentInputsSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(issue => {
      const path = [prefix, ...issue.path.map(String)].join('.');
      if (issue.code === 'unrecognized_keys') {
        return `${path}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
      }
      return `${path}: ${issue.message}`;
    });
    throw new InputError(`Invalid capacity assessment in ${where}: ${problems.join('; ')}`);
  }
  return parsed.data as AssessmentInputs;
}
