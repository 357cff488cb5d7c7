import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { decideRollback, type ReleaseGatePolicy } from '@headroom/core';
import {
  headroomSloReadPermission,
  type ReleaseGateResult,
} from '@headroom/plugin-headroom-common';
import type { SloStore } from '../database/types';
import { decideRelease, gateStatuses, requireGateEntity, withPolicy } from '../lib/releaseGate';
import type { SloFacts } from '../lib/summary';
import type { Access } from '../service/access';

export interface RollbackResult {
  rollback: boolean;
  entityRef: string;
  reasons: string[];
}

/** A catalog ref from a request field, made full; a malformed one is a 400 naming the field. */
export function entityRefOf(text: unknown, field: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(String(text)));
  } catch (e) {
    throw new InputError(`${field}: ${(e as Error).message}`);
  }
}

/**
 * The gate's and the rollback's questions for progressive-delivery controllers, over the same
 * stored statuses and core policy as `POST /release-gate`: the entity must be in the catalog
 * (404 otherwise) and readable by the caller.
 */
export class DeliveryService {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      store: SloStore;
      access: Access;
      policy: ReleaseGatePolicy;
    },
  ) {}

  private async facts(credentials: BackstageCredentials, entityRef: string): Promise<SloFacts[]> {
    await requireGateEntity(this.deps.catalog, entityRef, credentials);
    const rows = await this.deps.store.listFactsByEntity(entityRef, new Date());
    await this.deps.access.require(credentials, headroomSloReadPermission, {
      entityRef,
      ownerRef: rows[0]?.ownerRef ?? null,
    });
    return rows;
  }

  async gate(credentials: BackstageCredentials, entityRef: string): Promise<ReleaseGateResult> {
    return decideRelease(
      entityRef,
      await this.facts(credentials, entityRef),
      withPolicy({}, this.deps.policy),
    );
  }

  async rollback(credentials: BackstageCredentials, entityRef: string): Promise<RollbackResult> {
    const facts = await this.facts(credentials, entityRef);
    return { entityRef, ...decideRollback(gateStatuses(facts), entityRef) };
  }
}
