/**
 * FOCUS date-times to unix seconds. The spec asks for ISO 8601 in UTC (`2024-09-01T00:00:00Z`);
 * real exports also write `2024-09-01 00:00:00` (no `T`, no `Z`: read as UTC), fractional
 * seconds and explicit offsets. Anything else (`5/1/25`, hour 30, 31 February) is not a date.
 */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, at: number, count: number): number {
  let v = 0;
  for (let k = 0; k < count; k++) {
    const c = text.charCodeAt(at + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function parseFocusTimestamp(text: string): number | undefined {
  const n = text.length;
  if (n < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const maxDay = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day > maxDay) return undefined;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let i = 10;
  if (i < n) {
    const sep = text.charCodeAt(i);
    if (sep !== 84 /* T */ && sep !== 32 /* space */) return undefined;
    hour = digits(text, i + 1, 2);
    if (text.charCodeAt(i + 3) !== 58) return undefined;
    minute = digits(text, i + 4, 2);
    i += 6;
    if (i < n && text.charCodeAt(i) === 58) {
      second = digits(text, i + 1, 2);
      i += 3;
      if (i < n && text.charCodeAt(i) === 46 /* . */) {
        i++;
        const start = i;
        while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
        if (i === start) return undefined;
      }
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
      return undefined;
  }
  let offset = 0;
  if (i < n) {
    const z = text.charCodeAt(i);
    if (z === 90 /* Z */ && i + 1 === n) {
      i++;
    } else if (z === 43 || z === 45) {
      const oh = digits(text, i + 1, 2);
      const colon = text.charCodeAt(i + 3) === 58 ? 1 : 0;
      const om = digits(text, i + 3 + colon, 2);
      if (oh < 0 || oh > 23 || om < 0 || om > 59 || i + 5 + colon !== n) return undefined;
      offset = (z === 43 ? 1 : -1) * (oh * 3600 + om * 60);
      i = n;
    } else {
      return undefined;
    }
  }
  if (i !== n) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offset;
}

export const DAY_SECONDS = 86400;

/** Start of the UTC day holding `t`. */
export function dayStart(t: number): number {
  return Math.floor(t / DAY_SECONDS) * DAY_SECONDS;
}

/** Start of the UTC calendar month holding `t`. */
export function monthStart(t: number): number {
  const d = new Date(t * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
}

/** Start of the UTC month before the one starting at `month`. */
export function previousMonthStart(month: number): number {
  const d = new Date(month * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1) / 1000;
}

/** `2024-09-01T00:00:00Z` */
export function isoSeconds(t: number): string {
  return new Date(t * 1000).toISOString().replace('.000Z', 'Z');
}
