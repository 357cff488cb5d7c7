import {
  assessChange,
  RiskPolicyError,
  type ChangeContext,
  type ChangeSloStatus,
  type IncidentSeverity,
  type PastChange,
  type RiskAssessment,
  type RiskPolicies,
} from '@headroom/core';
import { EXIT_FINDINGS, EXIT_OK, InputError } from '../errors';
import { loadCatalogEntities } from '../io/catalogEntities';
import { componentRef, loadCatalogGraph } from '../io/catalogGraph';
import { colours, type Console } from '../io/console';
import { readText } from '../io/sloFiles';
import { parseRfc3339 } from '../io/rfc3339';
import { parseTimeOption } from '../io/time';
import { evaluateSloFiles } from './report';

export interface ChangeAssessOptions {
  service: string;
  version: string;
  lines: string;
  irreversible?: boolean;
  at?: string;
  catalog: string[];
  slo?: string[];
  seriesDir?: string;
  prometheus?: string;
  step?: string;
  context?: string;
  policy?: string;
  format: 'json' | 'table';
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function readJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
}

/** Reads the context file, every problem naming the file and the field. */
class ContextReader {
  constructor(private readonly file: string) {}

  fail(path: string, problem: string): never {
    throw new InputError(`${this.file}: ${path}: ${problem}`);
  }

  list(v: unknown, path: string): unknown[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) this.fail(path, 'must be a list');
    return v;
  }

  object(v: unknown, path: string): Json {
    if (!isObject(v)) this.fail(path, 'must be an object');
    return v;
  }

  time(v: unknown, path: string): number {
    const t = typeof v === 'string' ? parseRfc3339(v) : undefined;
    if (t === undefined) {
      this.fail(
        path,
        `must be an RFC 3339 time like 2026-12-07T13:00:00Z, got ${JSON.stringify(v)}`,
      );
    }
    return t;
  }

  number(
    v: unknown,
    path: string,
    ok: (n: number) => boolean = () => true,
    want = 'a number',
  ): number {
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v))
      this.fail(path, `must be ${want}, got ${JSON.stringify(v)}`);
    return v;
  }

  nullableNumber(v: unknown, path: string): number | null {
    return v === null ? null : this.number(v, path, () => true, 'a number or null');
  }

  string(v: unknown, path: string): string {
    if (typeof v !== 'string' || v === '') this.fail(path, 'must be a non-empty string');
    return v;
  }
}

interface ParsedContext {
  traffic: Map<string, number>;
  rest: Omit<ChangeContext, 'graph' | 'slos'>;
  slos?: ChangeSloStatus[];
}

function parseContext(file: string | undefined): ParsedContext {
  if (!file) return { traffic: new Map(), rest: {} };
  const r = new ContextReader(file);
  const raw = r.object(readJson(file), '$');
  const traffic = new Map<string, number>();
  for (const [ref, v] of Object.entries(r.object(raw.traffic ?? {}, 'traffic'))) {
    traffic.set(
      componentRef(ref),
      r.number(v, `traffic.${ref}`, n => n >= 0, 'requests per second >= 0'),
    );
  }
  const rest: ParsedContext['rest'] = {};
  if (raw.driver !== undefined) {
    const d = r.object(raw.driver, 'driver');
    const timeZone = r.string(d.timeZone, 'driver.timeZone');
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      r.fail('driver.timeZone', `"${timeZone}" is not an IANA time zone`);
    }
    const hourly = r.list(d.hourly, 'driver.hourly');
    if (hourly.length !== 24)
      r.fail('driver.hourly', `must have 24 values (one per local hour), got ${hourly.length}`);
    rest.driver = {
      timeZone,
      hourly: hourly.map((v, i) =>
        r.number(v, `driver.hourly[${i}]`, n => n >= 0, 'a number >= 0'),
      ),
    };
  }
  rest.freezeWindows = r.list(raw.freezeWindows, 'freezeWindows').map((w, i) => {
    const o = r.object(w, `freezeWindows[${i}]`);
    const from = r.time(o.from, `freezeWindows[${i}].from`);
    const to = r.time(o.to, `freezeWindows[${i}].to`);
    if (!(to > from)) r.fail(`freezeWindows[${i}].to`, 'must be after from');
    return { from, to, reason: r.string(o.reason, `freezeWindows[${i}].reason`) };
  });
  const outcomes = ['succeeded', 'failed', 'rolled-back'];
  rest.recentChanges = r.list(raw.recentChanges, 'recentChanges').map((c, i): PastChange => {
    const o = r.object(c, `recentChanges[${i}]`);
    if (!outcomes.includes(o.outcome as string)) {
      r.fail(
        `recentChanges[${i}].outcome`,
        `must be one of ${outcomes.join(', ')}, got ${JSON.stringify(o.outcome)}`,
      );
    }
    return {
      service: componentRef(r.string(o.service, `recentChanges[${i}].service`)),
      at: r.time(o.at, `recentChanges[${i}].at`),
      outcome: o.outcome as PastChange['outcome'],
    };
  });
  const severities = ['P1', 'P2', 'P3', 'P4'];
  rest.openIncidents = r.list(raw.openIncidents, 'openIncidents').map((c, i) => {
    const o = r.object(c, `openIncidents[${i}]`);
    if (!severities.includes(o.severity as string)) {
      r.fail(
        `openIncidents[${i}].severity`,
        `must be one of P1, P2, P3, P4, got ${JSON.stringify(o.severity)}`,
      );
    }
    return {
      entityRef: componentRef(r.string(o.entityRef, `openIncidents[${i}].entityRef`)),
      severity: o.severity as IncidentSeverity,
      ...(typeof o.title === 'string' ? { title: o.title } : {}),
    };
  });
  const parsed: ParsedContext = { traffic, rest };
  if (raw.slos !== undefined) {
    parsed.slos = r.list(raw.slos, 'slos').map((s, i) => {
      const o = r.object(s, `slos[${i}]`);
      return {
        name: r.string(o.name, `slos[${i}].name`),
        budgetRemaining: r.nullableNumber(o.budgetRemaining, `slos[${i}].budgetRemaining`),
        burnRate: r.nullableNumber(o.burnRate ?? null, `slos[${i}].burnRate`),
      };
    });
  }
  return parsed;
}

