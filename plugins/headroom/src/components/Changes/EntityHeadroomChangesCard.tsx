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
import { headroomApiRef, type ChangeList } from '../../api';
import { formatTime } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';
import { LoadFailure } from '../Cost/LoadFailure';
import { failureRateText, outcomeText, riskText, verdictText } from './changeText';

/** Changes shown on the card, newest first; the rest are in the API. */
const SHOWN = 8;

function ChangeTable(props: { data: ChangeList }) {
  const changes = [...props.data.items].reverse().slice(0, SHOWN);
  return (
    <>
      <Typography variant="body1" data-testid="changes-failure-rate">
        {failureRateText(props.data.failureRate)} since {formatTime(props.data.from)}
      </Typography>
      <Table size="small" aria-label="Latest changes">
        <TableHead>
          <TableRow>
            <TableCell>Change</TableCell>
            <TableCell>Risk</TableCell>
            <TableCell>Canary verdict</TableCell>
            <TableCell>Outcome</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {changes.map(c => (
            <TableRow key={c.id} data-testid={`change-${c.id}`}>
              <TableCell>
                {c.version || '(no version)'} ({c.kind})
                <br />
                <Typography variant="caption" color="textSecondary">
                  {formatTime(c.startedAt)}
                </Typography>
              </TableCell>
              <TableCell
                title={c.assessment?.factors.map(f => `${f.name}: ${f.explanation}`).join('\n')}
              >
                {riskText(c)}
              </TableCell>
              <TableCell title={c.verdicts[c.verdicts.length - 1]?.verdict.reason ?? undefined}>
                {verdictText(c)}
              </TableCell>
              <TableCell title={c.rollbacks[0]?.reason}>{outcomeText(c)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/**
 * The change log card of an entity page: its changes of the last 90 days with the risk the
 * backend assessed before each shipped, the latest canary verdict, and the outcome (rolled back,
 * the incident it caused), with the change failure rate — every number as the backend gave it.
 */
export function EntityHeadroomChangesCard() {
  const { entity } = useEntity();
  const api = useApi(headroomApiRef);
  const entityRef = stringifyEntityRef(entity);
  const name = entity.metadata.title ?? entity.metadata.name;
  const data = usePolled(() => api.getChanges({ entityRef }), [api, entityRef], 60_000);

  let content: React.ReactNode;
  if (data.loading && data.value === undefined && !data.error) {
    content = <Progress aria-label="Loading the changes" />;
  } else if (data.value === undefined) {
    content = (
      <LoadFailure what={`the changes of ${name}`} error={data.error!} onRetry={data.retry} />
    );
  } else if (data.value.items.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title={`No changes of ${name} in the last 90 days`}
        description="Record each change as it goes live (POST /api/headroom/changes, or POST /api/headroom/deploys from CI): Headroom assesses its risk, judges its canary and rolls it back on a failed verdict or a page burn."
      />
    );
  } else {
    content = (
      <>
        {data.error && (
          <LoadFailure
            what={`the changes of ${name}`}
            error={data.error}
            loadedAt={data.loadedAt}
            onRetry={data.retry}
          />
        )}
        <ChangeTable data={data.value} />
      </>
    );
  }
  return (
    <InfoCard title="Changes" subheader="Risk, canary verdicts and rollbacks">
      {content}
    </InfoCard>
  );
}
