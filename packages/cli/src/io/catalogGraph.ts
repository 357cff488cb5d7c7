import type { CatalogNode } from '@headroom/core';
import { parseAllDocuments } from 'yaml';
import { InputError } from '../errors';
import { readText } from './sloFiles';

interface Doc {
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown };
  spec?: Record<string, unknown>;
}

const GRAPH_KINDS = new Set(['component', 'api', 'resource']);

/**
 * A relation target as a full ref: Backstage lets `dependsOn` leave out the namespace (the
 * entity's own) and `providesApis` / `consumesApis` also the kind (API).
 */
function fullRef(target: string, defaultKind: string, namespace: string): string {
  const m = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(target.trim());
  if (!m) return target.trim().toLowerCase();
  return `${(m[1] ?? defaultKind).toLowerCase()}:${m[2] ?? namespace}/${m[3]}`;
}

function refs(
  value: unknown,
  where: string,
  defaultKind: string,
  namespace: string,
): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
    throw new InputError(`${where}: must be a list of entity refs`);
  }
  return (value as string[]).map(v => fullRef(v, defaultKind, namespace));
}

/**
 * The dependency graph of catalog-info files: Components, APIs and Resources with their
 * `dependsOn`, `dependencyOf`, `providesApis` and `consumesApis`, refs made full. Traffic is
 * not in the catalog: it comes from `traffic` (req/s per ref).
 */
export function loadCatalogGraph(
  files: string[],
  traffic: ReadonlyMap<string, number> = new Map(),
): CatalogNode[] {
  const nodes: CatalogNode[] = [];
  for (const file of files) {
    for (const [i, doc] of parseAllDocuments(readText(file)).entries()) {
      const where = `${file} (document ${i + 1})`;
      if (doc.errors.length > 0) {
        throw new InputError(`${where}: ${doc.errors[0]!.message.split('\n')[0]}`);
      }
      const d = doc.toJS() as Doc | null;
      if (!d || typeof d !== 'object' || typeof d.kind !== 'string') continue;
      const kind = d.kind.toLowerCase();
      if (!GRAPH_KINDS.has(kind) || typeof d.metadata?.name !== 'string') continue;
      const ns = typeof d.metadata.namespace === 'string' ? d.metadata.namespace : 'default';
      const ref = `${kind}:${ns}/${d.metadata.name}`;
      const spec = d.spec ?? {};
      const node: CatalogNode = { ref };
      const set = (key: keyof CatalogNode & keyof typeof spec, defaultKind: string) => {
        const v = refs(spec[key], `${where}: spec.${key}`, defaultKind, ns);
        if (v) (node as unknown as Record<string, string[]>)[key] = v;
      };
      set('dependsOn', 'component');
      set('dependencyOf', 'component');
      set('providesApis', 'api');
      set('consumesApis', 'api');
      const t = traffic.get(ref);
      if (t !== undefined) node.traffic = t;
      nodes.push(node);
    }
  }
  return nodes;
}

/** `ledger`, `component:ledger` or `component:default/ledger`, as a full ref. */
export function componentRef(text: string): string {
  return fullRef(text, 'component', 'default');
}
