import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import React from 'react';

export interface Column<T> {
  id: string;
  title: string;
  /** The value sorted on and exported to CSV; null sorts last. */
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

/** A table of rows sorted by the caller; clicking (or Enter on) a header asks for a new order. */
export function SortableTable<T>(props: {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  sort: SortState;
  onSort: (sort: SortState) => void;
  testId?: string;
}) {
  const { label, columns, rows, rowKey, sort, onSort, testId } = props;
  const sorted = rows;
  return (
    <Table size="small" aria-label={label} data-testid={testId}>
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
                onClick={() =>
                  onSort({
                    column: c.id,
                    direction: sort.column === c.id && sort.direction === 'asc' ? 'desc' : 'asc',
                  })
                }
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
            <TableCell colSpan={columns.length}>Nothing matches the filter.</TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}
