// Argument parsing for the simulator's command line, kept apart from the process edge so the
// errors it raises can be tested.

import { DEFAULT_SEED } from './model';

export type Command =
  | {
      kind: 'history';
      out: string;
      from: number | undefined;
      to: number | undefined;
      days: number;
      step: number;
      now: number;
      seed: number;
    }
  | { kind: 'serve'; host: string; port: number; now: number; seed: number }
  | { kind: 'world' };

export const USAGE = `usage:
  headroom-simulator history --out <file> [--days 28] [--step 60] [--now <unix>] [--from <unix>] [--to <unix>] [--seed <n>]
  headroom-simulator serve [--port 9464] [--host 127.0.0.1] [--now <unix>] [--seed <n>]
  headroom-simulator world

--now is the scenarios' anchor (default: the current minute); history and serve must share it
for the live series to continue the backfilled ones. History covers --days before --now unless
--from/--to say otherwise.`;

const HISTORY_OPTIONS = ['out', 'days', 'step', 'now', 'from', 'to', 'seed'];
const SERVE_OPTIONS = ['port', 'host', 'now', 'seed'];

function parseOptions(args: string[], allowed: string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!match || !allowed.includes(match[1]!)) {
      throw new Error(
        `unknown option "${arg}" (allowed: ${allowed.map(o => `--${o}`).join(', ')})`,
      );
    }
    const value = match[2] ?? args[++i];
    if (value === undefined) throw new Error(`option --${match[1]} needs a value`);
    options.set(match[1]!, value);
  }
  return options;
}

function integer(
  options: Map<string, string>,
  name: string,
  fallback: number,
  min: number,
): number {
  const raw = options.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`option --${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

function optionalInteger(options: Map<string, string>, name: string): number | undefined {
  return options.has(name) ? integer(options, name, 0, 0) : undefined;
}

/** The anchor: --now rounded down to its minute, or the current minute. */
function anchor(options: Map<string, string>, clock: () => number): number {
  const now = integer(options, 'now', Math.floor(clock()), 0);
  return now - (now % 60);
}

export function parseCommand(
  argv: string[],
  clock: () => number = () => Date.now() / 1000,
): Command {
  const [name, ...rest] = argv;
  switch (name) {
    case 'history': {
      const options = parseOptions(rest, HISTORY_OPTIONS);
      const out = options.get('out');
      if (!out) throw new Error('history needs --out <file>');
      return {
        kind: 'history',
        out,
        days: integer(options, 'days', 28, 1),
        step: integer(options, 'step', 60, 1),
        now: anchor(options, clock),
        from: optionalInteger(options, 'from'),
        to: optionalInteger(options, 'to'),
        seed: integer(options, 'seed', DEFAULT_SEED, 0),
      };
    }
    case 'serve': {
      const options = parseOptions(rest, SERVE_OPTIONS);
      const port = integer(options, 'port', 9464, 0);
      if (port > 65535) throw new Error(`option --port must be at most 65535, got ${port}`);
      return {
        kind: 'serve',
        host: options.get('host') ?? '127.0.0.1',
        port,
        now: anchor(options, clock),
        seed: integer(options, 'seed', DEFAULT_SEED, 0),
      };
    }
    case 'world':
      if (rest.length > 0) throw new Error(`world takes no options, got "${rest.join(' ')}"`);
      return { kind: 'world' };
    default:
      throw new Error(name ? `unknown command "${name}"` : 'missing command');
  }
}
