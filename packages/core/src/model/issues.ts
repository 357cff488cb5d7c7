import type { z } from 'zod';
import type { SloIssue } from './types';

/** `<file> (document <n>) <path>: <message>`, with a 1-based document number. */
export function formatIssue(issue: SloIssue): string {
  const where = issue.path ? ` ${issue.path}` : '';
  return `${issue.file} (document ${issue.docIndex + 1})${where}: ${issue.message}`;
}

export type PathPart = string | number;

/**
 * `['spec', 'objectives', 0, 'target']` → `spec.objectives[0].target`; keys that are not plain
 * names are quoted: `metadata.annotations["headroom.dev/owner"]`.
 */
export function formatPath(parts: readonly PathPart[]): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (!/^[A-Za-z_$][\w$-]*$/.test(part)) out += `[${JSON.stringify(part)}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** Collects issues for one document; paths are relative to the document root. */
export class IssueSink {
  readonly issues: SloIssue[] = [];
  /** The unformatted path of each issue, to find its line in the YAML text. */
  readonly paths: PathPart[][] = [];
  constructor(
    readonly file: string,
    readonly docIndex: number,
  ) {}

  add(path: readonly PathPart[], message: string): void {
    // A problem shared by several SLOs of a document (a file-level plugin chain) is said once.
    const text = formatPath(path);
    if (this.issues.some(i => i.path === text && i.message === message)) {
      this.repeats++;
      return;
    }
    this.issues.push({ file: this.file, docIndex: this.docIndex, path: formatPath(path), message });
    this.paths.push([...path]);
  }

  /** Issues not listed again because the same one is already there. */
  private repeats = 0;

  /** Grows with every problem found, repeated ones included, so callers can tell a new one. */
  get count(): number {
    return this.issues.length + this.repeats;
  }

  /** Adds zod's issues under `base`, with Headroom's wording. */
  addZod(error: z.ZodError, base: readonly PathPart[] = []): void {
    for (const issue of error.issues) {
      const path = [...base, ...(issue.path as PathPart[])];
      switch (issue.code) {
        case 'invalid_type':
          this.add(
            path,
            issue.input === undefined || issue.input === null
              ? 'is required'
              : `must be ${article(issue.expected)}`,
          );
          break;
        case 'unrecognized_keys':
          for (const key of issue.keys) this.add([...path, key], 'unknown field');
          break;
        case 'invalid_value':
          this.add(path, `must be one of ${issue.values.map(v => String(v)).join(', ')}`);
          break;
        case 'invalid_union':
          this.add(
            path,
            issue.message.startsWith('Invalid input') ? 'has an unexpected shape' : issue.message,
          );
          break;
        default:
          this.add(path, issue.message);
      }
    }
  }
}

function article(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'int':
      return 'an integer';
    default:
      return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
  }
}
