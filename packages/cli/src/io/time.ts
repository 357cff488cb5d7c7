import { InputError } from '../errors';

const UNIX_SECONDS = /^[+-]?\d+(\.\d+)?$/;

/**
 * Parses a time given as unix seconds or RFC 3339 (`2026-11-23T12:00:00Z`, with an offset or `Z`).
 * Returns unix seconds, or undefined when the text is neither.
 */
export function parseTime(text: string): number | undefined {
  const trimmed = text.trim();
  if (UNIX_SECONDS.test(trimmed)) return Number(trimmed);
  // RFC 3339 needs a date, a time and a zone; Date.parse alone would accept local times.
  if (!/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/.test(trimmed)) {
    return undefined;
  }
  const ms = Date.parse(trimmed.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

export function parseTimeOption(text: string, flag: string): number {
  const t = parseTime(text);
  if (t === undefined) {
    throw new InputError(
      `${flag}: "${text}" is not a time (use RFC 3339 like 2026-11-23T12:00:00Z or unix seconds)`,
    );
  }
  return t;
}

export function formatTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');
}
