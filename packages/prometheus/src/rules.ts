/**
 * Prometheus recording and alerting rules for Headroom SLOs.
 *
 * Series names and labels follow Sloth (`slo:sli_error:ratio_rate5m`, `sloth_id`, ...) so that
 * Sloth's dashboards keep working; `labels: 'headroom'` uses `headroom_*` label names instead,
 * and records 9 series per SLO instead of 15: not the ones derived from others by a constant
 * (current and period burn rate, objective, error budget, period length, budget remaining; see
 * `budgetRemainingQuery`). No alert reads any of them.
 * The burn-rate alert conditions are Sloth's (multi-window, multi-burn-rate, from the SLO's
 * alert windows). The differences, each for a reason:
 * - The page alerts and the ratios they read are recorded in one group evaluated every 15 s,
 *   so each evaluation pages on the ratios it has just recorded (Sloth's alerts live in another
 *   group than its recordings and read ratios up to one evaluation interval old). The ticket
 *   alert and the windows only it reads (the long ones, the costly ones) stay at the server's
 *   evaluation interval.
 * - A fast-burn page (1 % of the period's error budget spent within 5 minutes, and at least 10
 *   failed requests) in the same group catches a full outage in well under a minute, where the
 *   1-hour window of the standard page needs 2 % of the budget first. The minimum keeps a
 *   single failure on a service with a few requests a minute from paging.
 * - On request (`outagePage`), an outage page: the 1-minute error ratio above 0.5 with at least
 *   10 failures, in a group of its own evaluated every 5 s. A burst of failures covering less
 *   than half of the span the window's samples cover cannot page it; a full outage does once it
 *   has lasted that long, plus the wait for the next scrape and evaluation.
 * - The period ratio (30d) is the exact ratio of events over the period, not Sloth's unweighted
 *   average of 5-minute ratios (`longWindow: 'sloth'` keeps Sloth's). No alert reads it, so it
 *   and the constant metadata are evaluated every 4 minutes instead of every cycle: read from
 *   the raw counters over the whole period, it is the costliest rule, and 4 minutes keeps every
 *   series within Prometheus' 5-minute look-back.
 */
import type { AlertWindow, MetricQuery, Slo } from '@headroom/core';
import {
  assertCounterSelector,
  assertLabelName,
  goTemplateLiteral,
  promDuration,
  promNumber,
  selector,
  substituteWindow,
} from './promql';
import { goFloat, slothGroups, slothInfo, slothObjectivePercent } from './slothLayout';

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export type Rule = RecordingRule | AlertingRule;

export interface RuleGroup {
  name: string;
  /** Evaluation interval; absent = the server's global evaluation_interval. */
  interval?: string;
  rules: Rule[];
}

export interface FastPageOptions {
  /** Share of the period's error budget that, spent within `windowSeconds`, pages. Default 1. */
  errorBudgetPercent?: number;
  /** Default 300 (5m). */
  windowSeconds?: number;
  /**
   * Failed requests the window must also hold (Prometheus' extrapolated count), default 10;
   * 0 turns the minimum off. Raw error-ratio SLIs have no count and no minimum.
   */
  minBadEvents?: number;
}

/**
 * A page for most requests failing (an outage), opt-in: the error ratio over a short window
 * above `errorRatio`, with at least `minBadEvents` failures, in a group of its own evaluated every
 * `interval`. A burst of failures shorter than `errorRatio` × the span the window's samples
 * cover (45 s for 1m at a 15 s scrape) cannot reach it, so it pages after that much of an outage
 * plus the wait for the next scrape and evaluation. At a 15 s scrape, `windowSeconds: 45` (three
 * samples, a 30 s span) with `errorRatio: 0.68` and `interval: '2s'` pages after a bit more than
 * 20 s of a full outage plus the wait for the next scrape (a median of 27.5 s in
 * `bench/prometheus`), and no burst of failures of 20 s or less can page it; the window must
 * stay three scrape intervals long, or two samples could page on one interval's burst.
 */
export interface OutagePageOptions {
  /** Default 60 (1m). */
  windowSeconds?: number;
  /** Error ratio over the window that pages (strictly above); default 0.5. */
  errorRatio?: number;
  /** Failed requests the window must also hold (extrapolated count), default 10; 0 for none. */
  minBadEvents?: number;
  /** Evaluation interval of its group, default `5s`. */
  interval?: string;
}

