import {
  fitResourceModel,
  forecastPeak,
  recommendCapacity,
  type CapacityUnit,
  type LatencyHeadroom,
} from '@headroom/core';
import { PrometheusClient } from '@headroom/prometheus';
import { assessmentBody } from '../capacity/assessmentBody';
import { backendUrl, recordAssessment, type RecordedAssessment } from '../capacity/backendRecord';
import { entityParts } from '../capacity/entity';
import { historyReader, type HistoryReader } from '../capacity/history';
import { latencyObjectivesOf, tightestLatency } from '../capacity/latency';
import { durationOption, numberOption } from '../capacity/options';
import { capacityQueries } from '../capacity/queries';
import { renderCapacityReport } from '../capacity/view';
import { EXIT_OK, InputError } from '../errors';
import { colours, type Console } from '../io/console';
import { loadValidSloFiles } from '../io/sloFiles';
import { parseTimeOption } from '../io/time';

export { assessmentBody } from '../capacity/assessmentBody';
export type { RecordedAssessment } from '../capacity/backendRecord';
export { entityParts } from '../capacity/entity';
export { latencyObjectivesOf, type LatencyObjective } from '../capacity/latency';
export { capacityQueries } from '../capacity/queries';
export { serviceTimeAtLowLoad } from '@headroom/core';

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
  const q = capacityQueries(service, opts);
  const read = historyReader(
    new PrometheusClient({ url: opts.prometheus }),
    end - history,
    end,
    step,
  );

  const [driver, cpu, memory] = [
    await read.range(q.driver),
    await read.range(q.cpu),
    await read.range(q.memory),
  ];
  if (!driver.some(Number.isFinite)) {
    throw new InputError(
      `${opts.entity}: the driver query returned no data over the last ${opts.history}: ${q.driver}`,
    );
  }
  const forecast = forecastPeak(read.timestamps, driver, { horizonSeconds: horizon });
  const replicas = await read.latest(q.replicas);
  const latency = await tightestLatency(
    objectives,
    read,
    driver,
    step,
    o =>
      `${opts.entity}: SLO ${o.slo} of ${opts.slo}: no requests over the last ${opts.history}: ${o.totalQuery}`,
  );

  const assess = async (
    unit: CapacityUnit,
    usage: Float64Array,
    requestsExpr: string,
    cap?: LatencyHeadroom,
  ) =>
    assessResource(read, {
      driver,
      usage,
      unit,
      requestsExpr,
      replicas,
      forecast,
      target,
      nFold,
      cap,
    });
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
    const report = renderCapacityReport(
      colours(io),
      result.entity,
      result.driverPeak.expected,
      [result.cpu, result.memory],
      recorded,
    );
    for (const text of report) io.out(text);
  }
  return EXIT_OK;
}

/**
 * One resource's fit and recommendation (core's capacity model), with what runs today when
 * Prometheus knows the requests and the replicas.
 */
async function assessResource(
  read: HistoryReader,
  a: {
    driver: Float64Array;
    usage: Float64Array;
    unit: CapacityUnit;
    requestsExpr: string;
    replicas: number | undefined;
    forecast: ReturnType<typeof forecastPeak>;
    target: number;
    nFold: number;
    cap: LatencyHeadroom | undefined;
  },
) {
  const totalRequests = await read.latest(a.requestsExpr);
  const current =
    totalRequests !== undefined && a.replicas
      ? { requests: totalRequests / a.replicas, replicas: a.replicas }
      : undefined;
  const fit = fitResourceModel(a.driver, a.usage);
  const recommendation = recommendCapacity({
    fit,
    forecast: a.forecast,
    unit: a.unit,
    targetUtilisation: a.target,
    nFold: a.nFold,
    ...(current ? { current } : {}),
    ...(a.cap
      ? {
          latency: {
            serviceTimeSeconds: a.cap.serviceTimeSeconds,
            objectiveSeconds: a.cap.objectiveSeconds,
            ...(a.cap.percentile === undefined ? {} : { percentile: a.cap.percentile }),
          },
        }
      : {}),
  });
  return { recommendation, fit, requestPerReplica: current?.requests, current };
}
