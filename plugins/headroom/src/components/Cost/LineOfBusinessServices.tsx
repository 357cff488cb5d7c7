import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { CostGrain, CostView } from '@headroom/plugin-headroom-common';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import React from 'react';
import { headroomApiRef } from '../../api';
import { downloadText } from '../../lib/csv';
import { formatChange, formatMoney, formatPeriod, formatQuantity } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';
import { describeLoadFailure, LoadFailure } from './LoadFailure';
import { compareDecimal, servicesCsv, type ServiceCostRow } from './showbackRows';

const POSITION = {
  above: 'above the band',
  below: 'below the band',
  within: 'within the band',
  'no-band': 'no band',
  'no-unit-cost': 'no unit cost',
} as const;

/**
 * Every service of a line of business in one period: cost, change and unit cost against the
 * line of business's band, exportable as CSV.
 */
export function LineOfBusinessServices(props: {
  lineOfBusiness: string;
  grain: CostGrain;
  view: CostView;
  from: string;
  date: string;
}) {
  const { lineOfBusiness, grain, view, from, date } = props;
  const api = useApi(headroomApiRef);
  const data = usePolled(
    async () => {
      const cost = await api.getLineOfBusinessCost(lineOfBusiness, { grain, view, from });
      const refs = [...new Set(cost.items.map(i => i.entityRef))];
      const units = await Promise.all(
        refs.map(ref =>
          api.getEntityUnitCost(ref, { grain, view, from }).then(
            value => ({ value, error: undefined }),
            (error: Error) => ({ value: undefined, error }),
          ),
        ),
      );
      return { cost, units: new Map(refs.map((ref, i) => [ref, units[i]!])) };
    },
    [api, lineOfBusiness, grain, view, from],
    300_000,
  );

  if (!data.value && !data.error) {
    return <Progress aria-label={`Loading the services of ${lineOfBusiness}`} />;
  }
  if (!data.value) {
    return (
      <LoadFailure
        what={`the cost of the services of ${lineOfBusiness}`}
        error={data.error!}
        onRetry={data.retry}
      />
    );
  }
  const rows: ServiceCostRow[] = data.value.cost.items
    .filter(i => i.date === date)
    .sort((a, b) => compareDecimal(b.cost, a.cost) || a.entityRef.localeCompare(b.entityRef))
    .map(cost => {
      const unit = data.value!.units.get(cost.entityRef);
      const driver = unit?.value?.driver ?? null;
      return {
        cost,
        unit:
          unit?.value?.items.find(u => u.date === cost.date && u.currency === cost.currency) ??
          null,
        unitName: driver ? `${cost.currency} per ${driver.unit}` : null,
        unitProblem: unit?.error
          ? describeLoadFailure(`the unit cost of ${cost.entityRef}`, unit.error).title
          : driver
            ? null
            : 'no business driver declared',
      };
    });
  const title = `Services of ${lineOfBusiness}, ${formatPeriod(date)}`;
  return (
    <section aria-label={`Services of ${lineOfBusiness}`}>
      <div style={{ display: 'flex', alignItems: 'center', marginTop: 24 }}>
        <Typography variant="h6" component="h2" style={{ flexGrow: 1 }}>
          {title}
        </Typography>
        <Button
          variant="outlined"
          size="small"
          aria-label={`Export the services of ${lineOfBusiness} as CSV`}
          onClick={() =>
            downloadText(`headroom-cost-${lineOfBusiness}-${date}-${view}.csv`, servicesCsv(rows))
          }
        >
          Export CSV
        </Button>
      </div>
      {data.error && (
        <LoadFailure
          what={`the cost of the services of ${lineOfBusiness}`}
          error={data.error}
          loadedAt={data.loadedAt}
          onRetry={data.retry}
        />
      )}
      {rows.length === 0 ? (
        <Typography variant="body2">
          No cost was attributed to services of {lineOfBusiness} in {formatPeriod(date)}.
        </Typography>
      ) : (
        <Table size="small" aria-label={title}>
          <TableHead>
            <TableRow>
              <TableCell>Service</TableCell>
              <TableCell align="right">Cost</TableCell>
              <TableCell align="right">Change</TableCell>
              <TableCell align="right">Change %</TableCell>
              <TableCell align="right">Unit cost</TableCell>
              <TableCell>Against the band</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(r => (
              <TableRow key={`${r.cost.entityRef}|${r.cost.currency}`}>
                <TableCell>
                  <EntityRefLink entityRef={r.cost.entityRef} />
                </TableCell>
                <TableCell align="right">{formatMoney(r.cost.cost, r.cost.currency)}</TableCell>
                <TableCell align="right">
                  {formatMoney(r.cost.change, r.cost.currency, { signed: true })}
                </TableCell>
                <TableCell align="right">{formatChange(r.cost.changeRatio)}</TableCell>
                <TableCell align="right">
                  {r.unit?.unitCost !== null && r.unit?.unitCost !== undefined
                    ? `${formatQuantity(r.unit.unitCost)} ${r.unitName}`
                    : (r.unitProblem ?? '—')}
                </TableCell>
                <TableCell>
                  {r.unit ? (
                    <span style={r.unit.flagged ? { fontWeight: 600 } : undefined}>
                      {POSITION[r.unit.position]}
                    </span>
                  ) : (
                    '—'
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
