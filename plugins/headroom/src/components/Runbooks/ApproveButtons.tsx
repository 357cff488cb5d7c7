import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import React, { useState } from 'react';
import { headroomApiRef, type RunbookRun } from '../../api';
import { describeLoadFailure } from '../Cost/LoadFailure';
import { actionsAwaitingApproval } from './runbookText';

function ApproveButton(props: { run: RunbookRun; action: string; onApproved: () => void }) {
  const api = useApi(headroomApiRef);
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const approve = () => {
    setState({ busy: true });
    api.approveRunbookAction(props.run.id, props.action).then(
      () => {
        setState({ busy: false });
        props.onApproved();
      },
      (error: Error) =>
        setState({
          busy: false,
          error: describeLoadFailure(`the approval of ${props.action}`, error).title,
        }),
    );
  };
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        color="primary"
        disabled={state.busy}
        onClick={approve}
      >
        Approve {props.action}
      </Button>
      {state.error && (
        <Typography variant="body2" color="error" role="alert">
          {state.error}
        </Typography>
      )}
    </>
  );
}

/**
 * An Approve button for each risky action the run waits on and nobody approved yet. The
 * backend checks the approver owns the service; the waiting run reads the approval and goes on.
 */
export function ApproveButtons(props: { run: RunbookRun; onApproved: () => void }) {
  return (
    <>
      {actionsAwaitingApproval(props.run).map(action => (
        <ApproveButton key={action} run={props.run} action={action} onApproved={props.onApproved} />
      ))}
    </>
  );
}
