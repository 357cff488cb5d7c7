import { stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import React from 'react';
import { headroomApiRef, type EntityDrills } from '../../api';
import { formatTime } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';
import { LoadFailure } from '../Cost/LoadFailure';
import { budgetText, scoreText, timing, verdictText } from './runText';

/** Runs shown on the card, newest first; the rest are in the API. */
const SHOWN = 5;

function DrillsSummary(props: { data: EntityDrills }) {
  const { data } = props;
  const runs = [...data.runs].reverse().slice(0, SHOWN);
  return (
    <>
      {data.problems.length > 0 && (
        <section aria-label="Problems of the drills file">
          <Typography variant="subtitle2" component="h3" color="error">
            The drills file has problems; its drills are not scheduled
          </Typography>
          <ul>
            {data.problems.map(p => (
              <li key={p}>
                <Typography variant="body2">{p}</Typography>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Typography variant="body1" data-testid="drills-score">
        Resilience score {scoreText(data.resilience?.score)} over {data.runs.length} run
        {data.runs.length === 1 ? '' : 's'} since {formatTime(data.from)}
      </Typography>
      {data.drills.map(d => (
        <Typography key={d.name} variant="body2" data-testid={`drill-${d.name}`}>
          <strong>{d.name}</strong>: {d.hypothesis}
          {d.schedule?.cron ? ` Scheduled ${d.schedule.cron} (UTC).` : ''}
          {d.held ? ` Held ${formatTime(d.held.at)}: ${d.held.reason}.` : ''}
        </Typography>
      ))}
      {runs.length > 0 && (
        <Table size="small" aria-label="Latest drill runs">
          <TableHead>
            <TableRow>
              <TableCell>Run</TableCell>
              <TableCell>Verdict</TableCell>
              <TableCell align="right">Detected</TableCell>
              <TableCell align="right">Recovered</TableCell>
              <TableCell align="right">Budget spent</TableCell>
              <TableCell align="right">Score</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {runs.map(run => {
              const r = run.record;
              return (
                <TableRow key={run.id} data-testid={`drill-run-${run.id}`}>
                  <TableCell>
                    {r.drill}
                    <br />
                    <Typography variant="caption" color="textSecondary">
                      {formatTime(r.startedAt)} ({run.source})
                    </Typography>
                  </TableCell>
                  <TableCell title={r.summary}>
                    {verdictText(run)}
                    {run.incidents.map(i => (
                      <Typography key={i.id} variant="caption" component="div">
                        {i.severity} incident {i.id}
                      </Typography>
                    ))}
                  </TableCell>
                  <TableCell align="right">
                    {timing(r.detection.ttdSeconds, r.detection.withinTarget)}
                  </TableCell>
                  <TableCell align="right">
                    {timing(r.recovery.ttrSeconds, r.recovery.withinTarget)}
                  </TableCell>
                  <TableCell align="right">{budgetText(r.budgetSpent)}</TableCell>
                  <TableCell align="right">{r.resilienceScore.toFixed(1)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </>
  );
}

/**
 * The drills card of an entity page: the entity's drills from its `headroom.dev/drills` file,
 * its Litmus resilience score over the period, and its latest runs with verdict, time to detect
 * and recover, and budget spent — every number as the backend computed it.
 */
export function EntityHeadroomDrillsCard() {
  const { entity } = useEntity();
  const api = useApi(headroomApiRef);
  const entityRef = stringifyEntityRef(entity);
  const name = entity.metadata.title ?? entity.metadata.name;
  const data = usePolled(() => api.getEntityDrills(entityRef), [api, entityRef], 120_000);

  let content: React.ReactNode;
  if (data.loading && data.value === undefined && !data.error) {
    content = <Progress aria-label="Loading the drills" />;
  } else if (data.value === undefined) {
    content = (
      <LoadFailure what={`the drills of ${name}`} error={data.error!} onRetry={data.retry} />
    );
  } else if (
    data.value.drills.length === 0 &&
    data.value.runs.length === 0 &&
    !data.value.problems.length
  ) {
    content = (
      <EmptyState
        missing="data"
        title={`${name} has no drills`}
        description="A drill puts a fault in on purpose, with the SLO as the steady state, and checks that the alert comes and the service recovers in time. Declare drills in a YAML file beside catalog-info.yaml and point the headroom.dev/drills annotation at it; run one with headroom drill run --record."
      />
    );
  } else {
    content = (
      <>
        {data.error && (
          <LoadFailure
            what={`the drills of ${name}`}
            error={data.error}
            loadedAt={data.loadedAt}
            onRetry={data.retry}
          />
        )}
        <DrillsSummary data={data.value} />
      </>
    );
  }
  return (
    <InfoCard title="Chaos drills" subheader="Faults on purpose, judged against the SLO">
      {content}
    </InfoCard>
  );
}
