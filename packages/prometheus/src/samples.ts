import type { CounterSamples, MetricQuery, Slo } from '@headroom/core';
import type { PrometheusClient, RangeSeries, RequestOptions } from './client';
import { assertCounterSelector } from './promql';

/**
 * The counter selector behind a query: the query itself when it is a selector (Pyrra style),
 * or the selector inside Sloth's `sum(rate(<selector>[{{.window}}]))` (also `increase`, and
 * `sum by (...)`/`sum without (...)`, whose grouping does not matter for a sum over everything).
 * Anything else cannot be turned back into counters: the error says so and names the SLO.
 */
export function counterSelectorOf(q: MetricQuery, where: string): string {
  // Valid OpenSLO names other backends (Datadog, `Any` ...); only Prometheus can be read here.
  if (q.source !== 'prometheus' && q.source !== 'sloth') {
    throw new Error(
      `${where}: metric source type "${q.source}" is not Prometheus; Headroom reads Prometheus only`,
    );
  }
  if (!q.windowed) {
    assertCounterSelector(q.query, where);
    return q.query.trim();
  }
  const m =
    /^\s*sum\s*(?:(?:by|without)\s*\([^)]*\)\s*)?\(\s*(?:rate|increase)\s*\(\s*([^[\]]*?)\s*\[\s*\{\{\s*\.window\s*\}\}\s*\]\s*\)\s*\)\s*$/s.exec(
      q.query,
    );
  if (!m || !m[1]) {
    throw new Error(
      `${where}: cannot read counters from "${q.query.trim()}"; only sum(rate(<selector>[{{.window}}])) or a plain selector can be evaluated from raw samples (use the recorded slo:sli_error series for others)`,
    );
  }
  assertCounterSelector(m[1], where);
  return m[1];
}

/**
 * Adds several counters into one without inventing resets: each series' own resets are undone
 * first (a drop means it restarted from zero), so a restart of one pod never makes the sum look
 * like it dropped. A series that has no value at a step keeps its last one; a step where no
 * series has ever had a value is NaN.
 */
export function sumCounters(series: RangeSeries[], grid: Float64Array): Float64Array {
  const out = new Float64Array(grid.length).fill(NaN);
  for (const s of series) {
    let j = 0;
    let last = NaN;
    let acc = NaN;
    for (let i = 0; i < grid.length; i++) {
      const t = grid[i]!;
      while (j < s.timestamps.length && s.timestamps[j]! < t - 1e-6) j++;
      if (j < s.timestamps.length && Math.abs(s.timestamps[j]! - t) <= 1e-6) {
        const v = s.values[j]!;
        if (v >= 0 && v !== Infinity) {
          acc = Number.isNaN(last) ? v : acc + (v >= last ? v - last : v);
          last = v;
        }
      }
      if (!Number.isNaN(acc)) out[i] = (Number.isNaN(out[i]!) ? 0 : out[i]!) + acc;
    }
  }
  return out;
}

/** The counters behind a ratio SLO: the events (good or bad) and total selectors. */
export interface CounterSelectors {
  events: string;
  total: string;
  kind: 'good' | 'bad';
  /** The SLO named with its file, for errors. */
  where: string;
}

/** The selectors `fetchCounterSamples` reads for an SLO; the error names the SLO and field. */
export function counterSelectors(slo: Slo): CounterSelectors {
  const where = `${slo.source.file}#${slo.source.docIndex} SLO "${slo.name}" of service "${slo.service}"`;
  const ind = slo.indicator;
  if (ind.kind !== 'ratio') {
    throw new Error(
      `${where}: only ratio indicators (good or bad over total counters) can be read as counters`,
    );
  }
  const eventsQuery = ind.bad ?? ind.good;
  if (!eventsQuery) throw new Error(`${where}: a ratio indicator needs a good or a bad query`);
  const kind = ind.bad ? 'bad' : 'good';
  return {
    events: counterSelectorOf(eventsQuery, `${where}: indicator.${kind}`),
    total: counterSelectorOf(ind.total, `${where}: indicator.total`),
    kind,
    where,
  };
}

/** The sample instants from `start` to `end`: every multiple of `stepSeconds` in between. */
export function sampleGrid(start: number, end: number, stepSeconds: number): Float64Array {
  const first = Math.ceil(start / stepSeconds) * stepSeconds;
  const n = Math.max(0, Math.floor((end - first) / stepSeconds) + 1);
  const grid = new Float64Array(n);
  for (let i = 0; i < n; i++) grid[i] = first + i * stepSeconds;
  return grid;
}

/** Prometheus caps a range query at 11 000 points: longer grids are read in parts. */
const MAX_POINTS = 10_000;

/** Every series of `selector` at the instants of `grid` (one `stepSeconds` apart). */
export async function fetchSeriesOnGrid(
  client: PrometheusClient,
  selector: string,
  grid: Float64Array,
  stepSeconds: number,
  opts: RequestOptions = {},
): Promise<RangeSeries[]> {
  const n = grid.length;
  const byKey = new Map<string, RangeSeries[]>();
  for (let i = 0; i < n; i += MAX_POINTS) {
    const a = grid[i]!;
    const b = grid[Math.min(n - 1, i + MAX_POINTS - 1)]!;
    for (const s of await client.queryRange(selector, a, b, stepSeconds, opts)) {
      const k = JSON.stringify(s.metric);
      const parts = byKey.get(k);
      if (parts) parts.push(s);
      else byKey.set(k, [s]);
    }
  }
  return [...byKey.values()].map(parts =>
    parts.length === 1 ? parts[0]! : { metric: parts[0]!.metric, ...joinParts(parts) },
  );
}

function joinParts(parts: RangeSeries[]): { timestamps: Float64Array; values: Float64Array } {
  let length = 0;
  for (const p of parts) length += p.timestamps.length;
  const timestamps = new Float64Array(length);
  const values = new Float64Array(length);
  let at = 0;
  for (const p of parts) {
    timestamps.set(p.timestamps, at);
    values.set(p.values, at);
    at += p.timestamps.length;
  }
  return { timestamps, values };
}

/**
 * Raw counter samples for an SLO whose indicator is a ratio of counters, on a `stepSeconds` grid
 * from `start` to `end` (unix seconds), ready for `prepareSeries`. Values are Prometheus'
 * instant values at each step (its usual look-back), summed over series with `sumCounters`.
 */
export async function fetchCounterSamples(
  client: PrometheusClient,
  slo: Slo,
  start: number,
  end: number,
  stepSeconds: number,
  opts: RequestOptions = {},
): Promise<CounterSamples> {
  const selectors = counterSelectors(slo);
  const { kind, where } = selectors;
  if (!(stepSeconds > 0) || !(end >= start)) {
    throw new Error(`${where}: invalid range ${start}..${end} step ${stepSeconds}`);
  }
  const grid = sampleGrid(start, end, stepSeconds);
  if (grid.length === 0)
    return { timestamps: grid, events: new Float64Array(0), total: new Float64Array(0), kind };
  const [events, total] = await Promise.all([
    fetchSeriesOnGrid(client, selectors.events, grid, stepSeconds, opts),
    fetchSeriesOnGrid(client, selectors.total, grid, stepSeconds, opts),
  ]);
  return {
    timestamps: grid,
    events: sumCounters(events, grid),
    total: sumCounters(total, grid),
    kind,
  };
}
