import {
  fitResourceModel,
  forecastPeak,
  parseDuration,
  recommendCapacity,
  type CapacityRecommendation,
  type CapacityUnit,
} from '@headroom/core';
import { PrometheusClient, promqlString, type RangeSeries } from '@headroom/prometheus';
import Table from 'cli-table3';
import { EXIT_OK, InputError } from '../errors';
import { colours, type Colours, type Console } from '../io/console';
import { parseTimeOption } from '../io/time';
import { COMPACT } from '../output/table';

export interface CapacityOptions {
  prometheus: string;
  entity: string;
  history: string;
  step: string;
  horizon: string;
  targetUtilisation: string;
  nFold: string;
  driver?: string;
  cpu?: string;
  memory?: string;
  at?: string;
  format: 'json' | 'table';
}

/**
 * The PromQL behind an assessment. Defaults follow the conventions of cAdvisor and
 * kube-state-metrics with a `service` label; every query can be replaced by a flag.
 */
export function capacityQueries(
  service: string,
  opts: Pick<CapacityOptions, 'driver' | 'cpu' | 'memory'>,
) {
  const s = `service=${promqlString(service)}`;
  return {
    driver: opts.driver ?? `sum(rate(http_requests_total{${s}}[5m]))`,
    cpu: opts.cpu ?? `sum(rate(container_cpu_usage_seconds_total{${s}}[5m]))`,
    memory: opts.memory ?? `sum(container_memory_working_set_bytes{${s}}) / 2^30`,
    cpuRequests: `sum(kube_pod_container_resource_requests{${s},resource="cpu"})`,
    memoryRequests: `sum(kube_pod_container_resource_requests{${s},resource="memory"}) / 2^30`,
    replicas: `sum(kube_deployment_spec_replicas{${s}})`,
  };
}

/**
 * `headroom capacity`: fits CPU and memory against the business driver over the history, forecasts
 * the driver's peak over the horizon and says what capacity that peak needs, next to what is
 * requested now and to an N-fold reservation — all with core's capacity model.
 */
export async function capacityCommand(opts: CapacityOptions, io: Console): Promise<number> {
  const service = serviceOf(opts.entity);
  const history = durationOption(opts.history, '--history');
  const step = durationOption(opts.step, '--step');
  const horizon = durationOption(opts.horizon, '--horizon');
  const target = numberOption(opts.targetUtilisation, '--target-utilisation', 0, 1);
  const nFold = numberOption(opts.nFold, '--n-fold', 1, 100);
  const end =
    opts.at === undefined
      ? Math.floor(Date.now() / 1000 / step) * step
      : parseTimeOption(opts.at, '--at');
  const start = end - history;
  const q = capacityQueries(service, opts);
  const client = new PrometheusClient({ url: opts.prometheus });

  const range = async (expr: string) =>
    onGrid(await client.queryRange(expr, start, end, step), start, end, step);
  const instant = async (expr: string) => {
    const v = await range(expr);
    for (let i = v.length - 1; i >= 0; i--) if (Number.isFinite(v[i]!)) return v[i]!;
    return undefined;
  };
  const [driver, cpu, memory] = [await range(q.driver), await range(q.cpu), await range(q.memory)];
  if (!driver.some(Number.isFinite)) {
    throw new InputError(
      `${opts.entity}: the driver query returned no data over the last ${opts.history}: ${q.driver}`,
    );
  }
  const timestamps = grid(start, end, step);
  const forecast = forecastPeak(timestamps, driver, { horizonSeconds: horizon });
  const replicas = await instant(q.replicas);
  const assess = async (unit: CapacityUnit, usage: Float64Array, requestsExpr: string) => {
    const totalRequests = await instant(requestsExpr);
    return recommendCapacity({
      fit: fitResourceModel(driver, usage),
      forecast,
      unit,
      targetUtilisation: target,
      nFold,
      ...(totalRequests !== undefined && replicas
        ? { current: { requests: totalRequests / replicas, replicas } }
        : {}),
    });
  };
  const result = {
    entity: opts.entity,
    at: end,
    history: opts.history,
    horizon: opts.horizon,
    queries: q,
    driverPeak: {
      expected: forecast.peak,
      upper: forecast.upper,
      at: forecast.peakAt,
      quality: forecast.quality,
    },
    cpu: await assess('cores', cpu, q.cpuRequests),
    memory: await assess('GiB', memory, q.memoryRequests),
  };
  if (opts.format === 'json') {
    io.out(JSON.stringify(result, null, 2));
  } else {
    const pc = colours(io);
    io.out(
      renderCapacity(pc, result.entity, result.driverPeak.expected, [result.cpu, result.memory]),
    );
    for (const r of [result.cpu, result.memory]) {
      io.out(
        `\n${pc.bold(r.unit === 'cores' ? 'CPU' : 'Memory')}:\n${r.explanation.map(l => `  - ${l}`).join('\n')}`,
      );
    }
  }
  return EXIT_OK;
}

function renderCapacity(
  pc: Colours,
  entity: string,
  peak: number,
  recs: CapacityRecommendation[],
): string {
  const table = new Table({
    head: ['Resource', 'Needed at peak', 'Requested now', 'Verdict', `N-fold`, 'Fit'].map(h =>
      pc.bold(h),
    ),
    style: { head: [], border: [] },
    chars: COMPACT,
  });
  for (const r of recs) {
    const fmt = (v: number) => `${v.toFixed(2)} ${r.unit}`;
    table.push([
      r.unit === 'cores' ? 'CPU' : 'Memory',
      fmt(r.needed),
      r.current ? fmt(r.current.provisioned) : '–',
      r.current ? verdictText(pc, r.current.verdict, r.current.relative) : '–',
      r.nFold
        ? `${fmt(r.nFold.provisioned)} (${verdictText(pc, r.nFold.verdict, r.nFold.relative)})`
        : '–',
      r.quality,
    ]);
  }
  return `${pc.bold(entity)}: driver peak forecast ${peak.toFixed(1)}/s\n${table.toString()}`;
}

function verdictText(pc: Colours, verdict: string, relative: number): string {
  const text = `${verdict} (${relative >= 0 ? '+' : ''}${(relative * 100).toFixed(0)}%)`;
  return verdict === 'under-provisioned'
    ? pc.red(text)
    : verdict === 'over-provisioned'
      ? pc.yellow(text)
      : pc.green(text);
}

function serviceOf(ref: string): string {
  const m = /^(?:[a-z0-9-]+:)?(?:[a-z0-9-]+\/)?([a-z0-9][a-z0-9._-]*)$/i.exec(ref.trim());
  if (!m)
    throw new InputError(
      `--entity: "${ref}" is not an entity reference like component:default/market-data`,
    );
  return m[1]!;
}

function grid(start: number, end: number, step: number): Float64Array {
  const n = Math.floor((end - start) / step) + 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  return out;
}

/** The first series' values on the query grid; NaN where Prometheus returned no point. */
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

function durationOption(text: string, flag: string): number {
  const s = parseDuration(text);
  if (s === undefined || !(s > 0))
    throw new InputError(`${flag}: "${text}" is not a duration like 5m, 1h or 14d`);
  return s;
}

function numberOption(text: string, flag: string, min: number, max: number): number {
  const v = Number(text);
  if (!Number.isFinite(v) || v <= min || v > max) {
    throw new InputError(`${flag}: "${text}" must be a number in (${min}, ${max}]`);
  }
  return v;
}
