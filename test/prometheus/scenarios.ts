import { simulate, type Traffic } from './traffic';

/**
 * History for the end-to-end tests, on a fixed calendar so that every expectation can be worked
 * out by hand. Three jobs of `http_request_duration_seconds_count{job, code="200"|"500"}`:
 *
 * - `myservice` (Sloth's own example job), one sample a minute from E to E + 31d: a daily cycle
 *   of 12 busy, clean hours (06:00–18:00 UTC, 2000 requests a minute, no errors) and 12 quiet
 *   hours (50 requests a minute, 1 of them failing). Per day 720 errors in 1 476 000 requests:
 *   the 30-day error ratio is exactly 1/2050, while the plain average of 5-minute ratios is
 *   about 0.01 (half of them are quiet-hour windows at 2 %).
 * - `outage`, every 15 s from E + 27d: 150 requests a step, 1 error every 20 steps; a full
 *   outage from O for one hour, with both counters restarting from zero at O + 20m.
 * - `degraded`, every 15 s from E + 27d: 150 requests a step and no error since the process
 *   started (its error counter is still 0); 2 % errors (3 a step) from O for three hours, and a
 *   4-minute scrape gap around the recovery (from 2 minutes before its end to 2 minutes after).
 */

/** 2023-11-14T00:00:00Z. */
export const E = 1_699_920_000;
export const DAY = 86_400;
/** End of the 30-day window (E + 1d, E + 31d]: thirty whole days of the daily cycle. */
export const T30 = E + 31 * DAY;
/** Start of the outage and of the degradation (01:00 on the day after T30). */
export const O = T30 + 3600;
export const RESTART = O + 1200;
/** End of the degradation, and the scrape gap around it (samples in [GAP[0], GAP[1]) are lost). */
export const RECOVERY = O + 3 * 3600;
export const GAP: [number, number] = [RECOVERY - 120, RECOVERY + 120];

export const METRIC = 'http_request_duration_seconds_count';

/** Busy hours are 06:00–18:00 UTC; a step belongs to the hour it starts in. */
export const busy = (stepStart: number) => {
  const hour = Math.floor((stepStart % DAY) / 3600);
  return hour >= 6 && hour < 18;
};

export interface Job {
  job: string;
  step: number;
  traffic: Traffic;
}

export function jobs(): Job[] {
  const myservice = simulate({
    start: E,
    end: T30,
    step: 60,
    requests: t => (busy(t - 60) ? 2000 : 50),
    errors: t => (busy(t - 60) ? 0 : 1),
    initial: { ok: 1_000_000, err: 1_000 },
  });
  const outage = simulate({
    start: E + 27 * DAY,
    end: O + 4 * 3600,
    step: 15,
    requests: () => 150,
    errors: t => (t > O && t <= O + 3600 ? 150 : Math.floor(t / 15) % 20 === 7 ? 1 : 0),
    resets: [RESTART],
    initial: { ok: 1_000_000, err: 500 },
  });
  const degraded = simulate({
    start: E + 27 * DAY,
    end: O + 4 * 3600,
    step: 15,
    requests: () => 150,
    errors: t => (t > O && t <= RECOVERY ? 3 : 0),
    gaps: [GAP],
    initial: { ok: 2_000_000, err: 0 },
  });
  return [
    { job: 'myservice', step: 60, traffic: myservice },
    { job: 'outage', step: 15, traffic: outage },
    { job: 'degraded', step: 15, traffic: degraded },
  ];
}
