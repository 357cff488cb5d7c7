import { formatRfc3339 } from '../incidents/rfc3339';
import { runsIn, runStart, type DrillRunFacts } from './history';

/** A service as the catalog knows it: its line of business, what it calls, whether it has SLOs. */
export interface CatalogService {
  name: string;
  lineOfBusiness?: string;
  dependsOn: readonly string[];
  hasSlo: boolean;
}

export type DrillMiss = 'hypothesis' | 'detection' | 'recovery';

/** A drill whose latest run broke its hypothesis or missed a target. */
export interface FailedDrill {
  service: string;
  drill: string;
  at: string;
  verdict: string;
  misses: DrillMiss[];
  summary: string;
}

/** A service with SLOs and no drill that put a fault in during the period. */
export interface UndrilledService {
  service: string;
  /** The last run before the period, if any. */
  lastDrillAt: string | null;
}

/** A dependency whose fault left a dependant's SLO outside its steady state. */
export interface SpreadingFault {
  dependency: string;
  dependant: string;
  slo: string;
  /** The catalog path from the dependant to the dependency; null when the catalog does not know it. */
  path: string[] | null;
  drill: string;
  at: string;
  runs: number;
  detail: string;
}

/** An alert a drill expected that did not fire in any of its runs of the period. */
export interface SilentAlert {
  service: string;
  slo: string;
  severity: 'page' | 'ticket';
  drills: string[];
  runs: number;
}

export interface WeakLinksReport {
  from: string;
  to: string;
  failedDrills: FailedDrill[];
  undrilled: UndrilledService[];
  spreading: SpreadingFault[];
  silentAlerts: SilentAlert[];
}

export interface WeakLinksOptions {
  /** Unix seconds: the report covers [now − lookbackSeconds, now). */
  now: number;
  /** N days of the "no drill in the last N days" rule, in seconds. */
  lookbackSeconds: number;
  /** Keep only weak links of this line of business (for spreading: either end in it). */
  lineOfBusiness?: string;
}

/**
 * The weak-links report over the runs of the last N days:
 * - drills whose latest run broke the hypothesis (Fail, Aborted) or missed the detection or the
 *   recovery target — a drill fixed since drops out;
 * - services with SLOs and no drill that put a fault in during the period;
 * - dependencies whose faults left a dependant's SLO unsteady (the catalog path says how they are
 *   linked; an impact the catalog does not explain is a hidden dependency, path null);
 * - expected alerts that fired in none of the period's runs that expected them.
 */
export function weakLinks(
  services: readonly CatalogService[],
  runs: readonly DrillRunFacts[],
  options: WeakLinksOptions,
): WeakLinksReport {
  const from = options.now - options.lookbackSeconds;
  const recent = runsIn(runs, from, options.now);
  const lob = new Map(services.map(s => [s.name, s.lineOfBusiness]));
  const inScope = (...names: string[]) =>
    options.lineOfBusiness === undefined || names.some(n => lob.get(n) === options.lineOfBusiness);

  return {
    from: formatRfc3339(from),
    to: formatRfc3339(options.now),
    failedDrills: failedDrills(recent).filter(f => inScope(f.service)),
    undrilled: undrilled(services, runs, recent, from).filter(u => inScope(u.service)),
    spreading: spreading(services, recent).filter(s => inScope(s.dependency, s.dependant)),
    silentAlerts: silentAlerts(recent).filter(a => inScope(a.service)),
  };
}

function failedDrills(recent: readonly DrillRunFacts[]): FailedDrill[] {
  const latest = new Map<string, DrillRunFacts>();
  for (const run of recent) latest.set(`${run.record.service}\u0000${run.record.drill}`, run);
  const out: FailedDrill[] = [];
  for (const { record: r } of latest.values()) {
    const misses: DrillMiss[] = [];
    if (r.verdict === 'Fail' || r.verdict === 'Aborted') misses.push('hypothesis');
    if (r.detection.withinTarget === false) misses.push('detection');
    if (r.recovery.withinTarget === false) misses.push('recovery');
    if (misses.length > 0) {
      out.push({
        service: r.service,
        drill: r.drill,
        at: r.startedAt,
        verdict: r.verdict,
        misses,
        summary: r.summary,
      });
    }
  }
  return out.sort((a, b) => a.service.localeCompare(b.service) || a.drill.localeCompare(b.drill));
}

