import {
  moneyFromNumber,
  parseFocusTimestamp,
  normaliseTagKey,
  type FocusRow,
  type FocusRowError,
} from '@headroom/core';

/** One allocation of OpenCost's `/allocation/compute` (the fields Headroom reads). */
export interface OpenCostAllocation {
  name: string;
  properties?: {
    cluster?: string;
    namespace?: string;
    controller?: string;
    controllerKind?: string;
    pod?: string;
    container?: string;
    node?: string;
    labels?: Record<string, string>;
    [k: string]: unknown;
  };
  start: string;
  end: string;
  totalCost: number;
  cpuCost?: number;
  ramCost?: number;
  [k: string]: unknown;
}

export interface OpenCostOptions {
  /** OpenCost window: `2d`, `today`, `lastweek`, or `2024-09-01T00:00:00Z,2024-09-02T00:00:00Z`. */
  window: string;
  /** Property to aggregate by: `namespace`, `controller`, `label:app`, … */
  aggregate: string;
  /** One allocation set per step (e.g. `1d`), for daily rollups. */
  step?: string;
  /** OpenCost reports no currency; its prices are in this one. Default USD. */
  currency?: string;
  headers?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export class OpenCostError extends Error {}

/**
 * GETs `<baseUrl>/allocation/compute` (a base that already ends in `/allocation…` is used as
 * is) and maps every allocation to a cost row. Pull it on a schedule with the window that
 * schedule covers; a malformed allocation is an error entry, not a zero.
 */
export async function fetchOpenCostAllocations(
  baseUrl: string,
  options: OpenCostOptions,
): Promise<{
  url: string;
  sets: Record<string, OpenCostAllocation>[];
  rows: FocusRow[];
  errors: FocusRowError[];
}> {
  const base = baseUrl.replace(/\/+$/, '');
  const url = new URL(/\/allocation(\/compute)?$/.test(base) ? base : `${base}/allocation/compute`);
  url.searchParams.set('window', options.window);
  url.searchParams.set('aggregate', options.aggregate);
  if (options.step) url.searchParams.set('step', options.step);
  const signals = [AbortSignal.timeout(options.timeoutMs ?? 30_000)];
  if (options.signal) signals.push(options.signal);
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { accept: 'application/json', ...options.headers },
      signal: AbortSignal.any(signals),
    });
  } catch (e) {
    throw new OpenCostError(`GET ${url}: ${(e as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) throw new OpenCostError(`GET ${url}: HTTP ${res.status} ${text.slice(0, 200)}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new OpenCostError(`GET ${url}: the response is not JSON`);
  }
  const b = body as { code?: unknown; status?: unknown; data?: unknown; message?: unknown };
  if (b.code !== 200 || !Array.isArray(b.data)) {
    throw new OpenCostError(
      `GET ${url}: code ${JSON.stringify(b.code)}${b.message ? `: ${String(b.message)}` : ''} (expected code 200 and a data array)`,
    );
  }
  const sets = b.data as Record<string, OpenCostAllocation>[];
  const { rows, errors } = openCostToRows(sets, options);
  return { url: url.toString(), sets, rows, errors };
}

function monthBounds(t: number): [number, number] {
  const d = new Date(t * 1000);
  return [
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000,
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000,
  ];
}

/**
 * Allocation sets to rows: billed = effective = totalCost, the calendar month as billing
 * period, the allocation's properties and labels as tags (so `namespace` rules apply) and its
 * name as ResourceName (`__idle__`, `__unallocated__` stay visible as such). `line` is the
 * allocation's 1-based position across the sets.
 */
export function openCostToRows(
  sets: readonly Record<string, OpenCostAllocation>[],
  options: Pick<OpenCostOptions, 'aggregate' | 'currency'>,
): { rows: FocusRow[]; errors: FocusRowError[] } {
  const rows: FocusRow[] = [];
  const errors: FocusRowError[] = [];
  let position = 0;
  for (const set of sets) {
    for (const [key, a] of Object.entries(set ?? {})) {
      position++;
      const fail = (column: string, message: string) =>
        errors.push({ line: position, column, message: `allocation "${key}": ${message}` });
      if (a === null || typeof a !== 'object') {
        fail('(allocation)', 'is not an object');
        continue;
      }
      const start = typeof a.start === 'string' ? parseFocusTimestamp(a.start) : undefined;
      const end = typeof a.end === 'string' ? parseFocusTimestamp(a.end) : undefined;
      if (start === undefined) {
        fail('start', `start ${JSON.stringify(a.start)} is not a date-time`);
        continue;
      }
      if (end === undefined || end < start) {
        fail('end', `end ${JSON.stringify(a.end)} is not a date-time after start`);
        continue;
      }
      const cost = typeof a.totalCost === 'number' ? moneyFromNumber(a.totalCost) : undefined;
      if (cost === undefined) {
        fail('totalCost', `totalCost ${JSON.stringify(a.totalCost)} is not a number`);
        continue;
      }
      const tags: Record<string, string> = {};
      const props = a.properties ?? {};
      for (const [k, v] of Object.entries(props)) {
        if (typeof v === 'string') tags[normaliseTagKey(k)] = v;
      }
      for (const [k, v] of Object.entries(props.labels ?? {})) {
        const nk = normaliseTagKey(k);
        if (typeof v === 'string' && tags[nk] === undefined) tags[nk] = v;
      }
      // An allocation aggregated by a property is named by that property's value.
      const aggKey = normaliseTagKey(options.aggregate.replace(/^label:/, ''));
      if (tags[aggKey] === undefined && !key.startsWith('__')) tags[aggKey] = a.name ?? key;
      const [bpStart, bpEnd] = monthBounds(start);
      rows.push({
        line: position,
        billingAccountId: props.cluster ?? null,
        subAccountId: props.namespace ?? null,
        billingCurrency: options.currency ?? 'USD',
        billingPeriodStart: bpStart,
        billingPeriodEnd: bpEnd,
        chargePeriodStart: start,
        chargePeriodEnd: end,
        chargeCategory: 'Usage',
        chargeClass: null,
        chargeFrequency: 'Usage-Based',
        billedCost: cost,
        effectiveCost: cost,
        listCost: null,
        contractedCost: null,
        providerName: 'OpenCost',
        serviceName: 'Kubernetes',
        serviceCategory: 'Compute',
        resourceId: `${props.cluster ?? ''}/${a.name ?? key}`,
        resourceName: a.name ?? key,
        regionId: null,
        skuId: null,
        pricingCategory: null,
        commitmentDiscountId: null,
        commitmentDiscountStatus: null,
        consumedQuantity: null,
        tags: Object.freeze(tags),
      });
    }
  }
  return { rows, errors };
}
