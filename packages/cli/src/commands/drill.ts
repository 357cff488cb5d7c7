import {
  chaosMeshResources,
  ClusterFaultError,
  formatIssue,
  litmusChaosEngines,
  parseDrills,
  parseDuration,
  prepareSeries,
  type Drill,
  type DrillRunRecord,
  type SloIssue,
} from '@headroom/core';
import {
  fetchCounterSamples,
  planSloSamples,
  PrometheusClient,
  readPlannedSamples,
} from '@headroom/prometheus';
import { stringify } from 'yaml';
import { recordDrillRun } from '../drills/backendRecord';
import { runDrill } from '../drills/runner';
import { SimulatorControl } from '../drills/simulatorControl';
import { EXIT_FINDINGS, EXIT_OK, InputError } from '../errors';
import type { Console } from '../io/console';
import { loadValidSloFiles, readText, SLO_FILE_LIMIT } from '../io/sloFiles';
import { formatHumanDuration } from '../output/format';

function loadDrills(files: string[]): { drills: Drill[]; issues: SloIssue[] } {
  const drills: Drill[] = [];
  const issues: SloIssue[] = [];
  for (const file of files) {
    const result = parseDrills(readText(file, SLO_FILE_LIMIT), file);
    drills.push(...result.drills);
    issues.push(...result.issues);
  }
  return { drills, issues };
}

/** `headroom drill validate <files…>`: every problem of every drill file; exit 1 when any. */
export function drillValidateCommand(files: string[], io: Console): number {
  const { drills, issues } = loadDrills(files);
  for (const issue of issues) io.err(formatIssue(issue));
  if (issues.length > 0) {
    io.err(`${issues.length} problem${issues.length === 1 ? '' : 's'} in drill files`);
    return EXIT_FINDINGS;
  }
  io.out(
    `${drills.length} drill${drills.length === 1 ? '' : 's'} in ${files.length} file(s): valid`,
  );
  return EXIT_OK;
}

function oneDrill(file: string, name: string | undefined): Drill {
  const { drills, issues } = loadDrills([file]);
  if (issues.length > 0) throw new InputError(formatIssue(issues[0]!));
  const drill = name === undefined ? drills[0] : drills.find(d => d.name === name);
  if (!drill || (name === undefined && drills.length !== 1)) {
    throw new InputError(
      name === undefined
        ? `${file}: has ${drills.length} drills; pick one with --name (${drills.map(d => d.name).join(', ')})`
        : `${file}: no drill named "${name}" (has ${drills.map(d => d.name).join(', ')})`,
    );
  }
  return drill;
}

export interface DrillManifestsOptions {
  name?: string;
  to: 'litmus' | 'chaos-mesh';
  namespace: string;
  labelKey: string;
  prometheusEndpoint?: string;
}

/** `headroom drill manifests`: the drill as LitmusChaos or Chaos Mesh resources, in YAML. */
export function drillManifestsCommand(
  file: string,
  opts: DrillManifestsOptions,
  io: Console,
): number {
  const drill = oneDrill(file, opts.name);
  const target = {
    namespace: opts.namespace,
    appLabel: (service: string) => `${opts.labelKey}=${service}`,
    ...(opts.prometheusEndpoint
      ? {
          prometheusEndpoint: opts.prometheusEndpoint,
          // The recorded ratio of the rules `headroom rules` writes, over the budget.
          burnRateQuery: (w: number) =>
            `slo:sli_error:ratio_rate${formatWindow(w)}{sloth_service="${drill.service}",sloth_slo="${drill.slo}"} / on() group_left() (1 - slo:objective:ratio{sloth_service="${drill.service}",sloth_slo="${drill.slo}"})`,
        }
      : {}),
  };
  let resources: Record<string, unknown>[];
  try {
    resources =
      opts.to === 'litmus' ? litmusChaosEngines(drill, target) : chaosMeshResources(drill, target);
  } catch (e) {
    if (e instanceof ClusterFaultError) throw new InputError(`${file}: ${e.message}`);
    throw e;
  }
  io.out(
    resources
      .map(r => stringify(r))
      .join('---\n')
      .trimEnd(),
  );
  return EXIT_OK;
}

