import type { Slo } from '@headroom/core';
import type { Knex } from 'knex';
import type { StoredSlo } from './types';

// The SLO table's rows as knex reads them, shared by the store and the evaluation queue.

export const SLOS = 'headroom_slos';
export const STATUS = 'headroom_slo_status';
export const SNAPSHOTS = 'headroom_slo_snapshots';

export interface SloRow {
  id: string;
  entity_ref: string;
  name: string;
  origin: string;
  source_location: string | null;
  version: number;
  owner_ref: string | null;
  line_of_business: string | null;
  display_name: string | null;
  description: string | null;
  objective: number;
  window: string;
  evaluation_interval_seconds: number | null;
  definition: string;
  input: string | null;
  content_hash: string;
  created_at: Date | string | number;
  updated_at: Date | string | number;
  updated_by: string;
  next_evaluation_at: Date | string | number | null;
}

/** SQLite hands back epoch milliseconds or text, PostgreSQL a Date. */
export function toDate(value: Date | string | number): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const asNumber = Number(value);
  return Number.isFinite(asNumber) && /^\d+$/.test(value) ? new Date(asNumber) : new Date(value);
}

export function toOptionalDate(value: Date | string | number | null | undefined): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

export function rowToSlo(row: SloRow): StoredSlo {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    name: row.name,
    origin: row.origin === 'file' ? 'file' : 'api',
    sourceLocation: row.source_location,
    version: Number(row.version),
    ownerRef: row.owner_ref,
    lineOfBusiness: row.line_of_business,
    displayName: row.display_name,
    description: row.description,
    objective: Number(row.objective),
    window: row.window,
    evaluationIntervalSeconds:
      row.evaluation_interval_seconds === null ? null : Number(row.evaluation_interval_seconds),
    definition: JSON.parse(row.definition) as Slo,
    input: row.input ? JSON.parse(row.input) : null,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    updatedBy: row.updated_by,
    nextEvaluationAt: toOptionalDate(row.next_evaluation_at),
  };
}

/** Bound parameters per statement stay well under SQLite's and PostgreSQL's limits. */
const ID_CHUNK = 500;

/**
 * Which of `ids` still name an SLO, read in `tx`: a batch written after a pass skips the SLOs
 * deleted while they were evaluated.
 */
export async function existingSloIds(tx: Knex, ids: Iterable<string>): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  const existing = new Set<string>();
  for (let i = 0; i < unique.length; i += ID_CHUNK) {
    const rows = (await tx(SLOS)
      .whereIn('id', unique.slice(i, i + ID_CHUNK))
      .select('id')) as { id: string }[];
    for (const r of rows) existing.add(r.id);
  }
  return existing;
}
