import {
  fitResourceModel,
  forecastPeak,
  latencyUtilisationCap,
  parseDuration,
  recommendCapacity,
  type CapacityRecommendation,
  type CapacityUnit,
  type FitQuality,
  type LatencyHeadroom,
  type PeakForecast,
  type Slo,
} from '@headroom/core';
import { PrometheusClient, promqlString, type RangeSeries } from '@headroom/prometheus';
import Table from 'cli-table3';
import { EXIT_OK, InputError } from '../errors';
import { colours, type Colours, type Console } from '../io/console';
import { loadValidSloFiles } from '../io/sloFiles';
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
  /** SLO file of the entity: its latency SLO caps the CPU utilisation. */
  slo?: string;
  /** Backstage backend base URL to record the CPU and memory assessments in. */
  record?: string;
  token?: string;
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
  const entity = entityParts(opts.entity);
  const service = entity.name;
  const history = durationOption(opts.history, '--history');
  const step = durationOption(opts.step, '--step');
  const horizon = durationOption(opts.horizon, '--horizon');
  const target = numberOption(opts.targetUtilisation, '--target-utilisation', 0, 1);
  const nFold = numberOption(opts.nFold, '--n-fold', 1, 100);
  const backend = opts.record === undefined ? undefined : backendUrl(opts.record);
  const objectives =
    opts.slo === undefined
      ? []
      : latencyObjectivesOf(loadValidSloFiles([opts.slo]), service, opts.slo);
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

  // With several latency SLOs, the one that allows the least utilisation.
  let latency: (LatencyHeadroom & { slo: string; lowLoadMissRatio: number }) | undefined;
  for (const objective of objectives) {
    const serviceTime = serviceTimeAtLowLoad(
      driver,
      await range(objective.goodQuery),
      await range(objective.totalQuery),
      objective.objectiveSeconds,
      step,
    );
    if (serviceTime === undefined) {
      throw new InputError(
        `${opts.entity}: SLO ${objective.slo} of ${opts.slo}: no requests over the last ${opts.history}: ${objective.totalQuery}`,
      );
    }
    const candidate = {
      slo: objective.slo,
      serviceTimeSeconds: serviceTime.serviceTimeSeconds,
      lowLoadMissRatio: serviceTime.missRatio,
      objectiveSeconds: objective.objectiveSeconds,
      percentile: objective.percentile,
    };
    const cap = (l: LatencyHeadroom) =>
      latencyUtilisationCap(l.serviceTimeSeconds, l.objectiveSeconds, l.percentile);
    if (!latency || cap(candidate) < cap(latency)) latency = candidate;
  }

  const assess = async (
    unit: CapacityUnit,
    usage: Float64Array,
    requestsExpr: string,
    cap?: LatencyHeadroom,
  ) => {
    const totalRequests = await instant(requestsExpr);
    const current =
      totalRequests !== undefined && replicas
        ? { requests: totalRequests / replicas, replicas }
        : undefined;
    const fit = fitResourceModel(driver, usage);
    const recommendation = recommendCapacity({
      fit,
      forecast,
      unit,
      targetUtilisation: target,
      nFold,
      ...(current ? { current } : {}),
      ...(cap
        ? {
            latency: {
              serviceTimeSeconds: cap.serviceTimeSeconds,
              objectiveSeconds: cap.objectiveSeconds,
              ...(cap.percentile === undefined ? {} : { percentile: cap.percentile }),
            },
          }
        : {}),
    });
    return { recommendation, fit, requestPerReplica: current?.requests, current };
  };
  // Queueing is what makes latency grow with load, and it is CPU that requests queue for:
  // memory is planned at the target utilisation alone.
  const cpuAssessment = await assess('cores', cpu, q.cpuRequests, latency);
  const memoryAssessment = await assess('GiB', memory, q.memoryRequests);
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
    latency: latency ?? null,
    cpu: cpuAssessment.recommendation,
    memory: memoryAssessment.recommendation,
  };

  let recorded: RecordedAssessment[] = [];
  if (backend) {
    const common = {
      driver: opts.driver === undefined ? 'requests per second' : opts.driver.slice(0, 100),
      forecast,
      horizonSeconds: horizon,
      targetUtilisation: target,
    };
    const note =
      `Fitted by headroom capacity from ${opts.history} of Prometheus history at ${opts.step} steps ` +
      `ending ${new Date(end * 1000).toISOString()}; driver forecast ${forecast.quality}`;
    // Memory first: the newest assessment is the one the entity's capacity card shows, and CPU
    // is the one the latency objective constrains.
    const bodies = [
      assessmentBody({
        ...common,
        ...memoryAssessment,
        note: `${note}, memory fit ${memoryAssessment.fit.quality}`,
      }),
      assessmentBody({
        ...common,
        ...cpuAssessment,
        ...(latency ? { latency } : {}),
        note: `${note}, CPU fit ${cpuAssessment.fit.quality}`,
      }),
    ];
    recorded = [];
    for (const body of bodies) {
      recorded.push(await recordAssessment(backend, entity, body, opts.token));
    }
  }

  if (opts.format === 'json') {
    io.out(JSON.stringify(backend ? { ...result, recorded } : result, null, 2));
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
    for (const r of recorded) {
      io.out(
        `\nRecorded ${r.unit === 'cores' ? 'CPU' : 'memory'} assessment version ${r.version} of ${r.entityRef}: ` +
          `${fmt(r.needed)} ${r.unit} needed at utilisation ${fmt(r.utilisation)}` +
          (r.latencyUtilisationCap === null
            ? ''
            : ` (the latency objective caps it at ${fmt(r.latencyUtilisationCap)})`),
      );
    }
  }
  return EXIT_OK;
}