export interface GenerateOptions {
  /** Label names: Sloth's (`sloth_id`, ...; default) or Headroom's (`headroom_id`, ...). */
  labels?: 'sloth' | 'headroom';
  /** The period ratio: exact event ratio (default) or Sloth's average of 5-minute ratios. */
  longWindow?: 'exact' | 'sloth';
  /** Render as a PrometheusRule custom resource (used by `renderRuleFile`). */
  k8s?:
    | {
        name: string;
        namespace?: string;
        /** Labels and annotations of the PrometheusRule (e.g. those of the resource the SLOs came from). */
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
      }
    | false;
  /** The fast-burn page (default on); `false` gives exactly Sloth's alert conditions. */
  fastPage?: boolean | FastPageOptions;
  /** The outage page (default off; see `OutagePageOptions`). */
  outagePage?: boolean | OutagePageOptions;
  /** Evaluation interval of the page group (page windows, page alerts). Default `15s`. */
  pageInterval?: string;
  /** Evaluation interval of the ticket group; default: the server's global interval. */
  interval?: string;
  /** Evaluation interval of the period ratio and metadata group. Default `4m`. */
  periodInterval?: string;
  /**
   * `sloth`: exactly the groups and rules `sloth generate` writes for the same spec (Sloth's
   * plugins applied; the options above that change Sloth's rules do not apply). Default
   * `headroom`, the groups described at the top of this file.
   */
  layout?: 'headroom' | 'sloth';
}

export interface RuleGenerationResult {
  groups: RuleGroup[];
}

interface LabelNames {
  id: string;
  service: string;
  slo: string;
  window: string;
  severity: string;
  owner: string;
  lineOfBusiness: string;
  infoMetric: string;
  prefix: string;
}

const SLOTH_LABELS: LabelNames = {
  id: 'sloth_id',
  service: 'sloth_service',
  slo: 'sloth_slo',
  window: 'sloth_window',
  severity: 'sloth_severity',
  owner: 'owner',
  lineOfBusiness: 'line_of_business',
  infoMetric: 'sloth_slo_info',
  prefix: 'sloth_',
};

const HEADROOM_LABELS: LabelNames = {
  id: 'headroom_id',
  service: 'headroom_service',
  slo: 'headroom_slo',
  window: 'headroom_window',
  severity: 'headroom_severity',
  owner: 'owner',
  lineOfBusiness: 'line_of_business',
  infoMetric: 'headroom_slo_info',
  prefix: 'headroom_',
};

export const GENERATOR_VERSION = 'headroom-0.1.0';

/** Sloth's SLO id: `<service>-<name>`. */
export function ruleSloId(slo: Slo): string {
  return `${slo.service}-${slo.name}`;
}

/** `slo:sli_error:ratio_rate5m` and friends. */
export function sliRecordName(windowSeconds: number): string {
  return `slo:sli_error:ratio_rate${promDuration(windowSeconds)}`;
}

function where(slo: Slo): string {
  return `${slo.source.file}#${slo.source.docIndex} SLO "${slo.name}" of service "${slo.service}"`;
}

/** The event-rate expression of one query over one window (`sum(rate(...))` for a selector). */
export function eventsExpr(slo: Slo, q: MetricQuery, field: string, w: string): string {
  assertPrometheusSource(slo, q, field);
  if (q.windowed) return substituteWindow(q.query, w).trim();
  assertCounterSelector(q.query, `${where(slo)}: indicator.${field}`);
  return `sum${by(slo)}(rate(${q.query.trim()}[${w}]))`;
}

/**
 * ` by (a, b) ` for an SLO computed per group (Pyrra's `grouping`, sorted as Pyrra sorts it), so
 * that each label-value combination gets its own ratio, budget and alerts; else nothing.
 */
function by(slo: Slo): string {
  const g = slo.grouping ?? [];
  if (g.length === 0) return '';
  for (const label of g) assertLabelName(label, `${where(slo)}: grouping`);
  return ` by (${[...g].sort().join(', ')}) `;
}