function formatWindow(seconds: number): string {
  return seconds % 86400 === 0
    ? `${seconds / 86400}d`
    : seconds % 3600 === 0
      ? `${seconds / 3600}h`
      : `${seconds / 60}m`;
}

export interface DrillRunOptions {
  name?: string;
  slo: string[];
  simulator: string;
  prometheus: string;
  step: string;
  poll: string;
  settle?: string;
  format: 'json' | 'table';
  /** A Backstage backend to record the run in. */
  record?: string;
  token?: string;
}

function seconds(text: string, flag: string): number {
  const s = /^\d+$/.test(text) ? Number(text) : parseDuration(text);
  if (s === undefined || !(s > 0) || !Number.isInteger(s)) {
    throw new InputError(`${flag}: "${text}" is not a duration like 15, 15s or 1m`);
  }
  return s;
}

/**
 * `headroom drill run`: runs one drill against the demo simulator and a Prometheus that scrapes
 * it with the SLO's rules, and prints the run's record. Exit 0 when the hypothesis held, 1 when
 * it did not (or the run was aborted or skipped).
 */
export async function drillRunCommand(
  file: string,
  opts: DrillRunOptions,
  io: Console,
): Promise<number> {
  const drill = oneDrill(file, opts.name);
  const slo = loadValidSloFiles(opts.slo).find(
    s => s.service === drill.service && s.name === drill.slo,
  );
  if (!slo) {
    throw new InputError(
      `${file}: no SLO "${drill.slo}" of service "${drill.service}" in ${opts.slo.join(', ')}`,
    );
  }
  const step = seconds(opts.step, '--step');
  const client = new PrometheusClient({ url: opts.prometheus });
  const simulator = new SimulatorControl(opts.simulator);
  const record = await runDrill(
    drill,
    slo,
    {
      now: () => Date.now() / 1000,
      sleep: s => new Promise(resolve => setTimeout(resolve, s * 1000)),
      readSeries: async (instant, from) => {
        if (from === undefined) {
          const plan = planSloSamples(slo, instant, step);
          return {
            series: prepareSeries(await readPlannedSamples(client, slo, plan)),
            at: plan.at,
          };
        }
        const end = Math.floor(instant / step) * step;
        const start = Math.floor(from / step) * step - step;
        return {
          series: prepareSeries(await fetchCounterSamples(client, slo, start, end, step)),
          at: end,
        };
      },
      alerts: () => client.alerts(),
      faults: simulator,
      log: line => io.err(`drill ${drill.name}: ${line}`),
    },
    {
      pollSeconds: seconds(opts.poll, '--poll'),
      ...(opts.settle === undefined ? {} : { settleSeconds: seconds(opts.settle, '--settle') }),
    },
  );
  io.out(opts.format === 'json' ? JSON.stringify(record, null, 2) : drillTable(record));
  if (opts.record !== undefined) {
    const id = await recordDrillRun(opts.record, drill, record, opts.token);
    io.err(`drill ${drill.name}: recorded as run ${id} in ${opts.record}`);
  }
  return record.verdict === 'Pass' ? EXIT_OK : EXIT_FINDINGS;
}

function drillTable(r: DrillRunRecord): string {
  const lines = [
    `${r.drill} (${r.service} / ${r.slo}): ${r.verdict}, resilience score ${r.resilienceScore.toFixed(1)}`,
    r.summary,
    `detection: ${r.detection.ttdSeconds === null ? 'none' : formatHumanDuration(r.detection.ttdSeconds)}` +
      (r.detection.withinTarget === null
        ? ''
        : r.detection.withinTarget
          ? ' (within target)'
          : ' (missed target)'),
    `recovery: ${r.recovery.ttrSeconds === null ? 'none' : formatHumanDuration(r.recovery.ttrSeconds)}` +
      (r.recovery.withinTarget === null
        ? ''
        : r.recovery.withinTarget
          ? ' (within target)'
          : ' (missed target)'),
    `budget spent: ${r.budgetSpent === null ? 'unknown' : `${(r.budgetSpent * 100).toFixed(2)} %`}`,
    ...r.probes.map(
      p => `  ${p.passed ? 'pass' : 'FAIL'} ${p.mode.padEnd(7)} ${p.name}: ${p.detail}`,
    ),
  ];
  return lines.join('\n');
}
