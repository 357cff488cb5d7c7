import { Content, ContentHeader, Header, Page, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { CostGrain, CostView } from '@headroom/plugin-headroom-common';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import React, { useState } from 'react';
import { headroomApiRef } from '../../api';
import { downloadText } from '../../lib/csv';
import { formatPeriod } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';
import { OptimisationSection } from '../Optimise/OptimisationSection';
import { CostToggles } from './CostToggles';
import { costRangeStart } from './costRange';
import { GroupServices } from './GroupServices';
import { LoadFailure } from './LoadFailure';
import { ShowbackTable } from './ShowbackTable';
import { periodsOf, showbackCsv, showbackRows } from './showbackRows';
import { OutlinedSelect } from '../OutlinedSelect';

const useStyles = makeStyles(theme => ({
  paper: { padding: theme.spacing(2), marginBottom: theme.spacing(3) },
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  head: { display: 'flex', alignItems: 'center', marginBottom: theme.spacing(1) },
  grow: { flexGrow: 1 },
}));

type Dimension = 'lineOfBusiness' | 'owner';

/**
 * Showback: cost per line of business or team in a chosen period, billed or effective, with the
 * change from the period before and unallocated cost as its own row; a line of business or team
 * opens its services with their unit costs, and a line of business its optimisation. Each table
 * exports as CSV exactly as shown.
 */
export function ShowbackPage() {
  const classes = useStyles();
  const api = useApi(headroomApiRef);
  const [by, setBy] = useState<Dimension>('lineOfBusiness');
  const [grain, setGrain] = useState<CostGrain>('month');
  const [view, setView] = useState<CostView>('effective');
  const [chosenDate, setChosenDate] = useState('');
  // The row whose services are open, per dimension, so that switching back keeps it.
  const [selected, setSelected] = useState<Record<Dimension, string>>({
    lineOfBusiness: '',
    owner: '',
  });
  const open = selected[by];
  const lob = selected.lineOfBusiness;
  const from = costRangeStart(grain, new Date());
  const data = usePolled(
    () => api.getCostRollup({ by, grain, view, from }),
    [api, by, grain, view, from],
    300_000,
  );
  // A refresh or another grain may not have the chosen period: then the newest is shown.
  const shown =
    data.value?.by === by && data.value.grain === grain && data.value.view === view
      ? data.value
      : undefined;
  const periods = periodsOf(shown?.items ?? []);
  const date = periods.includes(chosenDate) ? chosenDate : (periods[0] ?? '');
  const rows = shown ? showbackRows(shown.items, date) : [];
  const what = by === 'owner' ? 'team' : 'line of business';

  return (
    <Page themeId="tool">
      <Header
        title="Cost showback"
        subtitle="Cost per line of business and team, with unallocated spend in plain sight"
      />
      <Content>
        <ContentHeader title="Showback" />
        <div className={classes.controls}>
          <ButtonGroup size="small" aria-label="Group by" style={{ marginBottom: 8 }}>
            {(['lineOfBusiness', 'owner'] as const).map(d => (
              <Button
                key={d}
                aria-pressed={by === d}
                variant={by === d ? 'contained' : 'outlined'}
                color={by === d ? 'primary' : 'default'}
                onClick={() => setBy(d)}
              >
                {d === 'owner' ? 'Teams' : 'Lines of business'}
              </Button>
            ))}
          </ButtonGroup>
          <CostToggles grain={grain} view={view} onGrain={setGrain} onView={setView} />
          {periods.length > 0 && (
            <OutlinedSelect
              id="headroom-showback-period"
              label="Period"
              value={date}
              onChange={setChosenDate}
              options={periods.map(p => ({ value: p, label: formatPeriod(p) }))}
              minWidth={160}
              style={{ marginBottom: 8 }}
            />
          )}
        </div>
        {!shown && !data.error && <Progress aria-label="Loading showback" />}
        {data.error && (
          <LoadFailure
            what={`the cost per ${what}`}
            error={data.error}
            loadedAt={data.loadedAt}
            onRetry={data.retry}
          />
        )}
        {shown && (
          <Paper className={classes.paper}>
            <div className={classes.head}>
              <Typography variant="h6" component="h2" className={classes.grow}>
                {by === 'owner' ? 'Teams' : 'Lines of business'}
                {date ? `, ${formatPeriod(date)}` : ''} ({view})
              </Typography>
              <Button
                variant="outlined"
                size="small"
                disabled={rows.length === 0}
                aria-label={`Export the cost per ${what} as CSV`}
                onClick={() =>
                  downloadText(`headroom-cost-${by}-${date}-${view}.csv`, showbackCsv(rows, by))
                }
              >
                Export CSV
              </Button>
            </div>
            {rows.length === 0 ? (
              <Typography variant="body2">
                No cost since {formatPeriod(from)}: import a billing export first.
              </Typography>
            ) : (
              <ShowbackTable
                rows={rows}
                by={by}
                selected={open}
                onSelect={key => setSelected(s => ({ ...s, [by]: key }))}
              />
            )}
            {open && date && (
              <GroupServices
                group={{ by, key: open }}
                grain={grain}
                view={view}
                from={from}
                date={date}
              />
            )}
          </Paper>
        )}
        {by === 'lineOfBusiness' && lob && (
          <Paper className={classes.paper}>
            <Typography variant="h6" component="h2">
              Optimisation of {lob}
            </Typography>
            <OptimisationSection scope={{ lineOfBusiness: lob }} />
          </Paper>
        )}
      </Content>
    </Page>
  );
}
