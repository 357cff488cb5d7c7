import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import React, { useState } from 'react';
import { downloadText, toCsv } from '../../lib/csv';

export interface Column<T> {
  /** Also the column's CSV header. */
  id: string;
  title: string;
  /** The value sorted on and exported to CSV; null sorts last in either direction. */
  value: (row: T) => string | number | null;
  render?: (row: T) => React.ReactNode;
  numeric?: boolean;
}

export type SortState = { column: string; direction: 'asc' | 'desc' };

export function sortRows<T>(rows: T[], columns: Column<T>[], sort: SortState): T[] {
  const column = columns.find(c => c.id === sort.column);
  if (!column) return rows;
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = column.value(a);
    const vb = column.value(b);
    if (va === null && vb === null) return 0;
    if (va === null) return 1;
    if (vb === null) return -1;
    if (typeof va === 'number' && typeof vb === 'number') return (va - vb) * sign;
    return String(va).localeCompare(String(vb)) * sign;
  });
}

/** A click on a header: the same column flips its direction, another one starts ascending. */
export function nextSort(current: SortState, column: string): SortState {
  return {
    column,
    direction: current.column === column && current.direction === 'asc' ? 'desc' : 'asc',
  };
}

/** The rows as CSV with the columns' ids as header and their raw values (fractions, not %). */
export function tableCsv<T>(columns: Column<T>[], rows: T[]): string {
  return toCsv(
    columns.map(c => c.id),
    rows.map(r => columns.map(c => c.value(r))),
  );
}

const useStyles = makeStyles(theme => ({
  paper: { padding: theme.spacing(2), marginBottom: theme.spacing(3) },
  head: { display: 'flex', alignItems: 'center', marginBottom: theme.spacing(1) },
  grow: { flexGrow: 1 },
}));

/**
 * A titled table that sorts itself on a header click (or Enter on it) and exports the rows, in
 * the order shown, as CSV.
 */
export function SortableTable<T>(props: {
  title: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  defaultSort: SortState;
  csvFilename: string;
  /** Shown in place of rows when there are none. */
  emptyText?: string;
  testId?: string;
}) {
  const { title, columns, rows, rowKey, defaultSort, csvFilename, testId } = props;
  const classes = useStyles();
  const [sort, setSort] = useState<SortState>(defaultSort);
  const sorted = sortRows(rows, columns, sort);
  return (
    <Paper className={classes.paper}>
      <div className={classes.head}>
        <Typography variant="h6" component="h2" className={classes.grow}>
          {title} ({rows.length})
        </Typography>
        <Button
          variant="outlined"
          size="small"
          onClick={() => downloadText(csvFilename, tableCsv(columns, sorted))}
          aria-label={`Export ${title} as CSV`}
        >
          Export CSV
        </Button>
      </div>
      <Table size="small" aria-label={title} data-testid={testId}>
        <TableHead>
          <TableRow>
            {columns.map(c => (
              <TableCell
                key={c.id}
                align={c.numeric ? 'right' : 'left'}
                sortDirection={sort.column === c.id ? sort.direction : false}
              >
                <TableSortLabel
                  active={sort.column === c.id}
                  direction={sort.column === c.id ? sort.direction : 'asc'}
                  onClick={() => setSort(nextSort(sort, c.id))}
                >
                  {c.title}
                </TableSortLabel>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.map(row => (
            <TableRow key={rowKey(row)}>
              {columns.map(c => (
                <TableCell key={c.id} align={c.numeric ? 'right' : 'left'}>
                  {c.render ? c.render(row) : (c.value(row) ?? '—')}
                </TableCell>
              ))}
            </TableRow>
          ))}
          {sorted.length === 0 && (
            <TableRow>
              <TableCell colSpan={columns.length}>
                {props.emptyText ?? 'Nothing matches the filter.'}
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </Paper>
  );
}
