import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  alertState,
  evaluateSlo,
  parseDuration,
  prepareSeries,
  sloId,
  type Slo,
  type SloEvaluation,
} from '@headroom/core';
import { planSloSamples, PrometheusClient, readPlannedSamples } from '@headroom/prometheus';
import Table from 'cli-table3';
import { EXIT_FINDINGS, EXIT_OK, InputError } from '../errors';
import { colours, type Colours, type Console } from '../io/console';
import { parseSeriesCsv } from '../io/seriesCsv';
import { loadCatalogEntities } from '../io/catalogEntities';
import { loadValidSloFiles, readText } from '../io/sloFiles';
import { parseTimeOption } from '../io/time';
import { toEvaluationJson, type EvaluationJson } from '../output/evaluationJson';
import { colourBudget, colourBurn, formatHumanDuration, formatPercent } from '../output/format';
import { COMPACT } from '../output/table';

export interface ReportOptions {
  seriesDir?: string;
  /** catalog-info files: owner and line of business for SLOs whose files do not say. */
  catalog?: string[];
  prometheus?: string;
  step?: string;
  at?: string;
  format: 'json' | 'table';
}

export interface ReportRow {
  slo: Slo;
  evaluation?: SloEvaluation;
  /** Why there is no evaluation (no data, Prometheus error): shown instead of numbers. */
  missing?: string;
}

/**
 * `headroom report <files…>`: every SLO in the files, evaluated over its counters, read either from
 * CSV files (`<series-dir>/<service>-<slo>.csv`, then `<series-dir>/<slo>.csv`) or live from
 * Prometheus. An SLO that cannot be evaluated is listed with the reason, and the exit code is 1.
 */
