import type { SloAlertState } from '@headroom/plugin-headroom-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import React from 'react';

const LABELS: Record<SloAlertState | 'unknown', string> = {
  ok: 'OK',
  ticket: 'Ticket',
  page: 'Page',
  'no-data': 'No data',
  unknown: 'Not evaluated',
};

const useStyles = makeStyles(theme => ({
  // Text in the theme's text colour on a tinted border keeps contrast in light and dark themes.
  chip: { fontWeight: 600, borderWidth: 2 },
  ok: { borderColor: theme.palette.success.main },
  ticket: { borderColor: theme.palette.warning.main },
  page: {
    borderColor: theme.palette.error.main,
    background: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  noData: { borderColor: theme.palette.text.disabled },
}));

/** The SLO's alert state as the backend evaluated it. */
export function AlertStateChip(props: { state: SloAlertState | null; testId?: string }) {
  const classes = useStyles();
  const state = props.state ?? 'unknown';
  const cls =
    state === 'ok'
      ? classes.ok
      : state === 'ticket'
        ? classes.ticket
        : state === 'page'
          ? classes.page
          : classes.noData;
  return (
    <Chip
      size="small"
      variant="outlined"
      className={`${classes.chip} ${cls}`}
      label={LABELS[state]}
      aria-label={`Alert state: ${LABELS[state]}`}
      data-testid={props.testId}
    />
  );
}
