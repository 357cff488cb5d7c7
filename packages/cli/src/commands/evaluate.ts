import { evaluateSlo, prepareSeries, type Slo, type SloEvaluation } from '@headroom/core';
import Table from 'cli-table3';
import { EXIT_OK } from '../errors';
import { colours, type Colours, type Console } from '../io/console';
import { parseSeriesCsv } from '../io/seriesCsv';
import { loadValidSloFiles, pickSlo, readText } from '../io/sloFiles';
import { parseTimeOption } from '../io/time';
import { toEvaluationJson } from '../output/evaluationJson';
import { colourBudget, colourBurn, formatHumanDuration, formatPercent } from '../output/format';
import { COMPACT } from '../output/table';

export interface EvaluateOptions {
  slo: string;
  name?: string;
  series: string;
  at?: string;
  format: 'json' | 'table';
}

/** `headroom evaluate`: one SLO over one CSV of counters, at one instant. */
export function evaluateCommand(opts: EvaluateOptions, io: Console): number {
  const slo = loadValidSlo(opts.slo, opts.name);
  const samples = parseSeriesCsv(readText(opts.series), opts.series);
  const at = opts.at === undefined ? undefined : parseTimeOption(opts.at, '--at');
  const evaluation = evaluateSlo(slo, prepareSeries(samples), at === undefined ? {} : { at });
  if (opts.format === 'json') io.out(JSON.stringify(toEvaluationJson(slo, evaluation), null, 2));
  else io.out(renderEvaluationTable(colours(io), slo, evaluation));
  return EXIT_OK;
}

/** Loads one SLO and refuses to evaluate an invalid file: its problems become the error. */
export function loadValidSlo(file: string, name: string | undefined): Slo {
  return pickSlo(loadValidSloFiles([file]), name, file);
}

function renderEvaluationTable(pc: Colours, slo: Slo, e: SloEvaluation): string {
  const json = toEvaluationJson(slo, e);
  const table = new Table({ style: { head: [], border: [] }, chars: COMPACT });
  table.push(
    { SLO: `${slo.service} / ${slo.name}` },
    { Objective: `${formatPercent(e.objective)} over ${json.window}` },
    { At: json.at },
    { SLI: formatPercent(e.sli) },
    { 'Budget remaining': colourBudget(pc, e.budget.remaining) },
    ...e.burnRates.map(b => ({ [`Burn ${b.window}`]: colourBurn(pc, b.rate, 1) })),
    ...e.alerts.map(a => ({
      [`${a.severity} ${a.longWindow}/${a.shortWindow} > ${a.factor}×`]: a.firing
        ? pc.red(pc.bold('FIRING'))
        : 'ok',
    })),
    { 'Budget exhausted in': formatHumanDuration(e.timeToExhaustionSeconds) },
  );
  return table.toString();
}
