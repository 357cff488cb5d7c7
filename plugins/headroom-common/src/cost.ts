import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The cost API's data shapes (`/api/headroom/cost/...`), shared by the backend and its clients.
 *
 * Money is always a decimal string (`"20.52022672899"`, at least two decimals, up to twelve),
 * never a float: sums of such strings are exact. Currencies are ISO 4217 codes. A period is
 * given twice: `period`, its start in unix seconds (UTC), and `date`, the same start as an ISO
 * date `YYYY-MM-DD` (day grain, billing periods) or month `YYYY-MM` (month grain).
 */

/** Read cost, drivers, rollups, reconciliation, unit cost and import runs. */
export const headroomCostReadPermission = createPermission({
  name: 'headroom.cost.read',
  attributes: { action: 'read' },
});

/** Run an import of a configured cost source, or upload a FOCUS file to one. */
export const headroomCostImportPermission = createPermission({
  name: 'headroom.cost.import',
  attributes: { action: 'create' },
});

export const headroomCostPermissions = [headroomCostReadPermission, headroomCostImportPermission];

/** A decimal amount of money as text, e.g. `"1234.50"` or `"-0.000000000001"`. */
export type CostAmount = string;

export type CostGrain = 'day' | 'month';
/** `billed`: BilledCost, the invoice. `effective`: EffectiveCost, amortised commitments included. */
export type CostView = 'billed' | 'effective';
export type CostRollupDimension = 'entity' | 'owner' | 'lineOfBusiness';
export type CostReconciliationGrain = 'billingPeriod' | 'month' | 'day';

/** Key of cost that no attribution rule placed; always present in rollups. */
export const COST_UNALLOCATED_KEY = '(unallocated)';
/** Key of an entity's cost when it has no owner or no line of business. */
export const COST_UNASSIGNED_KEY = '(unassigned)';

/**
 * One entity's cost in one period and currency, with the change from the previous period.
 * `previous` is `"0.00"` when the entity had no cost then, null before the data starts.
 */
export interface EntityPeriodCost {
  entityRef: string;
  period: number;
  date: string;
  currency: string;
  cost: CostAmount;
  previous: CostAmount | null;
  change: CostAmount | null;
  /** change / |previous|; null when previous is null or zero. */
  changeRatio: number | null;
  /**
   * Month to date: the data covers the first `days` of the month's `of`, and `previous` is the
   * same first days of the month before (core's `rollupCosts`).
   */
  partial?: { days: number; of: number };
}

/** `GET /cost/entities/{kind}/{namespace}/{name}?from&to&grain&view` */
export interface EntityCostResponse {
  entityRef: string;
  grain: CostGrain;
  view: CostView;
  items: EntityPeriodCost[];
}

/**
 * `GET /cost/lines-of-business/{lob}?from&to&grain&view`: every entity of the line of
 * business, for benchmarks. Entities are those whose cost was attributed with that line of
 * business at import time.
 */
export interface LineOfBusinessCostResponse {
  lineOfBusiness: string;
  grain: CostGrain;
  view: CostView;
  items: EntityPeriodCost[];
}

/** One slice of an entity's cost: what it was spent on. */
export interface CostDriver {
  /** FOCUS ServiceName, or null when the rows had none (or the cost is a shared split). */
  serviceName: string | null;
  /** FOCUS ChargeCategory (Usage, Purchase, Tax, Credit, Adjustment), null for a shared split. */
  chargeCategory: string | null;
  /** Set when the cost is this entity's part of a shared pool: the shared rule's id. */
  sharedRuleId: string | null;
  currency: string;
  cost: CostAmount;
  /** cost / the entity's total in that currency over the range; null when the total is zero. */
  share: number | null;
}

/** `GET /cost/entities/{kind}/{namespace}/{name}/drivers?from&to&view&limit`, largest first. */
export interface CostDriversResponse {
  entityRef: string;
  view: CostView;
  items: CostDriver[];
  /** Per currency: the entity's total over the range (the drivers add up to it). */
  totals: { currency: string; cost: CostAmount }[];
}

/** One row of a rollup: `key` is an entity ref, an owner ref, a line of business or a marker. */
export interface CostRollupRow {
  key: string;
  period: number;
  date: string;
  currency: string;
  cost: CostAmount;
  previous: CostAmount | null;
  change: CostAmount | null;
  changeRatio: number | null;
  /** Month to date: previous is the same first `days` of the month before. */
  partial?: { days: number; of: number };
}

