import { formatMoney, type Money } from '@headroom/core';
import type { CostStore } from '../cost/CostStore';
import type { CostPoint, EntityCostReader } from './costData';

const DAY = 86_400;

/**
 * The cost store as optimisation reads it: an entity's effective cost (amortised commitments and
 * credits included: what the entity really costs) per UTC day and currency, summed over sources
 * and attribution rules. Days are whole: [from, to) is widened to the days it touches.
 */
export function costStoreReader(store: Pick<CostStore, 'cells'>): EntityCostReader {
  const days = (from: Date, to: Date) => ({
    fromDay: Math.floor(from.getTime() / 1000 / DAY) * DAY,
    toDay: Math.ceil(to.getTime() / 1000 / DAY) * DAY,
  });
  return {
    async costSeries(entityRef, from, to) {
      const cells = await store.cells({ ...days(from, to), entityRef });
      const sums = new Map<string, { day: number; currency: string; cost: Money }>();
      for (const c of cells) {
        const key = `${c.day}|${c.currency}`;
        const s = sums.get(key);
        if (s) s.cost += c.effective;
        else sums.set(key, { day: c.day, currency: c.currency, cost: c.effective });
      }
      return [...sums.values()]
        .sort((a, b) => a.day - b.day || a.currency.localeCompare(b.currency))
        .map((s): CostPoint => ({
          start: s.day,
          stepSeconds: DAY,
          cost: formatMoney(s.cost),
          currency: s.currency,
        }));
    },
    async entities(from, to) {
      const cells = await store.cells(days(from, to));
      const refs = new Set<string>();
      for (const c of cells) if (c.entityRef) refs.add(c.entityRef);
      return [...refs].sort();
    },
  };
}
