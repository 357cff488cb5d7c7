import { randomUUID } from 'node:crypto';
import type { BackstageCredentials, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, type Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  assessChange,
  decideChangeRollback,
  decideRollback,
  doraSummary,
  judgeCanaryData,
  type CanaryVerdict,
  type CatalogNode,
  type ChangeRollbackDecision,
  type ChangeSignal,
  type DeployEvent,
  type PastChange,
  type RiskAssessment,
} from '@headroom/core';
import type { PrometheusClient } from '@headroom/prometheus';
import type { SloStore } from '../database/types';
import type { IncidentStore } from '../incidents/IncidentStore';
import type { IncidentService } from '../incidents/service';
import { gateStatuses, requireGateEntity } from '../lib/releaseGate';
import { worstBurnRateOf } from '../lib/summary';
import { sendRollback } from './actions';
import { readCanaryData } from './canaryData';
import type {
  ChangeKind,
  ChangeStore,
  ChangeTarget,
  StoredChange,
  StoredRollback,
  StoredVerdict,
} from './ChangeStore';
import type { ChangeSettings } from './settings';

export interface ChangeRequest {
  entityRef: string;
  version: string;
  kind?: ChangeKind;
  /** Unix seconds; default now. */
  at?: number;
  watchMinutes?: number;
  size?: { linesChanged: number; irreversible?: boolean };
  target?: ChangeTarget;
}

/** A change as the log shows it: stored facts, verdicts, rollbacks and its outcome. */
export interface ChangeEntry {
  change: StoredChange;
  /** Bare deploys (recorded through POST /deploys only) have no change row. */
  recorded: boolean;
  verdicts: StoredVerdict[];
  rollbacks: StoredRollback[];
  outcome: { incidentId: string | null; rolledBack: boolean; failed: boolean };
}

export interface JudgeRequest {
  config: unknown;
  queries: Record<string, { baseline: string; canary: string }>;
  from?: number;
  to?: number;
}

/** The relation types of a catalog entity that make up core's change graph. */
const GRAPH_RELATIONS: Record<string, keyof CatalogNode> = {
  dependsOn: 'dependsOn',
  dependencyOf: 'dependencyOf',
  providesApi: 'providesApis',
  consumesApi: 'consumesApis',
};

function graphNode(entityRef: string, entity: Entity): CatalogNode {
  const node: Record<string, string[]> = {};
  for (const r of entity.relations ?? []) {
    const key = GRAPH_RELATIONS[r.type];
    if (key) (node[key] ??= []).push(r.targetRef);
  }
  return { ref: entityRef, ...node };
}

const deployKey = (service: string, at: number) => `${service}\u0000${at}`;

/**
 * The change log and automatic rollback: a change is recorded with core's pre-assessment (and
 * as a deploy event, which DORA's measures read), canary verdicts are judged here by core from
 * Prometheus or posted, and while the change is live a failed verdict or a page burn rolls it
 * back through the configured action, once, recorded with the change.
 */
export class ChangeService {
  constructor(
    private readonly deps: {
      store: ChangeStore;
      slos: SloStore;
      catalog: CatalogService;
      incidents: IncidentService;
      /** Deploy events: the incidents feature's, which DORA's measures read. */
      deploys: Pick<IncidentStore, 'addDeploy' | 'deploys'>;
      prometheus: PrometheusClient | undefined;
      settings: ChangeSettings;
      logger: LoggerService;
      now?: () => number;
      fetch?: typeof fetch;
    },
  ) {}

  now(): number {
    return this.deps.now?.() ?? Date.now() / 1000;
  }

  /** The entity's owner as its stored SLOs record it, for permissions. */
  async ownerOf(entityRef: string): Promise<string | null> {
    const [slo] = await this.deps.slos.listByEntity(entityRef);
    return slo?.ownerRef ?? null;
  }

