import { ceilMiB, ceilMillicores, cpuQuantity, fmt, GIB, memoryQuantity, pct } from '../format';
import type { Allocation, RightSizingRecommendation } from '../rightsize';
import type { Need } from './need';
import type { Notes } from './notes';
import type { RightSizingSettings } from './settings';
import type { SloPolicy } from './sloPolicy';

/**
 * The allocation that covers the need: with the `replicas` strategy, the count at the current
 * requests; with `requests`, the requests per replica rounded up (never below the need), limits
 * at the team's burst ratio but not below the peak use plus margin.
 */
export function coveringAllocation(
  cur: Allocation,
  need: Need,
  s: RightSizingSettings,
  notes: Notes,
): Allocation {
  const R = cur.replicas;
  const { cpu: needCpu, mem: needMem, cpuCap, memCap } = need;
  if (s.strategy === 'replicas') {
    const replicas = Math.max(
      s.minReplicas,
      Math.ceil(needCpu / cur.cpuRequest - 1e-9),
      Math.ceil(needMem / cur.memRequest - 1e-9),
    );
    notes.explanation.push(
      `replicas = max(min ${s.minReplicas}, ⌈${fmt(needCpu)} cores / ${cpuQuantity(cur.cpuRequest)}⌉, ` +
        `⌈${memoryQuantity(needMem)} / ${memoryQuantity(cur.memRequest)}⌉) = ${replicas}, requests unchanged`,
    );
    return { ...cur, replicas };
  }
  const cpuReq = ceilMillicores(needCpu / R);
  const memReq = ceilMiB(needMem / R);
  const rec: Allocation = { replicas: R, cpuRequest: cpuReq, memRequest: memReq };
  // Limits keep the team's burst ratio but never fall below peak use plus margin.
  if (cur.cpuLimit !== undefined) {
    const peakUse = (cpuCap.components.usageAtPeak + cpuCap.components.margin) / R;
    rec.cpuLimit = Math.max(
      cpuReq,
      ceilMillicores(Math.max(cpuReq * (cur.cpuLimit / cur.cpuRequest), peakUse)),
    );
  }
  if (cur.memLimit !== undefined) {
    const peakUse = ((memCap.components.usageAtPeak + memCap.components.margin) * GIB) / R;
    rec.memLimit = Math.max(
      memReq,
      ceilMiB(Math.max(memReq * (cur.memLimit / cur.memRequest), peakUse)),
    );
  }
  notes.explanation.push(
    `requests per replica: cpu ${fmt(needCpu)} cores / ${R} → ${cpuQuantity(cpuReq)}, memory ` +
      `${memoryQuantity(needMem)} / ${R} → ${memoryQuantity(memReq)} (rounded up: never below the need)` +
      (rec.cpuLimit !== undefined ? `; cpu limit ${cpuQuantity(rec.cpuLimit)}` : '') +
      (rec.memLimit !== undefined ? `; memory limit ${memoryQuantity(rec.memLimit)}` : '') +
      (rec.cpuLimit !== undefined || rec.memLimit !== undefined
        ? ' (current limit/request ratio, at least the peak use plus margin per replica)'
        : ''),
  );
  return rec;
}

/** Freeze: an exhausted budget allows increases only, field by field. */
export function frozenAllocation(rec: Allocation, cur: Allocation, policy: SloPolicy): Allocation {
  if (policy !== 'freeze') return rec;
  const frozen: Allocation = {
    replicas: Math.max(rec.replicas, cur.replicas),
    cpuRequest: Math.max(rec.cpuRequest, cur.cpuRequest),
    memRequest: Math.max(rec.memRequest, cur.memRequest),
  };
  if (cur.cpuLimit !== undefined) frozen.cpuLimit = Math.max(rec.cpuLimit ?? 0, cur.cpuLimit);
  if (cur.memLimit !== undefined) frozen.memLimit = Math.max(rec.memLimit ?? 0, cur.memLimit);
  return frozen;
}

/**
 * Too small a change is not worth a rollout: within ±minChange of both current totals, with the
 * current allocation covering the need, keep it. The relative changes are of the proposal.
 */
export function worthRollingOut(
  rec: Allocation,
  cur: Allocation,
  need: Pick<Need, 'cpu' | 'mem'>,
  minChange: number,
  notes: Notes,
): { rec: Allocation; relCpu: number; relMem: number } {
  const curCpuTotal = cur.cpuRequest * cur.replicas;
  const curMemTotal = cur.memRequest * cur.replicas;
  const relCpu = (rec.cpuRequest * rec.replicas - curCpuTotal) / curCpuTotal;
  const relMem = (rec.memRequest * rec.replicas - curMemTotal) / curMemTotal;
  const small = (r: number, needBelow: boolean) => Math.abs(r) < minChange && needBelow;
  if (small(relCpu, need.cpu <= curCpuTotal) && small(relMem, need.mem <= curMemTotal)) {
    notes.explanation.push(
      `the change (cpu ${pct(relCpu)}, memory ${pct(relMem)}) is within ±${pct(minChange)} and the current ` +
        `allocation covers the need: keep it`,
    );
    return { rec: { ...cur }, relCpu, relMem };
  }
  return { rec, relCpu, relMem };
}

/** hold, reduce, increase, or resize (one up, one down), from the change in the totals. */
export function actionOf(rec: Allocation, cur: Allocation): RightSizingRecommendation['action'] {
  const dCpu = rec.cpuRequest * rec.replicas - cur.cpuRequest * cur.replicas;
  const dMem = rec.memRequest * rec.replicas - cur.memRequest * cur.replicas;
  return dCpu === 0 && dMem === 0 && rec.replicas === cur.replicas
    ? 'hold'
    : dCpu <= 0 && dMem <= 0
      ? 'reduce'
      : dCpu >= 0 && dMem >= 0
        ? 'increase'
        : 'resize';
}
