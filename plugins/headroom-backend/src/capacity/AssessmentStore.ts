import { resolvePackagePath, type DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { Knex } from 'knex';
import type { AssessmentWrite, CapacityAssessment } from './types';

const migrationsDir = resolvePackagePath('@headroom/plugin-headroom-backend', 'migrations');
const TABLE = 'headroom_capacity_assessments';
const SIGHTINGS = 'headroom_entity_sightings';

/** When the backend first saw an entity; `baseline` when it was there at the very first look. */
export interface EntitySighting {
  firstSeenAt: Date;
  baseline: boolean;
}

interface AssessmentRow {
  entity_ref: string;
  version: number;
  owner_ref: string | null;
  line_of_business: string | null;
  inputs: string;
  result: string;
  recommendation: string;
  note: string | null;
  assessed_at: Date | string;
  assessed_by: string;
  approved_at: Date | string | null;
  approved_by: string | null;
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function fromRow(row: AssessmentRow): CapacityAssessment {
  return {
    entityRef: row.entity_ref,
    version: Number(row.version),
    ownerRef: row.owner_ref,
    lineOfBusiness: row.line_of_business,
    inputs: JSON.parse(row.inputs),
    result: JSON.parse(row.result),
    recommendation: JSON.parse(row.recommendation),
    note: row.note,
    assessedAt: toDate(row.assessed_at),
    assessedBy: row.assessed_by,
    approvedAt: row.approved_at === null ? null : toDate(row.approved_at),
    approvedBy: row.approved_by,
  };
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    err.code === '23505' ||
    err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(err.message ?? '')
  );
}

/** Capacity assessments in the plugin's database: every version kept, approval recorded once. */
export class AssessmentStore {
  static async create(options: { database: DatabaseService }): Promise<AssessmentStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new AssessmentStore(client);
  }

  private constructor(private readonly db: Knex) {}

  private written = 0;

  /** How many assessments this store recorded or approved: the coverage report's cache reads it. */
  get assessmentsWritten(): number {
    return this.written;
  }

  /**
   * Records a new version (the latest + 1). Two writers racing for the same version: the
   * primary key refuses the second, which is told to retry.
   */
  async add(write: AssessmentWrite, author: string, at: Date): Promise<CapacityAssessment> {
    let version = 0;
    try {
      const added = await this.db.transaction(async tx => {
        const latest = await tx<AssessmentRow>(TABLE)
          .where({ entity_ref: write.entityRef })
          .max<{ v: number | null }[]>('version as v');
        version = Number(latest[0]?.v ?? 0) + 1;
        const row: AssessmentRow = {
          entity_ref: write.entityRef,
          version,
          owner_ref: write.ownerRef,
          line_of_business: write.lineOfBusiness,
          inputs: JSON.stringify(write.inputs),
          result: JSON.stringify(write.result),
          recommendation: JSON.stringify(write.recommendation),
          note: write.note,
          assessed_at: at,
          assessed_by: author,
          approved_at: null,
          approved_by: null,
        };
        await tx(TABLE).insert(row);
        return fromRow(row);
      });
      this.written += 1;
      return added;
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new ConflictError(
          `Version ${version} of the capacity assessment of ${write.entityRef} was written at the same time; retry`,
        );
      }
      throw e;
    }
  }

  async latest(entityRef: string): Promise<CapacityAssessment | undefined> {
    const row = await this.db<AssessmentRow>(TABLE)
      .where({ entity_ref: entityRef })
      .orderBy('version', 'desc')
      .first();
    return row ? fromRow(row) : undefined;
  }

  async get(entityRef: string, version: number): Promise<CapacityAssessment | undefined> {
    const row = await this.db<AssessmentRow>(TABLE)
      .where({ entity_ref: entityRef, version })
      .first();
    return row ? fromRow(row) : undefined;
  }

  /** Every version of the entity's assessment, newest first. */
  async history(entityRef: string): Promise<CapacityAssessment[]> {
    const rows = await this.db<AssessmentRow>(TABLE)
      .where({ entity_ref: entityRef })
      .orderBy('version', 'desc');
    return rows.map(fromRow);
  }

  /** The latest version of every entity's assessment: one query, for the coverage report. */
  async latestOfAll(): Promise<CapacityAssessment[]> {
    const newest = this.db(TABLE)
      .select('entity_ref')
      .max('version as max_version')
      .groupBy('entity_ref')
      .as('newest');
    const rows = await this.db<AssessmentRow>(`${TABLE} as a`)
      .join(newest, function on() {
        this.on('a.entity_ref', '=', 'newest.entity_ref').andOn(
          'a.version',
          '=',
          'newest.max_version',
        );
      })
      .select('a.*')
      .orderBy('a.entity_ref');
    return rows.map(fromRow);
  }

  /**
   * Notes the entities seen in the catalog at `at`; an entity already noted keeps its first
   * time. At the very first look (nothing noted yet) every entity is a baseline: it existed
   * before Headroom watched, so when it was created is unknown.
   */
  async recordSightings(entityRefs: readonly string[], at: Date): Promise<void> {
    if (entityRefs.length === 0) return;
    await this.db.transaction(async tx => {
      const baseline = (await tx(SIGHTINGS).first('entity_ref')) === undefined;
      const rows = [...new Set(entityRefs)].map(ref => ({
        entity_ref: ref,
        first_seen_at: at,
        baseline,
      }));
      for (let i = 0; i < rows.length; i += 200) {
        await tx(SIGHTINGS)
          .insert(rows.slice(i, i + 200))
          .onConflict('entity_ref')
          .ignore();
      }
    });
  }

  /** Every entity noted so far, with when it was first seen. */
  async sightings(): Promise<Map<string, EntitySighting>> {
    const rows = await this.db<{
      entity_ref: string;
      first_seen_at: Date | string;
      baseline: boolean | number;
    }>(SIGHTINGS).select();
    return new Map(
      rows.map(r => [
        r.entity_ref,
        { firstSeenAt: toDate(r.first_seen_at), baseline: Boolean(r.baseline) },
      ]),
    );
  }

  /**
   * Records who approved a version. Only the latest version can be approved (an older one has
   * been superseded), and only once.
   */
  async approve(
    entityRef: string,
    version: number,
    approver: string,
    at: Date,
  ): Promise<CapacityAssessment> {
    const approved = await this.db.transaction(async tx => {
      const latest = await tx<AssessmentRow>(TABLE)
        .where({ entity_ref: entityRef })
        .orderBy('version', 'desc')
        .first();
      if (!latest) throw new NotFoundError(`${entityRef} has no capacity assessment`);
      if (Number(latest.version) !== version) {
        throw new ConflictError(
          `Version ${version} of the capacity assessment of ${entityRef} is not the latest (${latest.version}); only the latest can be approved`,
        );
      }
      if (latest.approved_by !== null) {
        throw new ConflictError(
          `Version ${version} of the capacity assessment of ${entityRef} was already approved by ${latest.approved_by}`,
        );
      }
      const updated = await tx(TABLE)
        .where({ entity_ref: entityRef, version, approved_by: null })
        .update({ approved_by: approver, approved_at: at });
      if (updated !== 1) {
        throw new ConflictError(
          `Version ${version} of the capacity assessment of ${entityRef} was approved at the same time by someone else`,
        );
      }
      return fromRow({ ...latest, approved_by: approver, approved_at: at });
    });
    this.written += 1;
    return approved;
  }
}
