import type { LRParser } from '@lezer/lr';
import type { IssueSink, PathPart } from './issues';
import type { MetricQuery, Slo } from './types';

/**
 * Checks the PromQL an SLO carries with the grammar Prometheus' own UI uses
 * (`@prometheus-io/lezer-promql`), plus the rules Prometheus applies after parsing that the
 * grammar does not: a string ends on its line, escapes are Go's, a selector has a matcher that
 * cannot match the empty string. Text refused here is text `promtool check rules` would refuse,
 * so one bad SLO never reaches a rule file that Prometheus would then reject whole.
 */

/** What the window placeholder is replaced with before parsing (any valid duration would do). */
const WINDOW = /\{\{\s*\.window\s*\}\}/g;

// The grammar ships ES-module types only; its CommonJS build is what a CommonJS package loads.
const { parser } = require('@prometheus-io/lezer-promql') as { parser: LRParser };

type SyntaxNode = ReturnType<LRParser['parse']>['topNode'];

const SELECTOR_EXAMPLE = 'http_requests_total{code=~"5.."}';

/** Why `text` is not a counter selector (`metric{l="v"}`), or undefined when it is one. */
export function counterSelectorProblem(text: string): string | undefined {
  const source = text.trim();
  if (source === '') return 'is empty; expected a selector such as ' + SELECTOR_EXAMPLE;
  const syntax = syntaxProblem(source);
  if (syntax) return syntax;
  const top = parser.parse(source).topNode.firstChild;
  if (top?.name !== 'VectorSelector') {
    return `must be a counter selector such as ${SELECTOR_EXAMPLE}, not ${describe(top)}`;
  }
  return undefined;
}

/** Why `text` is not a PromQL expression an SLI can use, or undefined when it is one. */
export function expressionProblem(text: string): string | undefined {
  const source = text.replace(WINDOW, '5m').trim();
  if (source === '') return 'is empty; expected a PromQL expression';
  return syntaxProblem(source);
}

/** Whether the query is read as a whole expression (`{{.window}}`) or as a counter selector. */
export function metricQueryProblem(
  q: MetricQuery,
  kind: 'events' | 'expression',
): string | undefined {
  if (q.source !== 'prometheus') return undefined;
  return q.windowed || kind === 'expression'
    ? expressionProblem(q.query)
    : counterSelectorProblem(q.query);
}

/**
 * Adds an issue for each query of the SLO that Prometheus would refuse, at the field of the
 * document that holds it (found by its text); true when every query is sound.
 */
export function checkSloQueries(slo: Slo, document: unknown, sink: IssueSink): boolean {
  const before = sink.count;
  const ind = slo.indicator;
  const queries: Array<[string, MetricQuery | undefined, 'events' | 'expression']> =
    ind.kind === 'ratio'
      ? [
          ['good', ind.good, 'events'],
          ['bad', ind.bad, 'events'],
          ['total', ind.total, 'events'],
        ]
      : ind.kind === 'rawErrorRatio'
        ? [['errorRatio', ind.errorRatio, 'expression']]
        : [['metric', ind.metric, 'expression']];
  for (const [role, q, kind] of queries) {
    if (!q) continue;
    const problem = metricQueryProblem(q, kind);
    if (!problem) continue;
    const path = pathOfText(document, q.query);
    sink.add(path ?? [], path ? problem : `indicator ${role} ${problem}`);
  }
  return sink.count === before;
}

function syntaxProblem(source: string): string | undefined {
  const tree = parser.parse(source);
  let problem: string | undefined;
  tree.iterate({
    enter: node => {
      if (problem) return false;
      if (node.type.isError) {
        problem = unexpected(source, node.from);
        return false;
      }
      switch (node.name) {
        case 'StringLiteral':
          problem = stringProblem(source.slice(node.from, node.to), source, node.from);
          return false;
        case 'OffsetExpr':
        case 'StepInvariantExpr':
          problem =
            'must not use offset or @: an SLI reads the window it is evaluated for, not another time';
          return false;
        case 'VectorSelector':
          problem = emptySelectorProblem(node.node, source);
          return problem ? false : undefined;
        default:
          return undefined;
      }
    },
  });
  return problem;
}

function unexpected(source: string, at: number): string {
  const column = at + 1;
  if (at >= source.length)
    return 'is not valid PromQL: it ends too early (unclosed bracket or string?)';
  const rest = source.slice(at).split('\n')[0] ?? '';
  const near = rest.length > 30 ? `${rest.slice(0, 30)}…` : rest;
  return `is not valid PromQL: unexpected ${JSON.stringify(near)} at column ${column}`;
}

