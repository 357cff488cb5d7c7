/**
 * Engine throughput: 1,000 SLOs x 30 days of 1-minute points (43,200 samples each), each one
 * prepareSeries (into buffers shared across the SLOs) + evaluateSlo + burndown, against a plain Float64Array sum over the same data in
 * the same process. Build and run: see bench/README.md.
 */
import {
  burndown,
  createSeriesBuffers,
  evaluateSlo,
  prepareSeries,
  seededRandom,
  type AlertWindow,
  type CounterSamples,
  type Slo,
} from '@headroom/core';

const SLOS = Number(process.env.BENCH_SLOS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SAMPLES = 30 * 1440;
const STEP = 60;
const DAY = 86400;
/** Distinct sample sets cycled through the SLOs: large enough not to sit in the CPU cache. */
const POOL = 8;

/** Deterministic pseudo-random numbers (mulberry32), so every run evaluates the same data. */
const random = seededRandom;

/** Daily-cycle traffic with noise, a counter restart, scrape gaps (NaN) and one outage. */
function makeSamples(seed: number): CounterSamples {
  const rnd = random(seed);
  const timestamps = new Float64Array(SAMPLES);
  const events = new Float64Array(SAMPLES);
  const total = new Float64Array(SAMPLES);
  const start = 1_700_000_000 - (1_700_000_000 % STEP);
  const restartAt = Math.floor(rnd() * SAMPLES);
  const outageAt = Math.floor(rnd() * SAMPLES);
  let good = 0;
  let all = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const t = start + i * STEP;
    if (i === restartAt) {
      good = 0;
      all = 0;
    }
    const requests = Math.round(
      600 * (1.2 + Math.sin((2 * Math.PI * t) / DAY)) * (0.9 + 0.2 * rnd()),
    );
    const errorShare = i >= outageAt && i < outageAt + 20 ? 0.5 : 0.0005 * rnd();
    all += requests;
    good += requests - Math.round(requests * errorShare);
    const missing = rnd() < 0.001;
    timestamps[i] = t;
    events[i] = missing ? NaN : good;
    total[i] = missing ? NaN : all;
  }
  return { timestamps, events, total, kind: 'good' };
}

function alertWindows(periodSeconds: number): AlertWindow[] {
  const w = (
    severity: 'page' | 'ticket',
    speed: 'quick' | 'slow',
    pct: number,
    long: number,
    short: number,
  ): AlertWindow => ({
    severity,
    speed,
    errorBudgetPercent: pct,
    longWindowSeconds: long,
    shortWindowSeconds: short,
    factor: ((pct / 100) * periodSeconds) / long,
  });
  return [
    w('page', 'quick', 2, 3600, 300),
    w('page', 'slow', 5, 21600, 1800),
    w('ticket', 'quick', 10, DAY, 7200),
    w('ticket', 'slow', 10, 3 * DAY, 21600),
  ];
}

function makeSlo(i: number): Slo {
  const channel = { enabled: true, labels: {}, annotations: {} };
  const seconds = 30 * DAY;
  return {
    name: `slo-${i}`,
    service: `service-${i % 50}`,
    labels: {},
    annotations: {},
    indicator: {
      kind: 'ratio',
      good: { source: 'prometheus', query: 'good', windowed: false },
      total: { source: 'prometheus', query: 'total', windowed: false },
    },
    objective: { target: [0.99, 0.995, 0.999, 0.9995][i % 4]! },
    window: { duration: '30d', seconds, isRolling: true },
    budgetingMethod: 'Occurrences',
    alerting: {
      labels: {},
      annotations: {},
      page: channel,
      ticket: channel,
      windows: alertWindows(seconds),
    },
    source: { file: 'bench', docIndex: 0, format: 'headroom' },
  };
}

const pool = Array.from({ length: POOL }, (_, i) => makeSamples(i + 1));
const slos = Array.from({ length: SLOS }, (_, i) => makeSlo(i));

/** Seconds spent in each stage during the measured rounds. */
const stages = { prepareSeries: 0, evaluateSlo: 0, burndown: 0 };
const seconds = (from: bigint, to: bigint) => Number(to - from) / 1e9;

/** One pair of prefix arrays for every SLO, as an evaluation pass over many SLOs keeps it. */
const buffers = createSeriesBuffers(SAMPLES);

