/**
 * Exact decimal money: an amount is a bigint count of 10^-12 currency units ("pico-units").
 * FOCUS exports carry up to 11 fractional digits (the FinOps Foundation sample) and sums must
 * match the file to the last digit, which binary floating point cannot do; a bigint cannot
 * overflow however large the bill. Digits beyond the 12th are rounded half to even, which moves
 * a row by at most 5e-13: a billion rows stay a thousandth of a cent from the exact sum.
 */
export type Money = bigint;

export const MONEY_SCALE = 12;
export const MONEY_ONE = 10n ** BigInt(MONEY_SCALE);
const ZEROS = '000000000000';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Parses a plain decimal (`-0.00001605990`, `+12`, `.5`, `1.5E-05`) into pico-units, or
 * undefined when the text is not a number (empty, `NULL`, `$1,200.00`, `1.2.3`, spaces).
 */
export function parseMoney(text: string): Money | undefined {
  const n = text.length;
  let i = 0;
  let negative = false;
  if (n === 0) return undefined;
  const first = text.charCodeAt(0);
  if (first === 45 /* - */ || first === 43 /* + */) {
    negative = first === 45;
    i = 1;
  }
  const intStart = i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  const intEnd = i;
  let fracStart = i;
  let fracEnd = i;
  if (i < n && text.charCodeAt(i) === 46 /* . */) {
    i++;
    fracStart = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    fracEnd = i;
  }
  if (intEnd === intStart && fracEnd === fracStart) return undefined;
  let exponent = 0;
  if (i < n) {
    const e = text.charCodeAt(i);
    if (e !== 101 && e !== 69) return undefined;
    i++;
    let expNegative = false;
    const s = text.charCodeAt(i);
    if (s === 45 || s === 43) {
      expNegative = s === 45;
      i++;
    }
    const expStart = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    if (i === expStart || i !== n || i - expStart > 4) return undefined;
    exponent = Number(text.slice(expStart, i)) * (expNegative ? -1 : 1);
  }
  let digits = text.slice(intStart, intEnd) + text.slice(fracStart, fracEnd);
  // Position of the decimal point counted from the left of `digits`, after the exponent.
  let point = intEnd - intStart + exponent;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const frac = digits.length - point;
  let value: bigint;
  if (frac <= MONEY_SCALE) {
    value = BigInt(digits + ZEROS.slice(0, MONEY_SCALE - frac));
  } else {
    value = roundHalfEven(
      BigInt(digits.slice(0, point + MONEY_SCALE)),
      digits.slice(point + MONEY_SCALE),
    );
  }
  return negative ? -value : value;
}

function roundHalfEven(kept: bigint, dropped: string): bigint {
  const head = dropped.charCodeAt(0) - 48;
  const rest = /[1-9]/.test(dropped.slice(1));
  if (head > 5 || (head === 5 && (rest || kept % 2n === 1n))) return kept + 1n;
  return kept;
}

/** `20520226728990n` → `"20.52022672899"`: shortest exact decimal, at least `minDecimals`. */
export function formatMoney(value: Money, minDecimals = 0): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / MONEY_ONE;
  let frac = (abs % MONEY_ONE).toString().padStart(MONEY_SCALE, '0').replace(/0+$/, '');
  if (frac.length < minDecimals) frac = frac.padEnd(minDecimals, '0');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/**
 * Exactly `decimals` decimals, rounded half to even: for people (tables, cards), where the
 * twelve stored decimals are noise. `1234567890000n, 2` (1.23456789) → `"1.23"`.
 */
export function formatMoneyFixed(value: Money, decimals: number): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MONEY_SCALE) {
    throw new RangeError(`decimals: ${decimals} must be an integer from 0 to ${MONEY_SCALE}`);
  }
  const unit = 10n ** BigInt(MONEY_SCALE - decimals);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  let units = abs / unit;
  const rem = abs % unit;
  if (rem * 2n > unit || (rem * 2n === unit && units % 2n === 1n)) units += 1n;
  const text = units.toString().padStart(decimals + 1, '0');
  const whole = text.slice(0, text.length - decimals);
  const frac = text.slice(text.length - decimals);
  const sign = negative && units !== 0n ? '-' : '';
  return `${sign}${whole}${decimals > 0 ? `.${frac}` : ''}`;
}

/** Whole cents, rounded half to even (banker's rounding, as ledgers do). */
export function moneyToCents(value: Money): bigint {
  const unit = MONEY_ONE / 100n;
  const negative = value < 0n;
  const abs = negative ? -value : value;
  let cents = abs / unit;
  const rem = abs % unit;
  if (rem * 2n > unit || (rem * 2n === unit && cents % 2n === 1n)) cents += 1n;
  return negative ? -cents : cents;
}

/** For display and ratios only; sums stay in bigint. */
export function moneyToNumber(value: Money): number {
  const whole = value / MONEY_ONE;
  return Number(whole) + Number(value - whole * MONEY_ONE) / Number(MONEY_ONE);
}

/** A JSON number (OpenCost) to money through its shortest decimal text, so 0.425469 stays exact. */
export function moneyFromNumber(value: number): Money | undefined {
  if (!Number.isFinite(value)) return undefined;
  return parseMoney(String(value));
}