function undrilled(
  services: readonly CatalogService[],
  all: readonly DrillRunFacts[],
  recent: readonly DrillRunFacts[],
  from: number,
): UndrilledService[] {
  const drilled = new Set(recent.map(r => r.record.service));
  const last = new Map<string, number>();
  for (const run of runsIn(all, Number.NEGATIVE_INFINITY, from)) {
    last.set(run.record.service, runStart(run));
  }
  return services
    .filter(s => s.hasSlo && !drilled.has(s.name))
    .map(s => {
      const t = last.get(s.name);
      return { service: s.name, lastDrillAt: t === undefined ? null : formatRfc3339(t) };
    })
    .sort((a, b) => a.service.localeCompare(b.service));
}

/** The shortest dependsOn path from `from` to `to` in the catalog, both ends included. */
export function dependencyPath(
  services: readonly CatalogService[],
  from: string,
  to: string,
): string[] | null {
  const edges = new Map(services.map(s => [s.name, s.dependsOn]));
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length > 0) {
    const at = queue.shift()!;
    if (at === to) {
      const path = [to];
      while (path[0] !== from) path.unshift(previous.get(path[0]!)!);
      return path;
    }
    for (const next of edges.get(at) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  return null;
}

function spreading(
  services: readonly CatalogService[],
  recent: readonly DrillRunFacts[],
): SpreadingFault[] {
  const found = new Map<string, SpreadingFault>();
  for (const run of recent) {
    const targets = [...new Set(run.faults.map(f => f.target))];
    for (const impact of run.dependants ?? []) {
      if (impact.steady || targets.includes(impact.service)) continue;
      // The fault target the catalog links the dependant to, else the first target.
      const linked = targets
        .map(t => ({ t, path: dependencyPath(services, impact.service, t) }))
        .sort((a, b) => (a.path?.length ?? Infinity) - (b.path?.length ?? Infinity))[0];
      if (!linked) continue;
      const key = `${linked.t}\u0000${impact.service}\u0000${impact.slo}`;
      const before = found.get(key);
      found.set(key, {
        dependency: linked.t,
        dependant: impact.service,
        slo: impact.slo,
        path: linked.path,
        drill: run.record.drill,
        at: run.record.startedAt,
        runs: (before?.runs ?? 0) + 1,
        detail: impact.detail,
      });
    }
  }
  return [...found.values()].sort(
    (a, b) => a.dependency.localeCompare(b.dependency) || a.dependant.localeCompare(b.dependant),
  );
}

function silentAlerts(recent: readonly DrillRunFacts[]): SilentAlert[] {
  const groups = new Map<string, { alert: SilentAlert; fired: boolean }>();
  for (const run of recent) {
    const r = run.record;
    if (!r.detection.expected) continue;
    const severity = run.alertSeverity ?? 'page';
    const key = `${r.service}\u0000${r.slo}\u0000${severity}`;
    const g = groups.get(key) ?? {
      alert: { service: r.service, slo: r.slo, severity, drills: [], runs: 0 },
      fired: false,
    };
    g.alert.runs += 1;
    if (!g.alert.drills.includes(r.drill)) g.alert.drills.push(r.drill);
    if (r.detection.alertFiredAt !== null) g.fired = true;
    groups.set(key, g);
  }
  return [...groups.values()]
    .filter(g => !g.fired)
    .map(g => ({ ...g.alert, drills: [...g.alert.drills].sort() }))
    .sort((a, b) => a.service.localeCompare(b.service) || a.slo.localeCompare(b.slo));
}
