import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  computeImpact,
  DEFAULT_IMPACT_LOOKBACK_SECONDS,
  doraSummary,
  firstAck,
  groupIncidents,
  incidentTimeline,
  mergeAlerts,
  MITIGATION_RUN_SECONDS,
  mttxBy,
  parseAlertmanagerPayload,
  PayloadError,
  prepareSeries,
  receivedAlerts,
  type ComputedImpact,
  type DeployEvent,
  type Incident,
  type IncidentDraft,
  type MttxDimension,
} from '@headroom/core';
import { fetchCounterSamples, type PrometheusClient } from '@headroom/prometheus';
import type { SloStore, StoredSlo } from '../database/types';
import type { IncidentStore, ReceiveResult } from './IncidentStore';
import type { IncidentSettings } from './settings';

/** An incident with the catalog entity it belongs to (for permissions and pages). */
export interface EntityIncident {
  incident: Incident;
  entityRef: string;
  ownerRef: string | null;
}

export interface Period {
  from: number;
  to: number;
}

/**
 * Incidents: notifications stored idempotently, then derived on read by core (grouping,
 * severity, timeline, MTTx) from the stored alerts, acks and deploys. Impact start and
 * mitigation of SLO incidents are read from the SLO's counters in Prometheus with core's
 * engine, and stored once the counters can no longer change them.
 */
