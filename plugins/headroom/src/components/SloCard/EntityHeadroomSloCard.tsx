import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import { isHeadroomSloFileAvailable } from '@headroom/plugin-headroom-common';
import React from 'react';
import { formatTime } from '../../lib/format';
import { LoadError, NoSlosState } from '../states';
import { useEntitySlos } from '../useEntitySlos';
import { SloSummary } from './SloSummary';

/** Path of the entity's SLO tab, relative to the entity page. */
export const SLO_TAB_PATH = 'slos';

/**
 * The SLO card of an entity page: every SLO with objective, SLI, budget remaining and its
 * sparkline, burn rates, alert state, time to exhaustion and the age of the data.
 */
export function EntityHeadroomSloCard() {
  const { entity } = useEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, error, loading, loadedAt, failingSince, retry } = useEntitySlos(entity);
  const tabPath = `${entityRoute({
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  })}/${SLO_TAB_PATH}`;

  let content: React.ReactNode;
  if (loading && !value && !error) {
    content = <Progress aria-label="Loading SLOs" />;
  } else if (!value) {
    content = <LoadError error={error!} failingSince={failingSince} onRetry={retry} />;
  } else if (value.slos.length === 0) {
    content = (
      <NoSlosState
        entityName={entity.metadata.title ?? entity.metadata.name}
        hasAnnotation={isHeadroomSloFileAvailable(entity)}
      />
    );
  } else {
    content = (
      <>
        {error && (
          <LoadError
            error={error}
            failingSince={failingSince}
            loadedAt={loadedAt}
            onRetry={retry}
          />
        )}
        {value.slos.map(slo => (
          <SloSummary
            key={slo.name}
            slo={slo}
            snapshots={value.snapshots[slo.name]}
            titleLink={
              <Link to={`${tabPath}?slo=${encodeURIComponent(slo.name)}`}>
                {slo.displayName ?? slo.name}
              </Link>
            }
          />
        ))}
      </>
    );
  }
  return (
    <InfoCard
      title="Service level objectives"
      subheader={loadedAt ? `Loaded ${formatTime(loadedAt.toISOString())}` : undefined}
      deepLink={{ title: 'SLO details and editor', link: tabPath }}
    >
      {content}
    </InfoCard>
  );
}
