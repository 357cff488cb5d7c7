import { counterSelectorProblem, expressionProblem } from './promqlSelector';
import { formatIssue, sloFromObject } from './index';

/** The OpenSLO document the backend builds from an API body (counter selectors). */
function apiSlo(good: string, total = 'http_requests_total{job="api"}') {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'availability' },
    spec: {
      service: 'checkout',
      indicator: {
        metadata: { name: 'availability-sli' },
        spec: {
          ratioMetric: {
            counter: true,
            good: { metricSource: { type: 'prometheus', spec: { query: good } } },
            total: { metricSource: { type: 'prometheus', spec: { query: total } } },
          },
        },
      },
      timeWindow: [{ duration: '30d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ target: 0.999 }],
    },
  };
}

const GOOD_PATH = 'spec.indicator.spec.ratioMetric.good.metricSource.spec.query';

describe('SLO selectors are checked with the PromQL grammar', () => {
  it.each([
    ['not a selector at all !!!', /not valid PromQL: unexpected "a selector at all !!!"/],
    ['sum(rate(x{', /ends too early/],
    ['http_requests_total{code="200"} offset 1h', /must not use offset or @/],
    ['http_requests_total @ 1700000000', /must not use offset or @/],
    ['http_requests_total{code="2\n00"}', /line break inside a quoted string/],
    ['{}', /must select something/],
    ['{code=""}', /must select something/],
    ['{code=~".*"}', /must select something/],
    ['http_requests_total{code="200}', /string is not closed/],
    ['http_requests_total{code="\\q"}', /unknown escape sequence \\q/],
    ['rate(http_requests_total[5m])', /must be a counter selector .*not a function call/],
  ])('refuses %j naming the field', (query, message) => {
    const result = sloFromObject(apiSlo(query), 'POST /slos');
    expect(result.slos).toEqual([]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ path: GOOD_PATH, file: 'POST /slos' });
    expect(result.issues[0]!.message).toMatch(message);
    expect(formatIssue(result.issues[0]!)).toContain(`POST /slos (document 1) ${GOOD_PATH}: `);
  });

  it.each([
    'http_requests_total{code!~"5.."}',
    '{__name__="http_requests_total", code="200"}',
    '{code="200"}',
    '{code!=""}',
    'http_requests_total{path="a\\"b\\n"}',
    "http_requests_total{code='200'}",
    'http_requests_total{code=`a\nb`}',
    'http_requests_total{code=~"(?i)ok"}',
    'http_requests_total{"service.name"="checkout"}',
  ])('accepts the selector %j', query => {
    const result = sloFromObject(apiSlo(query), 'POST /slos');
    expect(result.issues).toEqual([]);
    expect(result.slos).toHaveLength(1);
  });

  it('checks windowed expressions (Sloth) as whole expressions, at their field', () => {
    const sloth = (errorQuery: string) => ({
      version: 'prometheus/v1',
      service: 'checkout',
      slos: [
        {
          name: 'requests',
          objective: 99.9,
          sli: {
            events: {
              error_query: errorQuery,
              total_query: 'sum(rate(http_requests_total[{{.window}}]))',
            },
          },
          alerting: { page_alert: { disable: true }, ticket_alert: { disable: true } },
        },
      ],
    });
    expect(
      sloFromObject(sloth('sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))'), 's.yaml')
        .issues,
    ).toEqual([]);
    const bad = sloFromObject(
      sloth('sum(rate(http_requests_total{code=~"5.."}[{{.window}}] offset 1h))'),
      's.yaml',
    );
    expect(bad.slos).toEqual([]);
    expect(bad.issues.map(formatIssue)).toEqual([
      's.yaml (document 1) slos[0].sli.events.error_query: must not use offset or @: an SLI reads the window it is evaluated for, not another time',
    ]);
  });

  it('keeps the other SLOs of the same input', () => {
    const result = sloFromObject(
      [apiSlo('{}'), { ...apiSlo('up{job="a"}'), metadata: { name: 'b' } }],
      'f',
    );
    expect(result.slos.map(s => s.name)).toEqual(['b']);
    expect(result.issues.map(i => i.docIndex)).toEqual([0]);
  });

  it('reports problems in the words of Prometheus rules', () => {
    expect(counterSelectorProblem('')).toMatch(/is empty/);
    expect(counterSelectorProblem('x[5m]')).toMatch(/not a range selector/);
    expect(counterSelectorProblem('x + y')).toMatch(/not an expression with operators/);
    expect(expressionProblem('sum(rate(x[{{ .window }}])) / sum(rate(y[{{.window}}]))')).toBe(
      undefined,
    );
    expect(expressionProblem('sum(rate(x[{{.window}}])')).toMatch(/ends too early/);
  });
});
