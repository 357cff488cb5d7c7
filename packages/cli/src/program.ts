import { Command, CommanderError, Option } from 'commander';
import { EXIT_USAGE, InputError } from './errors';
import { capacityCommand, type CapacityOptions } from './commands/capacity';
import { costReportCommand, type CostReportOptions } from './commands/cost';
import { costImportCommand, type CostImportOptions } from './commands/costImport';
import {
  drillManifestsCommand,
  drillRunCommand,
  drillValidateCommand,
  type DrillManifestsOptions,
  type DrillRunOptions,
} from './commands/drill';
import { evaluateCommand } from './commands/evaluate';
import { gateCommand, type GateOptions } from './commands/gate';
import { incidentsReportCommand, type IncidentsReportOptions } from './commands/incidents';
import { incidentsDeployCommand, type DeployOptions } from './commands/incidentsDeploy';
import { anomaliesCommand, type AnomaliesOptions } from './commands/anomalies';
import { canaryJudgeCommand, type CanaryJudgeOptions } from './commands/canary';
import { changeAssessCommand, type ChangeAssessOptions } from './commands/change';
import { reportCommand, type ReportOptions } from './commands/report';
import { rulesCommand, type RulesOptions } from './commands/rules';
import {
  runbookRunCommand,
  runbookValidateCommand,
  type RunbookRunOptions,
} from './commands/runbook';
import { validateCommand } from './commands/validate';
import { processConsole, type Console } from './io/console';

const formatOption = () =>
  new Option('--format <format>', 'output format').choices(['table', 'json']).default('table');

/**
 * Runs the `headroom` command with the given arguments (without `node` and the script) and
 * returns the exit code. Never calls process.exit, so tests run it in-process.
 */
