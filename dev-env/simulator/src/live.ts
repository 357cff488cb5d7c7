// Live faults and control actions: what drills inject and what runbooks do to a running world.
//
// Everything is kept as time-stamped intervals, so the traffic model stays a pure function of
// (context, service, t): a fault starts "now" and ends when an action clears it, both at or
// after the last counted step, so counters already served never change and history recomputed
// from the epoch gives the same numbers as the live walk.

/** What a fault does while it lasts. */
export type FaultKind = 'errors' | 'latency' | 'outage' | 'capacity-loss';

/** The action that clears a fault; `none` only ends with its duration or a DELETE. */
export type Remedy = 'rollback' | 'restart' | 'scale' | 'flag' | 'none';

export interface LiveFault {
  id: string;
  service: string;
  kind: FaultKind;
  /**
   * errors: share of requests failing (0–1]; latency: factor on the median (> 1); outage: share
   * of requests failing (1 = all); capacity-loss: share of replicas lost (0–1).
   */
  magnitude: number;
  /** Unix seconds. */
  start: number;
  /** Unix seconds; absent while open-ended. */
  end?: number;
  clearedBy: Remedy;
  /** Where it came from: a deploy of this version, a flag turned on, or injected directly. */
  cause:
    { kind: 'injected' } | { kind: 'deploy'; version: string } | { kind: 'flag'; flag: string };
}

export type ControlAction =
  | 'inject'
  | 'clear'
  | 'deploy'
  | 'rollback'
  | 'restart'
  | 'scale'
  | 'flag'
  | 'canary'
  | 'promote'
  | 'abort'
  | 'shed'
  | 'shift';

/**
 * A second version served beside the stable one: `weight` of the service's requests go to it,
 * answered with its own extra share of 500s and its own factor on the median latency. It is
 * scraped as its own series (labels `track="canary"` and `version`) while it is live.
 */
export interface LiveCanary {
  id: string;
  service: string;
  version: string;
  /** Share of the service's requests the canary answers, in (0, 1). */
  weight: number;
  /** Share of the canary's requests failing with 500 on top of the service's own, [0, 1]. */
  errorShare: number;
  /** Factor on the median latency, (0, 1000]; 1 is as fast as the stable version. */
  latencyFactor: number;
  /** Unix seconds. */
  start: number;
  /** Unix seconds; absent while live. */
  end?: number;
  outcome?: 'promoted' | 'aborted';
}

export interface CanaryRequest {
  version: string;
  weight: number;
  errorShare?: number;
  latencyFactor?: number;
}

/** One entry of the control log: every change, as a runbook's diagnosis reads recent changes. */
export interface ControlEvent {
  at: number;
  service: string;
  action: ControlAction;
  detail: Record<string, string | number | boolean>;
  /** Faults this action started or ended. */
  faults: string[];
}

export interface ServiceControlState {
  version: string;
  /** Versions deployed before the current one, oldest first. */
  previousVersions: string[];
  replicas: number | null;
  flags: Record<string, boolean>;
}

const FAULT_KINDS: readonly FaultKind[] = ['errors', 'latency', 'outage', 'capacity-loss'];
const REMEDIES: readonly Remedy[] = ['rollback', 'restart', 'scale', 'flag', 'none'];

/** The remedy a fault of this kind has when the caller does not say. */
const DEFAULT_REMEDY: Record<FaultKind, Remedy> = {
  errors: 'restart',
  latency: 'restart',
  outage: 'restart',
  'capacity-loss': 'scale',
};

export class ControlError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

export interface FaultRequest {
  service: string;
  kind: FaultKind;
  magnitude: number;
  durationSeconds?: number;
  clearedBy?: Remedy;
}

/** The live overlay of one simulated world. */
export class LiveControls {
  private readonly faults: LiveFault[] = [];
  private readonly canaries: LiveCanary[] = [];
  private readonly events: ControlEvent[] = [];
  private readonly state = new Map<string, ServiceControlState>();
  /** Faults planted behind a flag: they start when the flag is turned on. */
  private readonly plantedFlags = new Map<string, Omit<FaultRequest, 'service'>>();
  private nextId = 1;