/**
 * `GET /cost/rollup?by&grain&view&from&to[&format=csv]`. The CSV has the header
 * `key,date,period,currency,cost,previous,change,changeRatio`.
 */
export interface CostRollupResponse {
  by: CostRollupDimension;
  grain: CostGrain;
  view: CostView;
  items: CostRollupRow[];
}

/** Entities plus unallocated against the bill summed straight from the rows, in one view. */
export interface CostReconciliationRow {
  grain: CostReconciliationGrain;
  period: number;
  date: string;
  currency: string;
  view: CostView;
  bill: CostAmount;
  attributed: CostAmount;
  unallocated: CostAmount;
  /** (attributed + unallocated) − bill in whole cents, as an integer string. */
  differenceCents: string;
  ok: boolean;
}

/** `GET /cost/reconciliation?grain&from&to&sourceId` */
export interface CostReconciliationResponse {
  grain: CostReconciliationGrain;
  items: CostReconciliationRow[];
  /** True when every row reconciles to the cent. */
  ok: boolean;
}

/** How an import was started. */
export type CostImportTrigger = 'schedule' | 'request' | 'upload';
export type CostImportStatus = 'running' | 'succeeded' | 'failed';

/** A row of the input that was not imported (never counted as zero). */
export interface CostBadRow {
  /** The file (or `upload`, or the OpenCost URL) it came from. */
  file: string;
  /** 1-based line of the record (the header is line 1); an allocation's position for OpenCost. */
  line: number;
  column: string;
  message: string;
}

/** A (source, billing period, currency) slice an import wrote; re-importing it replaces it. */
export interface CostImportedPeriod {
  /** `<sourceId>#<BillingPeriodStart ISO>#<currency>` */
  key: string;
  currency: string;
  /** Billing period start as `YYYY-MM-DD`. */
  billingPeriodStart: string;
  billingPeriodEnd: string;
  rows: number;
  billed: CostAmount;
  effective: CostAmount;
}

/** `GET /cost/imports/{id}`, and the answer of the two POSTs. */
export interface CostImportRun {
  id: number;
  sourceId: string;
  trigger: CostImportTrigger;
  status: CostImportStatus;
  /** Who asked for it (user or service ref), or null for the scheduler. */
  requestedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** Rows imported. */
  rows: number;
  /** Rows refused, all counted; `badRowSamples` holds the first ones. */
  badRows: number;
  badRowSamples: CostBadRow[];
  periods: CostImportedPeriod[];
  /** Why the import failed (nothing was written then), or null. */
  error: string | null;
  /** Problems that did not stop the import, e.g. an entity with a malformed cost-tags annotation. */
  warnings: string[];
}

/** `GET /cost/imports?sourceId&limit`: newest first, without bad-row samples. */
export interface CostImportRunsResponse {
  items: CostImportRun[];
}

/** `POST /cost/imports`: run one configured source now. */
export interface CostImportRequest {
  sourceId: string;
}

/** A configured source as `GET /cost/sources` lists it (no locations or credentials). */
export interface CostSourceInfo {
  id: string;
  type: 'focus' | 'opencost' | 'upload';
  /** How often the scheduler imports it, in seconds; null when only on request. */
  scheduleSeconds: number | null;
  lastRun: CostImportRun | null;
}

export interface CostSourcesResponse {
  items: CostSourceInfo[];
}

/** Where a unit cost stands against its line of business's p25..p75 band. */
export type UnitCostPosition = 'below' | 'within' | 'above' | 'no-band' | 'no-unit-cost';

/** An entity's cost divided by its business driver in one period. */
export interface UnitCostRow {
  period: number;
  date: string;
  currency: string;
  cost: CostAmount;
  /** The driver's value for the period from Prometheus; null when it had none. */
  driver: number | null;
  /** cost / driver; null without a driver value or with a zero driver. */
  unitCost: number | null;
  /** The line of business's unit costs that period (at least three entities), or null. */
  band: { entities: number; p25: number; p50: number; p75: number } | null;
  position: UnitCostPosition;
  /** Outside the band (below p25 or above p75). */
  flagged: boolean;
}

/** `GET /cost/entities/{kind}/{namespace}/{name}/unit-cost?from&to&grain&view` */
export interface UnitCostResponse {
  entityRef: string;
  lineOfBusiness: string | null;
  grain: CostGrain;
  view: CostView;
  /** From `headroom.dev/unit-cost-query` and `headroom.dev/unit-cost-driver`; null when undeclared. */
  driver: { query: string; unit: string } | null;
  items: UnitCostRow[];
}
