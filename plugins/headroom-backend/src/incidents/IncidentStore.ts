import { resolvePackagePath, type DatabaseService } from '@backstage/backend-plugin-api';
import { alertTarget, type AckEvent, type DeployEvent, type ReceivedAlert } from '@headroom/core';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath('@headroom/plugin-headroom-backend', 'migrations');
const ALERTS = 'headroom_incident_alerts';
const ACKS = 'headroom_incident_acks';
const DEPLOYS = 'headroom_deploys';
const IMPACTS = 'headroom_incident_impacts';
/** Rows per INSERT: SQLite allows 999 bound values, an alert row has 9. */
const BATCH = 100;

interface AlertRow {
  alert_key: string;
  fingerprint: string;
  starts_at: number;
  ends_at: number | null;
  received_at: number;
  service: string | null;
  labels: string;
  annotations: string;
}

function fromRow(row: AlertRow): ReceivedAlert {
  return {
    key: row.alert_key,
    fingerprint: row.fingerprint,
    startsAt: Number(row.starts_at),
    endsAt: row.ends_at === null ? null : Number(row.ends_at),
    receivedAt: Number(row.received_at),
    labels: JSON.parse(row.labels),
    annotations: JSON.parse(row.annotations),
  };
}

export interface StoredImpact {
  impactStart: number | null;
  mitigatedAt: number | null;
}

export interface ReceiveResult {
  /** Alerts not seen before (by fingerprint and start). */
  created: number;
  /** Alerts seen firing before whose resolution this notification brought. */
  resolved: number;
}

/**
 * Alerts, acks and deploys in the plugin's database. Writes are idempotent per alert key and
 * safe when several replicas receive the same notification: a new key is inserted once (the
 * others' inserts are ignored), a resolution only fills an empty end.
 */
export class IncidentStore {
  static async create(options: { database: DatabaseService }): Promise<IncidentStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new IncidentStore(client);
  }

  constructor(private readonly db: Knex) {}

  async receive(alerts: readonly ReceivedAlert[]): Promise<ReceiveResult> {
    if (alerts.length === 0) return { created: 0, resolved: 0 };
    return this.db.transaction(async tx => {
      const keys = [...new Set(alerts.map(a => a.key))];
      const known = new Set<string>();
      for (let i = 0; i < keys.length; i += BATCH) {
        const rows = await tx(ALERTS)
          .select('alert_key')
          .whereIn('alert_key', keys.slice(i, i + BATCH));
        for (const r of rows as { alert_key: string }[]) known.add(r.alert_key);
      }
      const fresh = new Map<string, AlertRow>();
      for (const a of alerts) {
        if (known.has(a.key) || fresh.has(a.key)) continue;
        fresh.set(a.key, {
          alert_key: a.key,
          fingerprint: a.fingerprint,
          starts_at: a.startsAt,
          ends_at: a.endsAt,
          received_at: a.receivedAt,
          service: alertTarget(a.labels, a.annotations)?.service ?? null,
          labels: JSON.stringify(a.labels),
          annotations: JSON.stringify(a.annotations),
        });
      }
      const rows = [...fresh.values()];
      for (let i = 0; i < rows.length; i += BATCH) {
        // Another replica may have inserted the same key meanwhile: its row stands.
        await tx(ALERTS)
          .insert(rows.slice(i, i + BATCH))
          .onConflict('alert_key')
          .ignore();
      }
      let resolved = 0;
      for (const a of alerts) {
        if (a.endsAt === null || !known.has(a.key)) continue;
        resolved += await tx(ALERTS)
          .update({ ends_at: a.endsAt })
          .where({ alert_key: a.key })
          .whereNull('ends_at');
      }
      return { created: rows.length, resolved };
    });
  }

  /**
   * Alerts that may belong to incidents of [from, to): started before `to` and not ended
   * before `from − margin` (an incident's impact can start up to `margin` before its alerts).
   */
  async alerts(
    range: { from?: number; to?: number; margin?: number } = {},
  ): Promise<ReceivedAlert[]> {
    const q = this.db<AlertRow>(ALERTS).select();
    if (range.to !== undefined) q.where('starts_at', '<', range.to);
    if (range.from !== undefined) {
      const from = range.from - (range.margin ?? 0);
      q.where(w => w.whereNull('ends_at').orWhere('ends_at', '>=', from));
    }
    return ((await q.orderBy('starts_at')) as AlertRow[]).map(fromRow);
  }

  async alertsByFingerprints(fingerprints: readonly string[]): Promise<ReceivedAlert[]> {
    const out: ReceivedAlert[] = [];
    for (let i = 0; i < fingerprints.length; i += BATCH) {
      const rows = await this.db<AlertRow>(ALERTS)
        .select()
        .whereIn('fingerprint', fingerprints.slice(i, i + BATCH));
      out.push(...(rows as AlertRow[]).map(fromRow));
    }
    return out;
  }

  async count(): Promise<number> {
    const [row] = await this.db(ALERTS).count({ n: '*' });
    return Number((row as { n: number | string }).n);
  }

  async addAck(incidentId: string, ack: AckEvent): Promise<void> {
    await this.db(ACKS).insert({
      incident_id: incidentId,
      fingerprint: ack.fingerprint,
      at: ack.at,
      by: ack.by,
    });
  }

  async acks(fingerprints?: readonly string[]): Promise<AckEvent[]> {
    const q = this.db(ACKS).select('fingerprint', 'at', 'by');
    if (fingerprints) q.whereIn('fingerprint', [...fingerprints]);
    const rows = (await q.orderBy('at')) as { fingerprint: string; at: number; by: string }[];
    return rows.map(r => ({ fingerprint: r.fingerprint, at: Number(r.at), by: r.by }));
  }

  async addDeploy(deploy: DeployEvent, source: string): Promise<void> {
    await this.db(DEPLOYS).insert({
      service: deploy.service,
      at: deploy.at,
      version: deploy.version ?? null,
      source,
    });
  }

  async deploys(range: { from?: number; to?: number } = {}): Promise<DeployEvent[]> {
    const q = this.db(DEPLOYS).select('service', 'at', 'version');
    if (range.from !== undefined) q.where('at', '>=', range.from);
    if (range.to !== undefined) q.where('at', '<', range.to);
    const rows = (await q.orderBy('at')) as {
      service: string;
      at: number;
      version: string | null;
    }[];
    return rows.map(r => ({
      service: r.service,
      at: Number(r.at),
      ...(r.version ? { version: r.version } : {}),
    }));
  }

  async impacts(ids: readonly string[]): Promise<Map<string, StoredImpact>> {
    const out = new Map<string, StoredImpact>();
    for (let i = 0; i < ids.length; i += BATCH) {
      const rows = (await this.db(IMPACTS)
        .select()
        .whereIn('incident_id', ids.slice(i, i + BATCH))) as {
        incident_id: string;
        impact_start: number | null;
        mitigated_at: number | null;
      }[];
      for (const r of rows) {
        out.set(r.incident_id, {
          impactStart: r.impact_start === null ? null : Number(r.impact_start),
          mitigatedAt: r.mitigated_at === null ? null : Number(r.mitigated_at),
        });
      }
    }
    return out;
  }

  async saveImpact(incidentId: string, impact: StoredImpact, at: number): Promise<void> {
    await this.db(IMPACTS)
      .insert({
        incident_id: incidentId,
        impact_start: impact.impactStart,
        mitigated_at: impact.mitigatedAt,
        computed_at: at,
      })
      .onConflict('incident_id')
      .merge();
  }
}
