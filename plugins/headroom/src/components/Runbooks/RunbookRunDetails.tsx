import Typography from '@material-ui/core/Typography';
import React from 'react';
import type { RunbookRun } from '../../api';
import { formatTime } from '../../lib/format';
import { durationText } from '../Incidents/incidentText';
import { isoOf, resultText } from './runbookText';

/**
 * One runbook run as people read it in the audit log: what triggered it, each diagnosis step's
 * finding, each chosen action with the guardrail's decision and its outcome, who approved a
 * risky action and when, and the result.
 */
export function RunbookRunDetails(props: { run: RunbookRun }) {
  const { run } = props;
  const r = run.record;
  return (
    <div aria-label={`Runbook run ${run.id}`} data-testid={`runbook-run-${run.id}`}>
      <Typography variant="body2">
        <strong>{r.runbook}</strong> ({r.mode}) triggered by {r.trigger.by} at{' '}
        {formatTime(isoOf(r.startedAt))}: {resultText(run)}. {r.summary}
      </Typography>
      <Typography variant="caption" component="div">
        Detected in {durationText(r.times.ttdSeconds)}, recovered in{' '}
        {durationText(r.times.ttrSeconds)}
      </Typography>
      <ul aria-label={`Diagnosis of run ${run.id}`} style={{ margin: 0 }}>
        {r.findings.map(f => (
          <li key={f.step} data-testid={`finding-${run.id}-${f.step}`}>
            <Typography variant="body2" component="span">
              {f.step}: {f.holds ? 'found' : 'not found'} — {f.error ?? f.detail}
            </Typography>
          </li>
        ))}
      </ul>
      <ul aria-label={`Actions of run ${run.id}`} style={{ margin: 0 }}>
        {r.actions.map(a => (
          <li key={a.action} data-testid={`action-${run.id}-${a.action}`}>
            <Typography variant="body2" component="span">
              {a.action} ({a.type}): {a.outcome}
              {a.verification ? `, ${a.verification.verdict}` : ''} — {a.decision.reason}
            </Typography>
          </li>
        ))}
      </ul>
      {run.approvals.map(a => (
        <Typography key={a.action} variant="body2" data-testid={`approval-${run.id}-${a.action}`}>
          {a.action} approved by {a.by} at {formatTime(a.at)}
        </Typography>
      ))}
      {r.escalation && (
        <Typography variant="body2" color="error">
          Escalated: {r.escalation.reason}
        </Typography>
      )}
    </div>
  );
}
