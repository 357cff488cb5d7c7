import { evenPods, krrSimple, kubecostLike, vpaLike } from '../baselines';
import { cpuQuantity, fmt, memoryQuantity } from '../format';
import type { BaselineComparison, RightSizingInput } from '../rightsize';
import type { Need } from './need';
import type { Notes } from './notes';

/**
 * What the usage-only tools (KRR simple, VPA, Kubecost) would set over the current replicas,
 * against the need at the forecast peak: how far below it each cuts.
 */
export function compareBaselines(
  input: RightSizingInput,
  need: Pick<Need, 'cpu' | 'mem'>,
  notes: Notes,
): BaselineComparison[] {
  const R = input.current.replicas;
  const pods = evenPods(input.timestamps, input.cpuCores, input.memoryBytes, R);
  return [krrSimple(pods), vpaLike(pods), kubecostLike(pods)].map(b => {
    const cpuTotal = b.cpu.request === null ? null : b.cpu.request * R;
    const memTotal = b.memory.request === null ? null : b.memory.request * R;
    const cpuShort = cpuTotal === null ? null : need.cpu - cpuTotal;
    const memShort = memTotal === null ? null : need.mem - memTotal;
    const belowNeed = (cpuShort ?? 0) > 1e-9 || (memShort ?? 0) > 1;
    const name =
      b.tool === 'krr-simple'
        ? 'KRR simple (CPU p95, memory max + 15 %)'
        : b.tool === 'vpa'
          ? 'VPA (CPU p90 decaying, memory p90 of daily peaks, + 15 %)'
          : 'Kubecost (max / 0.7)';
    const line =
      `${name}: ${cpuTotal === null ? 'no CPU advice' : `${cpuQuantity(b.cpu.request!)} × ${R} = ${fmt(cpuTotal)} cores`}` +
      `${cpuShort !== null && cpuShort > 1e-9 ? `, ${fmt(cpuShort)} cores below the need at the forecast peak` : ''}; ` +
      `${memTotal === null ? 'no memory advice' : `${memoryQuantity(b.memory.request!)} × ${R} = ${memoryQuantity(memTotal)}`}` +
      `${memShort !== null && memShort > 1 ? `, ${memoryQuantity(memShort)} below the need` : ''}`;
    notes.explanation.push(`baseline ${line}`);
    return {
      tool: b.tool,
      cpuRequest: b.cpu.request,
      memRequest: b.memory.request,
      cpuTotal,
      memTotal,
      cpuShortfall: cpuShort,
      memShortfall: memShort,
      belowNeed,
      explanation: b.explanation,
    };
  });
}
