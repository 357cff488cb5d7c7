import { parseDuration } from '@headroom/core';
import type { Request, RequestHandler } from 'express';
import type { ApiBounds } from './bounds';

const DAY = 86_400;

/** Where a route takes its window or range, and what it reads when the request names none. */
type SpanRule =
  /** An SLO definition's window (`30d`) at a path of the body, read at the evaluation's step. */
  | { kind: 'sloWindow'; bodyPath: string[] }
  /**
   * A period `from`/`to` (query or body). `to` defaults to now. Without `from` the route reads
   * `defaultDays` back from `to`, or, when that is undefined, nothing is checked (the route
   * reads what is stored, as retention bounds it).
   */
  | {
      kind: 'range';
      in: 'query' | 'body';
      defaultDays?: number;
      /** Step of the Prometheus range reads over the period, for the points bound. */
      stepSeconds?: number;
      /** Whether numbers of 1e11 and above are milliseconds (the optimisation routes' rule). */
      millisAbove1e11?: boolean;
      /** Which bound holds: the window bound (default) or the cost routes' own. */
      bound?: 'window' | 'cost';
    }
  /** A period of `days` ending now (query). */
  | { kind: 'days' };

interface RouteSpan {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  rule: SpanRule;
}

const RFC3339_DEFAULT_DAYS = 90;

/**
 * Every route that takes a window, range or period. A route added with one belongs here, so that
 * the bounds of `headroom.api.maxWindow` hold for it too (the list is tested route by route).
 */
export function spanRoutes(options: { judgeStepSeconds?: number }): RouteSpan[] {
  const cost = (path: string): RouteSpan => ({
    method: 'GET',
    path,
    rule: { kind: 'range', in: 'query', bound: 'cost' },
  });
  return [
    {
      method: 'POST',
      path: '/entities/:kind/:namespace/:name/slos',
      rule: { kind: 'sloWindow', bodyPath: ['window'] },
    },
    {
      method: 'POST',
      path: '/entities/:kind/:namespace/:name/slos/preview',
      rule: { kind: 'sloWindow', bodyPath: ['window'] },
    },
    {
      method: 'PUT',
      path: '/entities/:kind/:namespace/:name/slos/:sloName',
      rule: { kind: 'sloWindow', bodyPath: ['slo', 'window'] },
    },
    {
      method: 'GET',
      path: '/incidents',
      rule: { kind: 'range', in: 'query', defaultDays: RFC3339_DEFAULT_DAYS },
    },
    {
      method: 'GET',
      path: '/incidents/mttx',
      rule: { kind: 'range', in: 'query', defaultDays: RFC3339_DEFAULT_DAYS },
    },
    {
      method: 'GET',
      path: '/changes',
      rule: { kind: 'range', in: 'query', defaultDays: RFC3339_DEFAULT_DAYS },
    },
    // Without `from` the judge reads from the change's start: a live change, a recent one.
    {
      method: 'POST',
      path: '/changes/:id/judge',
      rule: {
        kind: 'range',
        in: 'body',
        ...(options.judgeStepSeconds ? { stepSeconds: options.judgeStepSeconds } : {}),
      },
    },
    cost('/cost/rollup'),
    cost('/cost/reconciliation'),
    cost('/cost/lines-of-business/:lob'),
    cost('/cost/entities/:kind/:namespace/:name'),
    cost('/cost/entities/:kind/:namespace/:name/drivers'),
    cost('/cost/entities/:kind/:namespace/:name/unit-cost'),
    {
      method: 'GET',
      path: '/optimise/anomalies',
      // Cost anomalies are read from the stored daily cost, as the cost routes are.
      rule: { kind: 'range', in: 'query', millisAbove1e11: true, bound: 'cost' },
    },
    { method: 'GET', path: '/drills/entities/:kind/:namespace/:name', rule: { kind: 'days' } },
    { method: 'GET', path: '/drills/weak-links', rule: { kind: 'days' } },
    { method: 'GET', path: '/drills/resilience', rule: { kind: 'days' } },
    { method: 'GET', path: '/runbooks/recovery', rule: { kind: 'days' } },
    { method: 'GET', path: '/runbooks/entities/:kind/:namespace/:name', rule: { kind: 'days' } },
  ];
}

