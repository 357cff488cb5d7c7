import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  doraSummary,
  groupIncidents,
  incidentTimelines,
  mergeAlerts,
  mttxBy,
  mttxTrend,
  prepareSeries,
  sloId,
  toIncidentJson,
  DEFAULT_MTTX_TARGETS,
  type ImpactInput,
  type Incident,
  type IncidentDraft,
  type MttxSummary,
  type Slo,
  type Stat,
} from '@headroom/core';
import Table from 'cli-table3';
import { EXIT_OK } from '../errors';
import { colours, type Colours, type Console } from '../io/console';
import { parseSeriesCsv } from '../io/seriesCsv';
import { loadCatalogEntities } from '../io/catalogEntities';
import { loadValidSloFiles, readText } from '../io/sloFiles';
import { formatTime, parseTimeOption } from '../io/time';
import { formatHumanDuration, formatPercent } from '../output/format';
import { COMPACT } from '../output/table';
import { readIncidentEvents } from './incidentsEvents';

export interface IncidentsReportOptions {
  events: string;
  slo?: string[];
  seriesDir?: string;
  /** catalog-info files: owner and line of business of services whose alerts do not say. */
  catalog?: string[];
  from?: string;
  to?: string;
  at?: string;
  format: 'json' | 'table';
}

/**
 * `headroom incidents report`: incidents from a file of Alertmanager notifications, acks and
 * deploys; impact start and mitigation from the SLOs' counters (CSV files named as for
 * `headroom report`) when given; MTTx per severity against the default targets, the monthly
 * trend and DORA's change failure rate. The same core functions as the backend.
 */
export function incidentsReportCommand(opts: IncidentsReportOptions, io: Console): number {
  const events = readIncidentEvents(opts.events);
  const impactOf = impactReader(opts.slo ?? [], opts.seriesDir ?? '.');
  const drafts = withCatalogOwnership(
    groupIncidents(mergeAlerts(events.alerts)),
    opts.catalog ?? [],
  );
  const incidents = incidentTimelines(drafts, events.acks, impactOf);
  const range = {
    from: opts.from === undefined ? undefined : parseTimeOption(opts.from, '--from'),
    to: opts.to === undefined ? undefined : parseTimeOption(opts.to, '--to'),
    now: opts.at === undefined ? undefined : parseTimeOption(opts.at, '--at'),
  };
  const inRange = incidents.filter(
    i => i.impactStart >= (range.from ?? -Infinity) && i.impactStart < (range.to ?? Infinity),
  );
  const report = {
    incidents: inRange.map(toIncidentJson),
    summary: {
      targets: DEFAULT_MTTX_TARGETS,
      bySeverity: mttxBy(inRange, 'severity', range),
      byService: mttxBy(inRange, 'service', range),
      byTeam: mttxBy(inRange, 'team', range),
      byLineOfBusiness: mttxBy(inRange, 'lineOfBusiness', range),
      byMonth: mttxTrend(inRange, range),
    },
    dora: doraJson(events.deploys, incidents),
  };
  if (opts.format === 'json') io.out(JSON.stringify(report, null, 2));
  else io.out(renderIncidentsTables(inRange, report.summary.bySeverity, colours(io)));
  return EXIT_OK;
}

/**
 * Owner and line of business from catalog-info files for incidents whose alerts carry neither
 * (the Component named like the service), as the backend takes them from the catalog.
 */
function withCatalogOwnership(drafts: IncidentDraft[], catalogFiles: string[]): IncidentDraft[] {
  if (catalogFiles.length === 0) return drafts;
  const byName = new Map(loadCatalogEntities(catalogFiles).map(e => [e.ref.split('/').pop()!, e]));
  return drafts.map(d => {
    const entity = byName.get(d.target.service);
    if (!entity) return d;
    const owner = d.target.owner ?? entity.owner ?? undefined;
    const lineOfBusiness = d.target.lineOfBusiness ?? entity.lineOfBusiness ?? undefined;
    return {
      ...d,
      target: {
        ...d.target,
        entityRef: d.target.entityRef ?? entity.ref,
        ...(owner ? { owner } : {}),
        ...(lineOfBusiness ? { lineOfBusiness } : {}),
      },
    };
  });
}

