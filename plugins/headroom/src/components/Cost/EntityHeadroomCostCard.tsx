import { stringifyEntityRef } from '@backstage/catalog-model';
import { CodeSnippet, EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  CostDriversResponse,
  CostGrain,
  CostView,
  EntityPeriodCost,
  UnitCostResponse,
} from '@headroom/plugin-headroom-common';
import Typography from '@material-ui/core/Typography';
import React, { useState } from 'react';
import { headroomApiRef, type HeadroomApi } from '../../api';
import { formatChange, formatMoney, formatPeriod } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';
import { CostBars } from './CostBars';
import { CostDriversTable } from './CostDriversTable';
import { CostToggles } from './CostToggles';
import { costRangeStart, dataStart, isCurrentPeriod } from './costRange';
import { LoadFailure } from './LoadFailure';
import { UnitCostSummary } from './UnitCostSummary';

/** Drivers listed on the card. */
export const TOP_DRIVERS = 5;

interface EntityCost {
  grain: CostGrain;
  view: CostView;
  from: string;
  items: EntityPeriodCost[];
  drivers?: CostDriversResponse;
  driversError?: Error;
  unitCost?: UnitCostResponse;
  unitCostError?: Error;
}

/** A side request whose failure is shown next to its own section, not instead of the card. */
async function settle<T>(p: Promise<T>): Promise<{ value?: T; error?: Error }> {
  try {
    return { value: await p };
  } catch (e) {
    return { error: e instanceof Error ? e : new Error(String(e)) };
  }
}

async function loadEntityCost(
  api: HeadroomApi,
  entityRef: string,
  grain: CostGrain,
  view: CostView,
): Promise<EntityCost> {
  const from = costRangeStart(grain, new Date());
  const [cost, drivers, unitCost] = await Promise.all([
    api.getEntityCost(entityRef, { grain, view, from }),
    settle(api.getEntityCostDrivers(entityRef, { view, from, limit: TOP_DRIVERS })),
    settle(api.getEntityUnitCost(entityRef, { grain, view, from })),
  ]);
  const items = [...cost.items].sort((a, b) => a.period - b.period);
  return {
    grain,
    view,
    from,
    items,
    drivers: drivers.value,
    driversError: drivers.error,
    unitCost: unitCost.value,
    unitCostError: unitCost.error,
  };
}

function ChangeText(props: { item: EntityPeriodCost; grain: CostGrain }) {
  const { item, grain } = props;
  const before = item.partial
    ? `the same ${item.partial.days} ${item.partial.days === 1 ? 'day' : 'days'} of the month before`
    : grain === 'month'
      ? 'the month before'
      : 'the day before';
  if (item.previous === null) return <>no data for {before}</>;
  if (item.changeRatio === null) {
    return (
      <>
        {formatMoney(item.change, item.currency, { signed: true })} from nothing {before}
      </>
    );
  }
  return (
    <>
      {formatChange(item.changeRatio)} ({formatMoney(item.change, item.currency, { signed: true })})
      vs {before}
    </>
  );
}

function NoCost(props: { name: string; from: string }) {
  return (
    <EmptyState
      missing="data"
      title={`No cost attributed to ${props.name}`}
      description={`No billing rows since ${formatPeriod(props.from)} were attributed to ${props.name}. Tag its cloud resources with service=${props.name}, or list the tags of its resources in the headroom.dev/cost-tags annotation:`}
      action={
        <CodeSnippet
          language="yaml"
          text={`metadata:\n  annotations:\n    headroom.dev/cost-tags: "team=payments,app=${props.name}"`}
          showCopyCodeButton
        />
      }
    />
  );
}

/**
 * The cost card of an entity page: cost per month or day (billed or effective), the change from
 * the period before, the unit cost against its line of business's band, and the top drivers.
 */
export function EntityHeadroomCostCard() {
  const { entity } = useEntity();
  const api = useApi(headroomApiRef);
  const entityRef = stringifyEntityRef(entity);
  const name = entity.metadata.title ?? entity.metadata.name;
  const [grain, setGrain] = useState<CostGrain>('month');
  const [view, setView] = useState<CostView>('effective');
  const data = usePolled(
    () => loadEntityCost(api, entityRef, grain, view),
    [api, entityRef, grain, view],
    300_000,
  );
  // Until the answer for a new grain or view arrives, the old one would be mislabelled.
  const value = data.value?.grain === grain && data.value.view === view ? data.value : undefined;

  let content: React.ReactNode;
  if (!value && (!data.error || data.loading)) {
    content = <Progress aria-label="Loading cost" />;
  } else if (!value) {
    content = <LoadFailure what={`the cost of ${name}`} error={data.error!} onRetry={data.retry} />;
  } else if (value.items.length === 0) {
    content = <NoCost name={name} from={value.from} />;
  } else {
    const currencies = [...new Set(value.items.map(i => i.currency))];
    const now = new Date();
    content = (
      <>
        {data.error && (
          <LoadFailure
            what={`the cost of ${name}`}
            error={data.error}
            loadedAt={data.loadedAt}
            onRetry={data.retry}
          />
        )}
        {currencies.map(currency => {
          const series = value.items.filter(i => i.currency === currency);
          const latest = series[series.length - 1]!;
          return (
            <section key={currency} aria-label={`Cost in ${currency}`}>
              <Typography variant="body2" color="textSecondary">
                {formatPeriod(latest.date)}
                {isCurrentPeriod(latest.date, grain, now) ? ' so far' : ''}
              </Typography>
              <Typography variant="h5" component="p" data-testid={`cost-latest-${currency}`}>
                {formatMoney(latest.cost, currency)}
              </Typography>
              <Typography variant="body2" data-testid={`cost-change-${currency}`}>
                <ChangeText item={latest} grain={grain} />
              </Typography>
              <CostBars
                items={series}
                label={`${view === 'billed' ? 'Billed' : 'Effective'} cost of ${name} per ${grain}`}
              />
              <UnitCostSummary
                response={value.unitCost}
                error={value.unitCostError}
                entityName={name}
                currency={currency}
              />
            </section>
          );
        })}
        <CostDriversTable
          response={value.drivers}
          error={value.driversError}
          entityName={name}
          rangeText={`since ${formatPeriod(dataStart(value.from, value.items))}`}
        />
      </>
    );
  }
  return (
    <InfoCard
      title="Cost"
      subheader={
        view === 'billed'
          ? 'Billed: as invoiced'
          : 'Effective: commitments amortised over their use, credits applied'
      }
    >
      <CostToggles grain={grain} view={view} onGrain={setGrain} onView={setView} />
      {content}
    </InfoCard>
  );
}
