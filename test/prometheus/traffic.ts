import type { CounterSamples } from '@headroom/core';

/**
 * Synthetic request counters for one service: an `ok` and an `error` counter scraped every
 * `step` seconds. Each step adds `requests(t)` requests of which `errors(t)` fail (integers, so
 * that every ratio is an exact fraction). A reset restarts both counters from zero at that
 * sample (a process restart); a gap drops samples while the counters keep counting.
 */
export interface TrafficSpec {
  start: number;
  end: number;
  step: number;
  requests: (t: number) => number;
  errors: (t: number) => number;
  resets?: number[];
  gaps?: Array<[number, number]>;
  /** Counter values at `start` (a process that has been running for a while); default 0. */
  initial?: { ok: number; err: number };
}

export interface Traffic {
  timestamps: number[];
  ok: number[];
  err: number[];
  /** Every grid time, with the sample index or -1 in a gap (for promtool's `_`). */
  grid: Array<{ t: number; i: number }>;
}

export function simulate(spec: TrafficSpec): Traffic {
  const out: Traffic = { timestamps: [], ok: [], err: [], grid: [] };
  let ok = spec.initial?.ok ?? 0;
  let err = spec.initial?.err ?? 0;
  for (let t = spec.start; t <= spec.end; t += spec.step) {
    const n = t === spec.start ? 0 : spec.requests(t);
    const e = t === spec.start ? 0 : spec.errors(t);
    if (spec.resets?.includes(t)) {
      ok = 0;
      err = 0;
    }
    ok += n - e;
    err += e;
    const inGap = spec.gaps?.some(([a, b]) => t >= a && t < b) ?? false;
    if (inGap) {
      out.grid.push({ t, i: -1 });
      continue;
    }
    out.grid.push({ t, i: out.timestamps.length });
    out.timestamps.push(t);
    out.ok.push(ok);
    out.err.push(err);
  }
  return out;
}

export function coreSamples(tr: Traffic): CounterSamples {
  return {
    timestamps: Float64Array.from(tr.timestamps),
    events: Float64Array.from(tr.err),
    total: Float64Array.from(tr.ok.map((v, i) => v + tr.err[i]!)),
    kind: 'bad',
  };
}

/** promtool `values:` strings for the ok and error series, `_` in gaps. */
export function promtoolValues(tr: Traffic): { ok: string; err: string } {
  const pick = (arr: number[]) => tr.grid.map(g => (g.i < 0 ? '_' : String(arr[g.i]))).join(' ');
  return { ok: pick(tr.ok), err: pick(tr.err) };
}

/**
 * OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`. A `counter` family's
 * samples are named `<metric>_total`; `unknown` keeps the name as given, for series such as
 * `http_request_duration_seconds_count` that Sloth's examples query.
 */
export function openMetrics(
  traffics: Array<{ traffic: Traffic; labels: Record<string, string> }>,
  metric = 'http_requests',
  type: 'counter' | 'unknown' = 'counter',
): string {
  const sample = type === 'counter' ? `${metric}_total` : metric;
  const lines = [`# HELP ${metric} Requests.`, `# TYPE ${metric} ${type}`];
  const fmt = (l: Record<string, string>) =>
    Object.entries(l)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(',');
  for (const { traffic, labels } of traffics) {
    for (const [code, arr] of [
      ['200', traffic.ok],
      ['500', traffic.err],
    ] as const) {
      const l = fmt({ ...labels, code });
      traffic.timestamps.forEach((t, i) => lines.push(`${sample}{${l}} ${arr[i]} ${t}`));
    }
  }
  lines.push('# EOF');
  return lines.join('\n') + '\n';
}
