import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import React from 'react';
import { OptimisationSection } from './OptimisationSection';

/**
 * The optimisation card of an entity page: open right-sizing recommendations with their
 * potential savings, realised savings, and recent cost anomalies.
 */
export function EntityHeadroomOptimisationCard() {
  const { entity } = useEntity();
  return (
    <InfoCard title="Optimisation" subheader="Right-sizing savings and cost anomalies">
      <OptimisationSection
        scope={{
          entityRef: stringifyEntityRef(entity),
          name: entity.metadata.title ?? entity.metadata.name,
        }}
      />
    </InfoCard>
  );
}