/** An entity reference's parts, with Backstage's defaults (kind component, namespace default). */
export function entityParts(ref: string): { kind: string; namespace: string; name: string } {
  const m = /^(?:([a-z0-9-]+):)?(?:([a-z0-9-]+)\/)?([a-z0-9][a-z0-9._-]*)$/i.exec(ref.trim());
  if (!m)
    throw new InputError(
      `--entity: "${ref}" is not an entity reference like component:default/market-data`,
    );
  return {
    kind: (m[1] ?? 'component').toLowerCase(),
    namespace: (m[2] ?? 'default').toLowerCase(),
    name: m[3]!,
  };
}

/** What a latency SLO asks: the threshold, the share of requests that must meet it. */
export interface LatencyObjective {
  slo: string;
  objectiveSeconds: number;
  percentile: number;
  /** Requests per second within the threshold, and all requests per second, over 5 minutes. */
  goodQuery: string;
  totalQuery: string;
}

/**
 * The service's latency SLOs in a file: ratios of requests whose good events are a histogram
 * bucket (`…_bucket{…,le="0.25"}`), so that "99 % within 250 ms" reads as a p99 objective of
 * 0.25 s.
 */
export function latencyObjectivesOf(
  slos: Slo[],
  service: string,
  file: string,
): LatencyObjective[] {
  const found: LatencyObjective[] = [];
  for (const slo of slos) {
    if (slo.service !== service || slo.indicator.kind !== 'ratio' || !slo.indicator.good) continue;
    const { good, total } = slo.indicator;
    const le = /_bucket\s*\{[^}]*\ble\s*=\s*"([^"]+)"/.exec(good.query);
    if (!le) continue;
    const objectiveSeconds = Number(le[1]);
    if (!(objectiveSeconds > 0) || !Number.isFinite(objectiveSeconds)) {
      throw new InputError(
        `${file}: SLO ${slo.name}: the bucket bound le="${le[1]}" is not a positive number of seconds`,
      );
    }
    const perSecond = (m: { query: string; windowed: boolean }) =>
      m.windowed ? m.query.replaceAll('{{.window}}', '5m') : `sum(rate(${m.query}[5m]))`;
    found.push({
      slo: slo.name,
      objectiveSeconds,
      percentile: slo.objective.target,
      goodQuery: perSecond(good),
      totalQuery: perSecond(total),
    });
  }
  return found;
}

