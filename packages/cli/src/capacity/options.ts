import { parseDuration } from '@headroom/core';
import { InputError } from '../errors';

/** A `--flag` duration in seconds; an error names the flag. */
export function durationOption(text: string, flag: string): number {
  const s = parseDuration(text);
  if (s === undefined || !(s > 0))
    throw new InputError(`${flag}: "${text}" is not a duration like 5m, 1h or 14d`);
  return s;
}

/** A `--flag` number in (min, max]; an error names the flag. */
export function numberOption(text: string, flag: string, min: number, max: number): number {
  const v = Number(text);
  if (!Number.isFinite(v) || v <= min || v > max) {
    throw new InputError(`${flag}: "${text}" must be a number in (${min}, ${max}]`);
  }
  return v;
}
