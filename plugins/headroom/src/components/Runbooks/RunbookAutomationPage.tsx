import { Content, ContentHeader, Header, Page, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import React, { useState } from 'react';
import { headroomApiRef, type RunbookLobCoverage, type RunbookRecovery } from '../../api';
import { formatTime } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';
import { LoadFailure } from '../Cost/LoadFailure';
import { durationText } from '../Incidents/incidentText';
import { OutlinedSelect } from '../OutlinedSelect';
import { shareText } from './runbookText';

function Split(props: { recovery: RunbookRecovery }) {
  const r = props.recovery;
  const rows = [
    { key: 'auto', label: 'Recovered by a runbook', side: r.autoRecovered },
    { key: 'manual', label: 'Recovered by people', side: r.manual },
  ];
  return (
    <Paper style={{ padding: 16 }}>
      <Typography variant="body1" data-testid="automation-share">
        {r.autoRecovered.count} of {r.incidents} incidents from {formatTime(r.from)} to{' '}
        {formatTime(r.to)}
        {r.lineOfBusiness ? ` in ${r.lineOfBusiness}` : ' in every line of business'} recovered
        automatically ({shareText(r.autoRecoveredShare)}).
      </Typography>
      <Typography variant="body1" data-testid="automation-time-saved">
        Time saved against the manual MTTR: {durationText(r.timeSavedSeconds)}
      </Typography>
      <Table size="small" aria-label="MTTR by how incidents recovered">
        <TableHead>
          <TableRow>
            <TableCell>Recovery</TableCell>
            <TableCell align="right">Incidents</TableCell>
            <TableCell align="right">MTTR</TableCell>
            <TableCell align="right">Median</TableCell>
            <TableCell align="right">p90</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.key} data-testid={`recovery-${row.key}`}>
              <TableCell>{row.label}</TableCell>
              <TableCell align="right">{row.side.count}</TableCell>
              <TableCell align="right">{durationText(row.side.ttr?.mean)}</TableCell>
              <TableCell align="right">{durationText(row.side.ttr?.p50)}</TableCell>
              <TableCell align="right">{durationText(row.side.ttr?.p90)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

function Coverage(props: { coverage: RunbookLobCoverage }) {
  const c = props.coverage;
  return (
    <Paper style={{ padding: 16, marginTop: 16 }}>
      <Typography variant="body1" data-testid="automation-coverage">
        {c.covered} of {c.alerts.length} SLO alerts
        {c.lineOfBusiness ? ` in ${c.lineOfBusiness}` : ' in every line of business'} have a runbook
        ({shareText(c.share)}).
      </Typography>
      <Table size="small" aria-label="Runbook coverage by service">
        <TableHead>
          <TableRow>
            <TableCell>Service</TableCell>
            <TableCell align="right">Alerts</TableCell>
            <TableCell align="right">With a runbook</TableCell>
            <TableCell align="right">Coverage</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {c.services.map(s => (
            <TableRow key={s.service} data-testid={`coverage-${s.service}`}>
              <TableCell>{s.service}</TableCell>
              <TableCell align="right">{s.alerts}</TableCell>
              <TableCell align="right">{s.covered}</TableCell>
              <TableCell align="right">{shareText(s.share)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {c.problems.map(p => (
        <Typography key={p} variant="body2" color="error">
          {p}
        </Typography>
      ))}
    </Paper>
  );
}

/**
 * Automation per line of business: the share of incidents a runbook recovered, and MTTR of the
 * auto-recovered incidents against those people recovered, measured the same way (impact start
 * to mitigation), and which SLO alerts of its services have a runbook. The split and the
 * coverage are the backend's (core's recoverySplit and lineOfBusinessCoverage).
 */
export function RunbookAutomationPage() {
  const api = useApi(headroomApiRef);
  const [lob, setLob] = useState('');
  const lobs = usePolled(() => api.getLineOfBusinessRollup(), [api], 600_000);
  const recovery = usePolled(
    () => api.getRunbookRecovery(lob ? { lineOfBusiness: lob } : {}),
    [api, lob],
    120_000,
  );
  const coverage = usePolled(
    () => api.getRunbookCoverage(lob ? { lineOfBusiness: lob } : {}),
    [api, lob],
    600_000,
  );
  return (
    <Page themeId="tool">
      <Header title="Automation" subtitle="Incidents recovered by runbooks, per line of business" />
      <Content>
        <ContentHeader title="Automation" />
        <OutlinedSelect
          id="headroom-automation-lob"
          label="Line of business"
          value={lob}
          onChange={setLob}
          options={(lobs.value ?? []).map(l => ({ value: l.key, label: l.key }))}
          allLabel="All"
          minWidth={220}
          style={{ marginBottom: 16 }}
        />
        {recovery.loading && !recovery.value && !recovery.error && (
          <Progress aria-label="Loading the automation report" />
        )}
        {recovery.error && (
          <LoadFailure
            what="the automation report"
            error={recovery.error}
            loadedAt={recovery.loadedAt}
            onRetry={recovery.retry}
          />
        )}
        {recovery.value && <Split recovery={recovery.value} />}
        {coverage.error && (
          <LoadFailure
            what="the runbook coverage"
            error={coverage.error}
            loadedAt={coverage.loadedAt}
            onRetry={coverage.retry}
          />
        )}
        {coverage.value && <Coverage coverage={coverage.value} />}
      </Content>
    </Page>
  );
}
