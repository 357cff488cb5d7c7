import type { SloInput } from '@headroom/plugin-headroom-common';
import { sloFromInput } from './sloInput';

const input = (good: string): SloInput => ({
  name: 'availability',
  objective: 0.999,
  window: '30d',
  indicator: { type: 'ratio', good, total: 'http_requests_total{job="ledger"}' },
});
const where = 'POST /slos/component/default/ledger';

describe('sloFromInput', () => {
  it.each([
    ['not a selector at all !!!', /is not valid PromQL/],
    ['sum(rate(x{', /is not valid PromQL: it ends too early/],
    ['http_requests_total offset 1h', /must not use offset or @/],
    ['http_requests_total{code="2\n00"}', /has a line break inside a quoted string/],
    ['{}', /must select something/],
  ])('refuses the selector %j naming indicator.good', (good, message) => {
    const built = sloFromInput(input(good), { service: 'ledger', where });
    expect(built.slo).toBeUndefined();
    expect(built.messages).toHaveLength(1);
    expect(built.messages[0]).toMatch(
      new RegExp(`^${where} \\(document 1\\) indicator\\.good: ${message.source}`),
    );
  });

  it('accepts a counter selector', () => {
    const built = sloFromInput(input('http_requests_total{job="ledger",code!~"5.."}'), {
      service: 'ledger',
      where,
    });
    expect(built.messages).toEqual([]);
    expect(built.slo?.indicator).toMatchObject({ kind: 'ratio' });
  });
});
