import { PrometheusClient, type RangeSeries } from '../client';
import { counterSelectorOf, fetchCounterSamples, sumCounters } from '../samples';
import { counterSlo, slothBaseSlos } from './fixtures';

const series = (ts: number[], vs: number[]): RangeSeries => ({
  metric: {},
  timestamps: Float64Array.from(ts),
  values: Float64Array.from(vs),
});

describe('sumCounters', () => {
  it('undoes each series’ own reset before adding, so the sum never drops', () => {
    const grid = Float64Array.from([0, 60, 120, 180]);
    // a: 1000, 1010, 1020, 1030 ; b: 5, 7, 1 (reset: +1), 4 (+3)
    const out = sumCounters(
      [
        series([0, 60, 120, 180], [1000, 1010, 1020, 1030]),
        series([0, 60, 120, 180], [5, 7, 1, 4]),
      ],
      grid,
    );
    expect(Array.from(out)).toEqual([1005, 1017, 1028, 1041]);
  });
  it('keeps a missing step at the last value and leaves steps before any data NaN', () => {
    const grid = Float64Array.from([0, 60, 120, 180]);
    const out = sumCounters([series([60, 180], [10, 30])], grid);
    expect(Array.from(out)).toEqual([NaN, 10, 10, 30]);
  });
});

describe('counterSelectorOf', () => {
  it('reads the selector out of Sloth-style windowed queries', () => {
    const [slo1] = slothBaseSlos();
    const ind = slo1!.indicator;
    if (ind.kind !== 'ratio') throw new Error('fixture');
    expect(counterSelectorOf(ind.bad!, 'f')).toBe(
      'http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}',
    );
    expect(
      counterSelectorOf(
        {
          source: 'prometheus',
          query: 'sum by (job) (increase(x_total[{{.window}}]))',
          windowed: true,
        },
        'f',
      ),
    ).toBe('x_total');
  });
  it('explains what it cannot read', () => {
    expect(() =>
      counterSelectorOf(
        {
          source: 'prometheus',
          query: 'sum(rate(a[{{.window}}])) - sum(rate(b[{{.window}}]))',
          windowed: true,
        },
        'slo.yaml',
      ),
    ).toThrow(/^slo.yaml: cannot read counters from/);
  });
});

describe('fetchCounterSamples', () => {
  it('queries the bad and total selectors on the step grid', async () => {
    const bodies: string[] = [];
    const fetch = (async (_url: string, init: RequestInit) => {
      bodies.push(String(init.body));
      const q = new URLSearchParams(String(init.body)).get('query')!;
      const values = q.includes('5..')
        ? [
            [60, '1'],
            [120, '3'],
          ]
        : [
            [60, '100'],
            [120, '200'],
          ];
      return new Response(
        JSON.stringify({
          status: 'success',
          data: { resultType: 'matrix', result: [{ metric: {}, values }] },
        }),
      );
    }) as unknown as typeof globalThis.fetch;
    const client = new PrometheusClient({ url: 'http://p:9090', fetch });
    const s = await fetchCounterSamples(client, counterSlo(), 50, 130, 60);
    expect(Array.from(s.timestamps)).toEqual([60, 120]);
    expect(Array.from(s.events)).toEqual([1, 3]);
    expect(Array.from(s.total)).toEqual([100, 200]);
    expect(s.kind).toBe('bad');
    expect(bodies.map(b => new URLSearchParams(b).get('query'))).toEqual([
      'http_requests_total{job="checkout",code=~"5.."}',
      'http_requests_total{job="checkout"}',
    ]);
  });
});
