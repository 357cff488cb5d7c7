import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  COST_UNALLOCATED_KEY,
  COST_UNASSIGNED_KEY,
  type CostRollupDimension,
  type CostRollupRow,
} from '@headroom/plugin-headroom-common';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import React from 'react';
import { formatChange, formatMoney } from '../../lib/format';
import { groupLabel, groupName } from './showbackRows';

const useStyles = makeStyles(theme => ({
  unallocated: { '& td': { fontStyle: 'italic', color: theme.palette.text.secondary } },
  selected: { background: theme.palette.action.selected },
}));

/** Cost per line of business or team in one period; unallocated cost is its own, last row. */
export function ShowbackTable(props: {
  rows: CostRollupRow[];
  by: CostRollupDimension;
  selected?: string;
  onSelect?: (key: string) => void;
}) {
  const classes = useStyles();
  const { rows, by, selected, onSelect } = props;
  const title = by === 'owner' ? 'Team' : 'Line of business';
  // Month to date is compared with the same first days of the month before (core's rollup).
  const partial = rows.find(r => r.partial)?.partial;
  const against = partial
    ? ` vs the same ${partial.days} ${partial.days === 1 ? 'day' : 'days'} of the month before`
    : '';
  return (
    <Table size="small" aria-label={`Cost per ${title.toLocaleLowerCase('en-US')}`}>
      <TableHead>
        <TableRow>
          <TableCell>{title}</TableCell>
          <TableCell align="right">Cost</TableCell>
          <TableCell align="right">Change{against}</TableCell>
          <TableCell align="right">Change %</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(r => {
          const special = r.key === COST_UNALLOCATED_KEY || r.key === COST_UNASSIGNED_KEY;
          const label = groupLabel(r.key, by);
          const name =
            by === 'owner' && !special ? (
              <EntityRefLink entityRef={r.key} defaultKind="group" />
            ) : (
              label
            );
          const shortName =
            by === 'owner' && !special ? groupName({ by: 'owner', key: r.key }) : label;
          return (
            <TableRow
              key={`${r.key}|${r.currency}`}
              className={
                r.key === COST_UNALLOCATED_KEY
                  ? classes.unallocated
                  : r.key === selected
                    ? classes.selected
                    : undefined
              }
            >
              <TableCell>
                {name}
                {onSelect && !special && (
                  <Button
                    size="small"
                    onClick={() => onSelect(r.key)}
                    aria-label={`Show the services of ${shortName}`}
                    aria-pressed={r.key === selected}
                    style={{ marginLeft: 8 }}
                  >
                    Services
                  </Button>
                )}
              </TableCell>
              <TableCell align="right">{formatMoney(r.cost, r.currency)}</TableCell>
              <TableCell align="right">
                {formatMoney(r.change, r.currency, { signed: true })}
              </TableCell>
              <TableCell align="right">{formatChange(r.changeRatio)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
