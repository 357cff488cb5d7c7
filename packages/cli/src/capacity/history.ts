import type { PrometheusClient, RangeSeries } from '@headroom/prometheus';

/** Reads queries over one history grid: every series aligned on the same timestamps. */
export interface HistoryReader {
  timestamps: Float64Array;
  /** The query's first series on the grid; NaN where Prometheus returned no point. */
  range(expr: string): Promise<Float64Array>;
  /** The query's latest value on the grid, undefined when it has none. */
  latest(expr: string): Promise<number | undefined>;
}

export function historyReader(
  client: PrometheusClient,
  start: number,
  end: number,
  step: number,
): HistoryReader {
  const range = async (expr: string) =>
    onGrid(await client.queryRange(expr, start, end, step), start, end, step);
  return {
    timestamps: grid(start, end, step),
    range,
    latest: async expr => {
      const v = await range(expr);
      for (let i = v.length - 1; i >= 0; i--) if (Number.isFinite(v[i]!)) return v[i]!;
      return undefined;
    },
  };
}

function grid(start: number, end: number, step: number): Float64Array {
  const n = Math.floor((end - start) / step) + 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  return out;
}

function onGrid(series: RangeSeries[], start: number, end: number, step: number): Float64Array {
  const out = new Float64Array(Math.floor((end - start) / step) + 1).fill(Number.NaN);
  const s = series[0];
  if (!s) return out;
  for (let i = 0; i < s.timestamps.length; i++) {
    const k = Math.round((s.timestamps[i]! - start) / step);
    if (k >= 0 && k < out.length) out[k] = s.values[i]!;
  }
  return out;
}