  constructor(
    private readonly services: ReadonlyMap<string, { replicas: number }>,
    private readonly initialVersion = 'v1',
  ) {}

  // ---- read side: what the traffic model asks -----------------------------------------------

  /** Faults of a service active at t (start <= t < end). */
  activeFaults(service: string, t: number): LiveFault[] {
    const out: LiveFault[] = [];
    for (const f of this.faults) {
      if (f.service === service && t >= f.start && (f.end === undefined || t < f.end)) out.push(f);
    }
    return out;
  }

  /** Replicas set by `scale` at t, or undefined when never scaled. */
  replicasAt(service: string, t: number): number | undefined {
    let value: number | undefined;
    for (const e of this.events) {
      if (e.service === service && e.action === 'scale' && e.at <= t) {
        value = e.detail['replicas'] as number;
      }
    }
    return value;
  }

  /**
   * How the service's traffic is steered at t: the share refused at the edge (`shed`) and the
   * share of the rest sent to a standby (`shifted`); both 0 unless a shed or shift says so.
   */
  steeringAt(service: string, t: number): { shed: number; shifted: number } {
    let shed = 0;
    let shifted = 0;
    for (const e of this.events) {
      if (e.service !== service || e.at > t) continue;
      if (e.action === 'shed') shed = e.detail['share'] as number;
      else if (e.action === 'shift') shifted = e.detail['weight'] as number;
    }
    return { shed, shifted };
  }

  /** The canary of a service live at t (start <= t < end), if any. */
  activeCanary(service: string, t: number): LiveCanary | undefined {
    for (const c of this.canaries) {
      if (c.service === service && t >= c.start && (c.end === undefined || t < c.end)) return c;
    }
    return undefined;
  }

  snapshot(): {
    services: Record<string, ServiceControlState>;
    faults: LiveFault[];
    canaries: LiveCanary[];
    events: ControlEvent[];
  } {
    const services: Record<string, ServiceControlState> = {};
    for (const name of this.services.keys()) services[name] = this.serviceState(name);
    return {
      services,
      faults: this.faults.map(f => ({ ...f, cause: { ...f.cause } })),
      canaries: this.canaries.map(c => ({ ...c })),
      events: this.events.map(e => ({ ...e, detail: { ...e.detail }, faults: [...e.faults] })),
    };
  }

  // ---- write side: faults and actions -------------------------------------------------------

  inject(request: FaultRequest, now: number): LiveFault {
    const fault = this.startFault(request, now, { kind: 'injected' });
    this.log(now, request.service, 'inject', { kind: request.kind }, [fault.id]);
    return fault;
  }

  clear(id: string, now: number): LiveFault {
    const fault = this.faults.find(f => f.id === id);
    if (!fault) throw new ControlError(404, `no fault "${id}"`);
    if (fault.end !== undefined && fault.end <= now) {
      throw new ControlError(409, `fault "${id}" already ended at ${fault.end}`);
    }
    fault.end = now;
    this.log(now, fault.service, 'clear', {}, [id]);
    return fault;
  }

  /**
   * A new version goes live. With `fault`, the version is bad: the fault lasts until the version
   * is rolled back (its remedy is `rollback`).
   */
  deploy(
    service: string,
    version: string,
    now: number,
    fault?: { kind: FaultKind; magnitude: number },
  ): ControlEvent {
    const state = this.serviceState(service);
    if (!version) throw new ControlError(400, 'version: must be a non-empty string');
    if (version === state.version) {
      throw new ControlError(409, `${service} already runs version ${version}`);
    }
    state.previousVersions.push(state.version);
    state.version = version;
    const started = fault
      ? [
          this.startFault({ service, ...fault, clearedBy: 'rollback' }, now, {
            kind: 'deploy',
            version,
          }).id,
        ]
      : [];
    return this.log(now, service, 'deploy', { version }, started);
  }

