import { readFileSync } from 'node:fs';
import {
  formatMoney,
  formatMoneyFixed,
  rollupCosts,
  type AttributionRule,
  type RollupDimension,
  type RollupGrain,
  type CostPeriodBasis,
  type CostView,
} from '@headroom/core';
import { importFocus } from '@headroom/cost';
import Table from 'cli-table3';
import { parse } from 'yaml';
import { EXIT_FINDINGS, EXIT_OK, InputError } from '../errors';
import { loadCatalogEntities } from '../io/catalogEntities';
import { colours, type Console } from '../io/console';
import { COMPACT } from '../output/table';

export interface CostReportOptions {
  catalog?: string[];
  rules?: string;
  by: RollupDimension;
  grain: RollupGrain;
  /** Which month a cost is reported in: its bill's (default) or its charge's. */
  period: CostPeriodBasis;
  view: CostView;
  format: 'table' | 'json';
}

/** Without a rules file: each entity's cost-tags annotation, then a `service` tag, then namespaces. */
export const DEFAULT_COST_RULES: AttributionRule[] = [
  { id: 'cost-tags', type: 'annotation' },
  { id: 'service-tag', type: 'tag', key: 'service' },
  { id: 'namespace', type: 'namespace' },
];

/**
 * `headroom cost report <source>`: a FOCUS export (file, folder or URL; CSV, gzip'd CSV or
 * Parquet) attributed to catalog entities and rolled up by entity, owner or line of business,
 * per month of the bill (BillingPeriodStart) unless `--period charge` asks for the charge's month.
 * Unallocated cost is a row of its own; bad rows are counted and shown with their line; totals are
 * reconciled with the bill. Exit 1 when there were bad rows or a period does not reconcile.
 */
export async function costReportCommand(
  source: string,
  opts: CostReportOptions,
  io: Console,
): Promise<number> {
  const entities = loadCatalogEntities(opts.catalog ?? []);
  const rules = opts.rules ? loadRules(opts.rules) : DEFAULT_COST_RULES;
  let result;
  try {
    result = await importFocus(source, { rules, entities });
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  const rows = rollupCosts(result.aggregates, entities, {
    by: opts.by,
    grain: opts.grain,
    view: opts.view,
    period: opts.period,
  });
  const unreconciled = result.reconciliation.filter(r => !r.ok);
  if (opts.format === 'json') {
    io.out(
      JSON.stringify(
        {
          source,
          by: opts.by,
          grain: opts.grain,
          period: opts.period,
          view: opts.view,
          rows: rows.map(r => ({
            key: r.key,
            period: periodText(r.period, opts.grain),
            currency: r.currency,
            cost: formatMoney(r.cost, 2),
            previous: r.previous === null ? null : formatMoney(r.previous, 2),
            changeRatio: r.changeRatio,
            ...(r.partial ? { partial: r.partial } : {}),
          })),
          totals: result.totals.byCurrency.map(t => ({
            currency: t.currency,
            rows: t.rows,
            billed: formatMoney(t.billed, 2),
            effective: formatMoney(t.effective, 2),
          })),
          badRows: result.badRows,
          unreconciledPeriods: unreconciled.length,
        },
        null,
        2,
      ),
    );
  } else {
    const pc = colours(io);
    const table = new Table({
      head: [opts.by, 'period', 'cost', 'previous', 'change'].map(h => pc.bold(h)),
      colAligns: ['left', 'left', 'right', 'right', 'right'],
      style: { head: [], border: [] },
      chars: COMPACT,
    });
    for (const r of rows) {
      table.push([
        r.key.startsWith('(') ? pc.yellow(r.key) : r.key,
        periodText(r.period, opts.grain) +
          (r.partial ? ` (${r.partial.days} of ${r.partial.of} days)` : ''),
        `${formatMoneyFixed(r.cost, 2)} ${r.currency}`,
        r.previous === null ? '–' : formatMoneyFixed(r.previous, 2),
        r.changeRatio === null
          ? '–'
          : `${r.changeRatio >= 0 ? '+' : ''}${(r.changeRatio * 100).toFixed(1)}%`,
      ]);
    }
    io.out(table.toString());
    for (const t of result.totals.byCurrency) {
      io.out(
        `bill ${t.currency}: ${t.rows} rows, billed ${formatMoney(t.billed, 2)}, effective ${formatMoney(t.effective, 2)}`,
      );
    }
  }
  if (result.badRows.count > 0) {
    io.err(`${result.badRows.count} bad row(s) not counted in the totals, e.g.:`);
    for (const s of result.badRows.samples.slice(0, 5))
      io.err(`  ${s.file}:${s.line}: ${s.column}: ${s.message}`);
  }
  if (unreconciled.length > 0)
    io.err(`${unreconciled.length} period(s) do not reconcile with the bill`);
  return result.badRows.count > 0 || unreconciled.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

function loadRules(file: string): AttributionRule[] {
  let value: unknown;
  try {
    value = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!Array.isArray(value)) throw new InputError(`${file}: expected a list of attribution rules`);
  return value as AttributionRule[];
}

function periodText(t: number, grain: RollupGrain): string {
  const iso = new Date(t * 1000).toISOString();
  return grain === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
}