function pathPattern(path: string): RegExp {
  const body = path
    .split('/')
    .map(part => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${body}/?$`);
}

/**
 * A time as the routes write them: unix seconds (or milliseconds, where the route says so), or
 * an ISO date, month or date-time. Undefined when it is none: the route's own check then answers.
 */
function timeOf(value: unknown, millisAbove1e11: boolean): number | undefined {
  if (typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))) {
    const n = Number(value);
    if (!Number.isFinite(n)) return undefined;
    return millisAbove1e11 && n >= 1e11 ? n / 1000 : n;
  }
  if (typeof value !== 'string' || !/^\d{4}-\d{2}/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

function at(source: unknown, path: string[]): unknown {
  let v = source;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

async function check(
  rule: SpanRule,
  req: Request,
  bounds: ApiBounds,
  now: number,
  where: string,
): Promise<void> {
  if (rule.kind === 'sloWindow') {
    const window = at(req.body, rule.bodyPath);
    const seconds = typeof window === 'string' ? parseDuration(window) : undefined;
    if (seconds === undefined) return;
    const field = `Body field ${rule.bodyPath.join('.')}`;
    await bounds.requireWindow(seconds, field, where, window as string);
    // The evaluation's reads of this window, as preview and evaluation make them.
    await bounds.requirePoints(seconds, bounds.evaluationStepSeconds, field, where);
    return;
  }
  if (rule.kind === 'days') {
    const text = (req.query as Record<string, unknown>).days;
    if (typeof text !== 'string' || !/^\d{1,9}$/.test(text)) return;
    await bounds.requireWindow(Number(text) * DAY, 'Query parameter days', where, `${text} days`);
    return;
  }
  const source = (rule.in === 'query' ? req.query : req.body) as
    Record<string, unknown> | undefined;
  const label = rule.in === 'query' ? 'Query parameters' : 'Body fields';
  const millis = rule.millisAbove1e11 ?? false;
  const to = source?.to === undefined ? now : timeOf(source.to, millis);
  if (to === undefined) return;
  let from: number | undefined;
  let field: string;
  if (source?.from !== undefined) {
    from = timeOf(source.from, millis);
    if (from === undefined) return;
    field = `${label} from and to`;
  } else if (rule.defaultDays !== undefined) {
    from = to - rule.defaultDays * DAY;
    field = `${label} from (default ${rule.defaultDays} days before to) and to`;
  } else {
    return;
  }
  if (!(to > from)) return; // the route names that problem
  await bounds.requireRange(from, to, field, where, rule.bound);
  if (rule.stepSeconds !== undefined) {
    await bounds.requirePoints(to - from, rule.stepSeconds, field, where);
  }
}

/**
 * Refuses, before the route runs, any window or range longer than the bounds: nothing is read
 * or written for such a request. Runs after the OpenAPI validation, so bodies and parameters
 * have their documented shapes.
 */
export function spanGuard(options: {
  bounds: ApiBounds;
  /** Step of the canary judge's range reads (headroom.changes.judgeStepSeconds). */
  judgeStepSeconds?: number;
  now?: () => number;
}): RequestHandler {
  const routes = spanRoutes(options).map(r => ({ ...r, pattern: pathPattern(r.path) }));
  const now = options.now ?? (() => Date.now() / 1000);
  return (req, _res, next) => {
    const route = routes.find(r => r.method === req.method && r.pattern.test(req.path));
    if (!route) {
      next();
      return;
    }
    check(route.rule, req, options.bounds, now(), `${req.method} ${req.originalUrl}`).then(
      () => next(),
      next,
    );
  };
}