function doraJson(deploys: Parameters<typeof doraSummary>[0], incidents: Incident[]) {
  const d = doraSummary(deploys, incidents);
  return {
    deployments: d.deployments,
    failed: d.failed,
    changeFailureRate: d.changeFailureRate,
    failedDeploymentRecovery: d.failedDeploymentRecovery,
    outcomes: d.outcomes.map(o => ({
      service: o.deploy.service,
      at: formatTime(o.deploy.at),
      version: o.deploy.version ?? null,
      incidentId: o.incidentId,
      recoverySeconds: o.recoverySeconds,
    })),
  };
}

/**
 * The counters of an incident's SLO, read once per SLO from `<dir>/<service>-<slo>.csv` (or
 * `<dir>/<slo>.csv`); undefined for an incident without an SLO, an SLO not in the files, or an
 * SLO without a series file (its impact then starts at detection).
 */
function impactReader(
  sloFiles: string[],
  dir: string,
): (d: IncidentDraft) => ImpactInput | undefined {
  const slos = new Map<string, Slo>();
  for (const slo of loadValidSloFiles(sloFiles)) slos.set(`${slo.service}/${slo.name}`, slo);
  const cache = new Map<string, ImpactInput | undefined>();
  return draft => {
    if (!draft.target.slo) return undefined;
    const key = `${draft.target.service}/${draft.target.slo}`;
    if (cache.has(key)) return cache.get(key);
    const slo = slos.get(key);
    let input: ImpactInput | undefined;
    if (slo) {
      const file = [join(dir, `${sloId(slo)}.csv`), join(dir, `${slo.name}.csv`)].find(f =>
        existsSync(f),
      );
      if (file) {
        input = {
          series: prepareSeries(parseSeriesCsv(readText(file), file)),
          objective: slo.objective.target,
        };
      }
    }
    cache.set(key, input);
    return input;
  };
}

const stat = (s: Stat | null) =>
  s === null ? '–' : `${formatSeconds(s.mean)} / ${formatSeconds(s.p50)} / ${formatSeconds(s.p90)}`;

function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds === 0) return '0s';
  return formatHumanDuration(seconds);
}

export function renderIncidentsTables(
  incidents: Incident[],
  bySeverity: Record<string, MttxSummary>,
  pc: Colours,
): string {
  const list = new Table({
    head: ['Severity', 'Service', 'SLO / alert', 'Impact start', 'TTD', 'TTA', 'TTR', 'Status'].map(
      h => pc.bold(h),
    ),
    style: { head: [], border: [] },
    chars: COMPACT,
  });
  for (const i of incidents) {
    list.push([
      i.severity === 'P1' ? pc.red(pc.bold(i.severity)) : i.severity,
      i.target.service,
      i.target.slo ?? i.alertName,
      formatTime(i.impactStart),
      formatSeconds(i.ttdSeconds),
      i.ttaSeconds === null ? pc.dim('not acked') : formatSeconds(i.ttaSeconds),
      i.ttrSeconds === null ? pc.dim('–') : formatSeconds(i.ttrSeconds),
      i.resolvedAt === null ? pc.yellow('open') : 'resolved',
    ]);
  }
  const summary = new Table({
    head: [
      'Severity',
      'Count',
      'MTTD mean/p50/p90',
      'MTTA mean/p50/p90',
      'MTTR mean/p50/p90',
      'Within target',
    ].map(h => pc.bold(h)),
    style: { head: [], border: [] },
    chars: COMPACT,
  });
  for (const [severity, s] of Object.entries(bySeverity)) {
    summary.push([
      severity,
      String(s.count),
      stat(s.mttd),
      stat(s.mtta),
      stat(s.mttr),
      formatPercent(s.attainment, 1),
    ]);
  }
  return `${list.toString()}\n\n${summary.toString()}`;
}
