import { InputError } from '@backstage/errors';
import { assessCapacity } from './model';
import type { AssessmentInputs, AssessmentRecommendation, AssessmentResult } from './types';

/**
 * Core's assessment of `inputs`, refused (400 naming the inputs) when a number it would record
 * is not finite. The schema's bounds keep ordinary inputs far from that; this catches what their
 * combination can still overflow, which would otherwise be stored as `null` (JSON has no
 * Infinity) and read back as "no replicas".
 */
export function assessFinite(
  inputs: AssessmentInputs,
  at: Date,
  where: string,
): { result: AssessmentResult; recommendation: AssessmentRecommendation } {
  const assessed = assessCapacity(inputs, at);
  const { result, recommendation } = assessed;
  const problems: string[] = [];
  if (
    !Number.isFinite(result.driverPeakAtHorizon) ||
    !Number.isFinite(result.driverUpperAtHorizon)
  ) {
    problems.push(
      `inputs.expectedPeak ${inputs.expectedPeak} growing inputs.growthPerMonth ${inputs.growthPerMonth} ` +
        `for inputs.horizonMonths ${inputs.horizonMonths} gives a peak that is not a finite number`,
    );
  } else if (!Number.isFinite(recommendation.needed)) {
    problems.push(
      `inputs.usage (baseline ${inputs.usage.baseline}, perUnit ${inputs.usage.perUnit}) at a peak of ` +
        `${result.driverUpperAtHorizon} needs a capacity that is not a finite number`,
    );
  } else {
    if (
      inputs.requestPerReplica !== undefined &&
      !(recommendation.replicas !== null && Number.isSafeInteger(recommendation.replicas))
    ) {
      problems.push(
        `inputs.requestPerReplica ${inputs.requestPerReplica} divides ${recommendation.needed} ${recommendation.unit} ` +
          'into a replica count that is not a whole number JSON can hold',
      );
    }
    if (recommendation.monthlyCost !== null && !Number.isFinite(recommendation.monthlyCost)) {
      problems.push(
        `inputs.pricePerUnitHour ${inputs.pricePerUnitHour} gives a monthly cost that is not a finite number`,
      );
    }
  }
  if (problems.length > 0) {
    throw new InputError(`Invalid capacity assessment in ${where}: ${problems.join('; ')}`);
  }
  return assessed;
}