/**
 * A gauge that is 1 when things are good and 0 when not (Pyrra's `bool_gauge`, read as
 * `threshold` with `>= 1`): every sample is one event, and the error ratio is Pyrra's
 * (samples - good samples) / samples.
 */
function isBoolGauge(slo: Slo): boolean {
  const { indicator: ind, objective: o } = slo;
  return (
    ind.kind === 'threshold' &&
    !ind.metric.windowed &&
    slo.source.format === 'pyrra/v1alpha1' &&
    o.op === 'gte' &&
    o.value === 1
  );
}

/**
 * Rules are PromQL: a query for another backend (OpenSLO `metricSource.type: Datadog`, or the
 * spec examples' `Any`) is valid OpenSLO but has no rule form. `sloth` is Sloth's name for it.
 */
export function assertPrometheusSource(slo: Slo, q: MetricQuery, field: string): void {
  if (q.source === 'prometheus' || q.source === 'sloth') return;
  throw new Error(
    `${where(slo)}: indicator.${field}: metric source type "${q.source}" is not Prometheus; Headroom writes Prometheus rules only`,
  );
}

/** The error-ratio expression over one window, from the SLO's own queries. */
export function errorRatioExpr(slo: Slo, windowSeconds: number): string {
  const w = promDuration(windowSeconds);
  const ind = slo.indicator;
  const at = where(slo);
  switch (ind.kind) {
    case 'ratio': {
      const total = eventsExpr(slo, ind.total, 'total', w);
      if (ind.bad) return `(${eventsExpr(slo, ind.bad, 'bad', w)})\n/\n(${total})\n`;
      // Pyrra's latency rule: (total - fast enough) / total; the same ratio as 1 - good/total.
      if (ind.good && slo.source.format === 'pyrra/v1alpha1')
        return `(\n(${total})\n-\n(${eventsExpr(slo, ind.good, 'good', w)})\n)\n/\n(${total})\n`;
      if (ind.good) return `1 - (\n(${eventsExpr(slo, ind.good, 'good', w)})\n/\n(${total})\n)\n`;
      throw new Error(`${at}: a ratio indicator needs a good or a bad query`);
    }
    case 'rawErrorRatio': {
      assertPrometheusSource(slo, ind.errorRatio, 'errorRatio');
      if (!ind.errorRatio.windowed) {
        throw new Error(`${at}: indicator.errorRatio must contain the {{.window}} placeholder`);
      }
      return `(${substituteWindow(ind.errorRatio.query, w).replace(/\s+$/, '')}\n)`;
    }
    case 'threshold': {
      assertPrometheusSource(slo, ind.metric, 'metric');
      if (isBoolGauge(slo)) {
        assertCounterSelector(ind.metric.query, `${at}: indicator.metric`);
        const m = `${ind.metric.query.trim()}[${w}]`;
        const count = `sum${by(slo)}(count_over_time(${m}))`;
        return `(\n${count}\n-\nsum${by(slo)}(sum_over_time(${m}))\n)\n/\n${count}\n`;
      }
      throw new Error(
        `${at}: threshold (gauge) indicators have no Prometheus rule form here; evaluate them with headroom report`,
      );
    }
  }
}

/**
 * Failed requests over one window: the error rate times the window (Prometheus' extrapolated
 * increase). Undefined for raw error-ratio SLIs, which have no count.
 */
export function badEventsExpr(slo: Slo, windowSeconds: number): string | undefined {
  const ind = slo.indicator;
  if (ind.kind !== 'ratio') return undefined;
  const w = promDuration(windowSeconds);
  const rate = ind.bad
    ? `(${eventsExpr(slo, ind.bad, 'bad', w)})`
    : ind.good
      ? `((${eventsExpr(slo, ind.total, 'total', w)}) - (${eventsExpr(slo, ind.good, 'good', w)}))`
      : undefined;
  return rate && `${rate} * ${promNumber(windowSeconds)}`;
}

function validateLabels(labels: Record<string, string>, at: string, names: LabelNames): void {
  for (const k of Object.keys(labels)) {
    assertLabelName(k, at);
    if (k.startsWith(names.prefix)) {
      throw new Error(`${at}: label "${k}" uses the reserved prefix ${names.prefix}`);
    }
  }
}

