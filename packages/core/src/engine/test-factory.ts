import type { AlertWindow, Slo, TimeWindow } from '../model/types';
import type { CounterSamples } from './types';

const DAY = 86400;

/** Sloth's default windows for a 30-day period (SRE workbook): factor = budget% * period / long window. */
export function workbookWindows(periodSeconds = 30 * DAY): AlertWindow[] {
  const w = (
    severity: AlertWindow['severity'],
    speed: AlertWindow['speed'],
    errorBudgetPercent: number,
    longWindowSeconds: number,
    shortWindowSeconds: number,
  ): AlertWindow => ({
    severity,
    speed,
    errorBudgetPercent,
    longWindowSeconds,
    shortWindowSeconds,
    factor: ((errorBudgetPercent / 100) * periodSeconds) / longWindowSeconds,
  });
  return [
    w('page', 'quick', 2, 3600, 300),
    w('page', 'slow', 5, 6 * 3600, 1800),
    w('ticket', 'quick', 10, DAY, 7200),
    w('ticket', 'slow', 10, 3 * DAY, 6 * 3600),
  ];
}

export function rollingWindow(days: number): TimeWindow {
  return { duration: `${days}d`, seconds: days * DAY, isRolling: true };
}

/** A ratio SLO built by hand, so that engine tests do not depend on the parsers. */
export function makeSlo(overrides: Partial<Slo> = {}): Slo {
  const window = overrides.window ?? rollingWindow(30);
  const channel = { enabled: true, labels: {}, annotations: {} };
  return {
    name: 'checkout-availability',
    service: 'checkout',
    labels: {},
    annotations: {},
    indicator: {
      kind: 'ratio',
      good: { source: 'prometheus', query: 'good', windowed: false },
      total: { source: 'prometheus', query: 'total', windowed: false },
    },
    objective: { target: 0.999 },
    window,
    budgetingMethod: 'Occurrences',
    alerting: {
      labels: {},
      annotations: {},
      page: { ...channel },
      ticket: { ...channel },
      windows: workbookWindows(window.seconds),
    },
    source: { file: 'test.yaml', docIndex: 0, format: 'headroom' },
    ...overrides,
  };
}

/**
 * Cumulative good/total counters sampled every `stepSeconds` from `start`, `count` samples, with
 * `rate(t)` events per second and `errorFraction(t)` of them bad during the step ending at t.
 */
export function constantTraffic(options: {
  start?: number;
  stepSeconds: number;
  count: number;
  eventsPerStep: number;
  errorFraction?: (t: number) => number;
}): CounterSamples {
  const { start = 0, stepSeconds, count, eventsPerStep } = options;
  const errorFraction = options.errorFraction ?? (() => 0);
  const timestamps = new Float64Array(count);
  const events = new Float64Array(count);
  const total = new Float64Array(count);
  let good = 0;
  let all = 0;
  for (let i = 0; i < count; i++) {
    const t = start + i * stepSeconds;
    if (i > 0) {
      all += eventsPerStep;
      good += eventsPerStep * (1 - errorFraction(t));
    }
    timestamps[i] = t;
    events[i] = good;
    total[i] = all;
  }
  return { timestamps, events, total, kind: 'good' };
}

export function samples(
  timestamps: number[],
  events: number[],
  total: number[],
  kind: 'good' | 'bad' = 'good',
): CounterSamples {
  return {
    timestamps: Float64Array.from(timestamps),
    events: Float64Array.from(events),
    total: Float64Array.from(total),
    kind,
  };
}