  /** The entity from the catalog; a 404 naming close names when it is not there. */
  async requireEntity(entityRef: string, credentials: BackstageCredentials): Promise<Entity> {
    return requireGateEntity(this.deps.catalog, entityRef, credentials);
  }

  async record(
    request: ChangeRequest,
    credentials: BackstageCredentials,
    author: string,
  ): Promise<ChangeEntry> {
    const { entityRef } = request;
    const entity = await requireGateEntity(this.deps.catalog, entityRef, credentials);
    const service = parseEntityRef(entityRef).name;
    const at = request.at ?? this.now();
    const facts = await this.deps.slos.listFactsByEntity(entityRef, new Date(at * 1000));
    const lineOfBusiness = facts.find(f => f.lineOfBusiness)?.lineOfBusiness ?? null;
    const assessment = await this.assess(request, entity, at, lineOfBusiness, facts);
    const change: StoredChange = {
      id: randomUUID(),
      entityRef,
      service,
      lineOfBusiness,
      version: request.version,
      kind: request.kind ?? 'deploy',
      startedAt: at,
      watchSeconds: Math.round(
        request.watchMinutes !== undefined
          ? request.watchMinutes * 60
          : this.deps.settings.watchSeconds,
      ),
      state: 'live',
      assessment,
      target: request.target ?? null,
      source: author,
    };
    await this.deps.store.add(change);
    // A change is a deployment: DORA's change failure rate counts it like any other.
    await this.deps.deploys.addDeploy({ service, at, version: request.version }, author);
    return this.entry(change);
  }

  private async assess(
    request: ChangeRequest,
    entity: Entity,
    at: number,
    lineOfBusiness: string | null,
    facts: Awaited<ReturnType<SloStore['listFactsByEntity']>>,
  ): Promise<RiskAssessment> {
    const service = parseEntityRef(request.entityRef).name;
    const past = await this.entries({ from: at - 30 * 86400, to: at });
    const recentChanges: PastChange[] = past
      .filter(e => e.change.service === service)
      .map(e => ({
        service: request.entityRef,
        at: e.change.startedAt,
        outcome: e.outcome.rolledBack ? 'rolled-back' : e.outcome.failed ? 'failed' : 'succeeded',
      }));
    const open = (await this.incidentsAround(at - 30 * 86400, at)).filter(
      i => i.incident.resolvedAt === null,
    );
    try {
      return assessChange(
        {
          service: request.entityRef,
          version: request.version,
          size: request.size ?? { linesChanged: 0 },
          plannedAt: at,
        },
        {
          slos: facts.map(f => ({
            name: f.name,
            budgetRemaining: f.status?.budgetRemaining ?? null,
            burnRate: worstBurnRateOf(f.status),
          })),
          graph: [graphNode(request.entityRef, entity)],
          recentChanges,
          openIncidents: open.map(i => ({
            entityRef: i.entityRef,
            severity: i.incident.severity,
            ...(i.incident.summary ? { title: i.incident.summary } : {}),
          })),
        },
        { lineOfBusiness },
      );
    } catch (e) {
      if (e instanceof RangeError)
        throw new InputError(`Change of ${request.entityRef}: ${e.message}`);
      throw e;
    }
  }

  async get(id: string): Promise<ChangeEntry> {
    const change = await this.deps.store.get(id);
    if (!change) throw new NotFoundError(`No change ${id}`);
    return this.entry(change);
  }

  private async entry(change: StoredChange): Promise<ChangeEntry> {
    const [found] = await this.withOutcomes([change], change.startedAt, this.now(), false);
    return found!;
  }

  /**
   * Changes started in [from, to): recorded ones and bare deploys, with verdicts, rollbacks and
   * whether an incident of the service started after them (core's DORA attribution).
   */
  async entries(range: { from: number; to: number; entityRef?: string }): Promise<ChangeEntry[]> {
    const changes = await this.deps.store.list(range);
    return this.withOutcomes(changes, range.from, range.to, true, range.entityRef);
  }