function sortedWindows(windows: AlertWindow[], severity: 'page' | 'ticket'): AlertWindow[] {
  return windows
    .filter(w => w.severity === severity)
    .sort((a, b) =>
      a.speed === b.speed
        ? a.longWindowSeconds - b.longWindowSeconds
        : a.speed === 'quick'
          ? -1
          : 1,
    );
}

const FIVE_MINUTES = 300;

/** Rule groups for the given SLOs (ids must be unique). */
export function generateRules(slos: Slo[], options: GenerateOptions = {}): RuleGenerationResult {
  const names = options.labels === 'headroom' ? HEADROOM_LABELS : SLOTH_LABELS;
  const seen = new Map<string, Slo>();
  const groups: RuleGroup[] = [];
  for (const slo of slos) {
    const id = ruleSloId(slo);
    const prev = seen.get(id);
    if (prev) {
      throw new Error(`${where(slo)}: SLO id "${id}" is also used by ${where(prev)}`);
    }
    seen.set(id, slo);
    if (options.layout === 'sloth') {
      validateSloLabels(slo, names);
      groups.push(...slothGroups(slo, names, { version: GENERATOR_VERSION }));
    } else groups.push(...sloGroups(slo, id, names, options));
  }
  return { groups };
}

function validateSloLabels(slo: Slo, n: LabelNames): void {
  const at = where(slo);
  validateLabels(slo.labels, `${at}: labels`, n);
  validateLabels(slo.alerting.labels, `${at}: alerting.labels`, n);
  validateLabels(slo.alerting.page.labels, `${at}: alerting.page.labels`, n);
  validateLabels(slo.alerting.ticket.labels, `${at}: alerting.ticket.labels`, n);
  if (slo.rules?.infoLabels) validateLabels(slo.rules.infoLabels.labels, `${at}: info labels`, n);
  const target = slo.objective.target;
  if (!(target > 0 && target < 1))
    throw new Error(`${at}: objective.target must be in (0, 1), got ${target}`);
}

