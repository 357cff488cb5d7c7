import { PrometheusClient } from '../client';
import { planSloSamples, readPlannedSamples } from '../samplePlan';
import { counterSlo } from './fixtures';

const DAY = 86_400;
const unix = (iso: string) => Date.parse(iso) / 1000;
const calendarMonth = (timeZone = 'UTC') =>
  counterSlo({
    window: {
      duration: '1M',
      seconds: 30 * DAY,
      isRolling: false,
      calendarUnit: 'month',
      calendar: { startTime: '', timeZone },
    },
  });

describe('planSloSamples', () => {
  it('reads a rolling window from one step before its start, up to the instant floored to the step', () => {
    const at = unix('2026-12-02T12:00:30Z');
    expect(planSloSamples(counterSlo(), at, 60)).toEqual({
      at: unix('2026-12-02T12:00:00Z'),
      windowStart: unix('2026-11-02T12:00:00Z'),
      windowEnd: unix('2026-12-02T12:00:00Z'),
      start: unix('2026-11-02T11:59:00Z'),
      end: unix('2026-12-02T12:00:00Z'),
      stepSeconds: 60,
    });
  });

  it('reads 30 days back for a calendar month on its 2nd day, and ends the window on the 1st of the next', () => {
    const plan = planSloSamples(calendarMonth(), unix('2026-12-02T12:00:00Z'), 60);
    expect(plan.windowStart).toBe(unix('2026-12-01T00:00:00Z'));
    expect(plan.windowEnd).toBe(unix('2027-01-01T00:00:00Z'));
    // The 30d burn rate and the 3-day alert window reach back into November.
    expect(plan.start).toBe(unix('2026-11-02T11:59:00Z'));
  });

  it('reads from the period start late in a month, in the window’s time zone', () => {
    const plan = planSloSamples(calendarMonth('Asia/Kolkata'), unix('2026-12-31T12:00:00Z'), 300);
    // Midnight on 1 December in India (UTC+5:30) is 18:30 UTC on 30 November.
    expect(plan.windowStart).toBe(unix('2026-11-30T18:30:00Z'));
    expect(plan.start).toBe(unix('2026-11-30T18:25:00Z'));
    expect(plan.windowEnd).toBe(unix('2026-12-31T18:30:00Z'));
  });

  it('refuses a resolution that is not whole seconds above 0, naming the SLO', () => {
    expect(() => planSloSamples(counterSlo(), 1e9, 0)).toThrow(
      /SLO "availability" of service "checkout": the sample resolution must be a whole number of seconds above 0, got 0/,
    );
    expect(() => planSloSamples(counterSlo(), 1e9, 1.5)).toThrow(/got 1\.5/);
    expect(() => planSloSamples(counterSlo(), NaN, 60)).toThrow(/evaluation instant/);
  });
});

describe('readPlannedSamples', () => {
  it('queries the plan’s range at its step', async () => {
    const ranges: { start: string; end: string; step: string }[] = [];
    const fetch = (async (_url: string, init: RequestInit) => {
      const p = new URLSearchParams(String(init.body));
      ranges.push({ start: p.get('start')!, end: p.get('end')!, step: p.get('step')! });
      return new Response(
        JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } }),
      );
    }) as unknown as typeof globalThis.fetch;
    const client = new PrometheusClient({ url: 'http://p:9090', fetch });
    const slo = counterSlo({ window: { duration: '1h', seconds: 3600, isRolling: true } });
    const plan = planSloSamples(slo, 1_800_000_000, 60);
    const samples = await readPlannedSamples(client, slo, plan);
    // A 1-hour window still reads 3 days back for the 3-day ticket window, and one step before.
    expect(samples.timestamps.length).toBe(3 * 1440 + 2);
    expect(samples.timestamps[0]).toBe(plan.start);
    expect(samples.timestamps[samples.timestamps.length - 1]).toBe(plan.end);
    expect(new Set(ranges.map(r => r.step))).toEqual(new Set(['60']));
  });
});
