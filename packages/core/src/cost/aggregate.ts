import type { Attribution, Attributor, CompiledSplit } from './attribution';
import { splitMoney, weightsFromNumbers, type Money } from './decimal';
import { dayStart } from './time';
import type { FocusRow } from './types';

/**
 * Cost of one entity (null: unallocated), through one rule, in one currency, billing period
 * and UTC day (of ChargePeriodStart). Every rollup is a sum of cells; cells are what a store
 * keeps. `rows` counts source rows placed directly; parts of a shared split carry 0.
 */
export interface CostCell {
  entityRef: string | null;
  ruleId: string | null;
  currency: string;
  billingPeriodStart: number;
  day: number;
  billed: Money;
  effective: Money;
  rows: number;
}

/** The bill as the file states it, summed straight from the rows (not through attribution). */
export interface BillTotal {
  currency: string;
  billingPeriodStart: number;
  billingPeriodEnd: number;
  billed: Money;
  effective: Money;
  list: Money;
  rows: number;
}

export interface DayTotal {
  currency: string;
  day: number;
  billed: Money;
  effective: Money;
  rows: number;
}

/** A shared pool before its split: which rule, how much, and whether it found weights. */
export interface SharedPool {
  ruleId: string;
  by: CompiledSplit['by'];
  currency: string;
  billingPeriodStart: number;
  day: number;
  billed: Money;
  effective: Money;
  rows: number;
  /** False when every weight was zero (usage split on a day without usage): left unallocated. */
  split: boolean;
}

export interface CostAggregates {
  cells: CostCell[];
  bill: BillTotal[];
  days: DayTotal[];
  shared: SharedPool[];
}

interface MutableCell extends CostCell {
  split?: CompiledSplit;
}

/**
 * Streams attributed rows into cells. Memory grows with entities × rules × days × currencies,
 * never with rows. `finish()` splits the shared pools and returns plain data.
 */
export class CostAggregator {
  private readonly cells = new Map<string, MutableCell>();
  private readonly bill = new Map<string, BillTotal>();
  private readonly days = new Map<string, DayTotal>();

  constructor(private readonly attributor?: Pick<Attributor, 'attribute'>) {}

  add(row: FocusRow, attribution?: Attribution): void {
    const a = attribution ?? this.attributor?.attribute(row) ?? { entityRef: null, ruleId: null };
    const day = dayStart(row.chargePeriodStart);
    const currency = row.billingCurrency;
    const bp = row.billingPeriodStart;

    const billKey = `${currency}\t${bp}`;
    let b = this.bill.get(billKey);
    if (b === undefined) {
      b = {
        currency,
        billingPeriodStart: bp,
        billingPeriodEnd: row.billingPeriodEnd,
        billed: 0n,
        effective: 0n,
        list: 0n,
        rows: 0,
      };
      this.bill.set(billKey, b);
    }
    b.billed += row.billedCost;
    b.effective += row.effectiveCost;
    if (row.listCost !== null) b.list += row.listCost;
    b.rows++;
    if (row.billingPeriodEnd > b.billingPeriodEnd) b.billingPeriodEnd = row.billingPeriodEnd;

    const dayKey = `${currency}\t${day}`;
    let d = this.days.get(dayKey);
    if (d === undefined) {
      d = { currency, day, billed: 0n, effective: 0n, rows: 0 };
      this.days.set(dayKey, d);
    }
    d.billed += row.billedCost;
    d.effective += row.effectiveCost;
    d.rows++;

    const key = `${a.entityRef ?? ''}\t${a.ruleId ?? ''}\t${currency}\t${bp}\t${day}`;
    let c = this.cells.get(key);
    if (c === undefined) {
      c = {
        entityRef: a.entityRef,
        ruleId: a.ruleId,
        currency,
        billingPeriodStart: bp,
        day,
        billed: 0n,
        effective: 0n,
        rows: 0,
      };
      if (a.shared) c.split = a.shared;
      this.cells.set(key, c);
    }
    c.billed += row.billedCost;
    c.effective += row.effectiveCost;
    c.rows++;
  }

