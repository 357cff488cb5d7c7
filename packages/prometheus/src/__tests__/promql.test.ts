import {
  assertCounterSelector,
  goTemplateLiteral,
  promDuration,
  promqlString,
  selector,
  substituteWindow,
} from '../promql';

describe('promqlString', () => {
  it('escapes quotes, backslashes and control characters', () => {
    expect(promqlString('a"}or vector(1)#')).toBe('"a\\"}or vector(1)#"');
    expect(promqlString('back\\slash')).toBe('"back\\\\slash"');
    expect(promqlString('line\nbreak\ttab\u0001')).toBe('"line\\nbreak\\ttab\\x01"');
    expect(promqlString('ünïcödé')).toBe('"ünïcödé"');
  });
});

describe('selector', () => {
  it('refuses label names that are not Prometheus label names', () => {
    expect(() => selector('m', [['bad-name', 'x']])).toThrow(
      '"bad-name" is not a valid Prometheus label name',
    );
    expect(() => selector('m', [['__name__', 'x']])).toThrow(/not a valid Prometheus label name/);
  });
  it('quotes values', () => {
    expect(
      selector('slo:x', [
        ['a', '1'],
        ['b', '"'],
      ]),
    ).toBe('slo:x{a="1", b="\\""}');
  });
});

describe('promDuration', () => {
  it.each([
    [300, '5m'],
    [3600, '1h'],
    [86400, '1d'],
    [3 * 86400, '3d'],
    [7 * 86400, '1w'],
    [28 * 86400, '4w'],
    [30 * 86400, '30d'],
    [70, '70s'],
    [5400, '90m'],
    [0.5, '500ms'],
  ])('%d s is %s', (s, d) => expect(promDuration(s)).toBe(d));
  it('rejects zero', () => expect(() => promDuration(0)).toThrow('invalid duration: 0 seconds'));
});

describe('assertCounterSelector', () => {
  it.each([
    'http_requests_total',
    'http_requests_total{code=~"5..",job="a"}',
    '{__name__="x", a!="}"}',
    "m{a='b'}",
  ])('accepts %s', s => expect(() => assertCounterSelector(s, 'f')).not.toThrow());
  it.each([
    'sum(rate(x[5m]))',
    'x{a="b"} or vector(1)',
    'x{a="b"}[5m]',
    'x{a=b}',
    'x{a="b"',
    'x{a="b"} + 1',
  ])('rejects %s', s =>
    expect(() => assertCounterSelector(s, 'slo.yaml: indicator.total')).toThrow(
      /^slo.yaml: indicator.total: /,
    ),
  );
});

describe('substituteWindow', () => {
  it('replaces every {{.window}}, with or without spaces', () => {
    expect(substituteWindow('rate(a[{{.window}}]) / rate(b[{{ .window }}])', '1h')).toBe(
      'rate(a[1h]) / rate(b[1h])',
    );
  });
});

describe('goTemplateLiteral', () => {
  it('leaves plain text alone and quotes text with template delimiters', () => {
    expect(goTemplateLiteral('https://x/y?a=1')).toBe('https://x/y?a=1');
    expect(goTemplateLiteral('https://x/{{ .Foo }}')).toBe('{{ "https://x/{{ .Foo }}" }}');
  });
});
