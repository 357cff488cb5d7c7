/**
 * LitmusChaos's resilience score: each fault's weight (0–10) times its probe success percentage,
 * summed, over the sum of the weights — 0 to 100. Faults of weight 0 count for nothing; with no
 * weight at all there is no score (null), not a perfect one.
 */
export function resilienceScore(
  faults: readonly { weight: number; probeSuccessPercentage: number }[],
): number | null {
  let weighted = 0;
  let weights = 0;
  for (const f of faults) {
    weighted += f.weight * f.probeSuccessPercentage;
    weights += f.weight;
  }
  return weights > 0 ? weighted / weights : null;
}

/** Litmus's probeSuccessPercentage: the share of probes that passed, in percent (100 with none). */
export function probeSuccessPercentage(probes: readonly { passed: boolean }[]): number {
  if (probes.length === 0) return 100;
  return (100 * probes.filter(p => p.passed).length) / probes.length;
}
