import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Content, ContentHeader, Header, Link, Page, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink, entityRouteRef } from '@backstage/plugin-catalog-react';
import type { SloAlertState, SloRollup, SloWithStatus } from '@headroom/plugin-headroom-common';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import React, { useMemo, useState } from 'react';
import { headroomApiRef, type HeadroomApi } from '../../api';
import { downloadText, toCsv } from '../../lib/csv';
import { formatBurnRate, formatObjective, formatPercent } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';
import { AlertStateChip } from '../AlertStateChip';
import { SLO_TAB_PATH } from '../SloCard/EntityHeadroomSloCard';
import { LoadError } from '../states';
import { type Column, SortableTable, sortRows, type SortState } from './SortableTable';

const useStyles = makeStyles(theme => ({
  paper: { padding: theme.spacing(2), marginBottom: theme.spacing(3) },
  filters: {
    display: 'flex',
    gap: theme.spacing(2),
    flexWrap: 'wrap',
    marginBottom: theme.spacing(2),
  },
  tableHead: { display: 'flex', alignItems: 'center', marginBottom: theme.spacing(1) },
  grow: { flexGrow: 1 },
}));

/** One SLO of one entity, as a row of the overview. */
export interface SloRow {
  entityRef: string;
  name: string;
  displayName: string | null;
  lineOfBusiness: string | null;
  ownerRef: string | null;
  objective: number;
  window: string;
  sli: number | null;
  budgetRemaining: number | null;
  worstBurnRate: number | null;
  alertState: SloAlertState | null;
}

function sloRow(s: SloWithStatus): SloRow {
  const rates = (s.status?.burnRates ?? [])
    .map(b => b.rate)
    .filter((r): r is number => r !== null && Number.isFinite(r));
  return {
    entityRef: s.entityRef,
    name: s.name,
    displayName: s.displayName,
    lineOfBusiness: s.lineOfBusiness,
    ownerRef: s.ownerRef,
    objective: s.objective,
    window: s.window,
    sli: s.status?.sli ?? null,
    budgetRemaining: s.status?.budgetRemaining ?? null,
    worstBurnRate: rates.length > 0 ? Math.max(...rates) : null,
    alertState: s.status?.alertState ?? null,
  };
}

