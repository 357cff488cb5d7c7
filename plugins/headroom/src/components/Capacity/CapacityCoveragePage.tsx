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
import { headroomApiRef, type CapacityCoverageCounts, type CapacityCoverageGroup } from '../../api';
import { formatPercent, formatTime } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';
import { LoadFailure } from '../Cost/LoadFailure';
import { OutlinedSelect } from '../OutlinedSelect';

const useStyles = makeStyles(theme => ({
  paper: { padding: theme.spacing(2), marginBottom: theme.spacing(3) },
  list: { margin: theme.spacing(0.5, 0, 2), paddingLeft: theme.spacing(2.5) },
}));

/** The select's value for services without a line of business (null in the report). */
const UNKNOWN = '(unknown)';
const lobName = (g: CapacityCoverageGroup) => g.lineOfBusiness ?? UNKNOWN;

function shareText(c: CapacityCoverageCounts): string {
  return c.services === 0
    ? 'no services'
    : `${c.assessed} of ${c.services} (${formatPercent(c.share, 0)})`;
}

function CoverageRow(props: { group: CapacityCoverageGroup; total?: boolean }) {
  const { group: g, total } = props;
  const name = total ? 'All lines of business' : lobName(g);
  const cell = (field: string, children: React.ReactNode, numeric = true) => (
    <TableCell align={numeric ? 'right' : 'left'} data-testid={`coverage-${name}-${field}`}>
      {total ? <strong>{children}</strong> : children}
    </TableCell>
  );
  return (
    <TableRow>
      {cell('name', name, false)}
      {cell('assessed', shareText(g))}
      {cell('approved', g.approved)}
      {cell('stale', g.stale)}
      {cell('missing', g.missing)}
      {cell('new', shareText(g.newServices))}
    </TableRow>
  );
}

/**
 * Capacity coverage per line of business: the share of services, and of new services, with a
 * current assessment, and every service still without one, linked to its page.
 */
export function CapacityCoveragePage() {
  const classes = useStyles();
  const api = useApi(headroomApiRef);
  const [lob, setLob] = useState('');
  const data = usePolled(() => api.getCapacityCoverage(), [api], 300_000);
  const report = data.value;
  const groups = (report?.linesOfBusiness ?? []).filter(g => !lob || lobName(g) === lob);

  return (
    <Page themeId="tool">
      <Header
        title="Capacity coverage"
        subtitle="Which services have a current capacity assessment, per line of business"
      />
      <Content>
        <ContentHeader title="Coverage" />
        {data.loading && !report && !data.error && (
          <Progress aria-label="Loading capacity coverage" />
        )}
        {data.error && (
          <LoadFailure
            what="capacity coverage"
            error={data.error}
            loadedAt={data.loadedAt}
            onRetry={data.retry}
          />
        )}
        {report && (
          <>
            <Paper className={classes.paper}>
              <Typography variant="body1" data-testid="coverage-summary">
                {shareText(report.total)} services have an assessment younger than{' '}
                {report.staleAfterDays} days; of services created in the last {report.newWithinDays}{' '}
                days, {shareText(report.total.newServices)}.
              </Typography>
              <Typography variant="caption" color="textSecondary">
                Computed {formatTime(report.generatedAt)}
              </Typography>
            </Paper>
            <OutlinedSelect
              id="headroom-coverage-lob"
              label="Line of business"
              value={lob}
              onChange={setLob}
              options={report.linesOfBusiness.map(g => ({ value: lobName(g), label: lobName(g) }))}
              allLabel="All"
              minWidth={220}
              style={{ marginBottom: 16 }}
            />
            <Paper className={classes.paper}>
              <Table size="small" aria-label="Capacity coverage per line of business">
                <TableHead>
                  <TableRow>
                    <TableCell>Line of business</TableCell>
                    <TableCell align="right">Current assessment</TableCell>
                    <TableCell align="right">Approved</TableCell>
                    <TableCell align="right">Stale</TableCell>
                    <TableCell align="right">None</TableCell>
                    <TableCell align="right">New services assessed</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {groups.map(g => (
                    <CoverageRow key={lobName(g)} group={g} />
                  ))}
                  {!lob && <CoverageRow group={report.total} total />}
                </TableBody>
              </Table>
            </Paper>
            <Paper className={classes.paper}>
              <Typography variant="h6" component="h2">
                Services without a current assessment
              </Typography>
              {groups.every(g => g.unassessed.length === 0) && (
                <Typography variant="body2">Every service has a current assessment.</Typography>
              )}
              {groups
                .filter(g => g.unassessed.length > 0)
                .map(g => (
                  <section key={lobName(g)} aria-label={`Unassessed services of ${lobName(g)}`}>
                    <Typography variant="subtitle2" component="h3">
                      {lobName(g)} ({g.unassessed.length})
                    </Typography>
                    <ul className={classes.list}>
                      {g.unassessed.map(ref => (
                        <li key={ref}>
                          <EntityRefLink entityRef={ref} />
                        </li>
                      ))}
                    </ul>
                  </section>
                ))}
            </Paper>
          </>
        )}
      </Content>
    </Page>
  );
}