function sloGroups(slo: Slo, id: string, n: LabelNames, options: GenerateOptions): RuleGroup[] {
  validateSloLabels(slo, n);
  // Sloth plugins that reshape Sloth's own groups have no counterpart in these groups: say so
  // rather than drop them.
  const custom = slo.rules ?? {};
  const slothOnly = [
    custom.intervals ? 'sloth.dev/contrib/rule_intervals/v1' : '',
    custom.denominatorCorrected ? 'sloth.dev/contrib/denominator_corrected_rules/v1' : '',
  ].filter(Boolean);
  if (slothOnly.length > 0) {
    throw new Error(
      `${where(slo)}: the SLO plugin ${slothOnly.join(' and ')} applies to Sloth's rule groups; generate them with layout sloth (headroom rules --layout sloth)`,
    );
  }
  const objectivePercent = slothObjectivePercent(slo);
  const budget = ruleBudget(slo);
  const period = slo.window.seconds;

  const idLabels: Array<[string, string]> = [
    [n.id, id],
    [n.service, slo.service],
    [n.slo, slo.name],
  ];
  const base: Record<string, string> = {
    ...slo.labels,
    [n.id]: id,
    [n.service]: slo.service,
    [n.slo]: slo.name,
  };
  const sel = (metric: string) => selector(metric, idLabels);

  const windowSet = new Set<number>([FIVE_MINUTES]);
  for (const w of slo.alerting.windows) {
    windowSet.add(w.shortWindowSeconds);
    windowSet.add(w.longWindowSeconds);
  }
  windowSet.delete(period);
  const windows = [...windowSet].sort((a, b) => a - b);

  // Windows the page alerts read (and 5m, which the current burn rate reads) go to the page
  // group, the rest to the ticket group. Without a page alert everything is in the latter.
  const pageWindowsOf = sortedWindows(slo.alerting.windows, 'page');
  const paging = slo.alerting.page.enabled && pageWindowsOf.length > 0;
  const inPage = new Set<number>([FIVE_MINUTES]);
  for (const w of pageWindowsOf) {
    inPage.add(w.shortWindowSeconds);
    inPage.add(w.longWindowSeconds);
  }
  const record = (w: number): Rule => ({
    record: sliRecordName(w),
    expr: errorRatioExpr(slo, w),
    labels: { ...base, [n.window]: promDuration(w) },
  });
  const page: Rule[] = paging ? windows.filter(w => inPage.has(w)).map(record) : [];
  const main: Rule[] = windows.filter(w => !paging || !inPage.has(w)).map(record);
  // With Headroom's label names, series derived from others by a constant (the current and
  // period burn rates, the objective, budget and period, the budget remaining) are not recorded:
  // Sloth's dashboards, which read them, cannot read these names anyway, and each costs a series
  // per SLO.
  const lean = n === HEADROOM_LABELS;
  if (!lean) {
    (paging ? page : main).push({
      record: 'slo:current_burn_rate:ratio',
      expr: `${sel(sliRecordName(FIVE_MINUTES))}\n/ ${promNumber(budget)}\n`,
      labels: base,
    });
  }

  const people: Record<string, string> = {};
  if (slo.owner && !(n.owner in slo.labels)) people[n.owner] = slo.owner;
  if (slo.lineOfBusiness && !(n.lineOfBusiness in slo.labels))
    people[n.lineOfBusiness] = slo.lineOfBusiness;

  // `literal`: for an alert whose expression has no SLO labels for the template to read.
  const annotationsFor = (
    severity: 'page' | 'ticket',
    extra: Record<string, string>,
    literal = false,
  ) => {
    const svc = literal ? goTemplateLiteral(slo.service) : `{{$labels.${n.service}}}`;
    const name = literal ? goTemplateLiteral(slo.name) : `{{$labels.${n.slo}}}`;
    const a: Record<string, string> = {
      summary: `${svc} ${name} SLO error budget burn rate is over expected.`,
      title: `(${severity}) ${svc} ${name} SLO error budget burn rate is too fast.`,
    };
    if (slo.runbookUrl) a.runbook_url = goTemplateLiteral(slo.runbookUrl);
    if (slo.dashboardUrl) a.dashboard_url = goTemplateLiteral(slo.dashboardUrl);
    return { ...a, ...slo.alerting.annotations, ...extra };
  };
  const alertName = slo.alerting.name ?? 'SloErrorBudgetBurn';
  const over = (seconds: number, factor: number) =>
    `max(${sel(sliRecordName(seconds))} > (${promNumber(factor)} * ${promNumber(budget)})) without (${n.window})`;
  const condition = (w: AlertWindow) => {
    const factor = slothFactor(w, period);
    return `(\n    ${over(w.shortWindowSeconds, factor)}\n    and\n    ${over(w.longWindowSeconds, factor)}\n)`;
  };
  const alertLabels = (severity: 'page' | 'ticket') => ({
    ...people,
    ...slo.alerting.labels,
    ...slo.alerting[severity].labels,
    // The id labels are on the expression's result already; repeating them as rule labels
    // keeps two SLOs' alerts of the same name from looking like duplicates to promtool.
    ...Object.fromEntries(idLabels),
    [n.severity]: severity,
  });
  for (const severity of ['page', 'ticket'] as const) {
    const spec = slo.alerting[severity];
    const ws = sortedWindows(slo.alerting.windows, severity);
    if (!spec.enabled || ws.length === 0) continue;
    (severity === 'page' ? page : main).push({
      alert: alertName,
      expr: ws.map(condition).join('\nor\n') + '\n',
      labels: alertLabels(severity),
      annotations: annotationsFor(severity, spec.annotations),
    });
  }

  const fast = paging ? fastPage(slo, budget, options.fastPage) : undefined;
  if (fast) {
    // The recorded ratio when the page group has the window; the raw one otherwise.
    const recorded = inPage.has(fast.windowSeconds);
    const ratio = recorded
      ? over(fast.windowSeconds, fast.factor)
      : `(\n${errorRatioExpr(slo, fast.windowSeconds).trimEnd()}\n) > (${promNumber(fast.factor)} * ${promNumber(budget)})`;
    const count = badEventsExpr(slo, fast.windowSeconds);
    page.push({
      alert: alertName,
      expr:
        count && fast.minBadEvents > 0
          ? `${ratio}\nand on (${[...(slo.grouping ?? [])].sort().join(', ')})\n${count} >= ${promNumber(fast.minBadEvents)}\n`
          : `${ratio}\n`,
      labels: { ...base, ...alertLabels('page'), [`${n.prefix}burn`]: 'fast' },
      annotations: annotationsFor('page', slo.alerting.page.annotations, !recorded),
    });
  }

  const groups: RuleGroup[] = [];
  if (page.length > 0) {
    groups.push({
      name: `headroom-slo-${id}-page`,
      interval: options.pageInterval ?? '15s',
      rules: page,
    });
  }
  const outage = paging ? outagePage(slo, budget, options.outagePage) : undefined;
  if (outage) {
    const count = badEventsExpr(slo, outage.windowSeconds);
    const ratio = `(\n${errorRatioExpr(slo, outage.windowSeconds).trimEnd()}\n) > ${promNumber(outage.errorRatio)}`;
    groups.push({
      name: `headroom-slo-${id}-outage`,
      interval: outage.interval,
      rules: [
        {
          alert: alertName,
          expr:
            count && outage.minBadEvents > 0
              ? `${ratio}\nand on (${[...(slo.grouping ?? [])].sort().join(', ')})\n${count} >= ${promNumber(outage.minBadEvents)}\n`
              : `${ratio}\n`,
          labels: { ...base, ...alertLabels('page'), [`${n.prefix}burn`]: 'outage' },
          annotations: annotationsFor('page', slo.alerting.page.annotations, true),
        },
      ],
    });
  }
  if (main.length > 0) {
    groups.push({
      name: `headroom-slo-${id}`,
      ...(options.interval ? { interval: options.interval } : {}),
      rules: main,
    });
  }

  const periodLabels = { ...base, [n.window]: promDuration(period) };
  const periodExpr =
    options.longWindow === 'sloth'
      ? `sum_over_time(${sel(sliRecordName(FIVE_MINUTES))}[${promDuration(period)}])\n/ ignoring (${n.window})\ncount_over_time(${sel(sliRecordName(FIVE_MINUTES))}[${promDuration(period)}])\n`
      : errorRatioExpr(slo, period);
  const infoLabels: Record<string, string> = {
    ...base,
    ...people,
    [`${n.prefix}mode`]: slothInfo(slo).mode,
    [`${n.prefix}objective`]: String(objectivePercent),
    [`${n.prefix}spec`]: slothInfo(slo).spec,
    [`${n.prefix}version`]: GENERATOR_VERSION,
  };
  const periodRatio: Rule = {
    record: sliRecordName(period),
    expr: periodExpr,
    labels: periodLabels,
  };
  const info: Rule = { record: n.infoMetric, expr: 'vector(1)', labels: infoLabels };
  groups.push({
    name: `headroom-slo-${id}-period`,
    interval: options.periodInterval ?? '4m',
    // The budget remaining is 1 - period ratio / budget: `budgetRemainingQuery` reads it.
    rules: lean
      ? [periodRatio, info]
      : [
          periodRatio,
          // Sloth's objective% / 100 and 1 - that, so both series are Sloth's float64 to the
          // last bit.
          {
            record: 'slo:objective:ratio',
            expr: `vector(${goFloat(objectivePercent / 100)})`,
            labels: base,
          },
          {
            record: 'slo:error_budget:ratio',
            expr: `vector(1-${goFloat(objectivePercent / 100)})`,
            labels: base,
          },
          {
            record: 'slo:time_period:days',
            expr: `vector(${promNumber(period / 86400)})`,
            labels: base,
          },
          {
            record: 'slo:period_burn_rate:ratio',
            expr: `${sel(sliRecordName(period))}\n/ ${promNumber(budget)}\n`,
            labels: base,
          },
          {
            record: 'slo:period_error_budget_remaining:ratio',
            expr: `1 - ${sel('slo:period_burn_rate:ratio')}`,
            labels: base,
          },
          info,
        ],
  });
  // Sloth's info_labels plugin: extra labels on one metadata series (the info series by default).
  if (custom.infoLabels) {
    const target = custom.infoLabels.metric ?? n.infoMetric;
    const rule = groups.at(-1)?.rules.find(r => 'record' in r && r.record === target);
    if (rule) rule.labels = { ...rule.labels, ...custom.infoLabels.labels };
    else if (lean) {
      throw new Error(
        `${where(slo)}: the info_labels plugin names ${target}, which Headroom's label names do not record; use ${n.infoMetric} or --labels sloth`,
      );
    }
  }
  return groups;
}

