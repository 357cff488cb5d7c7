import { MarkdownContent, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import React, { useEffect, useState } from 'react';
import { headroomApiRef, type Incident } from '../../api';
import { LoadFailure } from '../Cost/LoadFailure';

/**
 * A button that opens the postmortem draft the backend writes from the incident's timeline
 * (Markdown), to read or copy into the team's postmortem document.
 */
export function PostmortemButton(props: { incident: Incident }) {
  const api = useApi(headroomApiRef);
  const { incident } = props;
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<{ markdown?: string; error?: Error }>({});
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!open) return undefined;
    let cancelled = false;
    setState({});
    api.getIncidentPostmortem(incident.id).then(
      markdown => !cancelled && setState({ markdown }),
      (error: Error) => !cancelled && setState({ error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, incident.id, open, attempt]);
  const title = `Postmortem draft: ${incident.service} ${incident.severity}`;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        Postmortem draft
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="md" fullWidth aria-label={title}>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent dividers>
          {state.error && (
            <LoadFailure
              what={`the postmortem draft of incident ${incident.id}`}
              error={state.error}
              onRetry={() => setAttempt(a => a + 1)}
            />
          )}
          {!state.error && state.markdown === undefined && (
            <Progress aria-label="Loading the postmortem draft" />
          )}
          {state.markdown !== undefined && <MarkdownContent content={state.markdown} />}
        </DialogContent>
        <DialogActions>
          {state.markdown !== undefined && (
            <Button onClick={() => navigator.clipboard?.writeText(state.markdown!)}>
              Copy Markdown
            </Button>
          )}
          <Button onClick={() => setOpen(false)}>Close</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
