import type { SloBurndown, SloWithStatus } from '@headroom/plugin-headroom-common';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import React from 'react';
import {
  formatAge,
  formatBurnRate,
  formatObjective,
  formatPercent,
  formatTimeToExhaustion,
} from '../../lib/format';
import { AlertStateChip } from '../AlertStateChip';
import { Sparkline } from '../charts/Sparkline';
import { StaleNotice } from '../states';
import { burndownError } from './useSloBurndown';

const useStyles = makeStyles(theme => ({
  root: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: 4,
    padding: theme.spacing(1.5),
    marginBottom: theme.spacing(1.5),
  },
  head: { display: 'flex', alignItems: 'center', gap: theme.spacing(1), flexWrap: 'wrap' },
  title: { fontWeight: 600, flexGrow: 1 },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
    gap: theme.spacing(1),
    margin: theme.spacing(1, 0),
  },
  term: { color: theme.palette.text.secondary, fontSize: '0.75rem', margin: 0 },
  value: { margin: 0, fontSize: '1.05rem', fontWeight: 500 },
  negative: { color: theme.palette.error.main },
  rates: { display: 'flex', gap: theme.spacing(1.5), flexWrap: 'wrap', margin: 0, padding: 0 },
  rate: { listStyle: 'none', fontSize: '0.85rem' },
}));

/** The sparkline's points: the burndown's remaining budget, t in Unix milliseconds. */
export function burndownSparklinePoints(burndown: SloBurndown) {
  return burndown.points.map(p => ({ t: p.t * 1000, value: p.remaining }));
}

/** The burndown as a polled read: a value, an error or neither while it loads. */
export interface BurndownState {
  value?: SloBurndown;
  error?: Error;
}

/**
 * The budget over the SLO's whole window: the line once it is read, a spinner until then, and
 * on failure a short reason (the full message as its tooltip) while the numbers beside it stay.
 */
function BurndownSparkline(props: { id: string; label: string; burndown: BurndownState }) {
  const { id, label, burndown } = props;
  if (burndown.value) {
    return (
      <Sparkline
        points={burndownSparklinePoints(burndown.value)}
        label={`Budget remaining of ${label} over its ${burndown.value.window} window`}
        emptyText="no traffic in the window"
      />
    );
  }
  if (burndown.error) {
    const { summary, detail } = burndownError(burndown.error);
    return (
      <span
        data-testid={`${id}-burndown-error`}
        title={detail}
        style={{ fontSize: '0.75rem', fontWeight: 400 }}
      >
        Burndown unavailable: {summary}
      </span>
    );
  }
  return <CircularProgress size={16} aria-label={`Loading the burndown of ${label}`} />;
}

/** One SLO's numbers, each as the backend reported it. */
export function SloSummary(props: {
  slo: SloWithStatus;
  burndown: BurndownState;
  titleLink?: React.ReactNode;
}) {
  const { slo, burndown, titleLink } = props;
  const classes = useStyles();
  const s = slo.status;
  const id = `slo-${slo.name}`;
  const budget = s?.budgetRemaining ?? null;
  const item = (field: string, term: string, value: React.ReactNode, extraClass?: string) => (
    <div>
      <dt className={classes.term} id={`${id}-${field}-term`}>
        {term}
      </dt>
      <dd
        className={`${classes.value} ${extraClass ?? ''}`}
        data-testid={`${id}-${field}`}
        aria-labelledby={`${id}-${field}-term`}
      >
        {value}
      </dd>
    </div>
  );
  return (
    <section className={classes.root} aria-labelledby={`${id}-title`} data-testid={id}>
      <div className={classes.head}>
        <Typography component="h3" variant="subtitle1" className={classes.title} id={`${id}-title`}>
          {titleLink ?? slo.displayName ?? slo.name}
        </Typography>
        <AlertStateChip state={s?.alertState ?? null} testId={`${id}-alert`} />
      </div>
      <dl className={classes.grid}>
        {item('objective', `Objective (${slo.window})`, formatObjective(slo.objective))}
        {item('sli', 'SLI', formatPercent(s?.sli ?? null, 3))}
        <div>
          <dt className={classes.term} id={`${id}-budget-term`}>
            Budget remaining
          </dt>
          <dd className={classes.value} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <span
              data-testid={`${id}-budget`}
              aria-labelledby={`${id}-budget-term`}
              className={budget !== null && budget < 0 ? classes.negative : undefined}
            >
              {formatPercent(budget, 1)}
            </span>
            <BurndownSparkline id={id} label={slo.displayName ?? slo.name} burndown={burndown} />
          </dd>
        </div>
        {item(
          'exhaustion',
          'Time to exhaustion',
          formatTimeToExhaustion(s?.timeToExhaustionSeconds ?? null, budget),
        )}
        {item('age', 'Data age', formatAge(s?.ageSeconds ?? null))}
      </dl>
      <Typography variant="caption" color="textSecondary" component="p" id={`${id}-rates-label`}>
        Burn rates by window
      </Typography>
      <ul className={classes.rates} aria-labelledby={`${id}-rates-label`}>
        {(s?.burnRates ?? []).map(b => (
          <li key={b.window} className={classes.rate}>
            <span>{b.window}</span>{' '}
            <strong data-testid={`${id}-burn-${b.window}`}>{formatBurnRate(b.rate)}</strong>
          </li>
        ))}
        {(s?.burnRates ?? []).length === 0 && <li className={classes.rate}>—</li>}
      </ul>
      <StaleNotice status={s} compact />
    </section>
  );
}
