import { inputToOpenSlo } from './sloDocument';

describe('inputToOpenSlo', () => {
  it('writes a ratio of counters as an OpenSLO v1 SLO of the service, with the optional fields', () => {
    expect(
      inputToOpenSlo(
        {
          name: 'latency',
          displayName: 'Postings under 250 ms',
          description: 'Fast postings',
          objective: 0.99,
          window: '28d',
          indicator: {
            type: 'ratio',
            good: 'http_request_duration_seconds_bucket{le="0.25"}',
            total: 'http_request_duration_seconds_count',
          },
          labels: { tier: 'one' },
        },
        'ledger',
      ),
    ).toEqual({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'latency', displayName: 'Postings under 250 ms', labels: { tier: 'one' } },
      spec: {
        description: 'Fast postings',
        service: 'ledger',
        indicator: {
          metadata: { name: 'latency-sli' },
          spec: {
            ratioMetric: {
              counter: true,
              good: {
                metricSource: {
                  type: 'prometheus',
                  spec: { query: 'http_request_duration_seconds_bucket{le="0.25"}' },
                },
              },
              total: {
                metricSource: {
                  type: 'prometheus',
                  spec: { query: 'http_request_duration_seconds_count' },
                },
              },
            },
          },
        },
        timeWindow: [{ duration: '28d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target: 0.99 }],
      },
    });
  });

  it('leaves out absent optional fields and keeps bad events as bad', () => {
    const doc = inputToOpenSlo(
      {
        name: 'errors',
        objective: 0.999,
        window: '30d',
        indicator: { type: 'ratio', bad: 'x_total{code="500"}', total: 'x_total' },
      },
      'ledger',
    ) as { metadata: object; spec: { indicator: { spec: { ratioMetric: object } } } };
    expect(doc.metadata).toEqual({ name: 'errors' });
    expect(Object.keys(doc.spec)).not.toContain('description');
    expect(Object.keys(doc.spec.indicator.spec.ratioMetric)).toEqual(['counter', 'bad', 'total']);
  });
});
