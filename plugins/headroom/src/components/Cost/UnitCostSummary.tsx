import type { UnitCostPosition, UnitCostResponse } from '@headroom/plugin-headroom-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import React from 'react';
import { formatPeriod, formatQuantity } from '../../lib/format';
import { describeLoadFailure } from './LoadFailure';

const useStyles = makeStyles(theme => ({
  flagged: {
    background: theme.palette.error.main,
    color: theme.palette.error.contrastText,
    fontWeight: 600,
  },
  within: { borderColor: theme.palette.success.main, borderWidth: 2 },
  block: { marginTop: theme.spacing(1) },
}));

const POSITION: Record<UnitCostPosition, string> = {
  above: 'Above the band',
  below: 'Below the band',
  within: 'Within the band',
  'no-band': 'No band',
  'no-unit-cost': 'No unit cost',
};

/**
 * The entity's latest unit cost in `currency` against its line of business's p25–p75 band, or
 * why there is none.
 */
export function UnitCostSummary(props: {
  response: UnitCostResponse | undefined;
  error: Error | undefined;
  entityName: string;
  currency: string;
}) {
  const classes = useStyles();
  const { response, error, entityName, currency } = props;
  if (error) {
    const { title, detail } = describeLoadFailure(`the unit cost of ${entityName}`, error);
    return (
      <Typography variant="body2" color="error" className={classes.block} role="status">
        {title}: {detail}
      </Typography>
    );
  }
  if (!response) return null;
  if (!response.driver) {
    return (
      <Typography variant="body2" color="textSecondary" className={classes.block}>
        No unit cost: {entityName} declares no business driver. Add the annotations
        headroom.dev/unit-cost-query (PromQL of the driver) and headroom.dev/unit-cost-driver (what
        it counts) to divide its cost by it.
      </Typography>
    );
  }
  const rows = response.items.filter(r => r.currency === currency);
  const latest = rows[rows.length - 1];
  if (!latest) return null;
  const unit = `${currency} per ${response.driver.unit}`;
  return (
    <div className={classes.block} data-testid="unit-cost">
      <Typography variant="body2" component="div">
        Unit cost {formatPeriod(latest.date)}:{' '}
        <strong data-testid="unit-cost-value">
          {latest.unitCost === null
            ? 'none (no driver value)'
            : `${formatQuantity(latest.unitCost)} ${unit}`}
        </strong>{' '}
        <Chip
          size="small"
          variant={latest.flagged ? 'default' : 'outlined'}
          className={
            latest.flagged
              ? classes.flagged
              : latest.position === 'within'
                ? classes.within
                : undefined
          }
          label={POSITION[latest.position]}
          data-testid="unit-cost-position"
        />
      </Typography>
      <Typography
        variant="caption"
        color="textSecondary"
        component="div"
        data-testid="unit-cost-band"
      >
        {latest.band
          ? `${response.lineOfBusiness ?? 'Line of business'} band (p25–p75 of ${latest.band.entities} services): ${formatQuantity(latest.band.p25)}–${formatQuantity(latest.band.p75)}, median ${formatQuantity(latest.band.p50)}`
          : `No ${response.lineOfBusiness ?? 'line of business'} band: fewer than three of its services have a unit cost this period.`}
      </Typography>
    </div>
  );
}