/**
 * The error budget as the rules write it: Sloth's (100 - objective%) / 100, so that thresholds
 * are the same float64 as Sloth's and an error ratio exactly at a threshold pages (or not) in both.
 */
function ruleBudget(slo: Slo): number {
  return (100 - slothObjectivePercent(slo)) / 100;
}

/**
 * PromQL for an SLO's error budget remaining over its period, from the series its rules record
 * (`generateRules` with the same `labels`; either layout): Sloth's names record
 * `slo:period_error_budget_remaining:ratio`; Headroom's leave that series out and derive the same
 * number from the period ratio, `1 - slo:sli_error:ratio_rate<period> / budget` (Sloth's
 * expression and float64 budget). Headroom's result keeps the period ratio's window label.
 */
export function budgetRemainingQuery(slo: Slo, labels: 'sloth' | 'headroom' = 'sloth'): string {
  const n = labels === 'headroom' ? HEADROOM_LABELS : SLOTH_LABELS;
  const id: Array<[string, string]> = [[n.id, ruleSloId(slo)]];
  if (labels === 'sloth') return selector('slo:period_error_budget_remaining:ratio', id);
  return `1 - ${selector(sliRecordName(slo.window.seconds), id)} / ${promNumber(ruleBudget(slo))}`;
}

/**
 * The burn-rate factor computed as Sloth computes it, in hours and in this order
 * (budget% / 100 * periodHours / longWindowHours), so that every threshold is the same float64
 * as Sloth's: 5.6000000000000005 and 0.9333333333333333 for 28 days, where other orders give 5.6
 * and 0.9333333333333335.
 */
