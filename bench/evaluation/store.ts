import type { DatabaseService, LoggerService } from '@backstage/backend-plugin-api';
import knexFactory, { type Knex } from 'knex';
import { DatabaseSloStore } from '../../plugins/headroom-backend/src/database/DatabaseSloStore';
import type { SloWrite } from '../../plugins/headroom-backend/src/database/types';

/**
 * The backend's store on its own SQLite file, set up as Backstage's SQLite connector does
 * (better-sqlite3, foreign keys on), migrated by the plugin's own migrations.
 */
export async function sqliteStore(
  filename: string,
): Promise<{ store: DatabaseSloStore; knex: Knex; database: DatabaseService }> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
  });
  knex.client.pool.on(
    'createSuccess',
    (_id: unknown, conn: { pragma(s: string): unknown }) => void conn.pragma('foreign_keys = ON'),
  );
  const database: DatabaseService = {
    getClient: async () => knex,
    migrations: { skip: false },
  };
  return { store: await DatabaseSloStore.create({ database }), knex, database };
}

/** Stores the SLOs the way the catalog sync does: each entity's file-origin SLOs in one call. */
export async function loadSlos(store: DatabaseSloStore, writes: SloWrite[]): Promise<void> {
  const byEntity = new Map<string, SloWrite[]>();
  for (const w of writes) byEntity.set(w.entityRef, [...(byEntity.get(w.entityRef) ?? []), w]);
  for (const [entityRef, slos] of byEntity) await store.syncFileSlos(entityRef, slos, 'bench');
}

/** A logger that keeps the warnings (failed evaluations name their SLO and the error). */
export function quietLogger(warnings: string[]): LoggerService {
  const logger: LoggerService = {
    error: m => warnings.push(m),
    warn: m => warnings.push(m),
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger;
}
