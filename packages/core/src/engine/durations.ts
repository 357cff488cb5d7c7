const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/**
 * Short label of a window length in the largest unit that divides it exactly, as Prometheus and
 * Sloth write windows: 300 → `5m`, 3600 → `1h`, 5400 → `90m`, 2592000 → `30d`.
 */
export function windowLabel(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new RangeError(`window length must be a positive number of seconds, got ${seconds}`);
  }
  for (const [unit, size] of UNITS) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
