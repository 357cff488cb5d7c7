/**
 * Inputs and outputs of the SLO maths. Times are unix seconds (float). All series are
 * column-oriented typed arrays so that 30 days of 1-minute points for thousands of SLOs
 * evaluate without per-sample allocation.
 */

/** Raw cumulative counter samples, as scraped. NaN marks a missing sample. */
export interface CounterSamples {
  timestamps: Float64Array;
  /** Either good or bad, as declared by `kind`. */
  events: Float64Array;
  total: Float64Array;
  kind: 'good' | 'bad';
}

/**
 * Prepared series: per-sample prefix sums of counter increases (resets and NaN handled), so that
 * the increase over any window is a difference of two entries found by binary search.
 * `badPrefix[i]` / `totalPrefix[i]` = events counted from the first valid sample up to sample i.
 */
export interface PreparedSeries {
  timestamps: Float64Array;
  badPrefix: Float64Array;
  totalPrefix: Float64Array;
}

export interface BudgetStatus {
  /** Allowed bad events in the window: (1 - objective) * total events. */
  totalEvents: number;
  consumedEvents: number;
  remainingEvents: number;
  /** consumed / allowed; > 1 when over-spent. null when the window has no traffic. */
  consumed: number | null;
  /** 1 - consumed; negative when over-spent. null when the window has no traffic. */
  remaining: number | null;
}

export interface BurnRate {
  /** Window label, e.g. `5m`, `30d`. */
  window: string;
  windowSeconds: number;
  /** Error ratio over the window / (1 - objective). null when the window has no traffic. */
  rate: number | null;
}

export interface AlertState {
  severity: 'page' | 'ticket';
  speed: 'quick' | 'slow';
  longWindow: string;
  shortWindow: string;
  factor: number;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  firing: boolean;
}

export interface SloEvaluation {
  at: number;
  objective: number;
  windowSeconds: number;
  windowStart: number;
  /** Good / total over the SLO window; null without traffic. */
  sli: number | null;
  goodEvents: number;
  totalEvents: number;
  budget: BudgetStatus;
  burnRates: BurnRate[];
  alerts: AlertState[];
  /** Seconds until the budget is spent at the current burn rate; 0 when already spent; null when not burning. */
  timeToExhaustionSeconds: number | null;
}

export interface BurndownPoint {
  t: number;
  /** Remaining budget fraction at t (1 at window start, can go negative). */
  remaining: number | null;
}

/** A burndown as columns: `remaining[i]` at `timestamps[i]`; NaN when the window has no traffic. */
export interface BurndownSeries {
  timestamps: Float64Array;
  remaining: Float64Array;
}

/** Options of `evaluateSlo`. */
export interface EvaluateOptions {
  /** Evaluation time (unix seconds); defaults to the series' last timestamp. */
  at?: number;
  /** Window of the burn rate that time to exhaustion projects; default 1h. */
  exhaustionWindowSeconds?: number;
  /** Burn-rate windows to report; default STANDARD_BURN_WINDOWS plus the SLO window. */
  burnWindows?: number[];
}