  private async withOutcomes(
    changes: StoredChange[],
    from: number,
    to: number,
    withBareDeploys: boolean,
    entityRef?: string,
  ): Promise<ChangeEntry[]> {
    const recorded = new Set(changes.map(c => deployKey(c.service, c.startedAt)));
    const stored = withBareDeploys ? await this.deps.deploys.deploys({ from, to }) : [];
    const bare: StoredChange[] = stored
      .filter(d => !recorded.has(deployKey(d.service, d.at)))
      .filter(d => !entityRef || entityRef === `component:default/${d.service}`)
      .map(d => ({
        id: `deploy-${d.service}-${d.at}`,
        entityRef: `component:default/${d.service}`,
        service: d.service,
        lineOfBusiness: null,
        version: d.version ?? '',
        kind: 'deploy',
        startedAt: d.at,
        watchSeconds: this.deps.settings.watchSeconds,
        state: 'promoted',
        assessment: null,
        target: null,
        source: 'POST /deploys',
      }));
    // A bare deploy's line of business is its entity's, as its SLOs record it.
    const lobs = new Map<string, string | null>();
    for (const d of bare) {
      if (!lobs.has(d.entityRef)) {
        const slos = await this.deps.slos.listByEntity(d.entityRef);
        lobs.set(d.entityRef, slos.find(x => x.lineOfBusiness)?.lineOfBusiness ?? null);
      }
      d.lineOfBusiness = lobs.get(d.entityRef)!;
    }
    const all = [...changes, ...bare].sort((a, b) => a.startedAt - b.startedAt);
    if (all.length === 0) return [];
    const ids = changes.map(c => c.id);
    const verdicts = await this.deps.store.verdicts(ids);
    const rollbacks = await this.deps.store.rollbacks(ids);
    // Every deploy of these services up to now: a later deploy ends an earlier one's blame.
    const services = new Set(all.map(c => c.service));
    const deploys: DeployEvent[] = (
      await this.deps.deploys.deploys({ from: all[0]!.startedAt })
    ).filter(d => services.has(d.service));
    const incidents = (await this.incidentsAround(all[0]!.startedAt, this.now())).map(
      i => i.incident,
    );
    const outcomes = new Map(
      doraSummary(deploys, incidents).outcomes.map(o => [
        deployKey(o.deploy.service, o.deploy.at),
        o.incidentId,
      ]),
    );
    return all.map(change => {
      const incidentId = outcomes.get(deployKey(change.service, change.startedAt)) ?? null;
      const rolledBack = change.state === 'rolled-back';
      return {
        change,
        recorded: recorded.has(deployKey(change.service, change.startedAt)),
        verdicts: verdicts.get(change.id) ?? [],
        rollbacks: rollbacks.get(change.id) ?? [],
        outcome: { incidentId, rolledBack, failed: incidentId !== null || rolledBack },
      };
    });
  }

  private async incidentsAround(from: number, to: number) {
    return this.deps.incidents.list({ from, to: Math.max(to, from + 1) });
  }

  /** Change failure rate over entries: failed (incident caused or rolled back) / changes. */
  static failureRate(entries: readonly ChangeEntry[]) {
    const failed = entries.filter(e => e.outcome.failed).length;
    return {
      changes: entries.length,
      failed,
      changeFailureRate: entries.length > 0 ? failed / entries.length : null,
    };
  }

  // ---- canary verdicts and rollback --------------------------------------------------------

  /** Judges the canary with core from Prometheus range queries, stores the verdict, decides. */
  async judge(id: string, request: JudgeRequest, where: string) {
    const change = await this.liveChange(id, where);
    const client = this.deps.prometheus;
    if (!client) {
      throw new InputError(`${where}: no Prometheus configured (headroom.prometheus.baseUrl)`);
    }
    const to = request.to ?? this.now();
    const from = request.from ?? change.startedAt;
    const { config, baseline, canary } = await readCanaryData(client, request, {
      from,
      to,
      step: this.deps.settings.judgeStepSeconds,
      where,
    });
    const verdict = judgeCanaryData({ config, baseline, canary });
    return this.addVerdict(change, verdict, 'prometheus');
  }

