/**
 * Building PromQL text from values that come from SLO files. Everything that is not the author's
 * own query (service names, SLO names, label values, windows, thresholds) goes through these
 * functions, so that a value such as `a"}or vector(1)#` stays a string and can never change the
 * meaning of the expression it is placed in.
 */
import { counterSelectorProblem } from '@headroom/core';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** A PromQL double-quoted string literal holding exactly `value` (Go string escaping). */
export function promqlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}

export function isValidLabelName(name: string): boolean {
  return LABEL_NAME.test(name) && !name.startsWith('__');
}

export function isValidMetricName(name: string): boolean {
  return METRIC_NAME.test(name);
}

/** Throws unless `name` is a label name Prometheus accepts (and not a reserved `__` name). */
export function assertLabelName(name: string, where: string): void {
  if (!isValidLabelName(name)) {
    throw new Error(
      `${where}: "${name}" is not a valid Prometheus label name (letters, digits and _, not starting with a digit or __)`,
    );
  }
}

/** `{a="x", b="y"}` with every value escaped; label order as given. */
export function labelMatchers(labels: ReadonlyArray<readonly [string, string]>): string {
  return `{${labels.map(([k, v]) => `${k}=${promqlString(v)}`).join(', ')}}`;
}

/** A selector for a recorded series: `name{a="x", ...}`. */
export function selector(metric: string, labels: ReadonlyArray<readonly [string, string]>): string {
  if (!isValidMetricName(metric))
    throw new Error(`"${metric}" is not a valid Prometheus metric name`);
  for (const [k] of labels) assertLabelName(k, `selector ${metric}`);
  return `${metric}${labelMatchers(labels)}`;
}

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['w', 7 * 86400],
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/**
 * A Prometheus duration in the single largest unit that divides it (`5m`, `1h`, `1d`, `1w`,
 * `30d`), which is how Sloth names its windows; compound (`1h30m`) only when no unit divides.
 */
export function promDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(`invalid duration: ${seconds} seconds`);
  const ms = Math.round(seconds * 1000);
  if (ms % 1000 !== 0) return `${ms}ms`;
  const s = ms / 1000;
  for (const [unit, size] of UNITS) {
    if (s % size === 0) return `${s / size}${unit}`;
  }
  let rest = s;
  let out = '';
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

/** A float literal that PromQL reads back as the same float64. */
export function promNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/**
 * Checks that `text` is a plain instant-vector selector (`metric{l="v", m=~"re"}` or `{...}`),
 * which the rule generator may wrap in rate(); anything else (functions, ranges, operators) is
 * rejected so that a counter selector cannot smuggle in a different expression. The check is
 * core's, on Prometheus' own PromQL grammar, so it refuses what promtool would refuse.
 */
export function assertCounterSelector(text: string, where: string): void {
  const problem = counterSelectorProblem(text);
  if (problem) {
    throw new Error(
      `${where}: expected a counter selector such as http_requests_total{code="500"}, got "${text}" (${problem})`,
    );
  }
}

/** Substitutes Sloth's `{{.window}}` placeholder (any spacing) with a PromQL duration. */
export function substituteWindow(query: string, window: string): string {
  return query.replace(/\{\{\s*\.window\s*\}\}/g, window);
}

/**
 * Text for a Go template (alert annotations are Go templates in Prometheus) that prints `value`
 * literally, even when it contains `{{`.
 */
export function goTemplateLiteral(value: string): string {
  if (!value.includes('{{') && !value.includes('}}')) return value;
  return `{{ ${JSON.stringify(value)} }}`;
}
