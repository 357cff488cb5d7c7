/**
 * Sloth's own rule layout (`layout: 'sloth'`): for each SLO the three groups `sloth generate`
 * writes (`sloth-slo-sli-recordings-<id>`, `sloth-slo-meta-recordings-<id>`,
 * `sloth-slo-alerts-<id>`), with its expressions, labels, annotations and numbers, so that a
 * Sloth spec gives the same rules through Headroom as through Sloth (see the tests over Sloth's
 * examples and their generated files). Sloth's SLO plugins that Headroom implements
 * (`Slo.rules`) are applied as Sloth applies them.
 *
 * Where Sloth's sources were read for this (slok/sloth, internal/plugin/slo/core/*_v1 and
 * contrib/*_v1, internal/storage/io/openslo.go), the comments below say what they pin down.
 */
import type { AlertWindow, Slo } from '@headroom/core';
import { promDuration, selector, substituteWindow } from './promql';
import {
  assertPrometheusSource,
  errorRatioExpr,
  eventsExpr,
  slothFactor,
  sliRecordName,
  type AlertingRule,
  type RecordingRule,
  type RuleGroup,
} from './rules';

export interface SlothLabelNames {
  id: string;
  service: string;
  slo: string;
  window: string;
  severity: string;
  infoMetric: string;
  prefix: string;
}

/** The generator's name, Sloth's `sloth_version` label. */
export interface SlothLayoutOptions {
  version: string;
}

/**
 * A float64 as Go's `%v` (`%g`, shortest) prints it, which is how Sloth writes every number in
 * its rules: `0.9990000000000001`, `1e-05`, `2.592e+06`.
 */
export function goFloat(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, expText] = value.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  // Shortest %g: an exponent below -4 or from 6 on (Go decides with precision 6).
  if (exp < -4 || exp >= 6)
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(value);
}

/** Sloth's objective in percent: the spec's own number, or an OpenSLO v1alpha target × 100. */
export function slothObjectivePercent(slo: Slo): number {
  const t = slo.objective.target;
  return slo.source.format === 'openslo/v1alpha' ? t * 100 : Math.round(t * 100 * 1e9) / 1e9;
}

/** `sloth_mode` and `sloth_spec` as `sloth generate` sets them for each input format. */
export function slothInfo(slo: Slo): { mode: string; spec: string } {
  switch (slo.source.format) {
    case 'sloth/v1':
      return slo.source.resource
        ? { mode: 'cli-gen-k8s', spec: 'sloth.slok.dev/v1' }
        : { mode: 'cli-gen-prom', spec: 'prometheus/v1' };
    case 'openslo/v1alpha':
      return { mode: 'cli-gen-openslo', spec: 'openslo/v1alpha' };
    default:
      return { mode: 'cli-gen-prom', spec: slo.source.format };
  }
}

/**
 * The PrometheusRule `sloth generate` writes for a PrometheusServiceLevel resource: its name,
 * namespace, labels (plus `app.kubernetes.io/component: SLO`) and annotations. Undefined when the
 * SLOs do not come from one such resource.
 */
export function slothPrometheusRuleMeta(slos: Slo[]):
  | {
      name: string;
      namespace?: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
    }
  | undefined {
  const r = slos[0]?.source.resource;
  if (!r?.name || slos.some(s => s.source.resource !== r)) return undefined;
  return {
    name: r.name,
    ...(r.namespace ? { namespace: r.namespace } : {}),
    labels: { ...r.labels, 'app.kubernetes.io/component': 'SLO' },
    annotations: r.annotations,
  };
}

const DENOMINATOR_CORRECTION = 'slo:numerator_correction:ratio';
const DENOMINATOR_PLUGIN = 'sloth.dev/contrib/denominator_corrected_rules/v1';

/** The Sloth name and id of an SLO (OpenSLO v1alpha objectives are `<name>-<index>`). */
export function slothSloName(slo: Slo): string {
  return slo.source.slothName ?? slo.name;
}

