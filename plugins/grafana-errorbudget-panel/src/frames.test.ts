import { createDataFrame, FieldType } from '@grafana/data';
import { groupSloFrames } from './frames';

describe('groupSloFrames', () => {
  it("keeps the window's real end from the datasource, for the even-spend line", () => {
    const start = Date.parse('2026-12-01T00:00:00Z');
    const end = Date.parse('2027-01-01T00:00:00Z');
    const [g] = groupSloFrames([
      createDataFrame({
        meta: {
          custom: {
            headroom: 'burndown',
            key: 'k',
            windowStartMs: start,
            windowEndMs: end,
            windowSeconds: 30 * 86_400,
          },
        },
        fields: [
          { name: 'time', type: FieldType.time, values: [start] },
          { name: 'remaining', type: FieldType.number, values: [1] },
        ],
      }),
    ]);
    expect(g).toMatchObject({ key: 'k', windowStartMs: start, windowEndMs: end });
  });
});
