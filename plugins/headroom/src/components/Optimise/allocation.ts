import type { OptimisationAllocation } from '@headroom/plugin-headroom-common';
import { formatQuantity } from '../../lib/format';

const GIB = 1024 ** 3;

/** Memory in bytes as GiB, the unit requests are written in. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'none';
  return `${formatQuantity(bytes / GIB)} GiB`;
}

/** Replicas and per-replica requests: `3 × 2 cores, 4 GiB`. */
export function formatAllocation(a: OptimisationAllocation): string {
  const cores = `${formatQuantity(a.cpuRequest)} ${a.cpuRequest === 1 ? 'core' : 'cores'}`;
  return `${a.replicas} × ${cores}, ${formatBytes(a.memRequest)}`;
}
