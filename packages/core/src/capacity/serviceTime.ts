/**
 * The M/M/1 service time that misses the latency threshold as often as the service does when it
 * is quiet (the quietest tenth of the samples by driver, pooled). M/M/1 response times are
 * exponential with mean S / (1 - ρ), so P(T > L) = exp(-(1 - ρ) L / S); taking ρ ≈ 0 when quiet
 * gives S = L / ln(1 / miss). Calibrating on the SLO's own threshold, rather than on the mean
 * latency, keeps the exponential tail from being applied to a service whose tail is lighter;
 * ρ ≈ 0 overstates S a little, which only lowers the cap (`latencyUtilisationCap`). When no quiet
 * request missed, the miss ratio is taken as one in the number of quiet requests, an upper bound.
 * Inputs are aligned per-second rates (NaN where missing); undefined without any request.
 */
export function serviceTimeAtLowLoad(
  driver: Float64Array,
  goodPerSecond: Float64Array,
  totalPerSecond: Float64Array,
  objectiveSeconds: number,
  stepSeconds: number,
): { serviceTimeSeconds: number; missRatio: number } | undefined {
  const samples: number[] = [];
  for (let i = 0; i < driver.length; i++) {
    const [d, g, t] = [driver[i]!, goodPerSecond[i], totalPerSecond[i]];
    if (Number.isFinite(d) && Number.isFinite(g) && Number.isFinite(t) && t! > 0) samples.push(i);
  }
  if (samples.length === 0) return undefined;
  samples.sort((a, b) => driver[a]! - driver[b]!);
  let good = 0;
  let total = 0;
  for (const i of samples.slice(0, Math.max(1, Math.ceil(samples.length / 10)))) {
    good += Math.min(goodPerSecond[i]!, totalPerSecond[i]!);
    total += totalPerSecond[i]!;
  }
  const requests = total * stepSeconds;
  const missRatio = Math.max(1 - good / total, 1 / Math.max(requests, 2));
  return { serviceTimeSeconds: objectiveSeconds / Math.log(1 / missRatio), missRatio };
}
