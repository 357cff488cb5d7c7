import type { TimeWindow } from '../model/types';

/** Wall-clock fields of an instant in a time zone (month 1-12). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`window.calendar.timeZone: unknown time zone "${timeZone}"`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

function wallTime(utcMs: number, timeZone: string): WallTime {
  const w: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(utcMs)) {
    if (part.type in w) w[part.type as keyof WallTime] = Number(part.value);
  }
  return w;
}

function wallAsUtcMs(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Zone offset (ms, local - UTC) at an instant. */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  return wallAsUtcMs(wallTime(utcMs, timeZone)) - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant a wall-clock time in a zone stands for. Two passes settle the offset across DST
 * changes; a wall time inside a spring-forward gap maps to the instant after the gap.
 */
export function zonedToUtcMs(w: WallTime, timeZone: string): number {
  const guess = wallAsUtcMs(w);
  const first = guess - zoneOffsetMs(guess, timeZone);
  const second = guess - zoneOffsetMs(first, timeZone);
  return second === first ? first : Math.max(first, second);
}

const START_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses `calendar.startTime` into wall time in `timeZone`; a Z/offset suffix names an instant. */
function parseStartTime(text: string, timeZone: string): WallTime {
  const m = START_TIME.exec(text.trim());
  if (!m) {
    throw new RangeError(
      `window.calendar.startTime: cannot read "${text}"; expected YYYY-MM-DD HH:mm:ss`,
    );
  }
  if (m[7]) {
    const ms = Date.parse(text.trim().replace(' ', 'T'));
    if (Number.isNaN(ms)) throw new RangeError(`window.calendar.startTime: invalid date "${text}"`);
    return wallTime(ms, timeZone);
  }
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
  };
}

/**
 * Anchor when no start time is given. 2001-01-01 00:00 was a Monday and the start of a month,
 * quarter and year, so it aligns every calendar unit (weeks start on Monday).
 */
const DEFAULT_ANCHOR: WallTime = { year: 2001, month: 1, day: 1, hour: 0, minute: 0, second: 0 };

function unitCount(window: TimeWindow): number {
  const m = /^\s*(\d+)/.exec(window.duration);
  const n = m ? Number(m[1]) : 1;
  return n > 0 ? n : 1;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function addMonths(w: WallTime, months: number): WallTime {
  const index = w.year * 12 + (w.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { ...w, year, month, day: Math.min(w.day, daysInMonth(year, month)) };
}

function addDays(w: WallTime, days: number): WallTime {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * Start (unix seconds) of the window that ends at `at`. Rolling windows: at - seconds.
 * Calendar-aligned windows: the start of the current period in the window's time zone, periods
 * being `n` calendar units (from `duration`, e.g. `1M`, `2w`) counted from `calendar.startTime`
 * (default: midnight, 1 January / Monday). Without a calendar unit, periods of `seconds` each
 * are counted from the start time.
 */
export function windowStart(window: TimeWindow, at: number): number {
  if (window.isRolling !== false) return at - window.seconds;
  const timeZone = window.calendar?.timeZone ?? 'UTC';
  const anchor = window.calendar?.startTime
    ? parseStartTime(window.calendar.startTime, timeZone)
    : DEFAULT_ANCHOR;
  const atMs = at * 1000;
  const unit = window.calendarUnit;
  if (!unit) {
    if (!(window.seconds > 0)) {
      throw new RangeError(`window.seconds must be positive, got ${window.seconds}`);
    }
    const anchorSec = zonedToUtcMs(anchor, timeZone) / 1000;
    return anchorSec + Math.floor((at - anchorSec) / window.seconds) * window.seconds;
  }
  const n = unitCount(window);
  const now = wallTime(atMs, timeZone);
  if (unit === 'day' || unit === 'week') {
    const periodDays = n * (unit === 'week' ? 7 : 1);
    const dayDiff = Math.round(
      (Date.UTC(now.year, now.month - 1, now.day) -
        Date.UTC(anchor.year, anchor.month - 1, anchor.day)) /
        86400000,
    );
    let p = Math.floor(dayDiff / periodDays);
    let start = zonedToUtcMs(addDays(anchor, p * periodDays), timeZone);
    if (start > atMs) start = zonedToUtcMs(addDays(anchor, --p * periodDays), timeZone);
    return start / 1000;
  }
  const periodMonths = n * (unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12);
  const monthDiff = now.year * 12 + now.month - (anchor.year * 12 + anchor.month);
  let p = Math.floor(monthDiff / periodMonths);
  let start = zonedToUtcMs(addMonths(anchor, p * periodMonths), timeZone);
  if (start > atMs) start = zonedToUtcMs(addMonths(anchor, --p * periodMonths), timeZone);
  return start / 1000;
}
