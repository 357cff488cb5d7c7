import type { Attribution, Attributor, CompiledSplit } from './attribution';
import { ExactSum, splitMoney, weightsFromNumbers, type Money } from './decimal';
import { dayStart } from './time';
import type { FocusRow, FocusRowParts } from './types';

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

/** A cell while rows stream in: exact sums in parts (see `ExactSum`). */
interface OpenCell {
  entityRef: string | null;
  ruleId: string | null;
  split: CompiledSplit | undefined;
  billed: ExactSum;
  effective: ExactSum;
  rows: number;
}

/** Everything of one currency, billing period and UTC day: the bill as stated and its cells. */
interface Slice {
  currency: string;
  billingPeriodStart: number;
  billingPeriodEnd: number;
  day: number;
  billed: ExactSum;
  effective: ExactSum;
  list: ExactSum;
  rows: number;
  /** Rule id → entity ref → cell (null keys: unallocated / no rule). */
  cells: Map<string | null, Map<string | null, OpenCell>>;
}

interface MutableCell extends CostCell {
  split?: CompiledSplit;
}

const UNALLOCATED: Attribution = { entityRef: null, ruleId: null };

/**
 * The open sums of a `CostAggregator` as plain data (exact bigint sums; structured-clone safe),
 * in the order the aggregator first saw each slice and cell: what one part of a split import
 * hands back to be merged.
 */
export interface CostAggregatorState {
  slices: {
    currency: string;
    billingPeriodStart: number;
    billingPeriodEnd: number;
    day: number;
    billed: Money;
    effective: Money;
    list: Money;
    rows: number;
    cells: {
      entityRef: string | null;
      ruleId: string | null;
      split?: CompiledSplit;
      billed: Money;
      effective: Money;
      rows: number;
    }[];
  }[];
}

/**
 * Streams attributed rows into cells. Memory grows with entities × rules × days × currencies,
 * never with rows. `finish()` splits the shared pools and returns plain data.
 */
export class CostAggregator {
  private readonly slices = new Map<string, Slice>();
  /** The slice each currency's last row went to: rows come roughly in time order. */
  private readonly lastSlice = new Map<string, Slice>();

  constructor(private readonly attributor?: Pick<Attributor, 'attribute'>) {}

  private slice(currency: string, bp: number, bpEnd: number, day: number): Slice {
    let s = this.lastSlice.get(currency);
    if (s !== undefined && s.day === day && s.billingPeriodStart === bp) return s;
    const key = `${currency}\t${bp}\t${day}`;
    s = this.slices.get(key);
    if (s === undefined) {
      s = {
        currency,
        billingPeriodStart: bp,
        billingPeriodEnd: bpEnd,
        day,
        billed: new ExactSum(),
        effective: new ExactSum(),
        list: new ExactSum(),
        rows: 0,
        cells: new Map(),
      };
      this.slices.set(key, s);
    }
    this.lastSlice.set(currency, s);
    return s;
  }

  private cell(s: Slice, a: Attribution): OpenCell {
    return this.openCell(s, a.ruleId, a.entityRef, a.shared);
  }

  private openCell(
    s: Slice,
    ruleId: string | null,
    entityRef: string | null,
    split: CompiledSplit | undefined,
  ): OpenCell {
    let byEntity = s.cells.get(ruleId);
    if (byEntity === undefined) {
      byEntity = new Map();
      s.cells.set(ruleId, byEntity);
    }
    let c = byEntity.get(entityRef);
    if (c === undefined) {
      c = {
        entityRef,
        ruleId,
        split,
        billed: new ExactSum(),
        effective: new ExactSum(),
        rows: 0,
      };
      byEntity.set(entityRef, c);
    }
    return c;
  }

  add(row: FocusRow, attribution?: Attribution): void {
    const a = attribution ?? this.attributor?.attribute(row) ?? UNALLOCATED;
    const s = this.slice(
      row.billingCurrency,
      row.billingPeriodStart,
      row.billingPeriodEnd,
      dayStart(row.chargePeriodStart),
    );
    s.billed.add(row.billedCost);
    s.effective.add(row.effectiveCost);
    if (row.listCost !== null) s.list.add(row.listCost);
    s.rows++;
    if (row.billingPeriodEnd > s.billingPeriodEnd) s.billingPeriodEnd = row.billingPeriodEnd;
    const c = this.cell(s, a);
    c.billed.add(row.billedCost);
    c.effective.add(row.effectiveCost);
    c.rows++;
  }

