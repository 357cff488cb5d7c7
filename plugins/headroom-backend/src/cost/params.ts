import { InputError } from '@backstage/errors';
import { DAY_SECONDS, dayStart, monthStart, previousMonthStart } from '@headroom/core';
import type {
  CostGrain,
  CostReconciliationGrain,
  CostRollupDimension,
  CostView,
} from '@headroom/plugin-headroom-common';

/** Query parameters of one request, each read once; every error names the parameter. */
export class CostParams {
  private readonly used = new Set<string>();

  constructor(
    private readonly query: Record<string, unknown>,
    private readonly where: string,
  ) {}

  private raw(name: string): string | undefined {
    this.used.add(name);
    const v = this.query[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      throw new InputError(`Query parameter ${name} of ${this.where} must be given once`);
    }
    return v;
  }

  private fail(name: string, expected: string, got: string): never {
    throw new InputError(
      `Query parameter ${name} of ${this.where} must be ${expected}, got '${got}'`,
    );
  }

  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const v = this.raw(name);
    if (v === undefined || v === '') return fallback;
    if (!(choices as readonly string[]).includes(v))
      this.fail(name, `one of ${choices.join(', ')}`, v);
    return v as T;
  }

  grain(): CostGrain {
    return this.choice('grain', ['day', 'month'], 'day');
  }

  view(): CostView {
    return this.choice('view', ['billed', 'effective'], 'effective');
  }

  by(): CostRollupDimension {
    return this.choice('by', ['entity', 'owner', 'lineOfBusiness'], 'entity');
  }

  reconciliationGrain(): CostReconciliationGrain {
    return this.choice('grain', ['billingPeriod', 'month', 'day'], 'billingPeriod');
  }

  /**
   * A time as unix seconds, or an ISO date (`2024-09-01`), month (`2024-09`) or date-time
   * (`2024-09-01T12:00:00Z`), all UTC.
   */
  time(name: string): number | undefined {
    const v = this.raw(name);
    if (v === undefined || v === '') return undefined;
    const t = parseCostTime(v);
    if (t === undefined) {
      this.fail(name, 'unix seconds or an ISO date (YYYY-MM-DD, YYYY-MM or a date-time)', v);
    }
    return t;
  }

  /** `from` and `to` (exclusive), checked to be in order. */
  range(): { from?: number; to?: number } {
    const from = this.time('from');
    const to = this.time('to');
    if (from !== undefined && to !== undefined && !(to > from)) {
      throw new InputError(
        `Query parameters from and to of ${this.where}: to (${to}) must be after from (${from})`,
      );
    }
    return { from, to };
  }

  integer(name: string, min: number, max: number, fallback: number): number {
    const v = this.raw(name);
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) {
      this.fail(name, `an integer from ${min} to ${max}`, v);
    }
    return n;
  }

  string(name: string): string | undefined {
    const v = this.raw(name);
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  }

  /** Refuses parameters this endpoint does not know (a typo would otherwise be ignored). */
  done(): void {
    const unknown = Object.keys(this.query).filter(k => !this.used.has(k));
    if (unknown.length > 0) {
      throw new InputError(
        `Unknown query parameter ${unknown.join(', ')} of ${this.where}; known: ${[...this.used].join(', ')}`,
      );
    }
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/** Unix seconds of a unix-seconds or ISO text, undefined when it is neither. */
export function parseCostTime(text: string): number | undefined {
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    return Number.isFinite(n) ? n : undefined;
  }
  const d = ISO_DATE.exec(text);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), d[3] === undefined ? 1 : Number(d[3])];
    const t = Date.UTC(y, m - 1, day);
    const back = new Date(t);
    // 2024-02-30 is not a date, even though Date.UTC would roll it into March.
    if (m < 1 || m > 12 || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== day) {
      return undefined;
    }
    return t / 1000;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/** `2024-09-01` for day grain and billing periods, `2024-09` for months. */
export function dateOf(period: number, grain: CostGrain | CostReconciliationGrain): string {
  const iso = new Date(period * 1000).toISOString();
  return grain === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
}

/** Start of the period after the one starting at `period`. */
export function nextPeriod(period: number, grain: CostGrain): number {
  return grain === 'day' ? period + DAY_SECONDS : monthStart(period + 32 * DAY_SECONDS);
}

export function periodStart(t: number, grain: CostGrain): number {
  return grain === 'day' ? dayStart(t) : monthStart(t);
}

/**
 * The days of stored cells a request needs: the periods overlapping [from, to), and the one
 * before the first, which its period-over-period change compares with.
 */
export function loadWindow(
  range: { from?: number; to?: number },
  grain: CostGrain,
): { fromDay?: number; toDay?: number } {
  let fromDay: number | undefined;
  if (range.from !== undefined) {
    const first = periodStart(range.from, grain);
    fromDay = grain === 'day' ? first - DAY_SECONDS : previousMonthStart(first);
  }
  const toDay =
    range.to === undefined ? undefined : nextPeriod(periodStart(range.to - 0.001, grain), grain);
  return { fromDay, toDay };
}

/** Whether the period starting at `period` overlaps [from, to). */
export function overlaps(
  period: number,
  grain: CostGrain,
  range: { from?: number; to?: number },
): boolean {
  if (range.to !== undefined && !(period < range.to)) return false;
  if (range.from !== undefined && !(nextPeriod(period, grain) > range.from)) return false;
  return true;
}
