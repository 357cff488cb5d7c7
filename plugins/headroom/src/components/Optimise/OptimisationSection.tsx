import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  OPEN_OPTIMISATION_STATUSES,
  type CostAnomaly,
  type OptimisationRecommendation,
} from '@headroom/plugin-headroom-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import React from 'react';
import { headroomApiRef } from '../../api';
import { formatMoney, formatMoneyNumber, formatQuantity, formatTime } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';
import { costRangeStart, DAYS_SHOWN } from '../Cost/costRange';
import { LoadFailure } from '../Cost/LoadFailure';
import { formatAllocation } from './allocation';

export type OptimisationScope = { entityRef: string; name: string } | { lineOfBusiness: string };

const scopeName = (s: OptimisationScope) => ('entityRef' in s ? s.name : s.lineOfBusiness);

const ACTION: Record<OptimisationRecommendation['action'], string> = {
  reduce: 'Scale down',
  increase: 'Scale up',
  resize: 'Resize',
  hold: 'Hold',
};

function Heading(props: { children: React.ReactNode }) {
  return (
    <Typography variant="subtitle2" component="h3" style={{ marginTop: 16 }}>
      {props.children}
    </Typography>
  );
}

/** An increase (a negative saving) buys back headroom: a risk to fix, never a saving. */
export function costsMore(r: OptimisationRecommendation): boolean {
  return r.expectedMonthlySaving.trim().startsWith('-');
}