/**
 * Splits `amount` into parts proportional to non-negative `weights` that add up to `amount`
 * exactly (largest remainder on pico-units; ties go to the earlier weight). Undefined when the
 * weights sum to zero: there is nothing to split by.
 */
export function splitMoney(amount: Money, weights: readonly bigint[]): Money[] | undefined {
  let total = 0n;
  for (const w of weights) {
    if (w < 0n) throw new RangeError('splitMoney: weights must not be negative');
    total += w;
  }
  if (total === 0n) return undefined;
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const parts: bigint[] = [];
  const remainders: { index: number; rem: bigint }[] = [];
  let assigned = 0n;
  weights.forEach((w, index) => {
    const product = abs * w;
    const part = product / total;
    parts.push(part);
    assigned += part;
    remainders.push({ index, rem: product % total });
  });
  let left = abs - assigned;
  remainders.sort((a, b) => (a.rem === b.rem ? a.index - b.index : a.rem > b.rem ? -1 : 1));
  for (let k = 0; left > 0n; k++, left--) {
    const r = remainders[k % remainders.length]!;
    parts[r.index] = parts[r.index]! + 1n;
  }
  return negative ? parts.map(p => -p) : parts;
}

/** Number weights (a business metric) as bigint weights with nine significant decimals. */
export function weightsFromNumbers(weights: readonly number[]): bigint[] {
  return weights.map(w => {
    if (!Number.isFinite(w) || w < 0)
      throw new RangeError(`weight ${w} is not a finite non-negative number`);
    return BigInt(Math.round(w * 1e9));
  });
}

/**
 * An amount as whole units plus pico-units (both the same sign, `|pico| < 10^12`), in plain
 * numbers: exact while `|units| < 10^15`, and no BigInt per row. `big` holds the amount instead
 * when it is larger than that (it is then the whole value and `units`, `pico` are 0).
 */
export interface MoneyParts {
  units: number;
  pico: number;
  big: bigint | null;
}

export function createMoneyParts(): MoneyParts {
  return { units: 0, pico: 0, big: null };
}

const PICO_SCALE = [1e12, 1e11, 1e10, 1e9, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 100, 10, 1];

/**
 * `parseMoney` into `out` without a BigInt for plain decimals (up to 15 integer and 12
 * fractional digits, no exponent); other forms go through `parseMoney`. False when the text is
 * not a number (`out` is then unspecified).
 */
export function parseMoneyInto(text: string, out: MoneyParts): boolean {
  const n = text.length;
  let i = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === 45 || first === 43) {
    negative = first === 45;
    i = 1;
  }
  const intStart = i;
  let units = 0;
  let c = 0;
  while (i < n) {
    c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    units = units * 10 + c;
    i++;
  }
  const intDigits = i - intStart;
  let pico = 0;
  let fracDigits = 0;
  if (i < n && text.charCodeAt(i) === 46) {
    i++;
    const fracStart = i;
    while (i < n) {
      c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      pico = pico * 10 + c;
      i++;
    }
    fracDigits = i - fracStart;
  }
  if (i === n && intDigits + fracDigits > 0 && intDigits <= 15 && fracDigits <= 12) {
    pico *= PICO_SCALE[fracDigits]!;
    out.units = negative ? -units : units;
    out.pico = negative ? -pico : pico;
    out.big = null;
    return true;
  }
  const v = parseMoney(text);
  if (v === undefined) return false;
  setMoneyParts(out, v);
  return true;
}

const PARTS_LIMIT = 10n ** 15n;

/** Writes an exact amount into `out` (numbers when small enough, else `big`). */
export function setMoneyParts(out: MoneyParts, v: Money): void {
  const units = v / MONEY_ONE;
  if (units < PARTS_LIMIT && units > -PARTS_LIMIT) {
    out.units = Number(units);
    out.pico = Number(v - units * MONEY_ONE);
    out.big = null;
  } else {
    out.units = 0;
    out.pico = 0;
    out.big = v;
  }
}

export function moneyOfParts(p: MoneyParts): Money {
  return p.big !== null ? p.big : BigInt(p.units) * MONEY_ONE + BigInt(p.pico);
}

// Sums in numbers stay exact below 2^53; each added part is below 10^15 (units) or 10^12
// (pico), so flushing to the bigint once either passes 2^52 keeps every step exact.
const FLUSH = 2 ** 52;

/** An exact running sum of money that adds `MoneyParts` without a BigInt per add. */
export class ExactSum {
  private units = 0;
  private pico = 0;
  private big = 0n;

  addParts(m: MoneyParts): void {
    if (m.big !== null) {
      this.big += m.big;
      return;
    }
    const u = (this.units += m.units);
    const p = (this.pico += m.pico);
    if (u > FLUSH || u < -FLUSH || p > FLUSH || p < -FLUSH) this.flush();
  }

  add(v: Money): void {
    this.big += v;
  }

  private flush(): void {
    this.big += BigInt(this.units) * MONEY_ONE + BigInt(this.pico);
    this.units = 0;
    this.pico = 0;
  }

  value(): Money {
    return this.big + BigInt(this.units) * MONEY_ONE + BigInt(this.pico);
  }
}
