import { stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import React from 'react';
import { headroomApiRef, type EntityRunbooks } from '../../api';
import { formatTime } from '../../lib/format';
import { useCanEditSlos } from '../../lib/useCanEditSlos';
import { usePolled } from '../../lib/usePolled';
import { LoadFailure } from '../Cost/LoadFailure';
import { durationText } from '../Incidents/incidentText';
import { ApproveButtons } from './ApproveButtons';
import { RunbookRunDetails } from './RunbookRunDetails';
import { shareText } from './runbookText';

/** Runs shown on the card, newest first; the rest are in the API. */
const SHOWN = 3;

function RunbooksSummary(props: {
  data: EntityRunbooks;
  canApprove: boolean;
  onChange: () => void;
}) {
  const { data, canApprove, onChange } = props;
  const s = data.summary;
  const runs = [...data.runs].reverse().slice(0, SHOWN);
  return (
    <>
      {data.definitions.problems.length > 0 && (
        <section aria-label="Problems of the runbooks file">
          <Typography variant="subtitle2" component="h3" color="error">
            The runbooks file has problems; its runbooks do not run
          </Typography>
          <ul>
            {data.definitions.problems.map(p => (
              <li key={p}>
                <Typography variant="body2">{p}</Typography>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Typography variant="body1" data-testid="runbooks-coverage">
        {data.coverage.covered} of {data.coverage.alerts.length} SLO alerts have a runbook (
        {shareText(data.coverage.share)})
      </Typography>
      <ul aria-label="Alert coverage" style={{ margin: 0 }}>
        {data.coverage.alerts.map((a, i) => (
          <li key={`${a.alertname}-${i}`} data-testid={`coverage-${i}`}>
            <Typography variant="body2" component="span">
              {a.alertname} ({a.service}):{' '}
              {a.runbooks.length > 0 ? a.runbooks.join(', ') : 'no runbook'}
            </Typography>
          </li>
        ))}
      </ul>
      <Typography variant="body1" data-testid="runbooks-summary">
        {s.runs} run{s.runs === 1 ? '' : 's'} since {formatTime(data.from)}: {s.recovered} recovered
        of {s.live} that acted (success rate {shareText(s.successRate)}), {s.escalated} escalated,{' '}
        {s.dryRuns} dry, {s.heldBack} held back. Median time to recover{' '}
        {durationText(s.medianTtrSeconds)}, to detect {durationText(s.medianTtdSeconds)}.
      </Typography>
      {runs.map(run => (
        <div key={run.id} style={{ marginTop: 8 }}>
          <RunbookRunDetails run={run} />
          {canApprove && <ApproveButtons run={run} onApproved={onChange} />}
        </div>
      ))}
    </>
  );
}

/**
 * The runbooks card of an entity page: which of its SLO alerts a runbook of its
 * `headroom.dev/runbooks` file answers, its latest runs with their findings and actions, and the
 * success rate and recovery times of the period — every number as the backend computed it.
 * Owners can approve a risky action a run waits on.
 */
export function EntityHeadroomRunbooksCard() {
  const { entity } = useEntity();
  const api = useApi(headroomApiRef);
  const entityRef = stringifyEntityRef(entity);
  const name = entity.metadata.title ?? entity.metadata.name;
  const right = useCanEditSlos(entity);
  const data = usePolled(() => api.getEntityRunbooks(entityRef), [api, entityRef], 60_000);

  let content: React.ReactNode;
  if (data.loading && data.value === undefined && !data.error) {
    content = <Progress aria-label="Loading the runbooks" />;
  } else if (data.value === undefined) {
    content = (
      <LoadFailure what={`the runbooks of ${name}`} error={data.error!} onRetry={data.retry} />
    );
  } else if (
    data.value.definitions.runbooks.length === 0 &&
    data.value.runs.length === 0 &&
    data.value.definitions.problems.length === 0
  ) {
    content = (
      <EmptyState
        missing="data"
        title={`${name} has no runbooks`}
        description="A runbook answers an alert on its own: it diagnoses (queries, recent changes, dependencies, saturation), then acts (roll back, scale, restart, shed traffic) within guardrails and checks the SLI came back. Declare runbooks in a YAML file beside catalog-info.yaml and point the headroom.dev/runbooks annotation at it."
      />
    );
  } else {
    content = (
      <>
        {data.error && (
          <LoadFailure
            what={`the runbooks of ${name}`}
            error={data.error}
            loadedAt={data.loadedAt}
            onRetry={data.retry}
          />
        )}
        <RunbooksSummary data={data.value} canApprove={right.canEdit} onChange={data.retry} />
      </>
    );
  }
  return (
    <InfoCard title="Runbooks" subheader="Detect, diagnose and recover, within guardrails">
      {content}
    </InfoCard>
  );
}
