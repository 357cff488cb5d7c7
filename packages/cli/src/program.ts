import { Command, CommanderError, Option } from 'commander';
import { EXIT_USAGE, InputError } from './errors';
import { evaluateCommand } from './commands/evaluate';
import { reportCommand } from './commands/report';
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
    .action((files: string[]) => {
      exitCode = validateCommand(files, io);
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
    .option(
      '--at <time>',
      "evaluation time, RFC 3339 or unix seconds (default: each series' last sample)",
    )
    .addOption(formatOption())
    .action(
      (files: string[], opts: { seriesDir: string; at?: string; format: 'json' | 'table' }) => {
        exitCode = reportCommand(files, opts, io);
      },
    );

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
