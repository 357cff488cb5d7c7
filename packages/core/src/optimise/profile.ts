import { zoneOffsetMs } from '../engine/calendar';
import { quantileSorted } from '../capacity/stats';

/**
 * Time-of-day and day-of-week load profiles, and the windows in them where load stays far below
 * the peak: the hours a workload can run on fewer replicas every day (or every week).
 */

export type ProfilePeriod = 'day' | 'week';

export interface ProfileOptions {
  /** IANA zone the hours are read in (and a schedule runs in). Default 'UTC'. */
  timeZone?: string;
  /** 'auto' (default): weekly when ≥ 14 days of history and it finds clearly more low hours. */
  period?: 'auto' | ProfilePeriod;
  /** Quantile of each hour's samples that stands for the hour's load. Default 0.95. */
  binQuantile?: number;
  /** An hour is low when its load is at most this fraction of the busiest hour's. Default 0.4. */
  lowFraction?: number;
  /** Shortest window worth a schedule, hours. Default 3. */
  minWindowHours?: number;
  /** Fewest days of history for a daily profile. Default 3. */
  minDays?: number;
}

export interface ScaleDownWindow {
  /** First hour bin of the window (day: hour 0-23; week: day × 24 + hour, day 0 = Sunday). */
  startBin: number;
  /** Length in hours; a window may wrap past the end of the period. */
  hours: number;
  /** Local start, as cron reads it: day of week (0 = Sunday; null for a daily window) and hour. */
  start: { day: number | null; hour: number };
  /** Local end (exclusive). */
  end: { day: number | null; hour: number };
  /** Highest hourly load (at the bin quantile) inside the window. */
  load: number;
  /** load / the busiest hour's load. */
  fractionOfPeak: number;
  /** Hours a week the window covers. */
  hoursPerWeek: number;
}

export interface HourlyProfile {
  period: ProfilePeriod;
  timeZone: string;
  /** Number of hour bins: 24 or 168. */
  bins: number;
  binQuantile: number;
  /** Load per hour bin at `binQuantile`; NaN for an hour without samples. */
  load: Float64Array;
  median: Float64Array;
  count: Uint32Array;
  peak: number;
  peakBin: number;
  lowFraction: number;
  windows: ScaleDownWindow[];
  /** Sum of the windows' hours per week. */
  lowHoursPerWeek: number;
  /** Days of history the profile rests on. */
  days: number;
}

const HOUR = 3600;
const DAY = 86400;

function checkFraction(v: number, field: string, lo: number, hi: number): void {
  if (!(v > lo && v < hi)) {
    throw new RangeError(`hourlyProfile: ${field} must be in (${lo}, ${hi}), got ${v}`);
  }
}

/**
 * Local hour of the week (0 = Sunday 00:00) for each timestamp. Zone offsets are looked up once
 * per UTC hour: offsets change on whole hours in every zone that changes them.
 */
export function hourOfWeek(timestamps: Float64Array, timeZone: string): Uint8Array {
  const out = new Uint8Array(timestamps.length);
  const cache = new Map<number, number>();
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i]!;
    const h = Math.floor(t / HOUR);
    let off = 0;
    if (timeZone !== 'UTC') {
      let c = cache.get(h);
      if (c === undefined) cache.set(h, (c = zoneOffsetMs(h * HOUR * 1000, timeZone) / 1000));
      off = c;
    }
    const local = t + off;
    // 1970-01-01 was a Thursday (day 4 when Sunday is 0).
    const day = (((Math.floor(local / DAY) + 4) % 7) + 7) % 7;
    const hour = Math.floor((((local % DAY) + DAY) % DAY) / HOUR);
    out[i] = day * 24 + hour;
  }
  return out;
}

function profileFor(
  how: Uint8Array,
  values: Float64Array,
  period: ProfilePeriod,
  q: number,
): { load: Float64Array; median: Float64Array; count: Uint32Array } {
  const bins = period === 'day' ? 24 : 168;
  const buckets: number[][] = Array.from({ length: bins }, () => []);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    buckets[period === 'day' ? how[i]! % 24 : how[i]!]!.push(v);
  }
  const load = new Float64Array(bins);
  const median = new Float64Array(bins);
  const count = new Uint32Array(bins);
  buckets.forEach((b, i) => {
    const s = Float64Array.from(b).sort();
    load[i] = quantileSorted(s, q);
    median[i] = quantileSorted(s, 0.5);
    count[i] = s.length;
  });
  return { load, median, count };
}

