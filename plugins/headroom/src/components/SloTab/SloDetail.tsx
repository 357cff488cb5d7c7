import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CodeSnippet, Progress, Table, type TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { evenSpendLine } from '@headroom/core';
import type { SloBurndown, SloVersion, SloWithStatus } from '@headroom/plugin-headroom-common';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import React from 'react';
import { stringify } from 'yaml';
import { headroomApiRef } from '../../api';
import { formatBurnRate, formatPercent, formatTime } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';
import { LineChart } from '../charts/LineChart';
import { SloSummary } from '../SloCard/SloSummary';
import { burndownError, TAB_BURNDOWN_POINTS, useSloBurndown } from '../SloCard/useSloBurndown';
import { LoadError, StaleNotice } from '../states';

const useStyles = makeStyles(theme => ({
  paper: { padding: theme.spacing(2), marginBottom: theme.spacing(2) },
  head: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
}));

/** Evaluations drawn on the drill-down charts. */
const CHART_SNAPSHOTS = 1000;

function formatDiffValue(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const historyColumns: TableColumn<SloVersion>[] = [
  { title: 'Version', field: 'version', width: '80px' },
  { title: 'Change', field: 'change', width: '90px' },
  { title: 'Author', field: 'author' },
  { title: 'When', render: v => formatTime(v.changedAt) },
  {
    title: 'What changed',
    render: v =>
      v.diff.length === 0 ? (
        '—'
      ) : (
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {v.diff.map(d => (
            <li key={d.path}>
              <code>{d.path}</code>: {formatDiffValue(d.before)} → {formatDiffValue(d.after)}
            </li>
          ))}
        </ul>
      ),
  },
];

/**
 * The budget chart's lines: what is left through the window, and the ideal of spending the budget
 * evenly, from all of it at the window start to none at its end (a calendar period's end lies
 * after the evaluation). Unix milliseconds.
 */
export function burndownChartSeries(burndown: SloBurndown) {
  return [
    {
      name: 'Budget remaining',
      points: burndown.points.map(p => ({ t: p.t * 1000, value: p.remaining })),
    },
    {
      name: 'Even spend over the window',
      points: evenSpendLine(burndown.windowStart, burndown.windowEnd).map(p => ({
        t: p.t * 1000,
        value: p.remaining,
      })),
    },
  ];
}

/** Drill-down of one SLO: its numbers, budget and burn-rate charts, definition and history. */
export function SloDetail(props: {
  entity: Entity;
  slo: SloWithStatus;
  canEdit: boolean;
  onEdit: () => void;
  onBack: () => void;
}) {
  const { entity, slo, canEdit, onEdit, onBack } = props;
  const classes = useStyles();
  const api = useApi(headroomApiRef);
  const entityRef = stringifyEntityRef(entity);
  const data = usePolled(async () => {
    const [status, history] = await Promise.all([
      api.getSloStatus(entityRef, slo.name, CHART_SNAPSHOTS),
      api.getSloHistory(entityRef, slo.name),
    ]);
    return { status, history };
  }, [api, entityRef, slo.name]);

  const burndown = useSloBurndown(entityRef, slo.name, TAB_BURNDOWN_POINTS);

  const snapshots = data.value?.status.snapshots ?? [];
  const current = data.value ? { ...slo, status: data.value.status.status } : slo;
  const windows = [...new Set(snapshots.flatMap(s => s.burnRates.map(b => b.window)))];
  const burnSeries = windows.map(w => ({
    name: w,
    points: snapshots.map(s => ({
      t: Date.parse(s.evaluatedAt),
      value: s.burnRates.find(b => b.window === w)?.rate ?? null,
    })),
  }));

  return (
    <div>
      <div className={classes.head}>
        <Button onClick={onBack}>All SLOs</Button>
        {slo.origin === 'api' && (
          <Button variant="outlined" color="primary" onClick={onEdit}>
            {canEdit ? 'Edit' : 'View definition (read-only)'}
          </Button>
        )}
      </div>
      {data.error && (
        <LoadError
          error={data.error}
          failingSince={data.failingSince}
          loadedAt={data.loadedAt}
          onRetry={data.retry}
        />
      )}
      <StaleNotice status={current.status} />
      <SloSummary slo={current} burndown={burndown} />
      {slo.description && (
        <Typography variant="body2" paragraph>
          {slo.description}
        </Typography>
      )}
      {data.loading && !data.value && <Progress />}
      <Paper className={classes.paper}>
        <Typography variant="h6" component="h3">
          Budget remaining over the {slo.window} window
        </Typography>
        <BurndownChart burndown={burndown} />
      </Paper>
      <Paper className={classes.paper}>
        <Typography variant="h6" component="h3">
          Burn rates
        </Typography>
        <LineChart
          title="Burn rates by window"
          series={burnSeries}
          format={v => formatBurnRate(v)}
          references={[{ value: 1, label: 'budget lasts the window' }]}
        />
      </Paper>
      <Paper className={classes.paper}>
        <Typography variant="h6" component="h3">
          Definition
        </Typography>
        <Typography variant="body2" paragraph>
          {slo.origin === 'file'
            ? `Read from ${slo.sourceLocation ?? 'the SLO file'}; change it there.`
            : `Written through the editor or the API; version ${slo.version}, last changed by ${slo.updatedBy} at ${formatTime(slo.updatedAt)}.`}
        </Typography>
        <CodeSnippet language="yaml" text={stringify(slo.definition, { lineWidth: 0 })} />
      </Paper>
      <Table<SloVersion>
        title="History"
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={historyColumns}
        data={data.value?.history ?? []}
        emptyContent={
          <Typography variant="body2" style={{ padding: 16 }}>
            {data.value ? 'No versions recorded.' : 'Loading…'}
          </Typography>
        }
      />
    </div>
  );
}

/** The whole window's burndown once read; until then a spinner, and why when it failed. */
function BurndownChart(props: { burndown: { value?: SloBurndown; error?: Error } }) {
  const { value, error } = props.burndown;
  if (value) {
    return (
      <LineChart
        title={`Budget remaining over the ${value.window} window`}
        series={burndownChartSeries(value)}
        format={v => formatPercent(v, 0)}
        references={[{ value: 0, label: 'exhausted' }]}
        emptyText="No traffic in the window: there is no budget to draw."
      />
    );
  }
  if (error) {
    const { summary, detail } = burndownError(error);
    return (
      <Typography variant="body2" color="error" data-testid="burndown-chart-error">
        Burndown unavailable: {summary}. {detail}
      </Typography>
    );
  }
  return <Progress aria-label="Loading the burndown" />;
}
