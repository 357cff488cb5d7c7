import { formatAllocation, formatBytes } from './allocation';

describe('formatAllocation', () => {
  it('shows replicas, cores and memory in GiB', () => {
    expect(
      formatAllocation({
        replicas: 6,
        cpuRequest: 2,
        memRequest: 4 * 1024 ** 3,
        cpuLimit: null,
        memLimit: null,
      }),
    ).toBe('6 × 2 cores, 4 GiB');
    expect(
      formatAllocation({
        replicas: 1,
        cpuRequest: 1,
        memRequest: 1536 * 1024 ** 2,
        cpuLimit: 2,
        memLimit: null,
      }),
    ).toBe('1 × 1 core, 1.5 GiB');
  });

  it('says when memory has no value', () => {
    expect(formatBytes(null)).toBe('none');
  });
});