  /**
   * Back to the previous version; the faults the rolled-back version brought end. While a
   * canary is live, rolling back aborts it: the stable version keeps running.
   */
  rollback(service: string, now: number): ControlEvent {
    const state = this.serviceState(service);
    const canary = this.liveCanary(service, now);
    if (canary) {
      this.finishCanary(canary, now, 'aborted');
      return this.log(now, service, 'rollback', { from: canary.version, to: state.version }, []);
    }
    const previous = state.previousVersions.pop();
    if (previous === undefined) {
      throw new ControlError(409, `${service} has no earlier version to roll back to`);
    }
    const from = state.version;
    state.version = previous;
    const ended = this.endWhere(
      now,
      f => f.service === service && f.cause.kind === 'deploy' && f.cause.version === from,
    );
    return this.log(now, service, 'rollback', { from, to: previous }, ended);
  }

  /** A canary of a new version goes live beside the stable one; one at a time per service. */
  startCanary(service: string, request: CanaryRequest, now: number): LiveCanary {
    const state = this.serviceState(service);
    checkCanary(request);
    const live = this.liveCanary(service, now);
    if (live) {
      throw new ControlError(409, `${service} already has canary ${live.version} live`);
    }
    if (request.version === state.version) {
      throw new ControlError(409, `${service} already runs version ${request.version}`);
    }
    const canary: LiveCanary = {
      id: `canary-${this.nextCanaryId++}`,
      service,
      version: request.version,
      weight: request.weight,
      errorShare: request.errorShare ?? 0,
      latencyFactor: request.latencyFactor ?? 1,
      start: now,
    };
    this.canaries.push(canary);
    this.log(now, service, 'canary', { version: canary.version, weight: canary.weight }, []);
    return canary;
  }

  /**
   * The canary's version becomes the service's: all traffic gets its behaviour, as faults
   * that a rollback of that version ends.
   */
  promoteCanary(service: string, now: number): ControlEvent {
    const canary = this.requireCanary(service, now);
    this.finishCanary(canary, now, 'promoted');
    const state = this.serviceState(service);
    state.previousVersions.push(state.version);
    state.version = canary.version;
    const cause = { kind: 'deploy' as const, version: canary.version };
    const started: string[] = [];
    if (canary.errorShare > 0) {
      const request = { service, kind: 'errors' as const, magnitude: canary.errorShare };
      started.push(this.startFault({ ...request, clearedBy: 'rollback' }, now, cause).id);
    }
    if (canary.latencyFactor > 1) {
      const request = { service, kind: 'latency' as const, magnitude: canary.latencyFactor };
      started.push(this.startFault({ ...request, clearedBy: 'rollback' }, now, cause).id);
    }
    return this.log(now, service, 'promote', { version: canary.version }, started);
  }

  /** Traffic goes back to the stable version alone. */
  abortCanary(service: string, now: number): ControlEvent {
    const canary = this.requireCanary(service, now);
    this.finishCanary(canary, now, 'aborted');
    return this.log(now, service, 'abort', { version: canary.version }, []);
  }

  /** A restart clears the faults whose remedy is a restart (a leak, a stuck pool). */
  restart(service: string, now: number): ControlEvent {
    this.serviceState(service);
    const ended = this.endWhere(now, f => f.service === service && f.clearedBy === 'restart');
    return this.log(now, service, 'restart', {}, ended);
  }

  /** Sets the replica count; scaling to at least the defined count clears lost capacity. */
  scale(service: string, replicas: number, now: number): ControlEvent {
    const state = this.serviceState(service);
    if (!Number.isInteger(replicas) || replicas < 1 || replicas > 10_000) {
      throw new ControlError(400, `replicas: must be an integer from 1 to 10000, got ${replicas}`);
    }
    state.replicas = replicas;
    const defined = this.services.get(service)!.replicas;
    const ended =
      replicas >= defined
        ? this.endWhere(now, f => f.service === service && f.clearedBy === 'scale')
        : [];
    return this.log(now, service, 'scale', { replicas }, ended);
  }

