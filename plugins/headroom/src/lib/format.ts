/**
 * Display formatting of numbers the backend computed. Nothing here derives a new quantity:
 * values are only scaled for display (fraction to percent) and rounded.
 */

const DASH = '—';

/**
 * A decimal fraction as a percentage by moving the decimal point in its text, so that 0.999
 * shows as 99.9 and not as 99.90000000000001.
 */
export function fractionToPercentText(fraction: number): string {
  if (!Number.isFinite(fraction)) return String(fraction);
  const negative = fraction < 0;
  let text = Math.abs(fraction).toString();
  if (/e/i.test(text)) text = Math.abs(fraction).toFixed(20).replace(/0+$/, '');
  const [intPart = '0', fracPart = ''] = text.split('.');
  const padded = fracPart.padEnd(2, '0');
  const whole = `${intPart}${padded.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = padded.slice(2);
  return `${negative ? '-' : ''}${whole}${rest ? `.${rest}` : ''}`;
}

/** The inverse of `fractionToPercentText` on text typed in a form; undefined when not a number. */
export function percentTextToFraction(text: string): number | undefined {
  const trimmed = text.trim().replace(/\s*%$/, '');
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(trimmed);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const [, sign = '', intPart = '', fracPart = ''] = match;
  const digits = intPart.padStart(3, '0');
  const shifted = `${digits.slice(0, -2)}.${digits.slice(-2)}${fracPart}`;
  return Number(`${sign}${shifted}`);
}

/** An objective such as 0.999 as `99.9%`, exact to the digits written in the definition. */
export function formatObjective(objective: number): string {
  return `${fractionToPercentText(objective)}%`;
}

/** A measured fraction (SLI, budget left) as a percentage with `digits` decimals. */
export function formatPercent(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return `${(value * 100).toFixed(digits)}%`;
}

/** A burn rate: 1 means the budget lasts exactly the window. */
export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return DASH;
  return `${rate < 10 ? rate.toFixed(2) : rate.toFixed(1)}×`;
}

const UNITS: [string, number][] = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
];

/** A length of time in the two largest units: `3d 4h`, `5h 12m`, `42m`, `< 1m`. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return DASH;
  if (seconds < 60) return '< 1m';
  const whole = Math.floor(seconds);
  const index = UNITS.findIndex(([, size]) => whole >= size);
  const [unit, size] = UNITS[index]!;
  const count = Math.floor(whole / size);
  const parts = [`${count}${unit}`];
  const next = UNITS[index + 1];
  if (next) {
    const rest = Math.floor((whole - count * size) / next[1]);
    if (rest > 0) parts.push(`${rest}${next[0]}`);
  }
  return parts.join(' ');
}

/** How old something is, from the backend's `ageSeconds`. */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return DASH;
  return seconds < 60
    ? `${Math.max(0, Math.round(seconds))}s ago`
    : `${formatSeconds(seconds)} ago`;
}

/** A timestamp in the reader's locale, with the date. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Time to exhaustion: null from the backend means the budget is not being spent. */
export function formatTimeToExhaustion(
  seconds: number | null | undefined,
  budgetRemaining: number | null | undefined,
): string {
  if (budgetRemaining !== null && budgetRemaining !== undefined && budgetRemaining <= 0) {
    return 'exhausted';
  }
  if (seconds === null || seconds === undefined) return 'not burning';
  return formatSeconds(seconds);
}