/**
 * The service time an M/M/1 queue needs to miss the threshold L as often as the service does when
 * it is quiet (the quietest tenth of the samples by driver, pooled). M/M/1 response times are
 * exponential with mean S / (1 - ρ), so P(T > L) = exp(-(1 - ρ) L / S); taking ρ ≈ 0 when quiet
 * gives S = L / ln(1 / miss). Calibrating on the SLO's own threshold, rather than on the mean
 * latency, keeps the exponential tail from being applied to a service whose tail is lighter; ρ ≈ 0
 * overstates S a little, which only lowers the cap. When no quiet request missed, the miss ratio
 * is taken as one in the number of quiet requests, an upper bound.
 */
export function serviceTimeAtLowLoad(
  driver: Float64Array,
  goodPerSecond: Float64Array,
  totalPerSecond: Float64Array,
  objectiveSeconds: number,
  stepSeconds: number,
): { serviceTimeSeconds: number; missRatio: number } | undefined {
  const samples: number[] = [];
  for (let i = 0; i < driver.length; i++) {
    const [d, g, t] = [driver[i]!, goodPerSecond[i], totalPerSecond[i]];
    if (Number.isFinite(d) && Number.isFinite(g) && Number.isFinite(t) && t! > 0) samples.push(i);
  }
  if (samples.length === 0) return undefined;
  samples.sort((a, b) => driver[a]! - driver[b]!);
  let good = 0;
  let total = 0;
  for (const i of samples.slice(0, Math.max(1, Math.ceil(samples.length / 10)))) {
    good += Math.min(goodPerSecond[i]!, totalPerSecond[i]!);
    total += totalPerSecond[i]!;
  }
  const requests = total * stepSeconds;
  const missRatio = Math.max(1 - good / total, 1 / Math.max(requests, 2));
  return { serviceTimeSeconds: objectiveSeconds / Math.log(1 / missRatio), missRatio };
}

const SECONDS_PER_MONTH = 30 * 86400;

/**
 * The backend's inputs for one resource, so that its declared-line arithmetic gives the same
 * answer as the fit: the usage margin becomes `noise` (the backend uses it as the residual
 * quantile), the forecast band `peakUncertainty`, and the trend a monthly growth from which the
 * peak today is the forecast peak discounted over the horizon. The horizon is stored in whole
 * months (at least one), the backend's grain.
 */
