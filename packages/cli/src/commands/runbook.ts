import { writeFileSync } from 'node:fs';
import {
  formatIssue,
  parseDuration,
  parseRunbooks,
  prepareSeries,
  type RecentChange,
  type Runbook,
  type RunbookAction,
  type RunbookAuditRecord,
  type SloIssue,
} from '@headroom/core';
import { fetchCounterSamples, PrometheusClient, singleValue } from '@headroom/prometheus';
import { EXIT_FINDINGS, EXIT_OK, InputError } from '../errors';
import type { Console } from '../io/console';
import { loadValidSloFiles, readText, SLO_FILE_LIMIT } from '../io/sloFiles';
import { callWebhook, kubernetesPlan, SimulatorActions } from '../runbooks/adapters';
import { listenForAlertmanager } from '../runbooks/alertmanagerListener';
import { backendApprovalWait } from '../runbooks/approvalWait';
import {
  backendApprovals,
  backendCapacity,
  backendRunbookRuns,
  recordRunbookRun,
  updateRunbookRun,
} from '../runbooks/backendRecord';
import {
  lineOfBusinessOf,
  pastRuns,
  readCatalog,
  readChanges,
  readGlobalGuardrails,
  readHistory,
} from '../runbooks/context';
import { runRunbook } from '../runbooks/executor';

function loadRunbooks(files: string[]): { runbooks: Runbook[]; issues: SloIssue[] } {
  const runbooks: Runbook[] = [];
  const issues: SloIssue[] = [];
  for (const file of files) {
    const result = parseRunbooks(readText(file, SLO_FILE_LIMIT), file);
    runbooks.push(...result.runbooks);
    issues.push(...result.issues);
  }
  return { runbooks, issues };
}

/** `headroom runbook validate <files…>`: every problem of every runbook file; exit 1 when any. */
export function runbookValidateCommand(files: string[], io: Console): number {
  const { runbooks, issues } = loadRunbooks(files);
  for (const issue of issues) io.err(formatIssue(issue));
  if (issues.length > 0) {
    io.err(`${issues.length} problem${issues.length === 1 ? '' : 's'} in runbook files`);
    return EXIT_FINDINGS;
  }
  io.out(
    `${runbooks.length} runbook${runbooks.length === 1 ? '' : 's'} in ${files.length} file(s): valid`,
  );
  return EXIT_OK;
}

export interface RunbookRunOptions {
  name?: string;
  slo: string[];
  simulator?: string;
  prometheus: string;
  changes?: string;
  catalog?: string[];
  guardrails?: string;
  history?: string;
  approve?: string[];
  dryRun?: boolean;
  triggeredBy?: string;
  kubernetes?: string;
  /** A Backstage backend to record the run in. */
  record?: string;
  token?: string;
  /** A recorded run whose approvals in the backend this run may use. */
  approvedIn?: string;
  /** With --record: how long to wait for a person to approve a risky action, then go on. */
  approvalWait?: string;
  /** Take the trigger from Alertmanager's webhook on this host:port instead of polling Prometheus. */
  alertmanagerListen?: string;
  alertmanagerToken?: string;
  container?: string;
  previousImage?: string;
  step: string;
  poll: string;
  wait: string;
}

function seconds(text: string, flag: string): number {
  const s = /^\d+$/.test(text) ? Number(text) : parseDuration(text);
  if (s === undefined || !(s > 0) || !Number.isInteger(s)) {
    throw new InputError(`${flag}: "${text}" is not a duration like 15, 15s or 1m`);
  }
  return s;
}

function oneRunbook(file: string, name: string | undefined): Runbook {
  const { runbooks, issues } = loadRunbooks([file]);
  if (issues.length > 0) {
    const more =
      issues.length > 1 ? ` (and ${issues.length - 1} more: run headroom runbook validate)` : '';
    throw new InputError(`${formatIssue(issues[0]!)}${more}`);
  }
  const runbook = name === undefined ? runbooks[0] : runbooks.find(r => r.name === name);
  if (!runbook || (name === undefined && runbooks.length !== 1)) {
    throw new InputError(
      name === undefined
        ? `${file}: has ${runbooks.length} runbooks; pick one with --name (${runbooks.map(r => r.name).join(', ')})`
        : `${file}: no runbook named "${name}" (has ${runbooks.map(r => r.name).join(', ')})`,
    );
  }
  return runbook;
}

/**
 * `headroom runbook run`: waits for the runbook's alert, diagnoses, acts through the guardrails
 * (on the demo simulator, a webhook, or as cluster patches in dry-run form), verifies and
 * prints the audit record as JSON. Exit 0 when recovered or dry-run, 1 otherwise.
 */
