import {
  DEFAULT_RELEASE_GATE_POLICY,
  decideRelease,
  type GateSloStatus,
  type ReleaseGatePolicy,
} from '@headroom/core';
import { EXIT_FINDINGS, EXIT_OK, InputError } from '../errors';
import { colours, type Console } from '../io/console';
import { evaluateSloFiles, type ReportOptions, type ReportRow } from './report';

export interface GateOptions extends Pick<
  ReportOptions,
  'seriesDir' | 'prometheus' | 'step' | 'at'
> {
  minBudget?: string;
  cautionBudget?: string;
  denyOnTicket?: boolean;
  withoutSlos?: 'allow' | 'deny';
  format: 'json' | 'table';
}

/**
 * `headroom gate <files…>`: the error-budget release gate for CI. Evaluates the SLOs and applies
 * the policy (core's `decideRelease` from core's one default policy, as the backend's gate
 * endpoint does). Exit 0 when the release may go, 1 when it is denied.
 */
export async function gateCommand(
  files: string[],
  opts: GateOptions,
  io: Console,
): Promise<number> {
  const policy: ReleaseGatePolicy = {
    ...DEFAULT_RELEASE_GATE_POLICY,
    minBudgetRemaining: fraction(
      opts.minBudget,
      '--min-budget',
      DEFAULT_RELEASE_GATE_POLICY.minBudgetRemaining,
    ),
    cautionBudgetRemaining: fraction(
      opts.cautionBudget,
      '--caution-budget',
      DEFAULT_RELEASE_GATE_POLICY.cautionBudgetRemaining,
    ),
    denyOnTicket: opts.denyOnTicket ?? DEFAULT_RELEASE_GATE_POLICY.denyOnTicket,
    withoutSlos: opts.withoutSlos ?? DEFAULT_RELEASE_GATE_POLICY.withoutSlos,
  };
  if (policy.cautionBudgetRemaining < policy.minBudgetRemaining) {
    throw new InputError(
      `--caution-budget (${policy.cautionBudgetRemaining}) must be at least --min-budget (${policy.minBudgetRemaining})`,
    );
  }
  const rows = await evaluateSloFiles(files, opts);
  const decision = decideRelease(rows.map(gateStatus), policy, files.join(', '));
  if (opts.format === 'json') {
    io.out(JSON.stringify(decision, null, 2));
  } else {
    const pc = colours(io);
    const head =
      decision.decision === 'allow'
        ? pc.green(pc.bold(`ALLOW (${decision.rhythm})`))
        : pc.red(pc.bold(`DENY (${decision.rhythm})`));
    io.out([head, ...decision.reasons.map(r => `  - ${r}`)].join('\n'));
  }
  return decision.decision === 'allow' ? EXIT_OK : EXIT_FINDINGS;
}

function gateStatus(row: ReportRow): GateSloStatus {
  const name = `${row.slo.service}/${row.slo.name}`;
  const e = row.evaluation;
  if (!e)
    return {
      name,
      ageSeconds: null,
      budgetRemaining: null,
      firing: [],
      error: row.missing ?? 'not evaluated',
    };
  return {
    name,
    // Evaluated just now, from the data as it is.
    ageSeconds: 0,
    budgetRemaining: e.budget.remaining,
    firing: e.alerts.filter(a => a.firing).map(a => a.severity),
  };
}

function fraction(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const percent = /^(-?\d+(\.\d+)?)%$/.exec(text.trim());
  const v = percent ? Number(percent[1]) / 100 : Number(text);
  if (!Number.isFinite(v) || v > 1) {
    throw new InputError(`${flag}: "${text}" is not a budget fraction like 0.1 or 10%`);
  }
  return v;
}