/** The work every SLO needs for its screens. Returns a number so nothing is optimised away. */
function engineRound(count: number): number {
  let sink = 0;
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    const series = prepareSeries(pool[i % POOL]!, buffers);
    const t1 = process.hrtime.bigint();
    const e = evaluateSlo(slos[i]!, series);
    const t2 = process.hrtime.bigint();
    const b = burndown(slos[i]!, series);
    const t3 = process.hrtime.bigint();
    stages.prepareSeries += seconds(t0, t1);
    stages.evaluateSlo += seconds(t1, t2);
    stages.burndown += seconds(t2, t3);
    sink += (e.budget.remaining ?? 0) + b.remaining[b.remaining.length - 1]! + e.alerts.length;
  }
  return sink;
}

/** Reads the same two counter columns per sample as the engine's first pass, and only that. */
function sumRound(count: number): number {
  let sink = 0;
  for (let i = 0; i < count; i++) {
    const s = pool[i % POOL]!;
    const events = s.events;
    const total = s.total;
    let acc = 0;
    for (let j = 0; j < events.length; j++) acc += events[j]! + total[j]!;
    // NaN samples make `acc` NaN; counting them keeps the result observable and finite.
    sink += acc === acc ? 1 : 0;
  }
  return sink;
}

/** Wall and CPU seconds of one call (CPU: this process, user + system). */
function time(fn: () => number): { seconds: number; cpu: number; sink: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const sink = fn();
  const c = process.cpuUsage(c0);
  return {
    seconds: Number(process.hrtime.bigint() - t0) / 1e9,
    cpu: (c.user + c.system) / 1e6,
    sink,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

// Warm-up so both loops are measured optimised.
engineRound(Math.min(SLOS, 50));
sumRound(Math.min(SLOS, 50));
stages.prepareSeries = stages.evaluateSlo = stages.burndown = 0;

const engineTimes: number[] = [];
const sumTimes: number[] = [];
const engineCpu: number[] = [];
const sumCpu: number[] = [];
let sink = 0;
for (let r = 0; r < ROUNDS; r++) {
  const e = time(() => engineRound(SLOS));
  const s = time(() => sumRound(SLOS));
  engineTimes.push(e.seconds);
  sumTimes.push(s.seconds);
  engineCpu.push(e.cpu);
  sumCpu.push(s.cpu);
  sink += e.sink + s.sink;
}

const samples = SLOS * SAMPLES;
const engineRate = samples / median(engineTimes);
const sumRate = samples / median(sumTimes);
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const list = (xs: number[]) => xs.map(t => t.toFixed(3)).join(', ');
console.log(
  `SLOs: ${SLOS}, samples per SLO: ${SAMPLES}, total samples: ${fmt(samples)}, rounds: ${ROUNDS}`,
);
console.log(
  `engine (prepareSeries + evaluateSlo + burndown): median ${median(engineTimes).toFixed(3)} s per round ` +
    `[${list(engineTimes)}], ${fmt(engineRate)} samples/s, ` +
    `${((median(engineTimes) / SLOS) * 1e3).toFixed(3)} ms per SLO; ` +
    `CPU median ${median(engineCpu).toFixed(3)} s [${list(engineCpu)}]`,
);
console.log(
  `plain Float64Array sum: median ${median(sumTimes).toFixed(3)} s per round ` +
    `[${list(sumTimes)}], ${fmt(sumRate)} samples/s; ` +
    `CPU median ${median(sumCpu).toFixed(3)} s [${list(sumCpu)}]`,
);
const perSlo = (x: number) => ((x / (ROUNDS * SLOS)) * 1e3).toFixed(4);
console.log(
  `per SLO (mean over all rounds): prepareSeries ${perSlo(stages.prepareSeries)} ms, ` +
    `evaluateSlo ${perSlo(stages.evaluateSlo)} ms, burndown ${perSlo(stages.burndown)} ms`,
);
// On a shared machine the wall-clock ratio moves with the load; the CPU-time one much less.
console.log(
  `ratio engine / plain sum: wall ${(engineRate / sumRate).toFixed(3)}, ` +
    `CPU ${(median(sumCpu) / median(engineCpu)).toFixed(3)}`,
);
console.log(`checksum: ${sink.toPrecision(6)}`);