export function slothFactor(w: AlertWindow, periodSeconds: number): number {
  return ((w.errorBudgetPercent / 100) * (periodSeconds / 3600)) / (w.longWindowSeconds / 3600);
}

function fastPage(
  slo: Slo,
  budget: number,
  opt: GenerateOptions['fastPage'],
): { factor: number; windowSeconds: number; minBadEvents: number } | undefined {
  if (opt === false) return undefined;
  const o = typeof opt === 'object' ? opt : {};
  const windowSeconds = o.windowSeconds ?? FIVE_MINUTES;
  const factor = ((o.errorBudgetPercent ?? 1) / 100) * (slo.window.seconds / windowSeconds);
  const pageFactors = slo.alerting.windows.filter(w => w.severity === 'page').map(w => w.factor);
  // Only where it is a genuinely sharper condition than the standard page (four times its
  // burn rate at least) and can be reached at all (an error ratio below 1).
  if (pageFactors.length === 0 || factor < 4 * Math.max(...pageFactors) || factor * budget >= 1)
    return undefined;
  return { factor, windowSeconds, minBadEvents: o.minBadEvents ?? 10 };
}

function outagePage(
  slo: Slo,
  budget: number,
  opt: GenerateOptions['outagePage'],
): Required<OutagePageOptions> | undefined {
  if (!opt) return undefined;
  const o = typeof opt === 'object' ? opt : {};
  const errorRatio = o.errorRatio ?? 0.5;
  if (!(errorRatio > 0 && errorRatio < 1)) {
    throw new Error(
      `${where(slo)}: outagePage.errorRatio must be in (0, 1), got ${String(errorRatio)}`,
    );
  }
  const pageFactors = slo.alerting.windows.filter(w => w.severity === 'page').map(w => w.factor);
  // Only where the standard page would not already fire at that ratio.
  if (pageFactors.length === 0 || errorRatio <= Math.max(...pageFactors) * budget) return undefined;
  return {
    windowSeconds: o.windowSeconds ?? 60,
    errorRatio,
    minBadEvents: o.minBadEvents ?? 10,
    interval: o.interval ?? '5s',
  };
}
