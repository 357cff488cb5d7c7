import { parseTime } from './time';

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Unix seconds of a full RFC 3339 time (date, time with seconds, zone); undefined otherwise. */
export function parseRfc3339(text: string): number | undefined {
  return RFC3339.test(text) ? parseTime(text) : undefined;
}
