import { InfoCard, Link, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import { isHeadroomSloFileAvailable, type SloWithStatus } from '@headroom/plugin-headroom-common';
import React from 'react';
import { formatTime } from '../../lib/format';
import { LoadError, NoSlosState } from '../states';
import { useEntitySlos } from '../useEntitySlos';
import { SloSummary } from './SloSummary';
import { CARD_BURNDOWN_POINTS, useSloBurndown } from './useSloBurndown';

/** Path of the entity's SLO tab, relative to the entity page. */
export const SLO_TAB_PATH = 'slos';

/** One SLO of the card, with its own burndown read: a failed one leaves the others drawn. */
function SloCardEntry(props: {
  entityRef: string;
  slo: SloWithStatus;
  titleLink: React.ReactNode;
}) {
  const { entityRef, slo, titleLink } = props;
  const burndown = useSloBurndown(entityRef, slo.name, CARD_BURNDOWN_POINTS);
  return <SloSummary slo={slo} burndown={burndown} titleLink={titleLink} />;
}

/**
 * The SLO card of an entity page: every SLO with objective, SLI, budget remaining and its
 * burndown over the whole window, burn rates, alert state, time to exhaustion and the age of the data.
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
          <SloCardEntry
            key={slo.name}
            entityRef={stringifyEntityRef(entity)}
            slo={slo}
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
