import Typography from '@material-ui/core/Typography';
import React from 'react';
import type { Incident, MttxTarget } from '../../api';
import { formatTime } from '../../lib/format';
import { timelineSteps } from './incidentText';

/** The steps of an incident, each with its time (or "not yet") and the measure it ends. */
export function IncidentTimeline(props: { incident: Incident; target?: MttxTarget }) {
  const steps = timelineSteps(props.incident, props.target);
  return (
    <ol aria-label={`Timeline of incident ${props.incident.id}`} style={{ margin: 0 }}>
      {steps.map(s => (
        <li key={s.label} data-testid={`step-${props.incident.id}-${s.label}`}>
          <Typography variant="body2" component="span">
            {s.label}: {s.at ? formatTime(s.at) : 'not yet'}
            {s.at && s.note ? ` (${s.note})` : ''}
          </Typography>
        </li>
      ))}
    </ol>
  );
}
