const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Unix seconds of an RFC 3339 time (`2023-02-06T13:08:45.828123456Z`, `…+02:00`), or undefined
 * when the text is not one. Go writes up to 9 fractional digits; JavaScript dates keep
 * milliseconds, so the fraction is read separately and kept to the microsecond.
 */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
  const base = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s));
  // Date.UTC maps years 0-99 to 1900-1999: set the year explicitly for Go's zero time.
  const date = new Date(base);
  date.setUTCFullYear(Number(y));
  if (date.getUTCDate() !== day) return undefined;
  let seconds = date.getTime() / 1000;
  if (frac) seconds += Math.round(Number(`0${frac}`) * 1e6) / 1e6;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone![0] === '-' ? -1 : 1;
    seconds -= sign * (Number(zone!.slice(1, 3)) * 3600 + Number(zone!.slice(4, 6)) * 60);
  }
  return seconds;
}

/** Go's zero time, which Alertmanager sends as the end of an alert that is still firing. */
export const GO_ZERO_TIME = parseRfc3339('0001-01-01T00:00:00Z')!;

/** RFC 3339 in UTC, milliseconds only when there are some: `2026-12-07T08:30:00Z`. */
export function formatRfc3339(unixSeconds: number): string {
  return new Date(Math.round(unixSeconds * 1000)).toISOString().replace('.000Z', 'Z');
}

/** `formatRfc3339`, null kept null. */
export function formatRfc3339OrNull(unixSeconds: number | null): string | null {
  return unixSeconds === null ? null : formatRfc3339(unixSeconds);
}
