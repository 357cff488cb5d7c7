import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import React from 'react';
import type { SloPreview } from '../../api';
import {
  formatBurnRate,
  formatPercent,
  formatTime,
  formatTimeToExhaustion,
} from '../../lib/format';
import { AlertStateChip } from '../AlertStateChip';
import { Sparkline } from '../charts/Sparkline';
import { useEditorStyles } from './styles';
import type { PreviewState } from './useSloRequests';

/** What the definition measures now, as the backend evaluated it; nothing is stored. */
export function PreviewNumbers(props: { preview: SloPreview }) {
  const { preview } = props;
  const classes = useEditorStyles();
  return (
    <>
      <Typography variant="body2" color="textSecondary">
        Evaluated at{' '}
        <span data-testid="slo-preview-evaluated">{formatTime(preview.evaluatedAt)}</span> with the
        definition above; nothing is saved.
      </Typography>
      <dl className={classes.numbers}>
        <dt>SLI</dt>
        <dd data-testid="slo-preview-sli">{formatPercent(preview.sli, 3)}</dd>
        <dt>Budget remaining</dt>
        <dd data-testid="slo-preview-budget">{formatPercent(preview.budgetRemaining, 1)}</dd>
        <dt>Time to exhaustion</dt>
        <dd data-testid="slo-preview-exhaustion">
          {formatTimeToExhaustion(preview.timeToExhaustionSeconds, preview.budgetRemaining)}
        </dd>
        {preview.burnRates.map(b => (
          <React.Fragment key={b.window}>
            <dt>Burn rate over {b.window}</dt>
            <dd data-testid={`slo-preview-burn-${b.window}`}>{formatBurnRate(b.rate)}</dd>
          </React.Fragment>
        ))}
        <dt>Alert</dt>
        <dd>
          <AlertStateChip state={preview.alertState} testId="slo-preview-alert" />
        </dd>
      </dl>
      <Sparkline
        width={320}
        height={60}
        points={preview.burndown.map(p => ({ t: p.t * 1000, value: p.remaining }))}
        label="Budget burndown through the window with this definition"
      />
    </>
  );
}

/** The preview on recent data while it loads, its error, or its numbers; nothing when idle. */
export function PreviewPanel(props: { preview: PreviewState }) {
  const { preview } = props;
  const classes = useEditorStyles();
  if (preview.kind === 'idle') return null;
  return (
    <Paper className={classes.paper} aria-live="polite" data-testid="slo-editor-preview">
      <Typography variant="h6" component="h3">
        Preview on recent data
      </Typography>
      {preview.kind === 'loading' && <Typography variant="body2">Evaluating…</Typography>}
      {preview.kind === 'error' && (
        <div role="alert" data-testid="slo-editor-preview-error">
          <Typography variant="subtitle2" color="error">
            {preview.title}
          </Typography>
          <Typography variant="body2">{preview.message}</Typography>
        </div>
      )}
      {preview.kind === 'done' && <PreviewNumbers preview={preview.preview} />}
    </Paper>
  );
}
