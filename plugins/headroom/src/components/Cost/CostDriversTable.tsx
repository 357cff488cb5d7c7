import type { CostDriver, CostDriversResponse } from '@headroom/plugin-headroom-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import React from 'react';
import { formatMoney, formatPercent } from '../../lib/format';
import { describeLoadFailure } from './LoadFailure';

function driverLabel(d: CostDriver): string {
  if (d.sharedRuleId) return `Shared cost (${d.sharedRuleId})`;
  const name = d.serviceName ?? 'No service name';
  return d.chargeCategory && d.chargeCategory !== 'Usage' ? `${name} (${d.chargeCategory})` : name;
}

/** What the entity's cost was spent on, largest first, with each slice's share. */
export function CostDriversTable(props: {
  response: CostDriversResponse | undefined;
  error: Error | undefined;
  entityName: string;
  rangeText: string;
}) {
  const { response, error, entityName, rangeText } = props;
  if (error) {
    const { title, detail } = describeLoadFailure(`the cost drivers of ${entityName}`, error);
    return (
      <Typography variant="body2" color="error" role="status">
        {title}: {detail}
      </Typography>
    );
  }
  if (!response || response.items.length === 0) return null;
  return (
    <>
      <Typography variant="subtitle2" component="h3" style={{ marginTop: 16 }}>
        Top cost drivers {rangeText}
      </Typography>
      <Table size="small" aria-label={`Top cost drivers of ${entityName}`}>
        <TableHead>
          <TableRow>
            <TableCell>Spent on</TableCell>
            <TableCell align="right">Cost</TableCell>
            <TableCell align="right">Share</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {response.items.map(d => (
            <TableRow key={`${driverLabel(d)}|${d.currency}`}>
              <TableCell>{driverLabel(d)}</TableCell>
              <TableCell align="right">{formatMoney(d.cost, d.currency)}</TableCell>
              <TableCell align="right">{formatPercent(d.share, 1)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
