#!/usr/bin/env node
import { demoCostRows } from './demoCost';
import { formatMicro, writeDemoFocus } from './focusCsv';
import { USAGE, parseArgs } from './cli';

async function main(): Promise<void> {
  let command;
  try {
    command = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`demo-cost: ${(e as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const started = Date.now();
  const summary = await writeDemoFocus(command.out, demoCostRows(command));
  const iso = (t: number) => new Date(t * 1000).toISOString().slice(0, 16) + 'Z';
  process.stderr.write(
    `demo-cost: ${summary.rows} rows, ${iso(command.from)} to ${iso(command.to)}, ` +
      `billed ${formatMicro(summary.billed)} USD, effective ${formatMicro(summary.effective)} USD ` +
      `(${Date.now() - started} ms)\n`,
  );
  process.stdout.write(`${command.out}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`demo-cost: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