/** Sloth's three rule groups for one SLO (empty groups left out, as Sloth does). */
export function slothGroups(
  slo: Slo,
  n: SlothLabelNames,
  options: SlothLayoutOptions,
): RuleGroup[] {
  const name = slothSloName(slo);
  const id = `${slo.service}-${name}`;
  const idLabels: Array<[string, string]> = [
    [n.id, id],
    [n.service, slo.service],
    [n.slo, name],
  ];
  const ids = Object.fromEntries(idLabels);
  const filter = (metric: string) => selector(metric, idLabels);
  const custom = slo.rules ?? {};
  const period = slo.window.seconds;
  const percent = slothObjectivePercent(slo);
  const windows = slo.alerting.windows;
  const pageQuick = windows.find(w => w.severity === 'page' && w.speed === 'quick');
  if (!pageQuick) throw new Error(`SLO ${id}: Sloth's layout needs a page quick alert window`);

  // alerts.TimeDurationWindows(): every alert window once, shortest first, then the period.
  const alertWindows = [
    ...new Set(windows.flatMap(w => [w.shortWindowSeconds, w.longWindowSeconds])),
  ].sort((a, b) => a - b);
  const sliLabels = (w: number) => ({ ...ids, [n.window]: promDuration(w), ...slo.labels });
  const optimised = () => {
    const short = filter(sliRecordName(pageQuick.shortWindowSeconds));
    const p = promDuration(period);
    return `sum_over_time(${short}[${p}])\n/ ignoring (${n.window})\ncount_over_time(${short}[${p}])\n`;
  };
  const sliExpr = (w: number): string => {
    if (w === period && !custom.exactPeriodRatio) return optimised();
    if (custom.denominatorCorrected && w !== period && slo.indicator.kind === 'ratio') {
      const { bad, total } = slo.indicator;
      const win = promDuration(w);
      if (!bad) throw new Error(`SLO ${id}: ${DENOMINATOR_PLUGIN} needs an error (bad) query`);
      return `(\n${filter(`${DENOMINATOR_CORRECTION}${win}`)}\n* on()\n${eventsExpr(slo, bad, 'bad', win)}\n)\n/\n(${eventsExpr(slo, total, 'total', win)})\n`;
    }
    return slothErrorRatioExpr(slo, w);
  };
  const sli: RecordingRule[] = [...alertWindows, period].map(w => ({
    record: sliRecordName(w),
    expr: sliExpr(w),
    labels: sliLabels(w),
  }));

  const metaLabels = { ...ids, ...slo.labels };
  const objectiveRatio = percent / 100;
  const burnRate = (w: number) =>
    `${filter(sliRecordName(w))}\n/ on(${n.id}, ${n.slo}, ${n.service}) group_left\n${filter('slo:error_budget:ratio')}\n`;
  const { mode, spec } = slothInfo(slo);
  const meta: RecordingRule[] = [
    {
      record: 'slo:objective:ratio',
      expr: `vector(${goFloat(objectiveRatio)})`,
      labels: metaLabels,
    },
    // Sloth's `vector(1-<objective ratio>)`: Prometheus computes the same float64 as Sloth's.
    {
      record: 'slo:error_budget:ratio',
      expr: `vector(1-${goFloat(objectiveRatio)})`,
      labels: metaLabels,
    },
    {
      record: 'slo:time_period:days',
      expr: `vector(${goFloat(period / 3600 / 24)})`,
      labels: metaLabels,
    },
    {
      record: 'slo:current_burn_rate:ratio',
      expr: burnRate(pageQuick.shortWindowSeconds),
      labels: metaLabels,
    },
    { record: 'slo:period_burn_rate:ratio', expr: burnRate(period), labels: metaLabels },
    {
      record: 'slo:period_error_budget_remaining:ratio',
      expr: `1 - ${filter('slo:period_burn_rate:ratio')}`,
      labels: metaLabels,
    },
    {
      record: n.infoMetric,
      expr: 'vector(1)',
      labels: {
        ...metaLabels,
        [`${n.prefix}version`]: options.version,
        [`${n.prefix}mode`]: mode,
        [`${n.prefix}spec`]: spec,
        [`${n.prefix}objective`]: String(percent),
      },
    },
  ];
  if (custom.infoLabels) {
    const target = custom.infoLabels.metric ?? n.infoMetric;
    const rule = meta.find(r => r.record === target);
    if (rule) rule.labels = { ...rule.labels, ...custom.infoLabels.labels };
  }
  if (custom.denominatorCorrected && slo.indicator.kind === 'ratio') {
    const total = slo.indicator.total;
    const over = (w: number) => eventsExpr(slo, total, 'total', promDuration(w));
    for (const w of alertWindows) {
      meta.push({
        record: `${DENOMINATOR_CORRECTION}${promDuration(w)}`,
        expr: `(${over(w)})/(${over(period)})`,
        labels: metaLabels,
      });
    }
  }

  const alerts: AlertingRule[] = [];
  // Sloth's alert budget: (100 - objective%) / 100, the error budget of its alert windows.
  const budget = (100 - percent) / 100;
  const over = (seconds: number, factor: number) =>
    `max(${filter(sliRecordName(seconds))} > (${goFloat(factor)} * ${goFloat(budget)})) without (${n.window})`;
  const pair = (w: AlertWindow) => {
    const f = slothFactor(w, period);
    return `(\n    ${over(w.shortWindowSeconds, f)}\n    and\n    ${over(w.longWindowSeconds, f)}\n)`;
  };
  // Sloth writes no alerts for OpenSLO input (internal/storage/io/openslo.go disables both).
  const alerting = slo.source.format !== 'openslo/v1alpha';
  for (const severity of alerting ? (['page', 'ticket'] as const) : []) {
    const spec = slo.alerting[severity];
    const quick = windows.find(w => w.severity === severity && w.speed === 'quick');
    const slow = windows.find(w => w.severity === severity && w.speed === 'slow');
    if (!spec.enabled || !quick || !slow) continue;
    alerts.push({
      alert: slo.alerting.name ?? 'SloErrorBudgetBurn',
      expr: `${pair(quick)}\nor\n${pair(slow)}\n`,
      // The SLO's own labels reach the alert through its expression, as in Sloth.
      labels: { [n.severity]: severity, ...slo.alerting.labels, ...spec.labels },
      annotations: {
        title: `(${severity}) {{$labels.${n.service}}} {{$labels.${n.slo}}} SLO error budget burn rate is too fast.`,
        summary: `{{$labels.${n.service}}} {{$labels.${n.slo}}} SLO error budget burn rate is over expected.`,
        ...slo.alerting.annotations,
        ...spec.annotations,
      },
    });
  }

  const group = (prefix: string, rules: RuleGroup['rules'], interval?: string): RuleGroup[] =>
    rules.length === 0
      ? []
      : [{ name: `sloth-slo-${prefix}-${id}`, ...(interval ? { interval } : {}), rules }];
  return [
    ...group('sli-recordings', sli, custom.intervals?.sli),
    ...group('meta-recordings', meta, custom.intervals?.metadata),
    ...group('alerts', alerts, custom.intervals?.alert),
  ];
}

/**
 * The SLI expression over one window as Sloth writes it. Events and raw SLIs are Sloth's
 * templates (the generator's usual form); good-over-total (what Sloth makes of an OpenSLO
 * v1alpha ratio) is Sloth's `1 - (good / total)` raw query.
 */
function slothErrorRatioExpr(slo: Slo, windowSeconds: number): string {
  const ind = slo.indicator;
  if (ind.kind === 'ratio' && ind.good && ind.good.windowed && ind.total.windowed) {
    assertPrometheusSource(slo, ind.good, 'good');
    assertPrometheusSource(slo, ind.total, 'total');
    const w = promDuration(windowSeconds);
    return `(\n  1 - (\n    (\n      ${substituteWindow(ind.good.query, w)}\n    )\n    /\n    (\n      ${substituteWindow(ind.total.query, w)}\n    )\n  )\n)`;
  }
  if (ind.kind === 'rawErrorRatio' && ind.errorRatio.windowed) {
    assertPrometheusSource(slo, ind.errorRatio, 'errorRatio');
    return `(${substituteWindow(ind.errorRatio.query, promDuration(windowSeconds))})`;
  }
  return errorRatioExpr(slo, windowSeconds);
}
