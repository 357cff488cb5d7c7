import { type Entity, RELATION_OWNED_BY, stringifyEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { getEntityRelations } from '@backstage/plugin-catalog-react';
import { useEffect, useState } from 'react';

/** The entity refs that own the entity, lower-cased. */
export function ownerRefsOf(entity: Entity): string[] {
  return getEntityRelations(entity, RELATION_OWNED_BY).map(r =>
    stringifyEntityRef(r).toLocaleLowerCase('en-US'),
  );
}

export interface EditRight {
  loading: boolean;
  canEdit: boolean;
  /** Who may edit, for the read-only notice. */
  owners: string[];
}

/**
 * Whether the signed-in user owns the entity (directly or through a group), which is what the
 * backend's default policy requires for edits. Only a hint for the UI: the backend decides, and
 * a refused save is shown as such.
 */
export function useCanEditSlos(entity: Entity): EditRight {
  const identityApi = useApi(identityApiRef);
  const owners = ownerRefsOf(entity);
  const key = owners.join(',');
  const [state, setState] = useState<{ loading: boolean; canEdit: boolean }>({
    loading: true,
    canEdit: false,
  });
  useEffect(() => {
    let cancelled = false;
    identityApi.getBackstageIdentity().then(
      identity => {
        if (cancelled) return;
        const mine = new Set(identity.ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US')));
        setState({ loading: false, canEdit: owners.some(o => mine.has(o)) });
      },
      () => {
        if (!cancelled) setState({ loading: false, canEdit: false });
      },
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [identityApi, key]);
  return { ...state, owners };
}
