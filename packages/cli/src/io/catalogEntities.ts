import type { CostEntity } from '@headroom/core';
import { parseAllDocuments } from 'yaml';
import { InputError } from '../errors';
import { readText } from './sloFiles';

interface CatalogDoc {
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
  spec?: { owner?: string; system?: string; domain?: string };
}

const LOB = 'headroom.dev/line-of-business';

/**
 * Components of catalog-info files as cost entities: ref, owner, and the line of business from the
 * component's own annotation or its system's domain (as the backend resolves it from the catalog).
 */
export function loadCatalogEntities(files: string[]): CostEntity[] {
  const docs: CatalogDoc[] = [];
  for (const file of files) {
    for (const [i, doc] of parseAllDocuments(readText(file)).entries()) {
      if (doc.errors.length > 0) {
        throw new InputError(
          `${file} (document ${i + 1}): ${doc.errors[0]!.message.split('\n')[0]}`,
        );
      }
      const value = doc.toJS() as CatalogDoc | null;
      if (value && typeof value === 'object') docs.push(value);
    }
  }
  const named = (kind: string) =>
    new Map(docs.filter(d => d.kind === kind && d.metadata?.name).map(d => [d.metadata!.name!, d]));
  const systems = named('System');
  const domains = named('Domain');
  const lobOf = (d: CatalogDoc): string | null => {
    const own = d.metadata?.annotations?.[LOB] ?? d.metadata?.labels?.[LOB];
    if (own) return own;
    const domainName =
      d.spec?.domain ?? (d.spec?.system ? systems.get(d.spec.system)?.spec?.domain : undefined);
    if (!domainName) return null;
    const domain = domains.get(domainName);
    return domain?.metadata?.annotations?.[LOB] ?? domainName;
  };
  return docs
    .filter(d => d.kind === 'Component' && d.metadata?.name)
    .map(d => ({
      ref: `component:${d.metadata!.namespace ?? 'default'}/${d.metadata!.name}`,
      owner: d.spec?.owner ?? null,
      lineOfBusiness: lobOf(d),
      annotations: d.metadata!.annotations ?? {},
    }));
}
