import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { CapacityVerdict, FitQuality } from '@headroom/core';
import React from 'react';
import type { CapacityAssessment } from '../../api';
import { formatMoneyNumber, formatPercent, formatQuantity, formatTime } from '../../lib/format';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.75),
    alignItems: 'baseline',
    margin: 0,
  },
  term: { color: theme.palette.text.secondary, fontSize: '0.875rem' },
  detail: { margin: 0, fontSize: '0.875rem' },
  big: { fontSize: '1.25rem', fontWeight: 600 },
  reasons: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(2.5) },
  over: { borderColor: theme.palette.warning.main, borderWidth: 2 },
  under: {
    background: theme.palette.error.main,
    color: theme.palette.error.contrastText,
    borderColor: theme.palette.error.main,
  },
  right: { borderColor: theme.palette.success.main, borderWidth: 2 },
  stale: { color: theme.palette.error.main, fontWeight: 600 },
}));

const VERDICT: Record<CapacityVerdict, string> = {
  'over-provisioned': 'Over-provisioned',
  'under-provisioned': 'Under-provisioned',
  'right-sized': 'Right-sized',
};

const QUALITY: Record<FitQuality, string> = {
  good: 'Good',
  poor: 'Poor',
  insufficient: 'Insufficient data',
};

/** Test ids name the resource, as a card may show CPU and memory. */
const UnitContext = React.createContext<string>('');

function Row(props: { term: string; testId: string; children: React.ReactNode }) {
  const classes = useStyles();
  const unit = React.useContext(UnitContext);
  return (
    <>
      <dt className={classes.term}>{props.term}</dt>
      <dd className={classes.detail} data-testid={`capacity-${unit}-${props.testId}`}>
        {props.children}
      </dd>
    </>
  );
}

function unitText(value: number, unit: string): string {
  return `${formatQuantity(value)} ${unit === 'cores' && value === 1 ? 'core' : unit}`;
}

/** One stored assessment: what to provision, against what is provisioned, and how sure it is. */
export function AssessmentSummary(props: { assessment: CapacityAssessment }) {
  const classes = useStyles();
  const a = props.assessment;
  const { recommendation: rec, result, inputs } = a;
  const capacity = result.capacity;
  const current = capacity.current;
  const cap = capacity.components.latencyUtilisationCap;
  const capped = cap !== null && cap < inputs.targetUtilisation;

  return (
    <UnitContext.Provider value={rec.unit}>
      <dl className={classes.grid}>
        <Row term="Recommended" testId="needed">
          <span className={classes.big}>{unitText(rec.needed, rec.unit)}</span>
          {rec.replicas !== null && rec.requestPerReplica !== null && (
            <span data-testid={`capacity-${rec.unit}-replicas`}>
              {' '}
              = {rec.replicas} {rec.replicas === 1 ? 'replica' : 'replicas'} ×{' '}
              {unitText(rec.requestPerReplica, rec.unit)}
            </span>
          )}
        </Row>
        {rec.monthlyCost !== null && (
          <Row term="Monthly cost" testId="monthly-cost">
            {formatMoneyNumber(rec.monthlyCost, rec.currency)}
          </Row>
        )}
        <Row term="Current requests" testId="current">
          {current ? (
            <>
              {unitText(current.provisioned, rec.unit)}{' '}
              <Chip
                size="small"
                variant="outlined"
                label={VERDICT[current.verdict]}
                className={
                  current.verdict === 'over-provisioned'
                    ? classes.over
                    : current.verdict === 'under-provisioned'
                      ? classes.under
                      : classes.right
                }
                data-testid={`capacity-${rec.unit}-verdict`}
              />{' '}
              {current.verdict !== 'right-sized' &&
                `${current.difference > 0 ? 'spare' : 'short'} ${unitText(Math.abs(current.difference), rec.unit)} (${formatPercent(current.relative, 0)})`}
              {current.monthlyCost !== null &&
                current.monthlyCost > 0 &&
                `, ${formatMoneyNumber(current.monthlyCost, rec.currency)} a month on spare`}
            </>
          ) : (
            'Not recorded with this assessment: no verdict against current requests.'
          )}
        </Row>
        <Row term={`Forecast peak of ${inputs.driver}`} testId="forecast">
          {formatQuantity(result.driverPeakAtHorizon)} in {inputs.horizonMonths}{' '}
          {inputs.horizonMonths === 1 ? 'month' : 'months'} (upper band{' '}
          {formatQuantity(result.driverUpperAtHorizon)}; now {formatQuantity(result.driverPeakNow)})
        </Row>
        <Row term="Utilisation at the peak" testId="utilisation">
          {formatPercent(capacity.components.utilisation, 1)}
          {capped
            ? `: the latency objective caps it below the ${formatPercent(inputs.targetUtilisation, 0)} target`
            : ' (the target)'}
        </Row>
        <Row term="Model quality" testId="quality">
          {QUALITY[capacity.quality]}
          {capacity.reasons.length > 0 && (
            <ul className={classes.reasons}>
              {capacity.reasons.map(r => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
          {capacity.explanation.length > 0 && (
            <details>
              <summary>How the recommendation was computed</summary>
              <ol className={classes.reasons}>
                {capacity.explanation.map(r => (
                  <li key={r}>{r}</li>
                ))}
              </ol>
            </details>
          )}
        </Row>
        <Row term="Assessed" testId="assessed">
          Version {a.version}, {formatTime(a.assessedAt)} by {a.assessedBy}.{' '}
          {a.stale ? (
            <span className={classes.stale}>Stale since {formatTime(a.staleAt)}: reassess.</span>
          ) : (
            `Current until ${formatTime(a.staleAt)}.`
          )}
        </Row>
        <Row term="Approval" testId="approval">
          {a.approvedAt
            ? `Approved by ${a.approvedBy} on ${formatTime(a.approvedAt)}`
            : 'Not approved yet'}
        </Row>
        {a.note && (
          <Row term="Note" testId="note">
            <Typography variant="body2" component="span">
              {a.note}
            </Typography>
          </Row>
        )}
      </dl>
    </UnitContext.Provider>
  );
}
