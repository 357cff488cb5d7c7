import { PrometheusClient } from '@headroom/prometheus';
import { record } from '../__fixtures__/fakeGrafana';
import type { SloWithStatus } from '../api/types';
import { evaluateRecord } from '../slo';
import { burndownFrame, statusFrame } from './sloFrames';

const DAY = 86_400;
const unix = (iso: string) => Date.parse(iso) / 1000;
const AT = unix('2026-12-02T12:00:00Z');

/** Prometheus answering every range query from cumulative counters given as functions of time. */
function prometheus(counters: { bad(t: number): number; total(t: number): number }): PrometheusClient {
  const fetch = (async (_url: string, init: RequestInit) => {
    const form = new URLSearchParams(String(init.body));
    const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(form.get(k)));
    const series = form.get('query')!.includes('5..') ? counters.bad : counters.total;
    const values: Array<[number, string]> = [];
    for (let t = start!; t <= end!; t += step!) {
      values.push([t, String(series(t))]);
    }
    const text = JSON.stringify({
      status: 'success',
      data: { resultType: 'matrix', result: [{ metric: {}, values }] },
    });
    // jsdom has no Response; the client reads only these.
    return { ok: true, status: 200, statusText: 'OK', text: async () => text };
  }) as unknown as typeof globalThis.fetch;
  return new PrometheusClient({ url: 'http://prometheus.test', fetch });
}

/** 1000 requests a minute from 40 days before `until`, none after; failing ones from `failingFrom`. */
function traffic(until: number, failingShare: number, failingFrom = until - 40 * DAY) {
  const minutes = (from: number, t: number) => Math.max(0, Math.min(t, until) - from) / 60;
  return {
    total: (t: number) => 1000 * minutes(until - 40 * DAY, t),
    bad: (t: number) => 1000 * failingShare * minutes(failingFrom, t),
  };
}

function calendarMonthRecord(): SloWithStatus {
  const r = record('component:default/ledger', 'group:default/payments', 'payments');
  r.definition.spec.timeWindow = [
    { duration: '1M', isRolling: false, calendar: { startTime: '2020-01-01 00:00:00', timeZone: 'UTC' } },
  ] as unknown as typeof r.definition.spec.timeWindow;
  return { ...r, window: '1M' } as unknown as SloWithStatus;
}

describe('a calendar month in the SLO frames', () => {
  it('ends the even-spend line at the real end of a 31-day month', async () => {
    const result = await evaluateRecord(prometheus(traffic(AT + DAY, 0.0005)), calendarMonthRecord(), AT, 3600);
    const frame = burndownFrame(result, 'A');
    const meta = frame.meta!.custom as { windowStartMs: number; windowEndMs: number };
    expect(meta.windowStartMs).toBe(unix('2026-12-01T00:00:00Z') * 1000);
    expect(meta.windowEndMs).toBe(unix('2027-01-01T00:00:00Z') * 1000);
    const time = frame.fields[0]!.values as number[];
    const ideal = frame.fields[2]!.values as number[];
    // 36 hours of 31 days spent: 1 - 36 / 744.
    expect(time[time.length - 1]).toBe(AT * 1000);
    expect(ideal[ideal.length - 1]).toBeCloseTo(1 - 36 / 744, 12);
    const status = statusFrame(result, 'A');
    expect(status.fields.find((f) => f.name === 'windowEnd')!.values[0]).toBe(unix('2027-01-01T00:00:00Z') * 1000);
  });

  it('pages when the burn windows fire though the new month has no traffic yet', async () => {
    // Every request fails in the last hour of November, and the traffic stops at midnight.
    const monthStart = unix('2026-12-01T00:00:00Z');
    const at = monthStart + 60;
    const counters = traffic(monthStart, 1, monthStart - 3600);
    const result = await evaluateRecord(prometheus(counters), calendarMonthRecord(), at, 3600);
    expect(result.evaluation.sli).toBeNull();
    expect(statusFrame(result, 'A').fields.find((f) => f.name === 'alertState')!.values[0]).toBe('page');
  });
});
