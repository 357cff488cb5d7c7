import { formatIssue, type ParseOptions } from '@headroom/core';
import { EXIT_FINDINGS, EXIT_OK } from '../errors';
import type { Console } from '../io/console';
import { loadSloFiles } from '../io/sloFiles';

/** `headroom validate <files…>`: lists every problem in every file; exit 1 when there is any. */
export function validateCommand(files: string[], io: Console, options: ParseOptions = {}): number {
  const { slos, issues } = loadSloFiles(files, options);
  for (const issue of issues) io.err(formatIssue(issue));
  if (issues.length > 0) {
    io.err(
      `${issues.length} problem${issues.length === 1 ? '' : 's'} in ${new Set(issues.map(i => i.file)).size} file(s)`,
    );
    return EXIT_FINDINGS;
  }
  io.out(`${slos.length} SLO${slos.length === 1 ? '' : 's'} in ${files.length} file(s): valid`);
  return EXIT_OK;
}