function windowsFor(
  load: Float64Array,
  period: ProfilePeriod,
  peak: number,
  lowFraction: number,
  minHours: number,
): ScaleDownWindow[] {
  const n = load.length;
  const low = (i: number) => Number.isFinite(load[i % n]!) && load[i % n]! <= lowFraction * peak;
  // Start scanning at a busy hour so that a window wrapping past the end is found whole.
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (!low(i)) {
      first = i;
      break;
    }
  }
  if (first < 0) return [];
  const out: ScaleDownWindow[] = [];
  let i = first;
  while (i < first + n) {
    if (!low(i)) {
      i++;
      continue;
    }
    const s = i;
    while (i < first + n && low(i)) i++;
    const hours = i - s;
    if (hours < minHours) continue;
    let worst = 0;
    for (let k = s; k < i; k++) worst = Math.max(worst, load[k % n]!);
    const at = (bin: number) =>
      period === 'day'
        ? { day: null, hour: bin % 24 }
        : { day: Math.floor((bin % n) / 24), hour: bin % 24 };
    out.push({
      startBin: s % n,
      hours,
      start: at(s),
      end: at(i),
      load: worst,
      fractionOfPeak: peak > 0 ? worst / peak : 0,
      hoursPerWeek: period === 'day' ? hours * 7 : hours,
    });
  }
  return out.sort((a, b) => a.startBin - b.startBin);
}

/**
 * The hour-of-day (or hour-of-week) profile of a load series and its scale-down windows: runs of
 * at least `minWindowHours` consecutive hours whose load, at `binQuantile` over every day of the
 * history, is at most `lowFraction` of the busiest hour's. A high quantile per hour means one busy
 * night in the history keeps that hour out of the window. Null with less than `minDays` of data.
 */
export function hourlyProfile(
  timestamps: Float64Array,
  values: Float64Array,
  options: ProfileOptions = {},
): HourlyProfile | null {
  if (timestamps.length !== values.length) {
    throw new Error(
      `hourlyProfile: values has ${values.length} samples but timestamps has ${timestamps.length}`,
    );
  }
  const timeZone = options.timeZone ?? 'UTC';
  const q = options.binQuantile ?? 0.95;
  checkFraction(q, 'binQuantile', 0, 1.0000001);
  const lowFraction = options.lowFraction ?? 0.4;
  checkFraction(lowFraction, 'lowFraction', 0, 1);
  const minHours = options.minWindowHours ?? 3;
  if (!(minHours >= 1)) {
    throw new RangeError(`hourlyProfile: minWindowHours must be at least 1, got ${minHours}`);
  }
  const minDays = options.minDays ?? 3;
  if (timestamps.length < 2) return null;
  // Each sample stands for one step: 14 days of hourly samples span 13 days 23 hours.
  const step = timestamps[1]! - timestamps[0]!;
  const days = (timestamps[timestamps.length - 1]! - timestamps[0]! + step) / DAY;
  if (days < minDays) return null;

  const how = hourOfWeek(timestamps, timeZone);
  const build = (period: ProfilePeriod): HourlyProfile => {
    const { load, median, count } = profileFor(how, values, period, q);
    let peak = -Infinity;
    let peakBin = 0;
    load.forEach((v, i) => {
      if (v > peak) {
        peak = v;
        peakBin = i;
      }
    });
    const windows = peak > 0 ? windowsFor(load, period, peak, lowFraction, minHours) : [];
    return {
      period,
      timeZone,
      bins: load.length,
      binQuantile: q,
      load,
      median,
      count,
      peak,
      peakBin,
      lowFraction,
      windows,
      lowHoursPerWeek: windows.reduce((s, w) => s + w.hoursPerWeek, 0),
      days,
    };
  };
  const requested = options.period ?? 'auto';
  if (requested === 'day') return build('day');
  if (requested === 'week') return build('week');
  const daily = build('day');
  if (days < 14) return daily;
  const weekly = build('week');
  // Weekly bins see each hour on half as many days: only worth it when it finds clearly more.
  return weekly.lowHoursPerWeek > 1.1 * daily.lowHoursPerWeek ? weekly : daily;
}