  /** A verdict judged elsewhere (`headroom canary judge`, Kayenta): stored, then decided on. */
  async postVerdict(id: string, verdict: CanaryVerdict, where: string) {
    const change = await this.liveChange(id, where);
    return this.addVerdict(change, verdict, 'posted');
  }

  private async addVerdict(
    change: StoredChange,
    verdict: CanaryVerdict,
    source: StoredVerdict['source'],
  ) {
    await this.deps.store.addVerdict(change.id, {
      at: this.now(),
      classification: verdict.classification,
      score: verdict.score,
      source,
      verdict,
    });
    const decision = await this.evaluate(change.id);
    return { verdict, decision };
  }

  private async liveChange(id: string, where: string): Promise<StoredChange> {
    const change = await this.deps.store.get(id);
    if (!change) throw new NotFoundError(`No change ${id}`);
    if (change.state !== 'live') {
      throw new InputError(`${where}: change ${id} is ${change.state}, no longer live`);
    }
    return change;
  }

  /** Marks a live change promoted: it is no longer rolled back automatically. */
  async promote(id: string, where: string): Promise<ChangeEntry> {
    await this.liveChange(id, where);
    await this.deps.store.transition(id, 'live', 'promoted');
    return this.get(id);
  }

  /**
   * Core's decision for one change from its verdicts and the entity's page burn now; a
   * rollback is sent once (the replica that moves the change out of live sends it).
   */
  async evaluate(id: string): Promise<ChangeRollbackDecision> {
    const change = await this.deps.store.get(id);
    if (!change) throw new NotFoundError(`No change ${id}`);
    const now = this.now();
    const signals: ChangeSignal[] = ((await this.deps.store.verdicts([id])).get(id) ?? []).map(
      v => ({
        kind: 'canary',
        at: v.at,
        classification: v.classification,
        score: v.score,
        reason: (v.verdict as { reason?: string | null }).reason ?? null,
      }),
    );
    const facts = await this.deps.slos.listFactsByEntity(change.entityRef, new Date(now * 1000));
    const paging = decideRollback(gateStatuses(facts), change.entityRef);
    if (paging.rollback) signals.push({ kind: 'page-burn', at: now, reasons: paging.reasons });
    const decision = decideChangeRollback(change, signals, now, {
      rollbackOnMarginal: this.deps.settings.rollbackOnMarginal,
    });
    if (decision.rollback && (await this.deps.store.transition(id, 'live', 'rolled-back'))) {
      const { action, actionTimeoutMs } = this.deps.settings;
      const result = await sendRollback(
        action,
        {
          changeId: id,
          entityRef: change.entityRef,
          service: change.service,
          version: change.version,
          kind: change.kind,
          target: change.target,
          reason: decision.reason,
        },
        actionTimeoutMs,
        this.deps.fetch,
      );
      await this.deps.store.addRollback(id, {
        at: now,
        reason: decision.reason,
        trigger: decision.trigger!,
        action: action.type,
        outcome: result.outcome,
        detail: result.detail as Record<string, unknown>,
      });
      const log = result.outcome === 'failed' ? 'error' : 'info';
      this.deps.logger[log](
        `Change ${id} of ${change.entityRef} ${change.version} rolled back (${action.type}: ${result.outcome}): ${decision.reason}`,
      );
    }
    return decision;
  }

  /** Every live change inside its watch window, checked for a page burn; the scheduled pass. */
  async checkLive(): Promise<number> {
    const now = this.now();
    let rolledBack = 0;
    for (const change of await this.deps.store.live()) {
      if (now >= change.startedAt + change.watchSeconds) continue;
      if ((await this.evaluate(change.id)).rollback) rolledBack++;
    }
    return rolledBack;
  }
}
