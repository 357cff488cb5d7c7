import {
  type Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { type CatalogApi, catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import type { CostGrain, CostView, EntityPeriodCost } from '@headroom/plugin-headroom-common';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import React from 'react';
import { headroomApiRef, type CostQuery, type HeadroomApi } from '../../api';
import { downloadText } from '../../lib/csv';
import { formatChange, formatMoney, formatPeriod, formatQuantity } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';
import { describeLoadFailure, LoadFailure } from './LoadFailure';
import {
  compareDecimal,
  groupName,
  servicesCsv,
  type ServiceCostRow,
  type ShowbackGroup,
} from './showbackRows';

const POSITION = {
  above: 'above the band',
  below: 'below the band',
  within: 'within the band',
  'no-band': 'no band',
  'no-unit-cost': 'no unit cost',
} as const;

function ownerOf(entity: Entity): string | undefined {
  const related = entity.relations?.find(r => r.type === RELATION_OWNED_BY)?.targetRef;
  if (related) return related;
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string') return undefined;
  return stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

/**
 * Cost per service of the group. A line of business has its own route; a team's services are
 * those the catalog says it owns, read from the rollup per entity.
 */
async function loadServiceCosts(
  api: HeadroomApi,
  catalogApi: CatalogApi,
  group: ShowbackGroup,
  query: CostQuery,
): Promise<EntityPeriodCost[]> {
  if (group.by === 'lineOfBusiness') {
    return (await api.getLineOfBusinessCost(group.key, query)).items;
  }
  const [rollup, components] = await Promise.all([
    api.getCostRollup({ ...query, by: 'entity' }),
    catalogApi.getEntities({
      filter: { kind: 'Component' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.owner', 'relations'],
    }),
  ]);
  const owned = new Set(
    components.items.filter(e => ownerOf(e) === group.key).map(e => stringifyEntityRef(e)),
  );
  return rollup.items
    .filter(r => owned.has(r.key))
    .map(({ key, ...rest }) => ({ entityRef: key, ...rest }));
}

/**
 * Every service of a line of business or team in one period: cost, change and unit cost against
 * its line of business's band, exportable as CSV.
 */
export function GroupServices(props: {
  group: ShowbackGroup;
  grain: CostGrain;
  view: CostView;
  from: string;
  date: string;
}) {
  const { group, grain, view, from, date } = props;
  const api = useApi(headroomApiRef);
  const catalogApi = useApi(catalogApiRef);
  const name = groupName(group);
  const data = usePolled(
    async () => {
      const items = await loadServiceCosts(api, catalogApi, group, { grain, view, from });
      const refs = [...new Set(items.map(i => i.entityRef))];
      const units = await Promise.all(
        refs.map(ref =>
          api.getEntityUnitCost(ref, { grain, view, from }).then(
            value => ({ value, error: undefined }),
            (error: Error) => ({ value: undefined, error }),
          ),
        ),
      );
      return { items, units: new Map(refs.map((ref, i) => [ref, units[i]!])) };
    },
    // The group object is new on every render; its fields say when it changed.
    [api, catalogApi, group.by, group.key, grain, view, from],
    300_000,
  );

  if (!data.value && !data.error) {
    return <Progress aria-label={`Loading the services of ${name}`} />;
  }
  if (!data.value) {
    return (
      <LoadFailure
        what={`the cost of the services of ${name}`}
        error={data.error!}
        onRetry={data.retry}
      />
    );
  }
  const rows: ServiceCostRow[] = data.value.items
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
  const title = `Services of ${name}, ${formatPeriod(date)}`;
  return (
    <section aria-label={`Services of ${name}`}>
      <div style={{ display: 'flex', alignItems: 'center', marginTop: 24 }}>
        <Typography variant="h6" component="h2" style={{ flexGrow: 1 }}>
          {title}
        </Typography>
        <Button
          variant="outlined"
          size="small"
          aria-label={`Export the services of ${name} as CSV`}
          onClick={() =>
            downloadText(`headroom-cost-${name}-${date}-${view}.csv`, servicesCsv(rows))
          }
        >
          Export CSV
        </Button>
      </div>
      {data.error && (
        <LoadFailure
          what={`the cost of the services of ${name}`}
          error={data.error}
          loadedAt={data.loadedAt}
          onRetry={data.retry}
        />
      )}
      {rows.length === 0 ? (
        <Typography variant="body2">
          No cost was attributed to services of {name} in {formatPeriod(date)}.
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
