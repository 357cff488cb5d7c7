import { randomUUID } from 'node:crypto';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  summariseRunbookRuns,
  type RunbookAuditRecord,
  type RunbookRunSummary,
} from '@headroom/core';
import type { RunbookStore, StoredRunbookRun } from './RunbookStore';

export interface RunbookServiceOptions {
  store: RunbookStore;
  /** The incident of `service` open when its alert fired at `at`, or null. */
  findIncident(service: string, at: number): Promise<string | null>;
  now?: () => number;
}

export interface RecordRunInput {
  record: RunbookAuditRecord;
  entityRef?: string;
  incidentId?: string;
}

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Runbook runs: recorded with their audit record, linked to incidents, approvals of risky actions. */
export class RunbookService {
  private readonly now: () => number;

  constructor(private readonly options: RunbookServiceOptions) {
    this.now = options.now ?? (() => Date.now() / 1000);
  }

  /** The entity a record belongs to: the given one, else the service's component. */
  entityRefOf(input: RecordRunInput, where: string): string {
    const service = input.record.service;
    if (!NAME.test(service)) {
      throw new InputError(
        `Body field record.service of ${where} must be a component name, got '${service}'`,
      );
    }
    return input.entityRef ?? `component:default/${service}`;
  }

  private check(r: RunbookAuditRecord, where: string): void {
    if (!(r.endedAt >= r.startedAt)) {
      throw new InputError(
        `Body field record.endedAt of ${where} must not be before record.startedAt`,
      );
    }
    const unknown = r.actions.find(a => !r.chosen.includes(a.action));
    if (unknown) {
      throw new InputError(
        `Body field record.actions of ${where}: "${unknown.action}" is not among record.chosen`,
      );
    }
  }

  async record(input: RecordRunInput, by: string, where: string): Promise<StoredRunbookRun> {
    const r = input.record;
    this.check(r, where);
    const entityRef = this.entityRefOf(input, where);
    const incidentId =
      input.incidentId ??
      (r.trigger.firedAt === null
        ? null
        : await this.options.findIncident(r.service, r.trigger.firedAt));
    const run = {
      id: randomUUID(),
      entityRef,
      incidentId,
      record: r,
      recordedBy: by,
      recordedAt: this.now(),
    };
    await this.options.store.add(run);
    return { ...run, approvals: [] };
  }

  /**
   * The rest of a run that waited for an approval: the same run (runbook, service, start) as it
   * went on and ended. Only a run still waiting can be written again.
   */
  async update(id: string, record: RunbookAuditRecord, where: string): Promise<StoredRunbookRun> {
    const run = await this.get(id);
    this.check(record, where);
    for (const field of ['runbook', 'service', 'startedAt'] as const) {
      if (record[field] !== run.record[field]) {
        throw new InputError(
          `Body field record.${field} of ${where} must stay ${JSON.stringify(run.record[field])}, got ${JSON.stringify(record[field])}`,
        );
      }
    }
    const ended = () =>
      new ConflictError(
        `Runbook run ${id} has ended (${run.record.result}); only a run waiting for approval is written again`,
      );
    if (run.record.result !== 'awaiting-approval') throw ended();
    if (!(await this.options.store.update(id, record))) throw ended();
    return this.get(id);
  }

  async get(id: string): Promise<StoredRunbookRun> {
    const run = await this.options.store.get(id);
    if (!run) throw new NotFoundError(`No runbook run ${id}`);
    return run;
  }

  list(filter: { entityRef?: string; incidentId?: string; from?: number; to?: number }) {
    return this.options.store.list(filter);
  }

  /**
   * Approves a risky action a run is waiting for; the run's executor reads the approval before
   * it acts. Only an action the run holds for approval can be approved.
   */
  async approve(id: string, action: string, by: string): Promise<StoredRunbookRun> {
    const run = await this.get(id);
    const waiting = run.record.actions.filter(a => a.decision.verdict === 'await-approval');
    if (!waiting.some(a => a.action === action)) {
      throw new ConflictError(
        `Runbook run ${id} is not waiting for approval of "${action}"` +
          (waiting.length > 0 ? ` (it waits for ${waiting.map(a => a.action).join(', ')})` : ''),
      );
    }
    await this.options.store.approve(id, { action, by, at: this.now() });
    return this.get(id);
  }

  /** The entity's runs in the period and what they add up to (core's one derivation). */
  async entity(
    entityRef: string,
    period: { from: number; to: number },
  ): Promise<{ summary: RunbookRunSummary; runs: StoredRunbookRun[] }> {
    const runs = await this.list({ entityRef, ...period });
    return { summary: summariseRunbookRuns(runs.map(r => r.record)), runs };
  }
}
