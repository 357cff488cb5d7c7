import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import {
  formatIssue,
  parseSloDocuments,
  type ParseOptions,
  type Slo,
  type SloIssue,
} from '@headroom/core';
import { InputError } from '../errors';

export interface LoadedSlos {
  slos: Slo[];
  issues: SloIssue[];
}

/** Reads and parses SLO files; a file that cannot be read is an input error, a bad SLO is an issue. */
export function loadSloFiles(files: string[], options: ParseOptions = {}): LoadedSlos {
  const slos: Slo[] = [];
  const issues: SloIssue[] = [];
  for (const file of files) {
    const result = parseSloDocuments(readText(file, SLO_FILE_LIMIT), file, options);
    slos.push(...result.slos);
    issues.push(...result.issues);
  }
  return { slos, issues };
}

/** SLO files are small: a larger one is a mistake (a log, a device), refused before parsing. */
export const SLO_FILE_LIMIT = 16 * 1024 * 1024;
/** Series CSVs may be large; past this a string would not fit in memory anyway. */
export const TEXT_FILE_LIMIT = 256 * 1024 * 1024;

/**
 * The text of a regular file of at most `limit` bytes. A device, pipe or directory (`/dev/zero`
 * never ends) or a larger file is an input error naming the file, found without reading it.
 */
export function readText(file: string, limit = TEXT_FILE_LIMIT): string {
  let fd: number;
  try {
    // Non-blocking: opening a pipe with no writer would otherwise wait for ever.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new InputError(`${file}: ${whyUnreadable(e)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(`${file}: is a directory`);
    if (!stat.isFile()) throw new InputError(`${file}: is not a regular file`);
    if (stat.size > limit)
      throw new InputError(`${file}: is over ${mib(limit)} (${stat.size} bytes)`);
    // Read at most limit + 1 bytes: a file that grew after fstat is still caught.
    let buffer = Buffer.alloc(Math.min(stat.size, limit) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) {
          throw new InputError(`${file}: is over ${mib(limit)}`);
        }
        const bigger = Buffer.alloc(Math.min(buffer.length * 2, limit + 1));
        buffer.copy(bigger);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.toString('utf8', 0, length);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: ${whyUnreadable(e)}`);
  } finally {
    closeSync(fd);
  }
}

function whyUnreadable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT'
    ? 'no such file'
    : code === 'EISDIR'
      ? 'is a directory'
      : code === 'EACCES'
        ? 'permission denied'
        : (e as Error).message;
}

function mib(bytes: number): string {
  return `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`;
}

/** Picks one SLO by name (or the only one); an ambiguous or unknown name is an input error. */
export function pickSlo(slos: Slo[], name: string | undefined, file: string): Slo {
  if (name !== undefined) {
    const found = slos.find(s => s.name === name);
    if (!found) {
      throw new InputError(
        `${file}: no SLO named "${name}" (found: ${slos.map(s => s.name).join(', ') || 'none'})`,
      );
    }
    return found;
  }
  if (slos.length === 1) return slos[0]!;
  if (slos.length === 0) throw new InputError(`${file}: contains no SLO`);
  throw new InputError(
    `${file}: contains ${slos.length} SLOs, choose one with --name (${slos.map(s => s.name).join(', ')})`,
  );
}

/**
 * Loads SLO files for a command that acts on them (evaluate, report, rules): an invalid file is
 * an input error quoting its first problem; `headroom validate` lists them all.
 */
export function loadValidSloFiles(files: string[]): Slo[] {
  const { slos, issues } = loadSloFiles(files);
  if (issues.length > 0) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more: run headroom validate)` : '';
    throw new InputError(`${formatIssue(issues[0]!)}${more}`);
  }
  return slos;
}
