import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CodeSnippet, EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import React from 'react';
import { headroomApiRef } from '../../api';
import { formatTime } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';
import { LoadFailure } from '../Cost/LoadFailure';
import { AssessmentSummary } from './AssessmentSummary';
import { latestPerUnit } from './latestPerUnit';

const RESOURCE = { cores: 'CPU', GiB: 'Memory' } as const;

/** How to record a first assessment: the scaffolder step, or the API with the fewest fields. */
export function assessmentExample(entity: Entity): string {
  const ref = stringifyEntityRef(entity);
  const [kind, rest] = ref.split(':') as [string, string];
  const [namespace, name] = rest.split('/') as [string, string];
  return `curl -X POST "$BACKSTAGE/api/headroom/capacity/entities/${kind}/${namespace}/${name}/assessments" \\
  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\
  -d '{"inputs": {"expectedPeak": 200, "growthPerMonth": 0.1,
       "usage": {"unit": "cores", "baseline": 0.5, "perUnit": 0.01},
       "requestPerReplica": 1}}'`;
}

function NoAssessment(props: { entity: Entity }) {
  const name = props.entity.metadata.title ?? props.entity.metadata.name;
  return (
    <EmptyState
      missing="data"
      title={`${name} has no capacity assessment`}
      description="An assessment states the expected peak of the business driver, its growth and the CPU or memory one unit of it needs; Headroom turns it into the capacity to request. New services get one from the new-service template (step headroom:capacity:assess); for this service, the owners can record one through the API:"
      action={
        <CodeSnippet language="bash" text={assessmentExample(props.entity)} showCopyCodeButton />
      }
    />
  );
}

/**
 * The capacity card of an entity page: the latest assessment of CPU and of memory, each with its
 * recommendation against current requests, the forecast peak of the driver, the model's quality,
 * staleness and approval.
 */
export function EntityHeadroomCapacityCard() {
  const { entity } = useEntity();
  const api = useApi(headroomApiRef);
  const entityRef = stringifyEntityRef(entity);
  const name = entity.metadata.title ?? entity.metadata.name;
  const data = usePolled(
    async () => latestPerUnit(await api.listCapacityAssessments(entityRef)),
    [api, entityRef],
    300_000,
  );

  let content: React.ReactNode;
  if (data.loading && data.value === undefined && !data.error) {
    content = <Progress aria-label="Loading the capacity assessment" />;
  } else if (data.value === undefined) {
    content = (
      <LoadFailure
        what={`the capacity assessment of ${name}`}
        error={data.error!}
        onRetry={data.retry}
      />
    );
  } else if (data.value.length === 0) {
    content = <NoAssessment entity={entity} />;
  } else {
    content = (
      <>
        {data.error && (
          <LoadFailure
            what={`the capacity assessment of ${name}`}
            error={data.error}
            loadedAt={data.loadedAt}
            onRetry={data.retry}
          />
        )}
        {data.value.map(a => (
          <section key={a.recommendation.unit} aria-label={RESOURCE[a.recommendation.unit]}>
            {data.value!.length > 1 && (
              <Typography variant="subtitle1" component="h3">
                {RESOURCE[a.recommendation.unit]}
              </Typography>
            )}
            <AssessmentSummary assessment={a} />
          </section>
        ))}
      </>
    );
  }
  return (
    <InfoCard
      title="Capacity"
      subheader={
        data.value && data.value.length > 0
          ? `${data.value.map((a, i) => (i === 0 ? RESOURCE[a.recommendation.unit] : RESOURCE[a.recommendation.unit].toLowerCase())).join(' and ')} for ${data.value[0]!.inputs.driver}`
          : data.loadedAt
            ? `Loaded ${formatTime(data.loadedAt.toISOString())}`
            : undefined
      }
    >
      {content}
    </InfoCard>
  );
}
