import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import React, { useState } from 'react';
import { headroomApiRef, type Incident, type MttxReport, type RunbookRun } from '../../api';
import { formatTime } from '../../lib/format';
import { useCanEditSlos } from '../../lib/useCanEditSlos';
import { usePolled } from '../../lib/usePolled';
import { describeLoadFailure, LoadFailure } from '../Cost/LoadFailure';
import { ApproveButtons } from '../Runbooks/ApproveButtons';
import { RunbookRunDetails } from '../Runbooks/RunbookRunDetails';
import { IncidentTimeline } from './IncidentTimeline';
import { MttxTable } from './MttxTable';
import { PostmortemButton } from './PostmortemDialog';
import { durationText } from './incidentText';

/** Resolved incidents listed under the open ones, newest first. */
const RECENT = 3;

function AckButton(props: { incident: Incident; onAcknowledged: () => void }) {
  const api = useApi(headroomApiRef);
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const ack = () => {
    setState({ busy: true });
    api.acknowledgeIncident(props.incident.id).then(
      () => {
        setState({ busy: false });
        props.onAcknowledged();
      },
      (error: Error) =>
        setState({
          busy: false,
          error: describeLoadFailure(`an acknowledgement of ${props.incident.id}`, error).title,
        }),
    );
  };
  return (
    <>
      <Button size="small" variant="outlined" color="primary" disabled={state.busy} onClick={ack}>
        Acknowledge
      </Button>
      {state.error && (
        <Typography variant="body2" color="error" role="alert">
          {state.error}
        </Typography>
      )}
    </>
  );
}

function IncidentBlock(props: {
  incident: Incident;
  report: MttxReport | undefined;
  /** Owners may acknowledge the incident and approve a risky action a runbook run waits on. */
  canAck: boolean;
  /** The runbook runs that answered this incident, oldest first. */
  runs: RunbookRun[];
  onChange: () => void;
}) {
  const { incident: i, report, canAck, runs, onChange } = props;
  return (
    <Box
      component="section"
      mb={2}
      aria-label={`Incident ${i.id}`}
      data-testid={`incident-${i.id}`}
    >
      <Typography variant="subtitle1" component="h3">
        {i.severity} {i.status}: {i.alertName}
        {i.slo ? ` (SLO ${i.slo})` : ''}
      </Typography>
      {i.summary && <Typography variant="body2">{i.summary}</Typography>}
      <IncidentTimeline incident={i} target={report?.targets[i.severity]} />
      {runs.length > 0 && (
        <section aria-label={`Runbook runs of incident ${i.id}`}>
          <Typography variant="subtitle2" component="h4">
            Runbook diagnosis and actions
          </Typography>
          {runs.map(run => (
            <div key={run.id}>
              <RunbookRunDetails run={run} />
              {canAck && <ApproveButtons run={run} onApproved={onChange} />}
            </div>
          ))}
        </section>
      )}
      <Box mt={1} display="flex" style={{ gap: 8 }}>
        {canAck && i.acknowledgedAt === null && (
          <AckButton incident={i} onAcknowledged={onChange} />
        )}
        <PostmortemButton incident={i} />
      </Box>
    </Box>
  );
}

/**
 * The incidents card of an entity page: its open incidents with their timelines and the runbook
 * runs that answered them (owners can acknowledge an incident and approve a risky action a run
 * waits on), the latest resolved ones, and the last 90 days' MTTD, MTTA and MTTR per
 * severity against the targets — every number as the backend computed it.
 */
export function EntityHeadroomIncidentsCard() {
  const { entity } = useEntity();
  const api = useApi(headroomApiRef);
  const entityRef = stringifyEntityRef(entity);
  const name = entity.metadata.title ?? entity.metadata.name;
  const right = useCanEditSlos(entity);
  const incidents = usePolled(() => api.listIncidents({ entityRef }), [api, entityRef], 30_000);
  const mttx = usePolled(
    () => api.getIncidentMttx({ entityRef, by: 'severity' }),
    [api, entityRef],
    120_000,
  );
  const runbookRuns = usePolled(() => api.listRunbookRuns({ entityRef }), [api, entityRef], 30_000);
  const runsOf = (id: string) =>
    (runbookRuns.value?.items ?? []).filter(run => run.incidentId === id);
  const refresh = () => {
    incidents.retry();
    mttx.retry();
    runbookRuns.retry();
  };

  let content: React.ReactNode;
  if (incidents.loading && incidents.value === undefined && !incidents.error) {
    content = <Progress aria-label="Loading the incidents" />;
  } else if (incidents.value === undefined) {
    content = (
      <LoadFailure
        what={`the incidents of ${name}`}
        error={incidents.error!}
        onRetry={incidents.retry}
      />
    );
  } else {
    const items = incidents.value.items;
    const open = items.filter(i => i.status === 'open').reverse();
    const recent = items
      .filter(i => i.status === 'resolved')
      .reverse()
      .slice(0, RECENT);
    content = (
      <>
        {incidents.error && (
          <LoadFailure
            what={`the incidents of ${name}`}
            error={incidents.error}
            loadedAt={incidents.loadedAt}
            onRetry={incidents.retry}
          />
        )}
        <Typography variant="body1" data-testid="incidents-headline">
          {open.length === 0
            ? `No open incident. ${items.length} since ${formatTime(incidents.value.from)}.`
            : `${open.length} open incident${open.length === 1 ? '' : 's'}, ${items.length} since ${formatTime(incidents.value.from)}.`}
        </Typography>
        {open.map(i => (
          <IncidentBlock
            key={i.id}
            incident={i}
            report={mttx.value}
            canAck={right.canEdit}
            runs={runsOf(i.id)}
            onChange={refresh}
          />
        ))}
        {recent.length > 0 && (
          <Typography variant="subtitle2" component="h3">
            Latest resolved
          </Typography>
        )}
        {recent.map(i => (
          <Typography key={i.id} variant="body2" data-testid={`resolved-${i.id}`}>
            {i.severity} {i.alertName} on {formatTime(i.detectedAt)}: detected in{' '}
            {durationText(i.ttdSeconds)}, recovered in {durationText(i.ttrSeconds)}
            {runsOf(i.id)
              .filter(run => run.record.result === 'recovered')
              .map(run => ` by runbook ${run.record.runbook}`)
              .join('')}{' '}
            <PostmortemButton incident={i} />
          </Typography>
        ))}
        {runbookRuns.error && (
          <LoadFailure
            what={`the runbook runs of ${name}`}
            error={runbookRuns.error}
            onRetry={runbookRuns.retry}
          />
        )}
        {mttx.error && (
          <LoadFailure what={`the MTTx of ${name}`} error={mttx.error} onRetry={mttx.retry} />
        )}
        {mttx.value && Object.keys(mttx.value.groups).length > 0 && (
          <MttxTable
            report={mttx.value}
            label="MTTx per severity over the last 90 days"
            groupTitle="Severity"
          />
        )}
      </>
    );
  }
  return (
    <InfoCard
      title="Incidents"
      subheader="From Alertmanager's pages and tickets; MTTx over the last 90 days against the targets"
    >
      {content}
    </InfoCard>
  );
}
