import type { Slo } from '@headroom/core';
import { parse } from 'yaml';
import { availabilitySlo } from '../__fixtures__/slos';
import { checkedRulesRenderer } from './rules';

describe('checkedRulesRenderer', () => {
  it('leaves out an SLO stored with a query Prometheus refuses; the others keep their rules', () => {
    const good = availabilitySlo('ledger');
    const stored: Slo = {
      ...availabilitySlo('payments'),
      indicator: {
        kind: 'ratio',
        good: { source: 'prometheus', query: 'not a selector at all !!!', windowed: false },
        total: { source: 'prometheus', query: 'sum(rate(x{', windowed: false },
      },
    };
    const warn = jest.fn();
    const text = checkedRulesRenderer({ warn })([stored, good]);
    const doc = parse(text) as { groups: Array<{ name: string }> };
    expect(doc.groups.length).toBeGreaterThan(0);
    expect(doc.groups.every(g => g.name.includes(good.service))).toBe(true);
    expect(text).toMatch(/^# Left out: 1 SLO\(s\) whose rules Prometheus would refuse\.$/m);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/^rules: left out payments-/);
  });
});