export async function run(args: string[], io: Console = processConsole): Promise<number> {
  let exitCode = 0;
  const program = new Command('headroom')
    .description('SLOs, error budgets and burn-rate alerts from the command line and CI')
    .exitOverride()
    .configureOutput({ writeOut: s => io.out(s), writeErr: s => io.err(s.trimEnd()) })
    .showSuggestionAfterError(true);

  program
    .command('validate')
    .description('check SLO files (OpenSLO v1/v1alpha, Sloth, Pyrra); exit 1 listing every problem')
    .argument('<files...>', 'SLO files')
    .option('--strict', "refuse unknown fields and the OpenSLO examples' Any placeholders")
    .option('--oslo', "also apply oslo validate's rules (op only beside a thresholdMetric ...)")
    .action((files: string[], opts: { strict?: boolean; oslo?: boolean }) => {
      exitCode = validateCommand(files, io, {
        ...(opts.strict ? { strict: true } : {}),
        ...(opts.oslo ? { oslo: true } : {}),
      });
    });

  program
    .command('evaluate')
    .description('evaluate one SLO over a CSV of cumulative counters')
    .requiredOption('--slo <file>', 'SLO file')
    .option('--name <slo>', 'the SLO to evaluate when the file has several')
    .requiredOption('--series <csv>', 'CSV with header timestamp,good,total or timestamp,bad,total')
    .option('--at <time>', 'evaluation time, RFC 3339 or unix seconds (default: the last sample)')
    .addOption(formatOption().default('json'))
    .action(
      (opts: {
        slo: string;
        name?: string;
        series: string;
        at?: string;
        format: 'json' | 'table';
      }) => {
        exitCode = evaluateCommand(opts, io);
      },
    );

  program
    .command('report')
    .description('evaluate every SLO in the files over its series and print a report')
    .argument('<files...>', 'SLO files')
    .option('--series-dir <dir>', 'folder of <service>-<slo>.csv counter files', '.')
    .addOption(
      new Option('--prometheus <url>', 'read the counters live from this Prometheus instead'),
    )
    .option('--step <duration>', 'with --prometheus: sample step (e.g. 60, 30s, 1m)', '60')
    .option(
      '--catalog <files...>',
      'catalog-info files: owner and line of business of the services',
    )
    .option(
      '--at <time>',
      "evaluation time, RFC 3339 or unix seconds (default: each series' last sample, or now)",
    )
    .addOption(formatOption())
    .action(async (files: string[], opts: ReportOptions) => {
      exitCode = await reportCommand(files, opts, io);
    });

  program
    .command('gate')
    .description('error-budget release gate: exit 0 to allow a release, 1 to deny it, with reasons')
    .argument('<files...>', 'SLO files of the services the release touches')
    .option('--series-dir <dir>', 'folder of <service>-<slo>.csv counter files', '.')
    .option('--prometheus <url>', 'read the counters live from this Prometheus instead')
    .option('--step <duration>', 'with --prometheus: sample step (e.g. 60, 30s, 1m)', '60')
    .option('--at <time>', 'evaluation time, RFC 3339 or unix seconds')
    .option('--min-budget <fraction>', 'deny at or below this remaining budget (0.1 or 10%)')
    .option('--caution-budget <fraction>', 'slow the release rhythm below this remaining budget')
    .option('--deny-on-ticket', 'deny while a ticket (slow burn) alert fires, not only a page')
    .addOption(
      new Option('--without-slos <decision>', 'a release without SLOs (default: deny)').choices([
        'allow',
        'deny',
      ]),
    )
    .addOption(formatOption())
    .action(async (files: string[], opts: GateOptions) => {
      exitCode = await gateCommand(files, opts, io);
    });

  program
    .command('capacity')
    .description(
      'capacity from the business driver: CPU and memory at the forecast peak vs requests and N-fold',
    )
    .requiredOption('--prometheus <url>', 'Prometheus with the usage and driver series')
    .requiredOption('--entity <ref>', 'catalog entity, e.g. component:default/market-data')
    .option('--history <duration>', 'history to fit and forecast from', '14d')
    .option('--step <duration>', 'sample step', '5m')
    .option('--horizon <duration>', 'how far ahead the peak is forecast', '30d')
    .option('--target-utilisation <fraction>', 'utilisation to plan the peak at', '0.7')
    .option('--n-fold <n>', 'the reservation multiple to compare with', '3')
    .option('--driver <promql>', 'business driver (default: requests per second of the service)')
    .option('--cpu <promql>', 'CPU use in cores')
    .option('--memory <promql>', 'memory use in GiB')
    .option('--at <time>', 'end of the history, RFC 3339 or unix seconds (default: now)')
    .option('--slo <file>', "the entity's SLO file: its latency SLO caps CPU utilisation")
    .option('--record <url>', 'record the CPU and memory assessments in this Backstage backend')
    .option('--token <token>', 'bearer token for --record (default: $HEADROOM_BACKEND_TOKEN)')
    .addOption(formatOption())
    .action(async (opts: CapacityOptions) => {
      exitCode = await capacityCommand(opts, io);
    });

  const cost = program.command('cost').description('cost governance: FOCUS billing data, showback');
  cost
    .command('report')
    .description(
      'attribute a FOCUS export (file, folder or URL; CSV, .csv.gz, Parquet) to catalog entities and roll it up',
    )
    .argument('<source>', 'FOCUS export: a file, a folder or an http(s) URL')
    .option(
      '--catalog <files...>',
      'catalog-info files: the entities, owners and lines of business',
    )
    .option(
      '--rules <file>',
      'attribution rules (YAML list); default: cost-tags annotation, service tag, namespace',
    )
    .addOption(
      new Option('--by <dimension>', 'roll up by')
        .choices(['entity', 'owner', 'lineOfBusiness'])
        .default('entity'),
    )
    .addOption(new Option('--grain <grain>', 'period').choices(['day', 'month']).default('month'))
    .addOption(
      new Option(
        '--period <basis>',
        'month of a cost: its bill (BillingPeriodStart) or its charge (ChargePeriodStart); days are charge days',
      )
        .choices(['billing', 'charge'])
        .default('billing'),
    )
    .addOption(
      new Option('--view <view>', 'billed (BilledCost) or amortised (EffectiveCost)')
        .choices(['billed', 'effective'])
        .default('effective'),
    )
    .addOption(formatOption())
    .action(async (source: string, opts: CostReportOptions) => {
      exitCode = await costReportCommand(source, opts, io);
    });
  cost
    .command('import')
    .description(
      'stream a FOCUS CSV (or .csv.gz) to the Headroom backend, replacing its billing periods of a source',
    )
    .argument('<file>', "FOCUS CSV, plain or gzip'd")
    .requiredOption('--backend <url>', 'Backstage backend base URL, e.g. http://localhost:7007')
    .option('--token <token>', 'bearer token (default: $HEADROOM_BACKEND_TOKEN)')
    .requiredOption('--source <id>', 'cost source id from headroom.cost.sources')
    .addOption(formatOption())
    .action(async (file: string, opts: CostImportOptions) => {
      exitCode = await costImportCommand(file, opts, io);
    });

  const incidents = program
    .command('incidents')
    .description('incidents from Alertmanager: MTTD, MTTA and MTTR per severity against targets');
  incidents
    .command('deploy')
    .description('record a deployment in the backend (DORA change failure rate, recovery time)')
    .requiredOption('--backend <url>', 'Backstage backend base URL, e.g. http://localhost:7007')
    .requiredOption('--service <name>', 'the catalog service deployed')
    .option('--version <version>', 'version, commit or rollout deployed')
    .option('--at <time>', 'when, RFC 3339 or unix seconds (default: now)')
    .option('--token <token>', 'bearer token (default: $HEADROOM_BACKEND_TOKEN)')
    .action(async (opts: DeployOptions) => {
      exitCode = await incidentsDeployCommand(opts, io);
    });
  incidents
    .command('report')
    .description('incidents, their timelines and MTTx from a JSON Lines file of events')
    .requiredOption('--events <file>', 'JSON Lines: alertmanager notifications, acks, deploys')
    .option('--slo <files...>', 'SLO files: impact start and mitigation from their counters')
    .option('--series-dir <dir>', 'with --slo: folder of <service>-<slo>.csv counter files', '.')
    .option('--catalog <files...>', 'catalog-info files: owner and line of business of services')
    .option('--from <time>', 'only incidents whose impact started at or after this time')
    .option('--to <time>', 'only incidents whose impact started before this time')
    .option('--at <time>', 'now, for grading incidents still open (default: not graded)')
    .addOption(formatOption())
    .action((opts: IncidentsReportOptions) => {
      exitCode = incidentsReportCommand(opts, io);
    });

  program
    .command('rules')
    .description('Prometheus recording and alerting rules for the SLOs (Sloth-compatible series)')
    .argument('<files...>', 'SLO files')
    .addOption(
      new Option('--labels <mode>', 'label names').choices(['sloth', 'headroom']).default('sloth'),
    )
    .addOption(
      new Option(
        '--long-window <mode>',
        "SLO-window ratio: traffic-weighted, or Sloth's plain average of 5m ratios",
      )
        .choices(['exact', 'sloth'])
        .default('exact'),
    )
    .option('--no-fast-page', 'leave out the fast-burn page (1% of the budget in 5 minutes)')
    .addOption(
      new Option(
        '--layout <layout>',
        "rule groups: Headroom's, or exactly those `sloth generate` writes for the same spec",
      )
        .choices(['headroom', 'sloth'])
        .default('headroom'),
    )
    .option('--k8s <name>', 'write a PrometheusRule resource with this name')
    .option('--namespace <ns>', 'with --k8s: the resource namespace')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action((files: string[], opts: RulesOptions) => {
      exitCode = rulesCommand(files, opts, io);
    });

  program
    .command('anomalies')
    .description('score every row of a timestamp,value CSV for anomalies (0..1), strictly in order')
    .requiredOption('--series <csv>', 'CSV with header timestamp,value')
    .addOption(
      new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'),
    )
    .action((opts: AnomaliesOptions) => {
      exitCode = anomaliesCommand(opts, io);
    });

  program
    .command('canary')
    .description('canary analysis: judge a canary against its baseline')
    .command('judge')
    .description(
      "Kayenta's Mann-Whitney judge and the SLO burn check: verdict JSON; exit 0 Pass, 1 Marginal or Fail",
    )
    .requiredOption(
      '--baseline <csv>',
      'baseline metrics: timestamp,metric,value (NaN when missing)',
    )
    .requiredOption('--canary <csv>', 'canary metrics, same format')
    .requiredOption('--config <json>', "canary config in Kayenta's shape (metrics, classifier)")
    .option('--pass <score>', 'pass threshold (default: the config, else 95)')
    .option('--marginal <score>', 'marginal threshold (default: the config, else 75)')
    .action((opts: CanaryJudgeOptions) => {
      exitCode = canaryJudgeCommand(opts, io);
    });

  program
    .command('change')
    .description('change risk: assess a change before it ships')
    .command('assess')
    .description(
      'risk score 0..100 with each factor explained; exit 0 to proceed (low, medium), 1 to approve or hold',
    )
    .requiredOption('--service <ref>', 'the service changed: a catalog Component, e.g. ledger')
    .requiredOption('--version <version>', 'the version being shipped')
    .requiredOption('--lines <n>', 'lines changed (added plus removed)')
    .option('--irreversible', 'cannot be undone by a redeploy (schema migration, data rewrite)')
    .option('--at <time>', 'planned start, RFC 3339 or unix seconds (default: now)')
    .requiredOption(
      '--catalog <files...>',
      'catalog-info files: the dependency graph, line of business',
    )
    .option('--slo <files...>', "the service's SLO files, evaluated at --at: budget and burn")
    .option('--series-dir <dir>', 'with --slo: folder of <service>-<slo>.csv counter files', '.')
    .option('--prometheus <url>', 'with --slo: read the counters from this Prometheus instead')
    .option('--step <duration>', 'with --prometheus: sample step', '60')
    .option(
      '--context <json>',
      'traffic (req/s per ref), driver profile, freeze windows, recent changes, open incidents',
    )
    .option('--policy <json>', 'risk policies: default and per line of business')
    .addOption(formatOption())
    .action(async (opts: ChangeAssessOptions) => {
      exitCode = await changeAssessCommand(opts, io);
    });

  const drill = program
    .command('drill')
    .description('chaos drills: a fault with the SLO as steady state, judged against expectations');
  drill
    .command('validate')
    .description('check drill files; exit 1 listing every problem')
    .argument('<files...>', 'drill files (headroom.dev/v1alpha1 Drill)')
    .action((files: string[]) => {
      exitCode = drillValidateCommand(files, io);
    });
  drill
    .command('manifests')
    .description('the drill as LitmusChaos ChaosEngines or Chaos Mesh objects, in YAML')
    .argument('<file>', 'drill file')
    .option('--name <drill>', 'the drill to print when the file has several')
    .addOption(
      new Option('--to <tool>', 'chaos tool').choices(['litmus', 'chaos-mesh']).default('litmus'),
    )
    .option('--namespace <ns>', 'namespace of the target deployments', 'default')
    .option(
      '--label-key <key>',
      "pod label whose value is the service's name",
      'app.kubernetes.io/name',
    )
    .option(
      '--prometheus-endpoint <url>',
      'Litmus: Prometheus as the probes reach it (adds promProbes)',
    )
    .action((file: string, opts: DrillManifestsOptions) => {
      exitCode = drillManifestsCommand(file, opts, io);
    });
  drill
    .command('run')
    .description('run a drill against the demo simulator and Prometheus; print its record')
    .argument('<file>', 'drill file')
    .option('--name <drill>', 'the drill to run when the file has several')
    .requiredOption('--slo <files...>', "SLO files holding the drill's SLO")
    .requiredOption('--simulator <url>', "the simulator's base URL (its /control API)")
    .requiredOption('--prometheus <url>', 'Prometheus scraping the simulator, with the SLO rules')
    .option('--step <duration>', 'sample step, as the scrape interval', '15')
    .option('--poll <duration>', 'seconds between looks while the drill runs', '5')
    .option(
      '--settle <duration>',
      'wait before the after-checks (default: until the longest steady-state window is clear of the fault)',
    )
    .option('--record <url>', 'record the run in this Backstage backend (weak links, resilience)')
    .option('--token <token>', 'bearer token for --record (default: $HEADROOM_BACKEND_TOKEN)')
    .addOption(formatOption().default('json'))
    .action(async (file: string, opts: DrillRunOptions) => {
      exitCode = await drillRunCommand(file, opts, io);
    });

  const runbook = program
    .command('runbook')
    .description('runbooks as code: detect, diagnose and recover within guardrails');
  runbook
    .command('validate')
    .description('check runbook files; exit 1 listing every problem')
    .argument('<files...>', 'runbook files (headroom.dev/v1alpha1 Runbook)')
    .action((files: string[]) => {
      exitCode = runbookValidateCommand(files, io);
    });
  runbook
    .command('run')
    .description("wait for the runbook's alert, diagnose, act, verify; print the audit record")
    .argument('<file>', 'runbook file')
    .option('--name <runbook>', 'the runbook to run when the file has several')
    .requiredOption('--slo <files...>', "SLO files holding the runbook's SLO")
    .requiredOption(
      '--prometheus <url>',
      'Prometheus with the SLO rules (alerts, queries, counters)',
    )
    .option(
      '--simulator <url>',
      "the demo simulator's base URL: changes from its event log, actions on it",
    )
    .option('--changes <file>', 'recent changes as JSON [{service, at, action, detail}] instead')
    .option('--catalog <files...>', 'Backstage catalog files: dependencies and line of business')
    .option(
      '--guardrails <file>',
      'global guardrails as JSON {dryRun, freezeWindows: [{from, to, reason}]}',
    )
    .option('--history <file>', 'audit records of earlier runs (JSON list); this run is appended')
    .option('--record <url>', 'record the run in this Backstage backend (linked to its incident)')
    .option('--token <token>', 'bearer token for --record (default: $HEADROOM_BACKEND_TOKEN)')
    .option('--approve <actions...>', 'risky actions a person approved for this run')
    .option('--approved-in <run-id>', 'with --record: use the approvals given to this recorded run')
    .option(
      '--approval-wait <duration>',
      'with --record: show the run as waiting and wait this long for a risky action to be approved, then go on',
    )
    .option('--dry-run', 'record what would run; change nothing')
    .option(
      '--triggered-by <who>',
      'start now for this person or system instead of waiting for an alert',
    )
    .option(
      '--kubernetes <namespace>',
      'act as API-server patches in dry-run form instead of on the simulator',
    )
    .option('--container <name>', 'with --kubernetes: the container a rollback sets')
    .option('--previous-image <image>', 'with --kubernetes: the image a rollback goes back to')
    .option('--step <duration>', 'sample step, as the scrape interval', '15')
    .option('--poll <duration>', 'seconds between looks', '5')
    .option(
      '--alertmanager-listen <host:port>',
      "take the trigger from Alertmanager's webhook here instead of polling Prometheus",
    )
    .option(
      '--alertmanager-token <token>',
      'with --alertmanager-listen: the bearer token to require',
    )
    .option('--wait <duration>', 'how long to wait for the alert', '10m')
    .action(async (file: string, opts: RunbookRunOptions) => {
      exitCode = await runbookRunCommand(file, opts, io);
    });

  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit with 0; every parse error has already been printed on one line.
      return e.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (e instanceof InputError) {
      io.err(`error: ${e.message}`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
