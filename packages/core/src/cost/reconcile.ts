import type { CostAggregates } from './aggregate';
import { moneyToCents, type Money } from './decimal';
import { monthStart } from './time';
import type { CostView } from './rollup';

export type ReconcileGrain = 'billingPeriod' | 'day' | 'month';

export interface Reconciliation {
  grain: ReconcileGrain;
  period: number;
  currency: string;
  view: CostView;
  /** What the rows say. */
  bill: Money;
  /** Sum over entities (direct and shared parts). */
  attributed: Money;
  unallocated: Money;
  /** (attributed + unallocated) − bill, in whole cents after rounding each side. */
  differenceCents: bigint;
  ok: boolean;
}

/**
 * Checks that every period's bill is fully accounted for: entities plus unallocated equal the
 * bill to the cent, in both views. The bill side is summed from rows, independently of rules.
 */
export function reconcileCosts(
  aggregates: CostAggregates,
  grain: ReconcileGrain = 'billingPeriod',
): Reconciliation[] {
  const bills = new Map<
    string,
    { period: number; currency: string; billed: Money; effective: Money }
  >();
  const add = (period: number, currency: string, billed: Money, effective: Money) => {
    const k = `${currency}\t${period}`;
    const b = bills.get(k);
    if (b) {
      b.billed += billed;
      b.effective += effective;
    } else bills.set(k, { period, currency, billed, effective });
  };
  if (grain === 'billingPeriod')
    for (const b of aggregates.bill) add(b.billingPeriodStart, b.currency, b.billed, b.effective);
  else
    for (const d of aggregates.days)
      add(grain === 'day' ? d.day : monthStart(d.day), d.currency, d.billed, d.effective);

  const sides = new Map<
    string,
    { billed: Money; effective: Money; unBilled: Money; unEffective: Money }
  >();
  for (const c of aggregates.cells) {
    const period =
      grain === 'billingPeriod'
        ? c.billingPeriodStart
        : grain === 'day'
          ? c.day
          : monthStart(c.day);
    const k = `${c.currency}\t${period}`;
    let s = sides.get(k);
    if (!s) sides.set(k, (s = { billed: 0n, effective: 0n, unBilled: 0n, unEffective: 0n }));
    if (c.entityRef === null) {
      s.unBilled += c.billed;
      s.unEffective += c.effective;
    } else {
      s.billed += c.billed;
      s.effective += c.effective;
    }
  }
  for (const k of sides.keys()) {
    if (!bills.has(k)) {
      const [currency, period] = k.split('\t');
      bills.set(k, { period: Number(period), currency: currency!, billed: 0n, effective: 0n });
    }
  }
  const out: Reconciliation[] = [];
  for (const [k, b] of bills) {
    const s = sides.get(k) ?? { billed: 0n, effective: 0n, unBilled: 0n, unEffective: 0n };
    for (const view of ['billed', 'effective'] as const) {
      const bill = view === 'billed' ? b.billed : b.effective;
      const attributed = view === 'billed' ? s.billed : s.effective;
      const unallocated = view === 'billed' ? s.unBilled : s.unEffective;
      const differenceCents = moneyToCents(attributed + unallocated) - moneyToCents(bill);
      out.push({
        grain,
        period: b.period,
        currency: b.currency,
        view,
        bill,
        attributed,
        unallocated,
        differenceCents,
        ok: differenceCents === 0n,
      });
    }
  }
  out.sort(
    (a, b) =>
      a.period - b.period || a.currency.localeCompare(b.currency) || a.view.localeCompare(b.view),
  );
  return out;
}