/** Components' SLOs, read a few entities at a time. */
async function loadSloRows(
  api: HeadroomApi,
  entityRefs: string[],
  concurrency = 4,
): Promise<SloRow[]> {
  const rows: SloRow[] = [];
  let next = 0;
  const worker = async () => {
    while (next < entityRefs.length) {
      const ref = entityRefs[next++]!;
      const slos = await api.listEntitySlos(ref);
      rows.push(...slos.map(sloRow));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return rows;
}

const UNASSIGNED = 'unassigned';

function matches(text: string, ...fields: (string | null)[]): boolean {
  if (!text) return true;
  const needle = text.toLocaleLowerCase();
  return fields.some(f => f !== null && f.toLocaleLowerCase().includes(needle));
}

function exportCsv<T>(filename: string, columns: Column<T>[], rows: T[]) {
  downloadText(
    filename,
    toCsv(
      columns.map(c => c.id),
      rows.map(r => columns.map(c => c.value(r))),
    ),
  );
}

/**
 * Every line of business and team with SLO compliance, budget left and worst burn, and every
 * SLO below them with links to its service; sortable, filterable and exportable as CSV.
 */
export function LineOfBusinessOverviewPage() {
  const classes = useStyles();
  const api = useApi(headroomApiRef);
  const catalogApi = useApi(catalogApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const [filter, setFilter] = useState('');
  const [lob, setLob] = useState<string>('');
  const [team, setTeam] = useState<string>('');
  const [lobSort, setLobSort] = useState<SortState>({
    column: 'budgetRemainingMin',
    direction: 'asc',
  });
  const [teamSort, setTeamSort] = useState<SortState>({
    column: 'budgetRemainingMin',
    direction: 'asc',
  });
  const [sloSort, setSloSort] = useState<SortState>({
    column: 'budgetRemaining',
    direction: 'asc',
  });

  const data = usePolled(async () => {
    const [lobs, owners, components] = await Promise.all([
      api.getLineOfBusinessRollup(),
      api.getOwnerRollup(),
      catalogApi.getEntities({
        filter: { kind: 'Component' },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      }),
    ]);
    const slos = await loadSloRows(
      api,
      components.items.map(e => stringifyEntityRef(e)),
    );
    return { lobs, owners, slos };
  }, [api, catalogApi]);

  const tabLink = (entityRef: string, slo?: string) => {
    const ref = parseEntityRef(entityRef);
    const base = `${entityRoute({
      kind: ref.kind.toLocaleLowerCase('en-US'),
      namespace: ref.namespace,
      name: ref.name,
    })}/${SLO_TAB_PATH}`;
    return slo ? `${base}?slo=${encodeURIComponent(slo)}` : base;
  };

  const rollupColumns = (kind: 'lob' | 'team'): Column<SloRollup>[] => [
    {
      id: 'key',
      title: kind === 'lob' ? 'Line of business' : 'Team',
      value: r => r.key,
      render: r => (
        <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
          {kind === 'team' && r.key !== UNASSIGNED ? (
            <EntityRefLink entityRef={r.key} defaultKind="group" />
          ) : (
            <strong>{r.key}</strong>
          )}
          <Button
            size="small"
            onClick={() => (kind === 'lob' ? setLob(r.key) : setTeam(r.key))}
            aria-label={`Show the SLOs of ${r.key}`}
          >
            SLOs
          </Button>
        </span>
      ),
    },
    { id: 'sloCount', title: 'SLOs', value: r => r.sloCount, numeric: true },
    {
      id: 'compliance',
      title: 'Compliance',
      value: r => r.compliance,
      render: r =>
        r.compliance === null
          ? '—'
          : `${formatPercent(r.compliance, 0)} (${r.compliantCount}/${r.evaluatedCount})`,
      numeric: true,
    },
    {
      id: 'budgetRemainingMin',
      title: 'Least budget left',
      value: r => r.budgetRemainingMin,
      render: r => formatPercent(r.budgetRemainingMin, 1),
      numeric: true,
    },
    {
      id: 'budgetRemainingMean',
      title: 'Mean budget left',
      value: r => r.budgetRemainingMean,
      render: r => formatPercent(r.budgetRemainingMean, 1),
      numeric: true,
    },
    {
      id: 'worstBurnRate',
      title: 'Worst burn',
      value: r => r.worstBurnRate,
      render: r => formatBurnRate(r.worstBurnRate),
      numeric: true,
    },
    {
      id: 'worstSlo',
      title: 'Worst SLO',
      value: r => r.worstSlo,
      render: r => {
        if (!r.worstSlo) return '—';
        const [entityRef = '', slo] = r.worstSlo.split('#');
        return (
          <Link to={tabLink(entityRef, slo)}>{`${parseEntityRef(entityRef).name} / ${slo}`}</Link>
        );
      },
    },
  ];

  const sloColumns: Column<SloRow>[] = [
    {
      id: 'service',
      title: 'Service',
      value: r => parseEntityRef(r.entityRef).name,
      render: r => <EntityRefLink entityRef={r.entityRef} />,
    },
    {
      id: 'slo',
      title: 'SLO',
      value: r => r.name,
      render: r => <Link to={tabLink(r.entityRef, r.name)}>{r.displayName ?? r.name}</Link>,
    },
    { id: 'lineOfBusiness', title: 'Line of business', value: r => r.lineOfBusiness },
    {
      id: 'owner',
      title: 'Team',
      value: r => r.ownerRef,
      render: r =>
        r.ownerRef ? <EntityRefLink entityRef={r.ownerRef} defaultKind="group" /> : '—',
    },
    {
      id: 'objective',
      title: 'Objective',
      value: r => r.objective,
      render: r => `${formatObjective(r.objective)} / ${r.window}`,
      numeric: true,
    },
    {
      id: 'sli',
      title: 'SLI',
      value: r => r.sli,
      render: r => formatPercent(r.sli, 3),
      numeric: true,
    },
    {
      id: 'budgetRemaining',
      title: 'Budget left',
      value: r => r.budgetRemaining,
      render: r => formatPercent(r.budgetRemaining, 1),
      numeric: true,
    },
    {
      id: 'worstBurnRate',
      title: 'Worst burn',
      value: r => r.worstBurnRate,
      render: r => formatBurnRate(r.worstBurnRate),
      numeric: true,
    },
    {
      id: 'alertState',
      title: 'Alert',
      value: r => r.alertState,
      render: r => <AlertStateChip state={r.alertState} />,
    },
  ];

  const lobCols = useMemo(() => rollupColumns('lob'), [entityRoute]); // eslint-disable-line react-hooks/exhaustive-deps
  const teamCols = useMemo(() => rollupColumns('team'), [entityRoute]); // eslint-disable-line react-hooks/exhaustive-deps

  if (data.loading && !data.value && !data.error)
    return <Progress aria-label="Loading the overview" />;

  const value = data.value;
  const slos = (value?.slos ?? []).filter(
    r =>
      (!lob || (r.lineOfBusiness ?? UNASSIGNED) === lob) &&
      (!team || (r.ownerRef ?? UNASSIGNED) === team) &&
      matches(filter, r.entityRef, r.name, r.displayName, r.lineOfBusiness, r.ownerRef),
  );
  const teamsInLob = new Set(
    (value?.slos ?? [])
      .filter(r => !lob || (r.lineOfBusiness ?? UNASSIGNED) === lob)
      .map(r => r.ownerRef ?? UNASSIGNED),
  );
  const lobsOfTeam = new Set(
    (value?.slos ?? [])
      .filter(r => !team || (r.ownerRef ?? UNASSIGNED) === team)
      .map(r => r.lineOfBusiness ?? UNASSIGNED),
  );
  const lobRows = sortRows(
    (value?.lobs ?? []).filter(
      r =>
        (!lob || r.key === lob) &&
        (!team || lobsOfTeam.has(r.key)) &&
        matches(filter, r.key, r.worstSlo),
    ),
    lobCols,
    lobSort,
  );
  const teamRows = sortRows(
    (value?.owners ?? []).filter(
      r =>
        (!team || r.key === team) &&
        (!lob || teamsInLob.has(r.key)) &&
        matches(filter, r.key, r.worstSlo),
    ),
    teamCols,
    teamSort,
  );
  const sloRows = sortRows(slos, sloColumns, sloSort);
  const lobKeys = (value?.lobs ?? []).map(r => r.key);
  const teamKeys = (value?.owners ?? []).map(r => r.key);

  const tableHead = (title: string, onExport: () => void, count: number) => (
    <div className={classes.tableHead}>
      <Typography variant="h6" component="h2" className={classes.grow}>
        {title} ({count})
      </Typography>
      <Button
        variant="outlined"
        size="small"
        onClick={onExport}
        aria-label={`Export ${title} as CSV`}
      >
        Export CSV
      </Button>
    </div>
  );

  return (
    <Page themeId="tool">
      <Header
        title="Reliability by line of business"
        subtitle="SLO compliance, error budget left and worst burn for every line of business, team and service"
      />
      <Content>
        <ContentHeader title="Overview" />
        {data.error && (
          <LoadError
            error={data.error}
            failingSince={data.failingSince}
            loadedAt={data.loadedAt}
            onRetry={data.retry}
          />
        )}
        {value && (
          <>
            <div className={classes.filters} role="search">
              <TextField
                id="headroom-overview-filter"
                label="Filter"
                placeholder="service, SLO, team or line of business"
                value={filter}
                onChange={e => setFilter(e.target.value)}
                variant="outlined"
                size="small"
              />
              <FormControl variant="outlined" size="small" style={{ minWidth: 200 }}>
                <InputLabel id="headroom-overview-lob-label">Line of business</InputLabel>
                <Select
                  labelId="headroom-overview-lob-label"
                  id="headroom-overview-lob"
                  value={lob}
                  onChange={e => setLob(e.target.value as string)}
                  label="Line of business"
                >
                  <MenuItem value="">All</MenuItem>
                  {lobKeys.map(k => (
                    <MenuItem key={k} value={k}>
                      {k}
                    </MenuItem>
                  ))}
                </Select>
              </FormControl>
              <FormControl variant="outlined" size="small" style={{ minWidth: 240 }}>
                <InputLabel id="headroom-overview-team-label">Team</InputLabel>
                <Select
                  labelId="headroom-overview-team-label"
                  id="headroom-overview-team"
                  value={team}
                  onChange={e => setTeam(e.target.value as string)}
                  label="Team"
                >
                  <MenuItem value="">All</MenuItem>
                  {teamKeys.map(k => (
                    <MenuItem key={k} value={k}>
                      {k}
                    </MenuItem>
                  ))}
                </Select>
              </FormControl>
              {(lob || team || filter) && (
                <Button
                  onClick={() => {
                    setLob('');
                    setTeam('');
                    setFilter('');
                  }}
                >
                  Clear filters
                </Button>
              )}
            </div>
            <Paper className={classes.paper}>
              {tableHead(
                'Lines of business',
                () => exportCsv('headroom-lines-of-business.csv', lobCols, lobRows),
                lobRows.length,
              )}
              <SortableTable
                label="Lines of business"
                columns={lobCols}
                rows={lobRows}
                rowKey={r => r.key}
                sort={lobSort}
                onSort={setLobSort}
                testId="headroom-lob-table"
              />
            </Paper>
            <Paper className={classes.paper}>
              {tableHead(
                'Teams',
                () => exportCsv('headroom-teams.csv', teamCols, teamRows),
                teamRows.length,
              )}
              <SortableTable
                label="Teams"
                columns={teamCols}
                rows={teamRows}
                rowKey={r => r.key}
                sort={teamSort}
                onSort={setTeamSort}
                testId="headroom-team-table"
              />
            </Paper>
            <Paper className={classes.paper}>
              {tableHead(
                'SLOs',
                () => exportCsv('headroom-slos.csv', sloColumns, sloRows),
                sloRows.length,
              )}
              <SortableTable
                label="SLOs"
                columns={sloColumns}
                rows={sloRows}
                rowKey={r => `${r.entityRef}#${r.name}`}
                sort={sloSort}
                onSort={setSloSort}
                testId="headroom-slo-table"
              />
            </Paper>
          </>
        )}
      </Content>
    </Page>
  );
}
