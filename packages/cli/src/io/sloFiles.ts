import { readFileSync } from 'node:fs';
import { formatIssue, parseSloDocuments, type Slo, type SloIssue } from '@headroom/core';
import { InputError } from '../errors';

export interface LoadedSlos {
  slos: Slo[];
  issues: SloIssue[];
}

/** Reads and parses SLO files; a file that cannot be read is an input error, a bad SLO is an issue. */
export function loadSloFiles(files: string[]): LoadedSlos {
  const slos: Slo[] = [];
  const issues: SloIssue[] = [];
  for (const file of files) {
    const result = parseSloDocuments(readText(file), file);
    slos.push(...result.slos);
    issues.push(...result.issues);
  }
  return { slos, issues };
}

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : (e as Error).message;
    throw new InputError(`${file}: ${why}`);
  }
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