/** The service's SLOs evaluated now: budget left and the 1-hour burn rate. */
async function sloStatuses(
  opts: ChangeAssessOptions,
  serviceName: string,
  at: number,
): Promise<ChangeSloStatus[]> {
  const rows = await evaluateSloFiles(opts.slo ?? [], { ...opts, at: String(at) });
  return rows
    .filter(r => r.slo.service === serviceName)
    .map(r => ({
      name: r.slo.name,
      budgetRemaining: r.evaluation?.budget.remaining ?? null,
      burnRate: r.evaluation?.burnRates.find(b => b.windowSeconds === 3600)?.rate ?? null,
    }));
}

function renderTable(a: RiskAssessment, io: Console): string {
  const pc = colours(io);
  const paint = a.level === 'low' ? pc.green : a.level === 'medium' ? pc.yellow : pc.red;
  const lines = [
    paint(
      pc.bold(
        `${a.service} ${a.version}: risk ${a.score.toFixed(1)}/100, ${a.level}: ${a.recommendation}`,
      ),
    ),
    ...a.holds.map(h => pc.red(`  hold: ${h}`)),
    ...a.factors.map(
      f =>
        `  ${f.name.padEnd(12)} ${f.points.toFixed(1).padStart(5)} of ${String(f.weight).padStart(3)}  ${f.explanation}`,
    ),
  ];
  return lines.join('\n');
}

/**
 * `headroom change assess`: a change's risk before it ships (core's assessChange), from the
 * catalog graph, the service's SLOs, and the context file (traffic, business driver, freeze
 * windows, recent changes, open incidents). Exit 0 when it may proceed (low: proceed; medium:
 * behind a canary), 1 when it needs approval or is held.
 */
export async function changeAssessCommand(opts: ChangeAssessOptions, io: Console): Promise<number> {
  const lines = Number(opts.lines);
  if (opts.lines.trim() === '' || !Number.isInteger(lines) || lines < 0) {
    throw new InputError(`--lines: "${opts.lines}" is not a whole number of lines changed`);
  }
  const plannedAt =
    opts.at === undefined ? Math.floor(Date.now() / 1000) : parseTimeOption(opts.at, '--at');
  const service = componentRef(opts.service);
  const context = parseContext(opts.context);
  const graph = loadCatalogGraph(opts.catalog, context.traffic);
  if (!graph.some(n => n.ref === service)) {
    throw new InputError(
      `--service: ${service} is not a Component of the catalog files (${opts.catalog.join(', ')})`,
    );
  }
  const entity = loadCatalogEntities(opts.catalog).find(e => e.ref === service);
  let policies: RiskPolicies | undefined;
  if (opts.policy) {
    const raw = readJson(opts.policy);
    const bad = (path: string) => new InputError(`${opts.policy}: ${path}: must be an object`);
    if (!isObject(raw)) throw bad('$');
    if (raw.default !== undefined && !isObject(raw.default)) throw bad('default');
    if (raw.linesOfBusiness !== undefined && !isObject(raw.linesOfBusiness))
      throw bad('linesOfBusiness');
    for (const [lob, p] of Object.entries((raw.linesOfBusiness as Json | undefined) ?? {})) {
      if (!isObject(p)) throw bad(`linesOfBusiness.${lob}`);
    }
    policies = raw as RiskPolicies;
  }
  const serviceName = service.slice(service.indexOf('/') + 1);
  const slos = opts.slo?.length
    ? await sloStatuses(opts, serviceName, plannedAt)
    : (context.slos ?? []);
  let assessment: RiskAssessment;
  try {
    assessment = assessChange(
      {
        service,
        version: opts.version,
        size: { linesChanged: lines, irreversible: opts.irreversible ?? false },
        plannedAt,
      },
      { ...context.rest, graph, slos },
      { lineOfBusiness: entity?.lineOfBusiness ?? null, ...(policies ? { policies } : {}) },
    );
  } catch (e) {
    if (e instanceof RiskPolicyError) throw new InputError(`${opts.policy}: ${e.message}`);
    throw e;
  }
  io.out(
    opts.format === 'json' ? JSON.stringify(assessment, null, 2) : renderTable(assessment, io),
  );
  return assessment.recommendation === 'proceed' || assessment.recommendation === 'canary'
    ? EXIT_OK
    : EXIT_FINDINGS;
}
