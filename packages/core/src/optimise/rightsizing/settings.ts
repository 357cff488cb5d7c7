import type { Allocation, RightSizingInput } from '../rightsize';

const DAY = 86400;

function check(ok: boolean, field: string, value: unknown, expected: string): void {
  if (!ok) {
    throw new RangeError(
      `recommendRightSizing: ${field} must be ${expected}, got ${String(value)}`,
    );
  }
}

function checkAllocation(a: Allocation, field: string): void {
  check(
    Number.isInteger(a.replicas) && a.replicas > 0,
    `${field}.replicas`,
    a.replicas,
    'a positive integer',
  );
  check(a.cpuRequest > 0, `${field}.cpuRequest`, a.cpuRequest, 'a positive number of cores');
  check(a.memRequest > 0, `${field}.memRequest`, a.memRequest, 'a positive number of bytes');
  if (a.cpuLimit !== undefined)
    check(a.cpuLimit >= a.cpuRequest, `${field}.cpuLimit`, a.cpuLimit, 'at least cpuRequest');
  if (a.memLimit !== undefined)
    check(a.memLimit >= a.memRequest, `${field}.memLimit`, a.memLimit, 'at least memRequest');
}

/** The input checked, with every default filled in. */
export interface RightSizingSettings {
  /** Seconds from the first sample to the last. */
  history: number;
  horizon: number;
  cpuTarget: number;
  memTarget: number;
  lowBudget: number;
  strategy: 'requests' | 'replicas';
  minReplicas: number;
  minChange: number;
  driverName: string;
}

/**
 * Checks the input (aligned series, a valid current allocation, targets, prices) and fills in the
 * defaults; a RangeError names the field.
 */
export function rightSizingSettings(input: RightSizingInput): RightSizingSettings {
  const n = input.timestamps.length;
  for (const k of ['cpuCores', 'memoryBytes', 'driver'] as const) {
    if (input[k].length !== n) {
      throw new Error(
        `recommendRightSizing: ${k} has ${input[k].length} samples but timestamps has ${n}`,
      );
    }
  }
  const cur = input.current;
  checkAllocation(cur, 'current');
  const history = n > 1 ? input.timestamps[n - 1]! - input.timestamps[0]! : 0;
  // A forecast reaching further ahead than the history behind it is a guess.
  const horizon = input.horizonSeconds ?? Math.max(DAY, Math.min(30 * DAY, history));
  const cpuTarget = input.cpuTargetUtilisation ?? 0.7;
  const memTarget = input.memTargetUtilisation ?? 0.8;
  check(cpuTarget > 0 && cpuTarget <= 1, 'cpuTargetUtilisation', cpuTarget, 'in (0, 1]');
  check(memTarget > 0 && memTarget <= 1, 'memTargetUtilisation', memTarget, 'in (0, 1]');
  const lowBudget = input.lowBudget ?? 0.25;
  const strategy = input.strategy ?? 'requests';
  const minReplicas = input.minReplicas ?? Math.min(2, cur.replicas);
  check(
    Number.isInteger(minReplicas) && minReplicas >= 1,
    'minReplicas',
    minReplicas,
    'a positive integer',
  );
  const minChange = input.minChange ?? 0.05;
  check(minChange >= 0 && minChange < 1, 'minChange', minChange, 'in [0, 1)');
  const pricing = input.pricing;
  if (pricing.kind === 'unit-prices') {
    check(pricing.cpuCoreHour >= 0, 'pricing.cpuCoreHour', pricing.cpuCoreHour, 'non-negative');
    check(
      pricing.memoryGiBHour >= 0,
      'pricing.memoryGiBHour',
      pricing.memoryGiBHour,
      'non-negative',
    );
  } else if (pricing.cpuShare !== undefined) {
    check(
      pricing.cpuShare >= 0 && pricing.cpuShare <= 1,
      'pricing.cpuShare',
      pricing.cpuShare,
      'in [0, 1]',
    );
  }
  return {
    history,
    horizon,
    cpuTarget,
    memTarget,
    lowBudget,
    strategy,
    minReplicas,
    minChange,
    driverName: input.driverName ?? 'driver',
  };
}