export class IncidentService {
  constructor(
    private readonly options: {
      store: IncidentStore;
      slos: SloStore;
      prometheus: PrometheusClient | undefined;
      settings: IncidentSettings;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now() / 1000;
  }

  /** Validates and stores one webhook notification; a bad one is a 400 naming the field. */
  async receive(body: unknown, where: string): Promise<ReceiveResult & { alerts: number }> {
    let payload;
    try {
      payload = parseAlertmanagerPayload(body);
    } catch (e) {
      if (e instanceof PayloadError) {
        throw new InputError(`Invalid Alertmanager notification in ${where}: ${e.message}`);
      }
      throw e;
    }
    const result = await this.options.store.receive(receivedAlerts(payload, this.now()));
    if (payload.truncatedAlerts > 0) {
      this.options.logger.warn(
        `Alertmanager group ${payload.groupKey} left out ${payload.truncatedAlerts} alerts (max_alerts)`,
      );
    }
    return { ...result, alerts: payload.alerts.length };
  }

  /** The default period: the last `defaultPeriodDays` up to now. */
  period(from?: number, to?: number): Period {
    const end = to ?? this.now();
    return { from: from ?? end - this.options.settings.defaultPeriodDays * 86400, to: end };
  }

  /** Incidents whose impact started in the period (open ones too), oldest first. */
  async list(period: Period): Promise<EntityIncident[]> {
    const alerts = await this.options.store.alerts({
      from: period.from,
      to: period.to,
      margin: DEFAULT_IMPACT_LOOKBACK_SECONDS,
    });
    const drafts = groupIncidents(mergeAlerts(alerts), this.options.settings.severity);
    const incidents = await this.timelines(drafts);
    return incidents.filter(
      i => i.incident.impactStart >= period.from && i.incident.impactStart < period.to,
    );
  }

  async get(id: string): Promise<EntityIncident> {
    // The id is `<fingerprint>-<start>`: the incident is among that fingerprint's alerts' groups.
    const fingerprint = id.replace(/-\d+$/, '');
    const own = await this.options.store.alertsByFingerprints([fingerprint]);
    if (own.length === 0) throw new NotFoundError(`No incident ${id}`);
    const from = Math.min(...own.map(a => a.startsAt));
    let to = Math.max(...own.map(a => a.startsAt)) + 1;
    // Alerts starting later may still join the incident while it lasts: widen the range until
    // it covers the incident's whole span.
    for (;;) {
      const alerts = await this.options.store.alerts({
        from,
        to,
        margin: DEFAULT_IMPACT_LOOKBACK_SECONDS,
      });
      const draft = groupIncidents(mergeAlerts(alerts), this.options.settings.severity).find(
        d => d.id === id,
      );
      if (!draft) throw new NotFoundError(`No incident ${id}`);
      const end = draft.resolvedAt ?? this.now();
      if (end < to) {
        const [found] = await this.timelines([draft]);
        return found!;
      }
      to = end + 1;
    }
  }

  async acknowledge(id: string, by: string): Promise<EntityIncident> {
    const current = await this.get(id);
    if (current.incident.acknowledgedAt === null) {
      await this.options.store.addAck(id, {
        at: this.now(),
        fingerprint: current.incident.fingerprints[0]!,
        by,
      });
      return this.get(id);
    }
    return current;
  }

  /** The owner of an entity as its stored SLOs record it (null without SLOs). */
  async ownerOf(entityRef: string): Promise<string | null> {
    const [slo] = await this.options.slos.listByEntity(entityRef);
    return slo?.ownerRef ?? null;
  }

  async addDeploy(deploy: DeployEvent, source: string): Promise<void> {
    await this.options.store.addDeploy(deploy, source);
  }

  /**
   * MTTx per dimension over the period, and DORA's measures from the period's deployments
   * (only those of `services` when the caller narrowed the scope to some services).
   */
  async mttx(incidents: Incident[], by: MttxDimension, period: Period, services?: Set<string>) {
    const deploys = (await this.options.store.deploys(period)).filter(
      d => !services || services.has(d.service),
    );
    return {
      groups: mttxBy(incidents, by, {
        targets: this.options.settings.targets,
        from: period.from,
        to: period.to,
        now: this.now(),
      }),
      dora: doraSummary(deploys, incidents),
    };
  }

  get targets() {
    return this.options.settings.targets;
  }

  /** Acks, SLO facts and impacts for drafts, then core's timeline. */
  private async timelines(drafts: IncidentDraft[]): Promise<EntityIncident[]> {
    if (drafts.length === 0) return [];
    const fingerprints = [...new Set(drafts.flatMap(d => d.fingerprints))];
    const acks = await this.options.store.acks(fingerprints);
    const slos = new Map<string, StoredSlo>();
    for (const slo of await this.options.slos.listAll()) {
      slos.set(`${slo.definition.service}/${slo.name}`, slo);
    }
    const cached = await this.options.store.impacts(drafts.map(d => d.id));
    const out: EntityIncident[] = [];
    for (const draft of drafts) {
      const slo = draft.target.slo
        ? slos.get(`${draft.target.service}/${draft.target.slo}`)
        : undefined;
      if (slo) {
        draft.target = {
          ...draft.target,
          entityRef: draft.target.entityRef ?? slo.entityRef,
          ...(slo.ownerRef && !draft.target.owner ? { owner: slo.ownerRef } : {}),
          ...(slo.lineOfBusiness && !draft.target.lineOfBusiness
            ? { lineOfBusiness: slo.lineOfBusiness }
            : {}),
        };
      } else if (!draft.target.entityRef) {
        // As the catalog names a service: per-entity measures then group SLO and other alerts alike.
        draft.target = { ...draft.target, entityRef: `component:default/${draft.target.service}` };
      }
      const next = drafts.find(
        d =>
          d.detectedAt > draft.detectedAt &&
          d.fingerprints.some(f => draft.fingerprints.includes(f)),
      );
      const impact = slo ? await this.impactOf(draft, slo, cached.get(draft.id)) : undefined;
      out.push({
        incident: incidentTimeline(draft, firstAck(draft, acks, next?.detectedAt), impact),
        entityRef: draft.target.entityRef!,
        ownerRef: slo?.ownerRef ?? null,
      });
    }
    return out;
  }

  /**
   * Impact start and mitigation of an SLO incident: stored ones, else read from Prometheus
   * (stored when final: resolved, and mitigated or long past). undefined without Prometheus or
   * when it cannot be read: the timeline then starts at detection, as for an incident without SLO.
   */
  private async impactOf(
    draft: IncidentDraft,
    slo: StoredSlo,
    stored: { impactStart: number | null; mitigatedAt: number | null } | undefined,
  ): Promise<ComputedImpact | undefined> {
    if (stored) {
      return {
        impactStart: stored.impactStart ?? undefined,
        mitigatedAt: stored.mitigatedAt ?? undefined,
      };
    }
    const client = this.options.prometheus;
    if (!client || slo.definition.indicator.kind !== 'ratio') return undefined;
    const now = this.now();
    const step = this.options.settings.stepSeconds;
    // Long enough after the end for a five-minute run of good minutes to show.
    const settle = MITIGATION_RUN_SECONDS + 600;
    const end = Math.min(now, (draft.resolvedAt ?? now) + settle);
    const start = draft.detectedAt - DEFAULT_IMPACT_LOOKBACK_SECONDS - 60 - step;
    try {
      const samples = await fetchCounterSamples(client, slo.definition, start, end, step);
      const computed = computeImpact(draft, {
        series: prepareSeries(samples),
        objective: slo.objective,
      });
      const final =
        draft.resolvedAt !== null &&
        (computed.mitigatedAt !== undefined || now > draft.resolvedAt + settle);
      if (final) {
        await this.options.store.saveImpact(
          draft.id,
          {
            impactStart: computed.impactStart ?? null,
            mitigatedAt: computed.mitigatedAt ?? null,
          },
          now,
        );
      }
      return computed;
    } catch (e) {
      this.options.logger.warn(
        `Counters of ${slo.entityRef} SLO ${slo.name} for incident ${draft.id} could not be read: ${(e as Error).message}`,
      );
      return undefined;
    }
  }
}
