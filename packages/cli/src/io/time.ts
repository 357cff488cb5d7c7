import { InputError } from '../errors';

const UNIX_SECONDS = /^[+-]?\d+(\.\d+)?$/;

/**
 * Parses a time given as unix seconds or RFC 3339 (`2026-11-23T12:00:00Z`, with an offset or `Z`).
 * Returns unix seconds, or undefined when the text is neither or is outside 1970..9999.
 */
export function parseTime(text: string): number | undefined {
  const t = readTime(text);
  return t !== undefined && inRange(t) ? t : undefined;
}

function readTime(text: string): number | undefined {
  const trimmed = text.trim();
  if (UNIX_SECONDS.test(trimmed)) return Number(trimmed);
  // RFC 3339 needs a date, a time and a zone; Date.parse alone would accept local times.
  if (!/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/.test(trimmed)) {
    return undefined;
  }
  const ms = Date.parse(trimmed.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

/** 9999-12-31T23:59:59Z, the last time RFC 3339 (and so every output of ours) can write. */
const LATEST = 253402300799;

export function parseTimeOption(text: string, flag: string): number {
  const t = readTime(text);
  if (t === undefined) {
    throw new InputError(
      `${flag}: "${text}" is not a time (use RFC 3339 like 2026-11-23T12:00:00Z or unix seconds)`,
    );
  }
  if (!inRange(t)) {
    throw new InputError(
      `${flag}: "${text}" is out of range: give a time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z (unix seconds, not milliseconds)`,
    );
  }
  return t;
}

function inRange(t: number): boolean {
  return t >= 0 && t <= LATEST;
}

export function formatTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');
}
