import { type Column, nextSort, sortRows, tableCsv } from './SortableTable';

interface Row {
  name: string;
  budget: number | null;
}

const columns: Column<Row>[] = [
  { id: 'name', title: 'Name', value: r => r.name },
  { id: 'budget', title: 'Budget', value: r => r.budget, numeric: true },
];

const rows: Row[] = [
  { name: 'wallet', budget: 0.5 },
  { name: 'ledger', budget: null },
  { name: 'Audit', budget: -0.25 },
  { name: 'vault', budget: 0.05 },
];

describe('sortRows', () => {
  it('orders numbers in both directions and keeps unknown values last', () => {
    const asc = sortRows(rows, columns, { column: 'budget', direction: 'asc' });
    expect(asc.map(r => r.name)).toEqual(['Audit', 'vault', 'wallet', 'ledger']);
    const desc = sortRows(rows, columns, { column: 'budget', direction: 'desc' });
    expect(desc.map(r => r.name)).toEqual(['wallet', 'vault', 'Audit', 'ledger']);
  });

  it('orders text by the locale, not by code point', () => {
    const asc = sortRows(rows, columns, { column: 'name', direction: 'asc' });
    expect(asc.map(r => r.name)).toEqual(['Audit', 'ledger', 'vault', 'wallet']);
  });

  it('leaves rows as they are for an unknown column, without changing the input', () => {
    const copy = [...rows];
    expect(sortRows(rows, columns, { column: 'nope', direction: 'asc' })).toEqual(copy);
    sortRows(rows, columns, { column: 'budget', direction: 'asc' });
    expect(rows).toEqual(copy);
  });
});

describe('nextSort', () => {
  it('flips the sorted column and starts another one ascending', () => {
    expect(nextSort({ column: 'budget', direction: 'asc' }, 'budget')).toEqual({
      column: 'budget',
      direction: 'desc',
    });
    expect(nextSort({ column: 'budget', direction: 'desc' }, 'budget')).toEqual({
      column: 'budget',
      direction: 'asc',
    });
    expect(nextSort({ column: 'budget', direction: 'desc' }, 'name')).toEqual({
      column: 'name',
      direction: 'asc',
    });
  });
});

describe('tableCsv', () => {
  it('writes the column ids and raw values, empty for unknown ones', () => {
    expect(tableCsv(columns, rows.slice(0, 3))).toBe(
      'name,budget\r\nwallet,0.5\r\nledger,\r\nAudit,-0.25\r\n',
    );
  });
});
