import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  evaluateSlo,
  formatIssue,
  prepareSeries,
  sloId,
  type Slo,
  type SloEvaluation,
} from '@headroom/core';
import Table from 'cli-table3';
import pc from 'picocolors';
import { EXIT_OK, InputError } from '../errors';
import type { Console } from '../io/console';
import { parseSeriesCsv } from '../io/seriesCsv';
import { loadSloFiles, readText } from '../io/sloFiles';
import { parseTimeOption } from '../io/time';
import { toEvaluationJson, type EvaluationJson } from '../output/evaluationJson';
import { colourBudget, colourBurn, formatHumanDuration, formatPercent } from '../output/format';
import { COMPACT } from '../output/table';

export interface ReportOptions {
  seriesDir?: string;
  at?: string;
  format: 'json' | 'table';
}

export interface ReportRow {
  slo: Slo;
  evaluation?: SloEvaluation;
  /** Why there is no evaluation. */
  missing?: string;
}

/**
 * `headroom report <files…>`: every SLO in the files, evaluated over its counters. A series file is
 * looked up as `<series-dir>/<service>-<slo>.csv`, then `<series-dir>/<slo>.csv`.
 */
export function reportCommand(files: string[], opts: ReportOptions, io: Console): number {
  const { slos, issues } = loadSloFiles(files);
  if (issues.length > 0) {
    throw new InputError(
      `${formatIssue(issues[0]!)}${issues.length > 1 ? ` (and ${issues.length - 1} more: run headroom validate)` : ''}`,
    );
  }
  const at = opts.at === undefined ? undefined : parseTimeOption(opts.at, '--at');
  const rows = slos.map((slo): ReportRow => {
    const file = seriesFileFor(slo, opts.seriesDir ?? '.');
    if (!file)
      return { slo, missing: `no series file ${join(opts.seriesDir ?? '.', `${sloId(slo)}.csv`)}` };
    const series = prepareSeries(parseSeriesCsv(readText(file), file));
    return { slo, evaluation: evaluateSlo(slo, series, at === undefined ? {} : { at }) };
  });
  rows.sort(
    (a, b) =>
      (a.slo.lineOfBusiness ?? '').localeCompare(b.slo.lineOfBusiness ?? '') ||
      a.slo.service.localeCompare(b.slo.service) ||
      a.slo.name.localeCompare(b.slo.name),
  );
  if (opts.format === 'json') {
    io.out(JSON.stringify(rows.map(reportJson), null, 2));
  } else {
    io.out(renderReportTable(rows));
  }
  return EXIT_OK;
}

function seriesFileFor(slo: Slo, dir: string): string | undefined {
  return [join(dir, `${sloId(slo)}.csv`), join(dir, `${slo.name}.csv`)].find(f => existsSync(f));
}

function reportJson(
  row: ReportRow,
): EvaluationJson | { slo: string; service: string; error: string } {
  if (row.evaluation) return toEvaluationJson(row.slo, row.evaluation);
  return { slo: row.slo.name, service: row.slo.service, error: row.missing ?? 'not evaluated' };
}

const REPORT_BURN_WINDOWS = ['5m', '1h', '6h', '3d'];

export function renderReportTable(rows: ReportRow[]): string {
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
    const firing = e.alerts.filter(a => a.firing);
    const alert = firing.some(a => a.severity === 'page')
      ? pc.red(pc.bold('PAGE'))
      : firing.length > 0
        ? pc.yellow('TICKET')
        : pc.green('ok');
    table.push([
      ...lead,
      formatPercent(e.sli),
      colourBudget(e.budget.remaining),
      ...REPORT_BURN_WINDOWS.map(w => colourBurn(burn.get(w) ?? null, 1)),
      alert,
      formatHumanDuration(e.timeToExhaustionSeconds),
    ]);
  }
  return table.toString();
}

function windowText(slo: Slo): string {
  return slo.window.duration;
}