function OpenRecommendations(props: {
  items: OptimisationRecommendation[];
  perService: boolean;
  risks?: boolean;
}) {
  const { items, perService, risks } = props;
  if (items.length === 0) {
    return <Typography variant="body2">No open recommendations.</Typography>;
  }
  return (
    <Table size="small" aria-label={risks ? 'Capacity to add' : 'Open recommendations'}>
      <TableHead>
        <TableRow>
          {perService && <TableCell>Service</TableCell>}
          <TableCell>Change</TableCell>
          <TableCell>Current</TableCell>
          <TableCell>Recommended</TableCell>
          <TableCell align="right">{risks ? 'Costs a month more' : 'Saving a month'}</TableCell>
          <TableCell>Risk</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(r => (
          <TableRow key={r.id} data-testid={`recommendation-${r.id}`}>
            {perService && (
              <TableCell>
                <EntityRefLink entityRef={r.entityRef} />
              </TableCell>
            )}
            <TableCell>
              {ACTION[r.action]} ({r.loadClass}) {r.resource}
            </TableCell>
            <TableCell>{formatAllocation(r.current)}</TableCell>
            <TableCell>{formatAllocation(r.recommended)}</TableCell>
            <TableCell align="right">
              {formatMoney(r.expectedMonthlySaving.trim().replace(/^-/, ''), r.currency)}
            </TableCell>
            <TableCell title={r.risk.reasons.join('; ')}>{r.risk.level}</TableCell>
            <TableCell>{r.status}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Cost in money to the cent; a unit cost (a small fraction) to four significant digits. */
function anomalyAmount(a: CostAnomaly, value: number): string {
  if (a.series === 'cost') return formatMoneyNumber(value, a.currency);
  return `${formatQuantity(value)}${a.currency ? ` ${a.currency}` : ''}`;
}

function Anomalies(props: { items: CostAnomaly[]; perService: boolean }) {
  const { items, perService } = props;
  if (items.length === 0) {
    return (
      <Typography variant="body2">No cost anomalies in the last {DAYS_SHOWN} days.</Typography>
    );
  }
  return (
    <Table size="small" aria-label="Cost anomalies">
      <TableHead>
        <TableRow>
          {perService && <TableCell>Service</TableCell>}
          <TableCell>When</TableCell>
          <TableCell>Series</TableCell>
          <TableCell align="right">Value</TableCell>
          <TableCell align="right">Usually</TableCell>
          <TableCell align="right">Score</TableCell>
          <TableCell>What</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {[...items]
          .sort((a, b) => b.time - a.time)
          .map(a => (
            <TableRow key={a.id} data-testid={`anomaly-${a.id}`}>
              {perService && (
                <TableCell>
                  <EntityRefLink entityRef={a.entityRef} />
                </TableCell>
              )}
              <TableCell>{formatTime(a.at)}</TableCell>
              <TableCell>{a.series}</TableCell>
              <TableCell align="right">{anomalyAmount(a, a.value)}</TableCell>
              <TableCell align="right">{anomalyAmount(a, a.expected)}</TableCell>
              <TableCell align="right">{a.score.toFixed(2)}</TableCell>
              <TableCell>{a.text}</TableCell>
            </TableRow>
          ))}
      </TableBody>
    </Table>
  );
}

/**
 * Optimisation of an entity or a line of business: potential savings of open right-sizing
 * recommendations, savings realised by verified ones, and recent cost anomalies.
 */
export function OptimisationSection(props: { scope: OptimisationScope }) {
  const { scope } = props;
  const api = useApi(headroomApiRef);
  const key = 'entityRef' in scope ? `e:${scope.entityRef}` : `l:${scope.lineOfBusiness}`;
  const data = usePolled(
    async () => {
      const from = costRangeStart('day', new Date());
      return Promise.all([
        'entityRef' in scope
          ? api.listEntityRecommendations(scope.entityRef)
          : api.listLineOfBusinessRecommendations(scope.lineOfBusiness),
        api.listCostAnomalies(
          'entityRef' in scope
            ? { entityRef: scope.entityRef, from }
            : { lineOfBusiness: scope.lineOfBusiness, from },
        ),
      ]);
    },
    // The scope object is new on every render; its key says when it changed.
    [api, key],
    300_000,
  );
  const name = scopeName(scope);
  const perService = !('entityRef' in scope);
  if (!data.value && !data.error) {
    return <Progress aria-label={`Loading the optimisation of ${name}`} />;
  }
  if (!data.value) {
    return (
      <LoadFailure
        what={`the recommendations and anomalies of ${name}`}
        error={data.error!}
        onRetry={data.retry}
      />
    );
  }
  const [list, anomalies] = data.value;
  const allOpen = list.items.filter(r => OPEN_OPTIMISATION_STATUSES.includes(r.status));
  const open = allOpen.filter(r => !costsMore(r));
  const increases = allOpen.filter(costsMore);
  const verified = list.items.filter(r => r.realisedMonthlySaving !== null);
  const supplied = list.items.filter(r => r.suppliedMonthlySaving);
  return (
    <div aria-label={`Optimisation of ${name}`} role="region">
      {data.error && (
        <LoadFailure
          what={`the recommendations and anomalies of ${name}`}
          error={data.error}
          loadedAt={data.loadedAt}
          onRetry={data.retry}
        />
      )}
      {list.totals.map(t => {
        const openCount = OPEN_OPTIMISATION_STATUSES.reduce((n, s) => n + (t.count[s] ?? 0), 0);
        return (
          <Typography key={t.currency} variant="body1" data-testid={`savings-${t.currency}`}>
            Potential savings <strong>{formatMoney(t.potentialMonthlySaving, t.currency)}</strong> a
            month from {openCount} open {openCount === 1 ? 'recommendation' : 'recommendations'};
            realised <strong>{formatMoney(t.realisedMonthlySaving, t.currency)}</strong> a month
            from {t.count.verified ?? 0} verified.
          </Typography>
        );
      })}
      <Heading>Open recommendations</Heading>
      <OpenRecommendations items={open} perService={perService} />
      {verified.length > 0 && (
        <>
          <Heading>Realised savings</Heading>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {verified.map(r => (
              <li key={r.id} data-testid={`realised-${r.id}`}>
                <Typography variant="body2" component="span">
                  {perService ? `${r.entityRef} ` : ''}
                  {r.resource}: {formatMoney(r.realisedMonthlySaving, r.currency)} a month of{' '}
                  {formatMoney(r.expectedMonthlySaving, r.currency)} expected ({r.status})
                </Typography>
              </li>
            ))}
          </ul>
        </>
      )}
      {increases.length > 0 && (
        <>
          <Heading>Capacity to add (a risk to fix, not a saving)</Heading>
          <OpenRecommendations items={increases} perService={perService} risks />
        </>
      )}
      {supplied.length > 0 && (
        <>
          <Heading>Supplied figures (not measured, not counted as realised)</Heading>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {supplied.map(r => (
              <li key={r.id} data-testid={`supplied-${r.id}`}>
                <Typography variant="body2" component="span">
                  {perService ? `${r.entityRef} ` : ''}
                  {r.resource}: {formatMoney(r.suppliedMonthlySaving!, r.currency)} a month supplied
                  by a caller ({r.status})
                </Typography>
              </li>
            ))}
          </ul>
        </>
      )}
      <Heading>Cost anomalies</Heading>
      <Anomalies items={anomalies.items} perService={perService} />
    </div>
  );
}