  /**
   * From now on `share` of the service's requests are refused at the edge (answered 429, so
   * clients back off) and never reach its replicas; 0 stops shedding. No fault ends: the
   * replicas that are left carry less load.
   */
  shed(service: string, share: number, now: number): ControlEvent {
    this.serviceState(service);
    if (typeof share !== 'number' || !(share >= 0 && share < 1)) {
      throw new ControlError(
        400,
        `share: must be a share from 0 up to 1 (not 1), got ${String(share)}`,
      );
    }
    return this.log(now, service, 'shed', { share }, []);
  }

  /**
   * From now on `weight` of the service's requests go to the standby `to` (another region or
   * cluster running the stable version), which answers them without the service's live faults;
   * 0 brings them all back. No fault ends: fewer requests meet it.
   */
  shift(service: string, to: string, weight: number, now: number): ControlEvent {
    this.serviceState(service);
    if (typeof to !== 'string' || !/^[a-z0-9][a-z0-9-_.]{0,62}$/i.test(to)) {
      throw new ControlError(
        400,
        `to: must be a name of letters, digits, - _ . (got "${String(to)}")`,
      );
    }
    if (typeof weight !== 'number' || !(weight >= 0 && weight <= 1)) {
      throw new ControlError(400, `weight: must be a share from 0 to 1, got ${String(weight)}`);
    }
    return this.log(now, service, 'shift', { to, weight }, []);
  }

  /** Plants a fault behind a flag: it starts when the flag is turned on, ends when turned off. */
  plantFlag(service: string, flag: string, fault: { kind: FaultKind; magnitude: number }): void {
    this.serviceState(service);
    checkFault({ service, ...fault });
    this.plantedFlags.set(`${service}\u0000${flag}`, { ...fault, clearedBy: 'flag' });
  }

  setFlag(service: string, flag: string, enabled: boolean, now: number): ControlEvent {
    const state = this.serviceState(service);
    if (!/^[a-z0-9][a-z0-9-_.]{0,62}$/i.test(flag)) {
      throw new ControlError(400, `flag: must be a name of letters, digits, - _ . (got "${flag}")`);
    }
    const was = state.flags[flag] ?? false;
    state.flags[flag] = enabled;
    let changed: string[] = [];
    const planted = this.plantedFlags.get(`${service}\u0000${flag}`);
    if (enabled && !was && planted) {
      changed = [this.startFault({ service, ...planted }, now, { kind: 'flag', flag }).id];
    } else if (!enabled && was) {
      changed = this.endWhere(
        now,
        f => f.service === service && f.cause.kind === 'flag' && f.cause.flag === flag,
      );
    }
    return this.log(now, service, 'flag', { flag, enabled }, changed);
  }

  // ---- internals ----------------------------------------------------------------------------

  private nextCanaryId = 1;

  /** The canary live now or started later (none can be: actions come in time order). */
  private liveCanary(service: string, now: number): LiveCanary | undefined {
    return this.canaries.find(c => c.service === service && c.end === undefined && c.start <= now);
  }

  private requireCanary(service: string, now: number): LiveCanary {
    this.serviceState(service);
    const canary = this.liveCanary(service, now);
    if (!canary) throw new ControlError(409, `${service} has no live canary`);
    return canary;
  }

  private finishCanary(canary: LiveCanary, now: number, outcome: 'promoted' | 'aborted'): void {
    canary.end = now;
    canary.outcome = outcome;
  }

  private serviceState(service: string): ServiceControlState {
    const defined = this.services.get(service);
    if (!defined) throw new ControlError(404, `no service "${service}" in the simulated world`);
    let state = this.state.get(service);
    if (!state) {
      state = { version: this.initialVersion, previousVersions: [], replicas: null, flags: {} };
      this.state.set(service, state);
    }
    return state;
  }