export async function runbookRunCommand(
  file: string,
  opts: RunbookRunOptions,
  io: Console,
): Promise<number> {
  const runbook = oneRunbook(file, opts.name);
  const slo = loadValidSloFiles(opts.slo).find(
    s => s.service === runbook.service && s.name === runbook.slo,
  );
  if (!slo) {
    throw new InputError(
      `${file}: no SLO "${runbook.slo}" of service "${runbook.service}" in ${opts.slo.join(', ')}`,
    );
  }
  if (!opts.simulator && !opts.changes) {
    throw new InputError('--simulator or --changes: recent changes need one of them');
  }
  if (!opts.simulator && !opts.kubernetes && runbook.actions.some(a => a.type !== 'webhook')) {
    throw new InputError('--simulator or --kubernetes: the runbook has actions that need a target');
  }
  const step = seconds(opts.step, '--step');
  const client = new PrometheusClient({ url: opts.prometheus });
  const simulator = opts.simulator ? new SimulatorActions(opts.simulator) : undefined;
  const supplied = opts.changes ? readChanges(opts.changes) : undefined;
  const catalog = readCatalog(opts.catalog ?? []);
  const global = readGlobalGuardrails(opts.guardrails);
  if (opts.dryRun) global.dryRun = true;
  if (opts.approvedIn !== undefined && opts.record === undefined) {
    throw new InputError('--approved-in: needs --record, the backend that holds the approvals');
  }
  if (opts.approvalWait !== undefined && opts.record === undefined) {
    throw new InputError('--approval-wait: needs --record, the backend people approve in');
  }
  const approvalWaitSeconds =
    opts.approvalWait === undefined ? undefined : seconds(opts.approvalWait, '--approval-wait');
  const pollSeconds = seconds(opts.poll, '--poll');
  // The audit log is the local file and, with --record, every run the backend keeps.
  const history = readHistory(opts.history);
  const recorded =
    opts.record === undefined ? [] : await backendRunbookRuns(opts.record, opts.token);
  const approvals = [
    ...(opts.approve ?? []),
    ...(opts.approvedIn === undefined
      ? []
      : await backendApprovals(opts.record!, opts.approvedIn, opts.token)),
  ];

  const execute = async (action: RunbookAction, rb: Runbook, changes: readonly RecentChange[]) => {
    if (action.type === 'webhook') return callWebhook(action, rb, changes);
    if (opts.kubernetes) {
      return kubernetesPlan(
        action,
        {
          namespace: opts.kubernetes,
          deployment: rb.service,
          ...(opts.container ? { container: opts.container } : {}),
          ...(opts.previousImage ? { previousImage: opts.previousImage } : {}),
          flagConfigMap: `${rb.service}-flags`,
        },
        Date.now() / 1000,
      );
    }
    return simulator!.execute(action, rb.service);
  };

  const listener =
    opts.alertmanagerListen === undefined
      ? undefined
      : await listenForAlertmanager(opts.alertmanagerListen, opts.alertmanagerToken);
  if (listener) io.err(`runbook ${runbook.name}: Alertmanager webhook receiver at ${listener.url}`);

  const now = () => Date.now() / 1000;
  const sleep = (s: number) => new Promise<void>(resolve => setTimeout(resolve, s * 1000));
  const log = (line: string) => io.err(`runbook ${runbook.name}: ${line}`);
  const approvalWait =
    approvalWaitSeconds === undefined
      ? undefined
      : backendApprovalWait(opts.record!, opts.token, pollSeconds, { now, sleep, log });

  let record: RunbookAuditRecord;
  try {
    record = await runRunbook(
      runbook,
      slo,
      {
        now,
        sleep,
        alerts: async () => (listener ? listener.alerts() : client.alerts()),
        queryValue: async (expr, at) => {
          const v = singleValue(await client.query(expr, at));
          return v === null || !Number.isFinite(v) ? null : v;
        },
        recentChanges: async since =>
          supplied ? supplied.filter(c => c.at >= since) : simulator!.recentChanges(since),
        dependencies: service => catalog.dependsOn.get(service) ?? [],
        // The capacity assessment kept in the backend, when there is one.
        capacity: async service =>
          opts.record === undefined ? null : backendCapacity(opts.record, service, opts.token),
        readSeries: async (instant, from) => {
          const end = Math.floor(instant / step) * step;
          const start = Math.floor(from / step) * step - step;
          return {
            series: prepareSeries(await fetchCounterSamples(client, slo, start, end, step)),
            at: end,
          };
        },
        execute,
        log,
        ...(approvalWait ? { awaitApproval: approvalWait.awaitApproval } : {}),
      },
      {
        pollSeconds,
        ...(approvalWaitSeconds !== undefined ? { approvalWaitSeconds } : {}),
        waitSeconds: seconds(opts.wait, '--wait'),
        ...(opts.triggeredBy !== undefined ? { triggeredBy: opts.triggeredBy } : {}),
        global,
        approvals,
        history: pastRuns([...history, ...recorded]),
        lineOfBusiness: lineOfBusinessOf(catalog, runbook.service),
      },
    );
  } finally {
    await listener?.close();
  }
  if (opts.history)
    writeFileSync(opts.history, `${JSON.stringify([...history, record], null, 2)}\n`);
  io.out(JSON.stringify(record, null, 2));
  if (opts.record !== undefined) {
    // A run that waited is already recorded: its final record replaces the waiting one.
    const waited = approvalWait?.runId();
    const stored =
      waited === undefined
        ? await recordRunbookRun(opts.record, record, opts.token)
        : await updateRunbookRun(opts.record, waited, record, opts.token);
    io.err(
      `runbook ${runbook.name}: recorded as run ${stored.id} in ${opts.record}` +
        (stored.incidentId ? `, incident ${stored.incidentId}` : ', no incident found'),
    );
  }
  return record.result === 'recovered' || record.result === 'dry-run' ? EXIT_OK : EXIT_FINDINGS;
}