  /** `add` for a row filled in place by `normaliseInto`: no BigInt, no key string per row. */
  addParts(row: FocusRowParts, attribution?: Attribution): void {
    const a = attribution ?? this.attributor?.attribute(row) ?? UNALLOCATED;
    const s = this.slice(
      row.billingCurrency,
      row.billingPeriodStart,
      row.billingPeriodEnd,
      dayStart(row.chargePeriodStart),
    );
    s.billed.addParts(row.billed);
    s.effective.addParts(row.effective);
    if (row.hasList) s.list.addParts(row.list);
    s.rows++;
    if (row.billingPeriodEnd > s.billingPeriodEnd) s.billingPeriodEnd = row.billingPeriodEnd;
    const c = this.cell(s, a);
    c.billed.addParts(row.billed);
    c.effective.addParts(row.effective);
    c.rows++;
  }

  /** The sums so far, for `merge` into another aggregator (see `CostAggregatorState`). */
  state(): CostAggregatorState {
    const slices: CostAggregatorState['slices'] = [];
    for (const s of this.slices.values()) {
      const cells: CostAggregatorState['slices'][number]['cells'] = [];
      for (const byEntity of s.cells.values()) {
        for (const c of byEntity.values()) {
          cells.push({
            entityRef: c.entityRef,
            ruleId: c.ruleId,
            ...(c.split ? { split: c.split } : {}),
            billed: c.billed.value(),
            effective: c.effective.value(),
            rows: c.rows,
          });
        }
      }
      slices.push({
        currency: s.currency,
        billingPeriodStart: s.billingPeriodStart,
        billingPeriodEnd: s.billingPeriodEnd,
        day: s.day,
        billed: s.billed.value(),
        effective: s.effective.value(),
        list: s.list.value(),
        rows: s.rows,
        cells,
      });
    }
    return { slices };
  }

  /**
   * Adds another aggregator's sums. Sums are exact, so the result does not depend on how rows
   * were divided; merging the parts of a file in file order also keeps the order of cells that
   * reading it whole gives.
   */
  merge(state: CostAggregatorState): void {
    for (const m of state.slices) {
      const s = this.slice(m.currency, m.billingPeriodStart, m.billingPeriodEnd, m.day);
      s.billed.add(m.billed);
      s.effective.add(m.effective);
      s.list.add(m.list);
      s.rows += m.rows;
      if (m.billingPeriodEnd > s.billingPeriodEnd) s.billingPeriodEnd = m.billingPeriodEnd;
      for (const mc of m.cells) {
        const c = this.openCell(s, mc.ruleId, mc.entityRef, mc.split);
        c.billed.add(mc.billed);
        c.effective.add(mc.effective);
        c.rows += mc.rows;
      }
    }
  }

  finish(): CostAggregates {
    const direct: CostCell[] = [];
    const pools: MutableCell[] = [];
    const bill = new Map<string, BillTotal>();
    const days = new Map<string, DayTotal>();
    for (const s of this.slices.values()) {
      const billed = s.billed.value();
      const effective = s.effective.value();
      const billKey = `${s.currency}\t${s.billingPeriodStart}`;
      const b = bill.get(billKey);
      if (b === undefined) {
        bill.set(billKey, {
          currency: s.currency,
          billingPeriodStart: s.billingPeriodStart,
          billingPeriodEnd: s.billingPeriodEnd,
          billed,
          effective,
          list: s.list.value(),
          rows: s.rows,
        });
      } else {
        b.billed += billed;
        b.effective += effective;
        b.list += s.list.value();
        b.rows += s.rows;
        if (s.billingPeriodEnd > b.billingPeriodEnd) b.billingPeriodEnd = s.billingPeriodEnd;
      }
      const dayKey = `${s.currency}\t${s.day}`;
      const d = days.get(dayKey);
      if (d === undefined) {
        days.set(dayKey, { currency: s.currency, day: s.day, billed, effective, rows: s.rows });
      } else {
        d.billed += billed;
        d.effective += effective;
        d.rows += s.rows;
      }
      for (const byEntity of s.cells.values()) {
        for (const c of byEntity.values()) {
          const cell: MutableCell = {
            entityRef: c.entityRef,
            ruleId: c.ruleId,
            currency: s.currency,
            billingPeriodStart: s.billingPeriodStart,
            day: s.day,
            billed: c.billed.value(),
            effective: c.effective.value(),
            rows: c.rows,
          };
          if (c.split) {
            cell.split = c.split;
            pools.push(cell);
          } else direct.push(cell);
        }
      }
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
      bill: [...bill.values()],
      days: [...days.values()],
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
