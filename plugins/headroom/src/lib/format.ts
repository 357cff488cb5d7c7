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

/**
 * A decimal amount of money, given as the backend's decimal string, rounded half away from zero
 * to `decimals` places on the text itself (no float), with thousands separators and the
 * currency code: `1,234.57 USD`. `signed` puts a + on positive amounts (changes); `plain` gives
 * the same rounding as a machine-readable number (`-1234.57`, empty for none) for CSV.
 */
export function formatMoney(
  amount: string | null | undefined,
  currency?: string | null,
  options: { decimals?: number; signed?: boolean; plain?: boolean } = {},
): string {
  if (amount === null || amount === undefined) return options.plain ? '' : DASH;
  const decimals = options.decimals ?? 2;
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(amount.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return amount;
  const [, sign = '', intText = '', fracText = ''] = match;
  const frac = fracText.padEnd(decimals + 1, '0');
  // Half away from zero only depends on the first dropped digit.
  const rounded =
    BigInt(`${intText || '0'}${frac.slice(0, decimals)}`) + (Number(frac[decimals]) >= 5 ? 1n : 0n);
  const negative = sign === '-' && rounded !== 0n;
  const text = rounded.toString().padStart(decimals + 1, '0');
  const digitsBefore = text.slice(0, text.length - decimals);
  const whole = options.plain ? digitsBefore : digitsBefore.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = decimals > 0 ? `.${text.slice(text.length - decimals)}` : '';
  const minus = options.plain ? '-' : '−';
  const prefix = negative ? minus : options.signed && rounded !== 0n ? '+' : '';
  return `${prefix}${whole}${cents}${currency ? ` ${currency}` : ''}`;
}

/** A money amount the backend sent as a number (capacity's monthly cost), to 2 decimals. */
export function formatMoneyNumber(
  amount: number | null | undefined,
  currency?: string | null,
): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return DASH;
  return formatMoney(amount.toFixed(2), currency);
}

/** A relative change such as 0.123 as `+12.3%`; null (no earlier period) as a dash. */
export function formatChange(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return DASH;
  const text = `${Math.abs(fraction * 100).toFixed(digits)}%`;
  if (Number(text.slice(0, -1)) === 0) return `${(0).toFixed(digits)}%`;
  return `${fraction < 0 ? '−' : '+'}${text}`;
}

/** A measured quantity with `significant` digits, without exponent or trailing zeros: 4.286. */
export function formatQuantity(value: number | null | undefined, significant = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, significant - 1 - magnitude);
  const fixed = value.toFixed(Math.min(decimals, 20));
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed.replace(/^(-?\d+)/, m => m.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A cost period as the backend names it (`2026-11` for a month, `2026-11-25` for a day, UTC) in
 * words, the same in every locale so that exported and shown periods match: `Nov 2026`,
 * `25 Nov 2026`.
 */
export function formatPeriod(date: string): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return date;
  return match[3] ? `${Number(match[3])} ${month} ${match[1]}` : `${month} ${match[1]}`;
}