export function assessmentBody(a: {
  driver: string;
  forecast: PeakForecast;
  horizonSeconds: number;
  targetUtilisation: number;
  recommendation: CapacityRecommendation;
  fit: { baseline: number; perUnit: number; quality: FitQuality };
  requestPerReplica?: number | undefined;
  /** What runs today, per replica: lets the backend give the verdict. */
  current?: { replicas: number; requests: number } | undefined;
  latency?: LatencyHeadroom;
  note: string;
}) {
  const { forecast, recommendation: r } = a;
  const { levelAtEnd, slopePerDay } = forecast.trend;
  const growth =
    levelAtEnd > 0 && Number.isFinite(slopePerDay)
      ? Math.min(10, Math.max(-0.9, (slopePerDay * 30) / levelAtEnd))
      : 0;
  const horizonMonths = Math.min(60, Math.max(1, Math.round(a.horizonSeconds / SECONDS_PER_MONTH)));
  const expectedPeak = forecast.peak / Math.pow(1 + growth, horizonMonths);
  if (!(expectedPeak > 0)) {
    throw new InputError(
      `the driver's forecast peak is ${forecast.peak}: an assessment needs a positive peak`,
    );
  }
  const inputs: Record<string, unknown> = {
    driver: a.driver,
    expectedPeak,
    growthPerMonth: growth,
    horizonMonths,
    peakUncertainty: Math.min(10, Math.max(0, forecast.upper / forecast.peak - 1)),
    usage: {
      unit: r.unit,
      // A fitted line can cross zero below the observed load; the backend takes no negative
      // coefficients, and zero only adds capacity.
      baseline: Math.max(0, a.fit.baseline),
      perUnit: Math.max(0, a.fit.perUnit),
      noise: r.components.usageMargin,
    },
    targetUtilisation: a.targetUtilisation,
  };
  if (a.latency) {
    inputs.latency = {
      serviceTimeSeconds: a.latency.serviceTimeSeconds,
      objectiveSeconds: a.latency.objectiveSeconds,
      ...(a.latency.percentile === undefined ? {} : { percentile: a.latency.percentile }),
    };
  }
  if (a.requestPerReplica !== undefined && a.requestPerReplica > 0) {
    inputs.requestPerReplica = a.requestPerReplica;
  }
  if (a.current) inputs.current = { replicas: a.current.replicas, requests: a.current.requests };
  // Fitted from measured history, not declared: the backend keeps these qualities.
  inputs.measured = { fitQuality: a.fit.quality, forecastQuality: forecast.quality };
  return { inputs, note: a.note };
}

export interface RecordedAssessment {
  entityRef: string;
  version: number;
  unit: CapacityUnit;
  needed: number;
  utilisation: number;
  latencyUtilisationCap: number | null;
}

function backendUrl(text: string): string {
  let base: URL;
  try {
    base = new URL(text);
  } catch {
    throw new InputError(`--record "${text}" is not a URL such as http://localhost:7007`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new InputError(`--record "${text}" must be an http or https URL`);
  }
  return base.href.replace(/\/+$/, '');
}

/** POSTs one assessment; an error names the URL and the HTTP status with the backend's message. */
async function recordAssessment(
  backend: string,
  entity: { kind: string; namespace: string; name: string },
  body: unknown,
  tokenOption: string | undefined,
): Promise<RecordedAssessment> {
  const path = [entity.kind, entity.namespace, entity.name].map(encodeURIComponent).join('/');
  const url = `${backend}/api/headroom/capacity/entities/${path}/assessments`;
  const token = tokenOption ?? process.env.HEADROOM_BACKEND_TOKEN;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch (e) {
    const cause = (e as { cause?: Error }).cause;
    throw new InputError(`POST ${url}: ${cause?.message ?? (e as Error).message}`);
  }
  const text = await res.text();
  let json: {
    error?: { message?: string };
    entityRef?: string;
    version?: number;
    recommendation?: { unit?: CapacityUnit; needed?: number };
    result?: {
      capacity?: { components?: { utilisation?: number; latencyUtilisationCap?: number | null } };
    };
  };
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`POST ${url}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (!res.ok) {
    throw new InputError(
      `POST ${url}: HTTP ${res.status}: ${json.error?.message ?? text.slice(0, 200)}`,
    );
  }
  const components = json.result?.capacity?.components;
  if (
    typeof json.version !== 'number' ||
    typeof json.recommendation?.needed !== 'number' ||
    typeof components?.utilisation !== 'number'
  ) {
    throw new InputError(
      `POST ${url}: HTTP ${res.status}, not an assessment: ${text.slice(0, 200)}`,
    );
  }
  return {
    entityRef: json.entityRef ?? `${entity.kind}:${entity.namespace}/${entity.name}`,
    version: json.version,
    unit: json.recommendation.unit ?? 'cores',
    needed: json.recommendation.needed,
    utilisation: components.utilisation,
    latencyUtilisationCap: components.latencyUtilisationCap ?? null,
  };
}

function fmt(v: number): string {
  return String(Number(v.toPrecision(4)));
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
