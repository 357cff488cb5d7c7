/**
 * The peak a compound monthly growth gives after `months`: peak × (1 + growth)^months. Negative
 * months discount a future peak back to today's.
 */
export function grownPeak(peak: number, growthPerMonth: number, months: number): number {
  return peak * Math.pow(1 + growthPerMonth, months);
}
