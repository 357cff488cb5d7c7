import type { BackstageCredentials, RootConfigService } from '@backstage/backend-plugin-api';
import { type Entity, parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DEFAULT_RELEASE_GATE_POLICY,
  decideRelease as decideWithPolicy,
  type GateBlocker,
  type GateSloStatus,
  type ReleaseGatePolicy,
} from '@headroom/core';
import type { ReleaseGateResult } from '@headroom/plugin-headroom-common';
import { type SloFacts, summaryItem } from './summary';

/** The stored statuses as core's gate reads them. */
export function gateStatuses(slos: readonly SloFacts[]): GateSloStatus[] {
  return slos.map(gateStatus);
}

function gateStatus(s: SloFacts): GateSloStatus {
  const status = s.status;
  const evaluated = Boolean(status && status.evaluatedAt !== null);
  return {
    name: `SLO '${s.name}'`,
    ageSeconds: evaluated ? (status!.ageSeconds ?? 0) : null,
    budgetRemaining: status?.budgetRemaining ?? null,
    firing:
      status?.alertState === 'page' || status?.alertState === 'ticket' ? [status.alertState] : [],
    ...(status?.error ? { error: status.error } : {}),
  };
}

/**
 * The gate's policy: core's one default policy (the one `headroom gate` starts from), with
 * `headroom.releaseGate.*` over it. A value out of range stops the backend at start, naming the key.
 */
export function releaseGatePolicy(config: RootConfigService): ReleaseGatePolicy {
  const key = 'headroom.releaseGate';
  const withoutSlos = config.getOptionalString(`${key}.withoutSlos`);
  if (withoutSlos !== undefined && withoutSlos !== 'allow' && withoutSlos !== 'deny') {
    throw new InputError(`${key}.withoutSlos must be 'allow' or 'deny', got '${withoutSlos}'`);
  }
  const d = DEFAULT_RELEASE_GATE_POLICY;
  const policy = withPolicy({
    minBudgetRemaining: config.getOptionalNumber(`${key}.minBudgetRemaining`),
    cautionBudgetRemaining: config.getOptionalNumber(`${key}.cautionBudgetRemaining`),
    maxStatusAgeSeconds: config.getOptionalNumber(`${key}.maxStatusAgeSeconds`),
    withoutSlos: withoutSlos ?? d.withoutSlos,
    denyOnTicket: config.getOptionalBoolean(`${key}.denyOnTicket`),
  });
  try {
    // The same check decideRelease makes, made once at start so a bad value cannot wait for a release.
    decideWithPolicy([], policy);
  } catch (e) {
    throw new InputError(`${key}: ${(e as Error).message}`);
  }
  return policy;
}

type PolicyOverrides = { [K in keyof ReleaseGatePolicy]?: ReleaseGatePolicy[K] | undefined };

/**
 * Core's default with the given values over it. A minimum above the caution level lifts the
 * caution level to it, so asking for a stricter minimum alone is never an invalid policy.
 */
export function withPolicy(
  over: PolicyOverrides,
  base = DEFAULT_RELEASE_GATE_POLICY,
): ReleaseGatePolicy {
  const defined = Object.fromEntries(
    Object.entries(over).filter(([, v]) => v !== undefined),
  ) as Partial<ReleaseGatePolicy>;
  const policy = { ...base, ...defined };
  if (defined.cautionBudgetRemaining === undefined) {
    policy.cautionBudgetRemaining = Math.max(
      policy.cautionBudgetRemaining,
      policy.minBudgetRemaining,
    );
  }
  return policy;
}

/**
 * The entity's release gate: the error-budget policy of `@headroom/core` (the one `headroom gate`
 * applies in CI) over the stored statuses. Deny when an SLO is not evaluated, stale, without
 * traffic, at or below the minimum budget, or paging; without SLOs, as the policy's
 * `withoutSlos` says (deny by default), with a reason naming the policy.
 */
export function decideRelease(
  entityRef: string,
  slos: SloFacts[],
  policy: PolicyOverrides,
): ReleaseGateResult {
  const decision = decideWithPolicy(slos.map(gateStatus), withPolicy(policy), entityRef);
  return {
    decision: decision.decision,
    entityRef,
    rhythm: decision.rhythm,
    reasons: decision.reasons,
    blockers: decision.blockers,
    policy: decision.policy,
    slos: slos.map(summaryItem),
  };
}

const BUDGET_BLOCKERS: ReadonlySet<GateBlocker> = new Set(['budget', 'page', 'ticket']);

/**
 * The HTTP status a machine acts on (Flagger halts on anything but 2xx; a pipeline step fails):
 * 200 allow; 409 deny because the error budget or a burn-rate alert says no (the release
 * conflicts with the service's state: wait or fix); 412 deny because the gate cannot vouch for
 * the release (no SLOs, never evaluated, stale, no traffic: a precondition is missing).
 */
export function releaseGateHttpStatus(
  result: Pick<ReleaseGateResult, 'decision' | 'blockers'>,
): 200 | 409 | 412 {
  if (result.decision === 'allow') return 200;
  return result.blockers.some(b => BUDGET_BLOCKERS.has(b)) ? 409 : 412;
}

/** Edit distance, for suggesting the entity a misspelled ref meant. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The catalog entity the gate is asked about; a ref the catalog does not know is refused (404)
 * naming the closest names of the same kind and namespace, so a typo never passes as
 * "an entity without SLOs".
 */
export async function requireGateEntity(
  catalog: CatalogService,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<Entity> {
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (entity) return entity;
  const ref = parseEntityRef(entityRef);
  const { items } = await catalog.getEntities(
    { filter: { kind: ref.kind, 'metadata.namespace': ref.namespace }, fields: ['metadata.name'] },
    { credentials },
  );
  const name = ref.name.toLowerCase();
  const close = items
    .map(e => e.metadata.name)
    .map(n => ({ n, d: distance(name, n.toLowerCase()) }))
    .filter(({ d }) => d <= Math.max(2, Math.floor(name.length / 4)))
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n))
    .slice(0, 3)
    .map(({ n }) => `${ref.kind.toLocaleLowerCase('en-US')}:${ref.namespace}/${n}`);
  throw new NotFoundError(
    `No entity ${entityRef} in the catalog: the release gate only judges catalog entities${
      close.length ? `; did you mean ${close.join(' or ')}?` : ''
    }`,
  );
}