  private startFault(request: FaultRequest, now: number, cause: LiveFault['cause']): LiveFault {
    this.serviceState(request.service);
    checkFault(request);
    const fault: LiveFault = {
      id: `fault-${this.nextId++}`,
      service: request.service,
      kind: request.kind,
      magnitude: request.magnitude,
      start: now,
      clearedBy: request.clearedBy ?? DEFAULT_REMEDY[request.kind],
      cause,
    };
    if (request.durationSeconds !== undefined) fault.end = now + request.durationSeconds;
    this.faults.push(fault);
    return fault;
  }

  private endWhere(now: number, match: (f: LiveFault) => boolean): string[] {
    const ended: string[] = [];
    for (const f of this.faults) {
      if ((f.end === undefined || f.end > now) && f.start <= now && match(f)) {
        f.end = now;
        ended.push(f.id);
      }
    }
    return ended;
  }

  private log(
    at: number,
    service: string,
    action: ControlAction,
    detail: ControlEvent['detail'],
    faults: string[],
  ): ControlEvent {
    const event = { at, service, action, detail, faults };
    this.events.push(event);
    return event;
  }
}

/** Checks a fault request's fields; the message names the field. */
export function checkFault(request: FaultRequest): void {
  if (!FAULT_KINDS.includes(request.kind)) {
    throw new ControlError(400, `kind: must be one of ${FAULT_KINDS.join(', ')}`);
  }
  const m = request.magnitude;
  const within =
    request.kind === 'latency'
      ? m > 1 && m <= 1000
      : request.kind === 'capacity-loss'
        ? m > 0 && m < 1
        : m > 0 && m <= 1;
  if (typeof m !== 'number' || !within) {
    const range =
      request.kind === 'latency'
        ? 'a factor above 1 and at most 1000'
        : request.kind === 'capacity-loss'
          ? 'a share above 0 and below 1'
          : 'a share above 0 and at most 1';
    throw new ControlError(
      400,
      `magnitude: must be ${range} for ${request.kind}, got ${String(m)}`,
    );
  }
  const d = request.durationSeconds;
  if (d !== undefined && !(Number.isInteger(d) && d > 0 && d <= 7 * 86400)) {
    throw new ControlError(
      400,
      `durationSeconds: must be an integer from 1 to 604800, got ${String(d)}`,
    );
  }
  if (request.clearedBy !== undefined && !REMEDIES.includes(request.clearedBy)) {
    throw new ControlError(400, `clearedBy: must be one of ${REMEDIES.join(', ')}`);
  }
}

/** Checks a canary request's fields; the message names the field. */
export function checkCanary(request: CanaryRequest): void {
  if (typeof request.version !== 'string' || request.version === '') {
    throw new ControlError(400, 'version: must be a non-empty string');
  }
  const { weight, errorShare, latencyFactor } = request;
  if (typeof weight !== 'number' || !(weight > 0 && weight < 1)) {
    throw new ControlError(
      400,
      `weight: must be a share above 0 and below 1, got ${String(weight)}`,
    );
  }
  if (
    errorShare !== undefined &&
    !(typeof errorShare === 'number' && errorShare >= 0 && errorShare <= 1)
  ) {
    throw new ControlError(
      400,
      `errorShare: must be a share from 0 to 1, got ${String(errorShare)}`,
    );
  }
  if (
    latencyFactor !== undefined &&
    !(typeof latencyFactor === 'number' && latencyFactor > 0 && latencyFactor <= 1000)
  ) {
    throw new ControlError(
      400,
      `latencyFactor: must be a factor above 0 and at most 1000, got ${String(latencyFactor)}`,
    );
  }
}

/** The live overlay for a world's services, every one at `initialVersion`. */
export function liveControlsFor(
  services: readonly { name: string; replicas: number }[],
  initialVersion = 'v1',
): LiveControls {
  return new LiveControls(
    new Map(services.map(s => [s.name, { replicas: s.replicas }])),
    initialVersion,
  );
}
