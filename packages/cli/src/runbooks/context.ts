import { existsSync } from 'node:fs';
import {
  parseRfc3339,
  type FreezeWindow,
  type PastRun,
  type RecentChange,
  type RunbookAuditRecord,
} from '@headroom/core';
import { parseAllDocuments } from 'yaml';
import { InputError } from '../errors';
import { readText } from '../io/sloFiles';

/** Reads a JSON file; errors name the flag and the file. */
export function readJson(file: string, flag: string): unknown {
  try {
    return JSON.parse(readText(file));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${flag}: ${file} is not JSON (${(error as Error).message})`);
  }
}

function time(value: unknown, where: string): number {
  const t =
    typeof value === 'number' ? value : typeof value === 'string' ? parseRfc3339(value) : undefined;
  if (t === undefined || !Number.isFinite(t)) {
    throw new InputError(`${where}: must be an RFC 3339 time or unix seconds`);
  }
  return t;
}

/** `--guardrails`: `{dryRun?, freezeWindows?: [{from, to, reason}]}` (times RFC 3339). */
export function readGlobalGuardrails(file: string | undefined): {
  dryRun: boolean;
  freezeWindows: FreezeWindow[];
} {
  if (file === undefined) return { dryRun: false, freezeWindows: [] };
  const value = readJson(file, '--guardrails') as { dryRun?: unknown; freezeWindows?: unknown };
  if (typeof value !== 'object' || value === null) {
    throw new InputError(`--guardrails: ${file} must hold a JSON object`);
  }
  if (value.dryRun !== undefined && typeof value.dryRun !== 'boolean') {
    throw new InputError(`--guardrails: ${file} dryRun: must be true or false`);
  }
  const windows = value.freezeWindows ?? [];
  if (!Array.isArray(windows))
    throw new InputError(`--guardrails: ${file} freezeWindows: must be a list`);
  return {
    dryRun: value.dryRun === true,
    freezeWindows: windows.map((w: { from?: unknown; to?: unknown; reason?: unknown }, i) => ({
      from: time(w.from, `--guardrails: ${file} freezeWindows[${i}].from`),
      to: time(w.to, `--guardrails: ${file} freezeWindows[${i}].to`),
      reason: typeof w.reason === 'string' ? w.reason : 'freeze',
    })),
  };
}

/** `--history`: the audit records of earlier runs (a JSON list); missing means none yet. */
export function readHistory(file: string | undefined): RunbookAuditRecord[] {
  if (file === undefined || !existsSync(file)) return [];
  const value = readJson(file, '--history');
  if (!Array.isArray(value))
    throw new InputError(`--history: ${file} must hold a JSON list of run records`);
  return value as RunbookAuditRecord[];
}

/** Past runs as the guardrails count them: a run acted when one of its actions was sent. */
export function pastRuns(records: readonly RunbookAuditRecord[]): PastRun[] {
  return records.map(r => ({
    runbook: r.runbook,
    service: r.service,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    executed: r.actions.some(a => a.startedAt !== null),
  }));
}

/** `--changes`: a supplied list of changes `[{service, at, action, detail?}]`. */
export function readChanges(file: string): RecentChange[] {
  const value = readJson(file, '--changes');
  if (!Array.isArray(value)) throw new InputError(`--changes: ${file} must hold a JSON list`);
  return value.map((c: Record<string, unknown>, i) => {
    const where = `--changes: ${file} [${i}]`;
    if (typeof c['service'] !== 'string')
      throw new InputError(`${where}.service: must be a string`);
    if (typeof c['action'] !== 'string') throw new InputError(`${where}.action: must be a string`);
    return {
      service: c['service'],
      at: time(c['at'], `${where}.at`),
      action: c['action'],
      detail: (c['detail'] ?? {}) as RecentChange['detail'],
    };
  });
}

export interface CatalogGraph {
  dependsOn: Map<string, string[]>;
  /** Line of business (annotation `headroom.dev/line-of-business`, else the system) per component. */
  lineOfBusiness: Map<string, string>;
}

/** Components of Backstage catalog files: their dependencies and line of business. */
export function readCatalog(files: readonly string[]): CatalogGraph {
  const graph: CatalogGraph = { dependsOn: new Map(), lineOfBusiness: new Map() };
  for (const file of files) {
    for (const doc of parseAllDocuments(readText(file))) {
      if (doc.errors.length > 0)
        throw new InputError(`--catalog: ${file}: ${doc.errors[0]!.message}`);
      const e = doc.toJS() as {
        kind?: string;
        metadata?: { name?: string; annotations?: Record<string, string> };
        spec?: { dependsOn?: string[]; system?: string };
      } | null;
      if (e?.kind !== 'Component' || !e.metadata?.name) continue;
      const name = e.metadata.name;
      const refs = (e.spec?.dependsOn ?? []).filter(
        r => /^component:/i.test(r) || !r.includes(':'),
      );
      graph.dependsOn.set(
        name,
        refs.map(r => r.replace(/^component:/i, '').replace(/^[^/]*\//, '')),
      );
      const lob = e.metadata.annotations?.['headroom.dev/line-of-business'] ?? e.spec?.system;
      if (lob) graph.lineOfBusiness.set(name, lob);
    }
  }
  return graph;
}

/** The service's line of business and all its members, or null when the catalog does not say. */
export function lineOfBusinessOf(
  graph: CatalogGraph,
  service: string,
): { name: string; services: string[] } | null {
  const name = graph.lineOfBusiness.get(service);
  if (name === undefined) return null;
  const services = [...graph.lineOfBusiness].filter(([, l]) => l === name).map(([s]) => s);
  return { name, services };
}
