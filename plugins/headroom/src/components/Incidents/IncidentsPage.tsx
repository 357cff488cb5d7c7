import { Content, ContentHeader, Header, Page, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import React, { useState } from 'react';
import { headroomApiRef, type Incident } from '../../api';
import { formatTime } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';
import { LoadFailure } from '../Cost/LoadFailure';
import { OutlinedSelect } from '../OutlinedSelect';
import { MttxTable } from './MttxTable';
import { PostmortemButton } from './PostmortemDialog';
import { durationText } from './incidentText';

const useStyles = makeStyles(theme => ({
  paper: { padding: theme.spacing(2), marginBottom: theme.spacing(3) },
}));

function IncidentTable(props: { items: Incident[] }) {
  const rows = [...props.items].reverse();
  return (
    <Table size="small" aria-label="Incidents">
      <TableHead>
        <TableRow>
          <TableCell>Service</TableCell>
          <TableCell>Severity</TableCell>
          <TableCell>Detected</TableCell>
          <TableCell align="right">TTD</TableCell>
          <TableCell align="right">TTA</TableCell>
          <TableCell align="right">TTR</TableCell>
          <TableCell>Status</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(i => (
          <TableRow key={i.id} data-testid={`incident-row-${i.id}`}>
            <TableCell>
              <EntityRefLink entityRef={i.entityRef} />
            </TableCell>
            <TableCell>{i.severity}</TableCell>
            <TableCell>{formatTime(i.detectedAt)}</TableCell>
            <TableCell align="right">{durationText(i.ttdSeconds)}</TableCell>
            <TableCell align="right">{durationText(i.ttaSeconds)}</TableCell>
            <TableCell align="right">{durationText(i.ttrSeconds)}</TableCell>
            <TableCell>{i.status}</TableCell>
            <TableCell>
              <PostmortemButton incident={i} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * Incidents per line of business: attainment of the targets and MTTx for every line of
 * business, then, for the chosen one, MTTx per severity and its incidents with postmortem
 * drafts. Every number is the backend's (core's mttxBy).
 */
export function IncidentsPage() {
  const classes = useStyles();
  const api = useApi(headroomApiRef);
  const byLob = usePolled(() => api.getIncidentMttx({ by: 'lineOfBusiness' }), [api], 120_000);
  const [lob, setLob] = useState('');
  const scope = lob ? { lineOfBusiness: lob } : {};
  const bySeverity = usePolled(
    () => api.getIncidentMttx({ ...scope, by: 'severity' }),
    [api, lob],
    120_000,
  );
  const incidents = usePolled(() => api.listIncidents(scope), [api, lob], 60_000);
  const lobs = Object.keys(byLob.value?.groups ?? {}).sort();
  return (
    <Page themeId="tool">
      <Header
        title="Incidents"
        subtitle="MTTD and MTTR per line of business, against the targets"
      />
      <Content>
        <ContentHeader title="Incidents" />
        {byLob.error && (
          <LoadFailure what="the incident measures" error={byLob.error} onRetry={byLob.retry} />
        )}
        {byLob.loading && !byLob.value && !byLob.error && (
          <Progress aria-label="Loading the incident measures" />
        )}
        {byLob.value && (
          <Paper className={classes.paper} component="section" aria-label="Lines of business">
            <Typography variant="h6" component="h2">
              Every line of business, {formatTime(byLob.value.from)} to {formatTime(byLob.value.to)}
            </Typography>
            <MttxTable
              report={byLob.value}
              label="MTTx per line of business"
              groupTitle="Line of business"
            />
          </Paper>
        )}
        <OutlinedSelect
          id="headroom-incidents-lob"
          label="Line of business"
          value={lob}
          onChange={setLob}
          options={lobs.map(l => ({ value: l, label: l }))}
          allLabel="All"
          minWidth={220}
          style={{ marginBottom: 16 }}
        />
        {bySeverity.value && (
          <Paper className={classes.paper} component="section" aria-label="Per severity">
            <Typography variant="h6" component="h2">
              {lob || 'All lines of business'}: per severity
            </Typography>
            <MttxTable report={bySeverity.value} label="MTTx per severity" groupTitle="Severity" />
          </Paper>
        )}
        {incidents.error && (
          <LoadFailure what="the incidents" error={incidents.error} onRetry={incidents.retry} />
        )}
        {incidents.value && (
          <Paper className={classes.paper} component="section" aria-label="Incident list">
            <Typography variant="h6" component="h2">
              {incidents.value.items.length} incidents
            </Typography>
            <IncidentTable items={incidents.value.items} />
          </Paper>
        )}
      </Content>
    </Page>
  );
}