export async function reportCommand(
  files: string[],
  opts: ReportOptions,
  io: Console,
): Promise<number> {
  const rows = await evaluateSloFiles(files, opts);
  if (opts.format === 'json') io.out(JSON.stringify(rows.map(reportJson), null, 2));
  else io.out(renderReportTable(rows, colours(io)));
  const failed = rows.filter(r => !r.evaluation).length;
  if (failed > 0) io.err(`${failed} of ${rows.length} SLO(s) could not be evaluated`);
  return failed > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * Every SLO in the files, evaluated at `opts.at` over counters from CSV files or Prometheus,
 * sorted by line of business, service and name. Shared by `report` and `gate`.
 */
export async function evaluateSloFiles(
  files: string[],
  opts: Pick<ReportOptions, 'seriesDir' | 'prometheus' | 'step' | 'at' | 'catalog'>,
): Promise<ReportRow[]> {
  const slos = withCatalogOwnership(loadValidSloFiles(files), opts.catalog ?? []);
  const at = opts.at === undefined ? undefined : parseTimeOption(opts.at, '--at');
  const rows: ReportRow[] = [];
  if (opts.prometheus !== undefined) {
    const step = parseStep(opts.step ?? '60');
    const client = new PrometheusClient({ url: opts.prometheus });
    const now = at ?? Date.now() / 1000;
    for (const slo of slos) rows.push(await evaluateLive(client, slo, now, step));
  } else {
    for (const slo of slos) rows.push(evaluateFromCsv(slo, opts.seriesDir ?? '.', at));
  }
  return rows.sort(
    (a, b) =>
      (a.slo.lineOfBusiness ?? '').localeCompare(b.slo.lineOfBusiness ?? '') ||
      a.slo.service.localeCompare(b.slo.service) ||
      a.slo.name.localeCompare(b.slo.name),
  );
}

/**
 * SLO files attached to catalog entities usually leave owner and line of business to the catalog
 * (that is where the backend takes them from): fill them from the Component named like the service.
 */
function withCatalogOwnership(slos: Slo[], catalogFiles: string[]): Slo[] {
  if (catalogFiles.length === 0) return slos;
  const byName = new Map(loadCatalogEntities(catalogFiles).map(e => [e.ref.split('/').pop()!, e]));
  return slos.map(slo => {
    const entity = byName.get(slo.service);
    if (!entity) return slo;
    return {
      ...slo,
      owner: slo.owner ?? entity.owner ?? undefined,
      lineOfBusiness: slo.lineOfBusiness ?? entity.lineOfBusiness ?? undefined,
    };
  });
}

function evaluateFromCsv(slo: Slo, dir: string, at: number | undefined): ReportRow {
  const candidates = [join(dir, `${sloId(slo)}.csv`), join(dir, `${slo.name}.csv`)];
  const file = candidates.find(f => existsSync(f));
  if (!file) return { slo, missing: `no series file ${candidates[0]}` };
  const series = prepareSeries(parseSeriesCsv(readText(file), file));
  return { slo, evaluation: evaluateSlo(slo, series, at === undefined ? {} : { at }) };
}

/**
 * Reads the samples the sample plan names (the ones the backend and Grafana read for the same SLO,
 * instant and step) and evaluates them with the same engine as CSV input, at the plan's instant.
 */
export async function evaluateLive(
  client: PrometheusClient,
  slo: Slo,
  at: number,
  step: number,
): Promise<ReportRow> {
  try {
    const plan = planSloSamples(slo, at, step);
    const samples = await readPlannedSamples(client, slo, plan);
    return { slo, evaluation: evaluateSlo(slo, prepareSeries(samples), { at: plan.at }) };
  } catch (e) {
    return { slo, missing: (e as Error).message };
  }
}

function parseStep(text: string): number {
  const seconds = /^\d+$/.test(text) ? Number(text) : parseDuration(text);
  if (seconds === undefined || !(seconds > 0) || !Number.isInteger(seconds)) {
    throw new InputError(`--step: "${text}" is not a duration like 60, 30s or 1m`);
  }
  return seconds;
}

function reportJson(
  row: ReportRow,
): EvaluationJson | { slo: string; service: string; error: string } {
  if (row.evaluation) return toEvaluationJson(row.slo, row.evaluation);
  return { slo: row.slo.name, service: row.slo.service, error: row.missing ?? 'not evaluated' };
}

const REPORT_BURN_WINDOWS = ['5m', '1h', '6h', '3d'];

const ALERT_CELLS: Record<ReturnType<typeof alertState>, (pc: Colours) => string> = {
  page: pc => pc.red(pc.bold('PAGE')),
  ticket: pc => pc.yellow('TICKET'),
  'no-data': pc => pc.dim('no data'),
  ok: pc => pc.green('ok'),
};

export function renderReportTable(rows: ReportRow[], pc: Colours): string {
  const table = new Table({
    head: [
      'LoB',
      'Service',
      'SLO',
      'Objective',
      'SLI',
      'Budget left',
      ...REPORT_BURN_WINDOWS.map(w => `Burn ${w}`),
      'Alert',
      'Spent in',
    ].map(h => pc.bold(h)),
    colAligns: [
      'left',
      'left',
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'left',
      'right',
    ],
    style: { head: [], border: [] },
    chars: COMPACT,
  });
  for (const { slo, evaluation: e, missing } of rows) {
    const lead = [
      slo.lineOfBusiness ?? '–',
      slo.service,
      slo.name,
      `${formatPercent(slo.objective.target)}/${windowText(slo)}`,
    ];
    if (!e) {
      table.push([...lead, { colSpan: 8, content: pc.dim(missing ?? 'not evaluated') }]);
      continue;
    }
    const burn = new Map(e.burnRates.map(b => [b.window, b.rate]));
    const alert = ALERT_CELLS[alertState(e)](pc);
    table.push([
      ...lead,
      formatPercent(e.sli),
      colourBudget(pc, e.budget.remaining),
      ...REPORT_BURN_WINDOWS.map(w => colourBurn(pc, burn.get(w) ?? null, 1)),
      alert,
      formatHumanDuration(e.timeToExhaustionSeconds),
    ]);
  }
  return table.toString();
}

function windowText(slo: Slo): string {
  return slo.window.duration;
}
