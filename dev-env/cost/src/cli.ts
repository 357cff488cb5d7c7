// Argument parsing for the demo bill's command line, apart from the process edge so its errors
// can be tested.

import { DEFAULT_SEED } from '@headroom/demo-simulator';
import { demoCostRange } from './demoCost';

export interface GenerateCommand {
  out: string;
  anchor: number;
  from: number;
  to: number;
  seed: number;
}

export const USAGE = `usage: demo-cost --out <file.csv[.gz]> --now <unix> [--days 31] [--seed <n>]

Writes the demo exchange's FOCUS export for the simulator's history: whole UTC days from --days
before --now up to the hour of --now. --now and --seed must be the simulator's (its anchor).`;

export function parseArgs(argv: readonly string[]): GenerateCommand {
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--(out|now|days|seed)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown option "${arg}" (allowed: --out, --now, --days, --seed)`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`option --${match[1]} needs a value`);
    options.set(match[1]!, value);
  }
  const out = options.get('out');
  if (!out) throw new Error('option --out is required');
  const int = (name: string, fallback: number | undefined, min: number): number => {
    const raw = options.get(name);
    if (raw === undefined) {
      if (fallback === undefined) throw new Error(`option --${name} is required`);
      return fallback;
    }
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min) {
      throw new Error(`option --${name} must be an integer >= ${min}, got "${raw}"`);
    }
    return v;
  };
  const now = int('now', undefined, 0);
  const anchor = now - (now % 60);
  const days = int('days', 31, 1);
  return { out, anchor, ...demoCostRange(anchor, days), seed: int('seed', DEFAULT_SEED, 0) };
}