/** Prometheus' lexer: quoted strings end on their line, escapes are Go's; raw strings are free. */
function stringProblem(token: string, source: string, from: number): string | undefined {
  const quote = token[0] as string;
  if (quote === '`') return token.length >= 2 && token.endsWith('`') ? undefined : unterminated();
  const closed = token.length >= 2 && token.endsWith(quote) && !endsEscaped(token.slice(0, -1));
  if (!closed) {
    return source[from + token.length] === '\n'
      ? 'has a line break inside a quoted string; write \\n, or use a `raw string`'
      : unterminated();
  }
  for (let i = 1; i < token.length - 1; i++) {
    if (token[i] !== '\\') continue;
    const next = token[i + 1] ?? '';
    const ok =
      'abfnrtv\\'.includes(next) || next === quote
        ? 1
        : next === 'x'
          ? hex(token, i + 2, 2)
          : next === 'u'
            ? hex(token, i + 2, 4)
            : next === 'U'
              ? hex(token, i + 2, 8)
              : /[0-7]/.test(next) && /^[0-7]{3}$/.test(token.slice(i + 1, i + 4))
                ? 3
                : 0;
    if (!ok) return `has an unknown escape sequence \\${next} in a string`;
    i += next === 'x' ? 3 : next === 'u' ? 5 : next === 'U' ? 9 : ok === 3 ? 3 : 1;
  }
  return undefined;
}

function unterminated(): string {
  return 'is not valid PromQL: a quoted string is not closed';
}

function endsEscaped(s: string): boolean {
  let n = 0;
  for (let i = s.length - 1; i >= 0 && s[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

function hex(token: string, at: number, n: number): number {
  return new RegExp(`^[0-9a-fA-F]{${n}}$`).test(token.slice(at, at + n)) ? n : 0;
}

/**
 * Prometheus refuses a selector that would select every series: it needs a metric name or one
 * matcher that does not match the empty string (`{}`, `{a=""}`, `{a=~".*"}` are refused).
 */
function emptySelectorProblem(node: SyntaxNode, source: string): string | undefined {
  if (node.getChild('Identifier')) return undefined;
  const matchers = node.getChild('LabelMatchers');
  for (let m = matchers?.firstChild; m; m = m.nextSibling) {
    if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') continue;
    const op = m.getChild('MatchOp');
    const values = m.getChildren('StringLiteral');
    const value = values[values.length - 1];
    if (!op || !value) continue;
    const text = unquote(source.slice(value.from, value.to));
    if (text === undefined || !matchesEmpty(source.slice(op.from, op.to), text)) return undefined;
  }
  return `must select something: ${SELECTOR_EXAMPLE}, not a selector that every series matches`;
}

function matchesEmpty(op: string, value: string): boolean {
  if (op === '=') return value === '';
  if (op === '!=') return value !== '';
  let re: RegExp;
  try {
    // Prometheus anchors its regular expressions; an inline flag group is RE2's, not JavaScript's.
    re = new RegExp(`^(?:${value.replace(/^\(\?[a-zA-Z]+\)/, '')})$`);
  } catch {
    return false; // cannot tell here: promtool is the judge of RE2 syntax
  }
  return op === '=~' ? re.test('') : !re.test('');
}

function unquote(token: string): string | undefined {
  if (token.startsWith('`')) return token.slice(1, -1);
  try {
    return JSON.parse(`"${token.slice(1, -1).replace(/\\'/g, "'")}"`) as string;
  } catch {
    return undefined;
  }
}

function describe(node: SyntaxNode | null | undefined): string {
  switch (node?.name) {
    case 'MatrixSelector':
      return 'a range selector';
    case 'FunctionCall':
      return 'a function call';
    case 'AggregateExpr':
      return 'an aggregation';
    case 'BinaryExpr':
      return 'an expression with operators';
    case 'NumberDurationLiteral':
    case 'StringLiteral':
      return 'a literal';
    default:
      return 'another kind of expression';
  }
}

/** The path of the first string in `value` whose trimmed text is `text` (depth-first). */
export function pathOfText(
  value: unknown,
  text: string,
  path: PathPart[] = [],
): PathPart[] | undefined {
  if (typeof value === 'string') return value.trim() === text.trim() ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = pathOfText(value[i], text, [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const found = pathOfText(v, text, [...path, k]);
      if (found) return found;
    }
  }
  return undefined;
}