  finish(): CostAggregates {
    const direct: CostCell[] = [];
    const pools: MutableCell[] = [];
    for (const c of this.cells.values()) {
      if (c.split) pools.push(c);
      else direct.push(strip(c));
    }
    // Usage weights: each entity's directly attributed cost per currency, billing period and day.
    const usage = new Map<string, { billed: Money; effective: Money }>();
    for (const c of direct) {
      if (c.entityRef === null) continue;
      const k = `${c.entityRef}\t${c.currency}\t${c.billingPeriodStart}\t${c.day}`;
      const u = usage.get(k) ?? { billed: 0n, effective: 0n };
      u.billed += c.billed;
      u.effective += c.effective;
      usage.set(k, u);
    }
    const out = [...direct];
    const shared: SharedPool[] = [];
    for (const pool of pools) {
      const split = pool.split!;
      let billedWeights: bigint[];
      let effectiveWeights: bigint[];
      if (split.by === 'even') {
        billedWeights = effectiveWeights = split.among.map(() => 1n);
      } else if (split.by === 'metric') {
        billedWeights = effectiveWeights = weightsFromNumbers(split.weights ?? []);
      } else {
        const us = split.among.map(ref =>
          usage.get(`${ref}\t${pool.currency}\t${pool.billingPeriodStart}\t${pool.day}`),
        );
        // Negative direct cost (a credit larger than usage) gives no claim on shared cost.
        billedWeights = us.map(u => (u && u.billed > 0n ? u.billed : 0n));
        effectiveWeights = us.map(u => (u && u.effective > 0n ? u.effective : 0n));
      }
      const billedParts = splitMoney(pool.billed, billedWeights);
      const effectiveParts = splitMoney(pool.effective, effectiveWeights);
      const ok = billedParts !== undefined && effectiveParts !== undefined;
      shared.push({
        ruleId: split.ruleId,
        by: split.by,
        currency: pool.currency,
        billingPeriodStart: pool.billingPeriodStart,
        day: pool.day,
        billed: pool.billed,
        effective: pool.effective,
        rows: pool.rows,
        split: ok,
      });
      if (!ok) {
        out.push(strip(pool));
        continue;
      }
      split.among.forEach((ref, i) => {
        const billed = billedParts[i]!;
        const effective = effectiveParts[i]!;
        if (billed === 0n && effective === 0n) return;
        out.push({
          entityRef: ref,
          ruleId: split.ruleId,
          currency: pool.currency,
          billingPeriodStart: pool.billingPeriodStart,
          day: pool.day,
          billed,
          effective,
          rows: 0,
        });
      });
    }
    return {
      cells: out,
      bill: [...this.bill.values()].map(b => ({ ...b })),
      days: [...this.days.values()].map(d => ({ ...d })),
      shared,
    };
  }
}

function strip(c: MutableCell): CostCell {
  return {
    entityRef: c.entityRef,
    ruleId: c.ruleId,
    currency: c.currency,
    billingPeriodStart: c.billingPeriodStart,
    day: c.day,
    billed: c.billed,
    effective: c.effective,
    rows: c.rows,
  };
}

/** Adds the cells of several imports (folders of files, several accounts) into one set. */
export function mergeCostAggregates(parts: readonly CostAggregates[]): CostAggregates {
  const cells = new Map<string, CostCell>();
  const bill = new Map<string, BillTotal>();
  const days = new Map<string, DayTotal>();
  const shared: SharedPool[] = [];
  for (const p of parts) {
    for (const c of p.cells) {
      const k = `${c.entityRef ?? ''}\t${c.ruleId ?? ''}\t${c.currency}\t${c.billingPeriodStart}\t${c.day}`;
      const m = cells.get(k);
      if (m) {
        m.billed += c.billed;
        m.effective += c.effective;
        m.rows += c.rows;
      } else cells.set(k, { ...c });
    }
    for (const b of p.bill) {
      const k = `${b.currency}\t${b.billingPeriodStart}`;
      const m = bill.get(k);
      if (m) {
        m.billed += b.billed;
        m.effective += b.effective;
        m.list += b.list;
        m.rows += b.rows;
        if (b.billingPeriodEnd > m.billingPeriodEnd) m.billingPeriodEnd = b.billingPeriodEnd;
      } else bill.set(k, { ...b });
    }
    for (const d of p.days) {
      const k = `${d.currency}\t${d.day}`;
      const m = days.get(k);
      if (m) {
        m.billed += d.billed;
        m.effective += d.effective;
        m.rows += d.rows;
      } else days.set(k, { ...d });
    }
    shared.push(...p.shared);
  }
  return { cells: [...cells.values()], bill: [...bill.values()], days: [...days.values()], shared };
}
