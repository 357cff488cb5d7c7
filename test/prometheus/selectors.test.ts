import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { counterSelectorProblem } from '@headroom/core';
import { renderRuleFile } from '@headroom/prometheus';
import { promtool, tempDir } from './prometheus';

/**
 * Core's selector check agrees with promtool: every counter selector core refuses makes
 * `promtool check rules` refuse the recording rule the generator builds from it
 * (`sum(rate(<selector>[5m]))`), and every selector it accepts passes promtool.
 */
const REFUSED = [
  'not a selector at all !!!',
  'sum(rate(x{',
  'http_requests_total{code="200"} offset 1h',
  'http_requests_total{code="2\n00"}',
  '{}',
  '{code=""}',
  '{code=~".*"}',
  'http_requests_total{code="200}',
  'http_requests_total{code="\\q"}',
  'rate(http_requests_total[5m])',
];
const ACCEPTED = [
  'http_requests_total',
  'http_requests_total{code!~"5.."}',
  '{__name__="http_requests_total", code="200"}',
  '{code="200"}',
  '{code!=""}',
  'http_requests_total{path="a\\"b\\n\\x41\\u00e9"}',
  "http_requests_total{code='200'}",
  'http_requests_total{code=`a\nb`}',
  'http_requests_total{code=~"(?i)ok"}',
];

describe('counter selectors: core and promtool agree', () => {
  const dir = tempDir('headroom-selectors-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const promtoolAccepts = (selector: string, i: number): boolean => {
    const file = join(dir, `rules-${i}.yml`);
    const text = renderRuleFile({
      groups: [
        { name: 'g', rules: [{ record: 'slo:total:rate5m', expr: `sum(rate(${selector}[5m]))` }] },
      ],
    });
    writeFileSync(file, text);
    return promtool(['check', 'rules', file]).status === 0;
  };

  it.each(REFUSED.map((s, i) => [s, i] as const))('%j is refused by both', (selector, i) => {
    expect(counterSelectorProblem(selector)).toEqual(expect.any(String));
    expect(promtoolAccepts(selector, i)).toBe(false);
  });

  it.each(ACCEPTED.map((s, i) => [s, 100 + i] as const))(
    '%j is accepted by both',
    (selector, i) => {
      expect(counterSelectorProblem(selector)).toBeUndefined();
      expect(promtoolAccepts(selector, i)).toBe(true);
    },
  );
});
