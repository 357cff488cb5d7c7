#!/usr/bin/env node
// The process edge: parse, run, report on stderr.

import { USAGE, parseCommand } from './cli';
import { liveControlsFor } from './live';
import { createContext } from './model';
import { writeHistoryFile } from './openmetrics';
import { startServer } from './server';
import { WORLD } from './world';

async function main(argv: string[]): Promise<void> {
  const command = parseCommand(argv);
  switch (command.kind) {
    case 'history': {
      const ctx = createContext(WORLD, command.seed, command.now);
      const from = command.from ?? command.now - command.days * 86400;
      const to = command.to ?? command.now;
      const started = Date.now();
      const stats = await writeHistoryFile(ctx, { from, to, step: command.step }, command.out);
      const seconds = (Date.now() - started) / 1000;
      process.stderr.write(
        `wrote ${command.out}: ${stats.timestamps} timestamps, ${stats.samples} samples, ` +
          `${(stats.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s (anchor ${command.now})\n`,
      );
      return;
    }
    case 'serve': {
      // The live endpoint takes faults and control actions (drills, runbooks) under /control.
      const ctx = {
        ...createContext(WORLD, command.seed, command.now),
        live: liveControlsFor(WORLD.services),
      };
      const server = await startServer(ctx, { host: command.host, port: command.port });
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : command.port;
      process.stderr.write(
        `serving http://${command.host}:${port}/metrics and /control (anchor ${command.now})\n`,
      );
      const stop = () => server.close(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      return;
    }
    case 'world':
      process.stdout.write(`${JSON.stringify(WORLD, null, 2)}\n`);
      return;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`headroom-simulator: ${(error as Error).message}\n\n${USAGE}\n`);
  process.exit(1);
});
