import { parseAllDocuments } from 'yaml';
import { IssueSink } from './issues';
import type { SloIssue } from './types';

/**
 * Reads every YAML document of a file of named objects (drills, runbooks), each turned into a
 * `T` by `read` (which reports its problems on the document's sink), and refuses a name defined
 * twice. All or nothing: with any issue, no object is returned, so nothing half-read is used.
 */
export function readNamedDocuments<T extends { name: string; source: { docIndex: number } }>(
  text: string,
  file: string,
  read: (
    value: unknown,
    sink: IssueSink,
    source: { file: string; docIndex: number },
  ) => T | undefined,
): { items: T[]; issues: SloIssue[] } {
  const items: T[] = [];
  const issues: SloIssue[] = [];
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.length === 0) {
    return { items, issues: [{ file, docIndex: 0, path: '', message: 'is empty' }] };
  }
  docs.forEach((doc, docIndex) => {
    const sink = new IssueSink(file, docIndex);
    if (doc.errors.length > 0) {
      for (const err of doc.errors)
        sink.add([], `is not valid YAML: ${err.message.split('\n')[0]}`);
    } else {
      const value: unknown = doc.toJS();
      if (value !== null && value !== undefined) {
        const item = read(value, sink, { file, docIndex });
        if (item) items.push(item);
      }
    }
    issues.push(...sink.issues);
  });
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.name)) {
      issues.push({
        file,
        docIndex: item.source.docIndex,
        path: 'metadata.name',
        message: `"${item.name}" is defined twice in the file`,
      });
    }
    seen.add(item.name);
  }
  return issues.length > 0 ? { items: [], issues } : { items, issues };
}
