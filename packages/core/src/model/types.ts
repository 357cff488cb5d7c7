/**
 * Headroom's normalised SLO model. Every supported input format (OpenSLO v1 and v1alpha,
 * Sloth prometheus/v1, Pyrra ServiceLevelObjective) is parsed into this one shape; the engine,
 * the rule generator, the backend and the plugins only ever see this.
 *
 * One `Slo` has exactly one objective (as in Sloth and Pyrra). An OpenSLO document with several
 * objectives becomes several `Slo`s, named `<name>-<slug(objective displayName)>` (or
 * `<name>-<index>`); a single objective keeps `<name>`. See `objectiveNames` and the README.
 */

/** Where a definition came from, so that every error and every rule can point back to it. */
export interface SloSource {
  /** The file name (or URL, or request id) the document was read from. */
  file: string;
  /** 0-based index of the YAML document in a multi-document file. */
  docIndex: number;
  /** The input format. */
  format: SloFormat;
  /**
   * The Kubernetes resource the SLO was declared in (Sloth PrometheusServiceLevel, Pyrra
   * ServiceLevelObjective). Its metadata labels the generated PrometheusRule, not the series.
   */
  resource?: {
    name?: string;
    namespace?: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
  /**
   * The name Sloth gives this SLO when it differs from `name`: each objective of an OpenSLO
   * v1alpha SLO is `<metadata.name>-<objective index>` in Sloth's series.
   */
  slothName?: string;
}

export type SloFormat =
  'openslo/v1' | 'openslo/v1alpha' | 'sloth/v1' | 'pyrra/v1alpha1' | 'headroom';

/** A query against a metrics backend. */
export interface MetricQuery {
  /** Backend type, lower-cased: `prometheus` for everything the engine can evaluate. */
  source: string;
  /** The query text. */
  query: string;
  /**
   * True when the query is a complete windowed expression with Sloth's `{{.window}}` placeholder
   * (e.g. `sum(rate(x[{{.window}}]))`); false when it is a counter selector (Pyrra style,
   * e.g. `http_requests_total{code=~"5.."}`) that the rule generator wraps in rate()/increase().
   */
  windowed: boolean;
}

/**
 * The service level indicator.
 * - `ratio`: events; `good` or `bad` (exactly one) over `total`.
 * - `rawErrorRatio`: a query that already returns the error ratio over `{{.window}}` (Sloth `sli.raw`).
 * - `threshold`: a gauge compared with the objective's `op`/`value` (OpenSLO thresholdMetric),
 *   evaluated per time slice.
 */
export type Indicator =
  | { kind: 'ratio'; good?: MetricQuery; bad?: MetricQuery; total: MetricQuery }
  | { kind: 'rawErrorRatio'; errorRatio: MetricQuery }
  | { kind: 'threshold'; metric: MetricQuery };

export type BudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';

export type ComparisonOp = 'lt' | 'lte' | 'gt' | 'gte';

export interface Objective {
  displayName?: string;
  /** Target as a fraction in (0, 1): 0.999 for 99.9 %. */
  target: number;
  /** For thresholdMetric indicators: a value is good when `value op threshold` holds. */
  op?: ComparisonOp;
  value?: number;
  /** Timeslices budgeting: a slice is good when its own ratio is >= this. */
  timeSliceTarget?: number;
  /** Timeslices budgeting: the slice length in seconds. */
  timeSliceWindowSeconds?: number;
}

export interface TimeWindow {
  /** As written, e.g. `30d`, `2w`, `1M`. */
  duration: string;
  /** Length in seconds (a calendar month counts as 30 days for rates and factors). */
  seconds: number;
  isRolling: boolean;
  /** Calendar-aligned windows: the start of the first period and its time zone. */
  calendar?: { startTime: string; timeZone: string };
  /** Calendar-aligned unit when the duration is a calendar period. */
  calendarUnit?: 'day' | 'week' | 'month' | 'quarter' | 'year';
}

export type AlertSeverity = 'page' | 'ticket';

/**
 * One multi-window burn-rate condition: fires when the burn rate over both the long and the short
 * window exceeds `factor`. `factor = errorBudgetPercent/100 * period / longWindow` (Sloth's formula).
 */
export interface AlertWindow {
  severity: AlertSeverity;
  /** `quick` or `slow`, as in Sloth's AlertWindows. */
  speed: 'quick' | 'slow';
  errorBudgetPercent: number;
  longWindowSeconds: number;
  shortWindowSeconds: number;
  factor: number;
}

export interface AlertingSpec {
  /** Alert name used by generated alerting rules. */
  name?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  page: { enabled: boolean; labels: Record<string, string>; annotations: Record<string, string> };
  ticket: { enabled: boolean; labels: Record<string, string>; annotations: Record<string, string> };
  /** The resolved windows (defaults scaled to the SLO period, or an explicit override). */
  windows: AlertWindow[];
}

export interface Slo {
  /** Unique within a service. */
  name: string;
  displayName?: string;
  description?: string;
  service: string;
  /** Owner group (Backstage entity ref or plain name), when known. */
  owner?: string;
  lineOfBusiness?: string;
  /** Extra labels carried into generated rules. */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  indicator: Indicator;
  objective: Objective;
  window: TimeWindow;
  budgetingMethod: BudgetingMethod;
  alerting: AlertingSpec;
  runbookUrl?: string;
  dashboardUrl?: string;
  /** Labels the SLI is computed per (Pyrra `grouping`): one budget per label-value combination. */
  grouping?: string[];
  /** What Sloth's SLO plugins change in the generated rules (see `RuleCustomisation`). */
  rules?: RuleCustomisation;
  source: SloSource;
}

/**
 * The effect of the Sloth SLO plugins Headroom implements, as the rule generator applies it.
 * Plugins that have no effect on rules (`sloth.dev/core/debug/v1`, `noop`, `validate`) leave
 * nothing here; plugins Headroom cannot honour are refused by the parser.
 */
export interface RuleCustomisation {
  /** `sloth.dev/contrib/info_labels/v1`: extra labels on one metadata series (default `sloth_slo_info`). */
  infoLabels?: { metric?: string; labels: Record<string, string> };
  /** `sloth.dev/contrib/rule_intervals/v1`: evaluation interval per rule group. */
  intervals?: { sli?: string; metadata?: string; alert?: string };
  /** `sloth.dev/contrib/denominator_corrected_rules/v1`: error counts corrected by the traffic share of each window. */
  denominatorCorrected?: boolean;
  /** `disableOptimized` of `sloth.dev/core/sli_rules/v1` (or of the denominator plugin): the period ratio from the raw queries. */
  exactPeriodRatio?: boolean;
}

/** One validation problem, pointing at the file, the YAML document and the field. */
export interface SloIssue {
  file: string;
  docIndex: number;
  /** Dotted path with indexes, e.g. `spec.objectives[0].target`. Empty for document-level issues. */
  path: string;
  message: string;
  /** 1-based line and column of the field in the text, when the input was YAML text. */
  line?: number;
  column?: number;
}

/**
 * Alert windows for one SLO period (Sloth's `AlertWindows` kind): SLOs whose window has this
 * length use these windows instead of the defaults.
 */
export interface AlertWindowsSpec {
  /** The period as written, e.g. `7d`. */
  sloPeriod: string;
  periodSeconds: number;
  /** Four windows: page quick, page slow, ticket quick, ticket slow. */
  windows: AlertWindow[];
}

/** One object of the input (a YAML document, or an item of a top-level list), valid or not. */
export interface InputObject {
  /** Its index in the file, as in `SloIssue.docIndex`. */
  docIndex: number;
  apiVersion?: string;
  kind?: string;
  name?: string;
}

export interface ParseResult {
  slos: Slo[];
  issues: SloIssue[];
  /** Every object read, SLOs and the documents they refer to (Services, SLIs ...); its issues have its `docIndex`. */
  objects?: InputObject[];
  /** The `AlertWindows` documents found in the input (already applied to `slos`). */
  alertWindows?: AlertWindowsSpec[];
}
