import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import React from 'react';
import type { IncidentSeverity, MttxReport } from '../../api';
import { attainmentText, meanAgainstTarget } from './incidentText';

/**
 * MTTx per group as the backend computed them: count, mean time to detect, acknowledge and
 * recover against the targets (per severity when grouped by severity), and attainment.
 */
export function MttxTable(props: { report: MttxReport; label: string; groupTitle: string }) {
  const { report, label, groupTitle } = props;
  const keys = Object.keys(report.groups).sort();
  const target = (key: string) =>
    report.by === 'severity' ? report.targets[key as IncidentSeverity] : undefined;
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>{groupTitle}</TableCell>
          <TableCell align="right">Incidents</TableCell>
          <TableCell align="right">MTTD</TableCell>
          <TableCell align="right">MTTA</TableCell>
          <TableCell align="right">MTTR</TableCell>
          <TableCell align="right">Within targets</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {keys.map(key => {
          const g = report.groups[key]!;
          const t = target(key);
          return (
            <TableRow key={key} data-testid={`mttx-${key}`}>
              <TableCell>{key}</TableCell>
              <TableCell align="right">
                {g.count}
                {g.open > 0 ? ` (${g.open} open)` : ''}
              </TableCell>
              <TableCell align="right">{meanAgainstTarget(g.mttd, t?.detectSeconds)}</TableCell>
              <TableCell align="right">
                {meanAgainstTarget(g.mtta, t?.acknowledgeSeconds)}
              </TableCell>
              <TableCell align="right">{meanAgainstTarget(g.mttr, t?.recoverSeconds)}</TableCell>
              <TableCell align="right">{attainmentText(g.attainment, g.graded)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
