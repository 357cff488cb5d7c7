import { parseEntityRef } from '@backstage/catalog-model';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Link,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink, entityRouteRef } from '@backstage/plugin-catalog-react';
import type { SloRollup } from '@headroom/plugin-headroom-common';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import React, { useMemo, useState } from 'react';
import { headroomApiRef } from '../../api';
import { formatBurnRate, formatObjective, formatPercent } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';
import { AlertStateChip } from '../AlertStateChip';
import { SLO_TAB_PATH } from '../SloCard/EntityHeadroomSloCard';
import { LoadError } from '../states';
import { filterOverview, type OverviewData, UNASSIGNED } from './overviewFilter';
import { listAllSlos, sloRow, type SloRow } from './sloRows';
import { type Column, SortableTable } from './SortableTable';
import { OutlinedSelect } from '../OutlinedSelect';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    gap: theme.spacing(2),
    flexWrap: 'wrap',
    marginBottom: theme.spacing(2),
  },
}));

/** Link to an entity's SLO tab, at one SLO when given. */
type TabLink = (entityRef: string, slo?: string) => string;

function rollupColumns(
  kind: 'lob' | 'team',
  tabLink: TabLink,
  onShow: (key: string) => void,
): Column<SloRollup>[] {
  return [
    {
      id: kind === 'lob' ? 'lineOfBusiness' : 'team',
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
            onClick={() => onShow(r.key)}
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
}

function sloColumns(tabLink: TabLink): Column<SloRow>[] {
  return [
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
      id: 'team',
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
}

/**
 * Every line of business and team with SLO compliance, budget left and worst burn, and every
 * SLO below them with links to its service; sortable, filterable and exportable as CSV.
 */
export function LineOfBusinessOverviewPage() {
  const classes = useStyles();
  const api = useApi(headroomApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const [text, setText] = useState('');
  const [lob, setLob] = useState<string>('');
  const [team, setTeam] = useState<string>('');

  const data = usePolled(async (): Promise<OverviewData> => {
    const [lobs, owners, slos] = await Promise.all([
      api.getLineOfBusinessRollup(),
      api.getOwnerRollup(),
      listAllSlos(api),
    ]);
    return { lobs, owners, slos: slos.map(sloRow) };
  }, [api]);

  const columns = useMemo(() => {
    const tabLink: TabLink = (entityRef, slo) => {
      const ref = parseEntityRef(entityRef);
      const base = `${entityRoute({
        kind: ref.kind.toLocaleLowerCase('en-US'),
        namespace: ref.namespace,
        name: ref.name,
      })}/${SLO_TAB_PATH}`;
      return slo ? `${base}?slo=${encodeURIComponent(slo)}` : base;
    };
    return {
      lob: rollupColumns('lob', tabLink, setLob),
      team: rollupColumns('team', tabLink, setTeam),
      slo: sloColumns(tabLink),
    };
  }, [entityRoute]);

  if (data.loading && !data.value && !data.error)
    return <Progress aria-label="Loading the overview" />;

  const value = data.value;
  const shown = value ? filterOverview(value, { text, lob, team }) : undefined;
  const nothingYet = value && value.slos.length === 0 && value.lobs.length === 0;

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
        {nothingYet && (
          <EmptyState
            missing="data"
            title="No SLOs yet"
            description="No SLO is defined, or none you may read. Add an OpenSLO file to a component and point its headroom.dev/slo-file annotation at it, or create one in the SLO tab of a component you own."
          />
        )}
        {value && shown && !nothingYet && (
          <>
            <div className={classes.filters} role="search">
              <TextField
                id="headroom-overview-filter"
                label="Filter"
                placeholder="service, SLO, team or line of business"
                value={text}
                onChange={e => setText(e.target.value)}
                variant="outlined"
                size="small"
              />
              <OutlinedSelect
                id="headroom-overview-lob"
                label="Line of business"
                value={lob}
                onChange={setLob}
                options={value.lobs.map(r => ({ value: r.key, label: r.key }))}
                allLabel="All"
                minWidth={200}
              />
              <OutlinedSelect
                id="headroom-overview-team"
                label="Team"
                value={team}
                onChange={setTeam}
                options={value.owners.map(r => ({ value: r.key, label: r.key }))}
                allLabel="All"
                minWidth={240}
              />
              {(lob || team || text) && (
                <Button
                  onClick={() => {
                    setLob('');
                    setTeam('');
                    setText('');
                  }}
                >
                  Clear filters
                </Button>
              )}
            </div>
            <SortableTable
              title="Lines of business"
              columns={columns.lob}
              rows={shown.lobs}
              rowKey={r => r.key}
              defaultSort={{ column: 'budgetRemainingMin', direction: 'asc' }}
              csvFilename="headroom-lines-of-business.csv"
              testId="headroom-lob-table"
            />
            <SortableTable
              title="Teams"
              columns={columns.team}
              rows={shown.owners}
              rowKey={r => r.key}
              defaultSort={{ column: 'budgetRemainingMin', direction: 'asc' }}
              csvFilename="headroom-teams.csv"
              testId="headroom-team-table"
            />
            <SortableTable
              title="SLOs"
              columns={columns.slo}
              rows={shown.slos}
              rowKey={r => `${r.entityRef}#${r.name}`}
              defaultSort={{ column: 'budgetRemaining', direction: 'asc' }}
              csvFilename="headroom-slos.csv"
              testId="headroom-slo-table"
            />
          </>
        )}
      </Content>
    </Page>
  );
}
