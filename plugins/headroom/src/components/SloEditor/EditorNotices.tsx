import type { SloWithStatus } from '@headroom/plugin-headroom-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import React from 'react';
import { formatTime } from '../../lib/format';
import type { SloFormValues } from '../../lib/sloForm';
import { changedFieldLabels } from './editorModel';
import { useEditorStyles } from './styles';
import type { SaveState } from './useSloRequests';

/** Why the definition cannot be edited here. */
export function ReadOnlyNotice(props: { reason: string }) {
  const classes = useEditorStyles();
  return (
    <div className={classes.notice} role="note" data-testid="slo-editor-readonly">
      <Typography variant="body2">
        <strong>Read-only.</strong> {props.reason}
      </Typography>
    </div>
  );
}

/** Which stored version the editor opened, and who saved it. */
export function StoredVersion(props: { slo: SloWithStatus }) {
  const { slo } = props;
  return (
    <Typography variant="body2" color="textSecondary" paragraph data-testid="slo-editor-version">
      Version {slo.version}, saved at {formatTime(slo.updatedAt)} by {slo.updatedBy}.
    </Typography>
  );
}

/** Someone else saved first: what they changed, and the two ways on. */
function ConflictNotice(props: {
  theirs: SloWithStatus;
  theirValues?: SloFormValues;
  mine: SloFormValues;
  baseVersion?: number;
  onLoadTheirs: () => void;
  onSaveMine: () => void;
}) {
  const { theirs, theirValues, mine, baseVersion, onLoadTheirs, onSaveMine } = props;
  const classes = useEditorStyles();
  return (
    <div className={classes.conflict} role="alert" data-testid="slo-editor-conflict">
      <Typography variant="subtitle2">Someone else saved this SLO first</Typography>
      <Typography variant="body2">
        {theirs.updatedBy} saved version {theirs.version} at {formatTime(theirs.updatedAt)}, after
        the version {baseVersion} you started from.
        {theirValues && ` Fields that differ from yours: ${changedFieldLabels(mine, theirValues)}.`}
      </Typography>
      <div className={classes.actions}>
        <Button variant="outlined" onClick={onLoadTheirs}>
          Load their version (discard my changes)
        </Button>
        <Button variant="contained" color="primary" onClick={onSaveMine}>
          Save mine over theirs
        </Button>
      </div>
    </div>
  );
}

/** The outcome of the last save: saved, refused, or a conflict to resolve. */
export function SaveOutcome(props: {
  save: SaveState;
  mine: SloFormValues;
  theirValues?: SloFormValues;
  baseVersion?: number;
  onLoadTheirs: (theirs: SloWithStatus) => void;
  onSaveOver: (theirs: SloWithStatus) => void;
}) {
  const { save, mine, theirValues, baseVersion, onLoadTheirs, onSaveOver } = props;
  const classes = useEditorStyles();
  switch (save.kind) {
    case 'saved':
      return (
        <div className={classes.notice} role="status" data-testid="slo-editor-saved">
          <Typography variant="body2">
            Saved as version {save.slo.version} at {formatTime(save.slo.updatedAt)} by{' '}
            {save.slo.updatedBy}.
          </Typography>
        </div>
      );
    case 'error':
      return (
        <div className={classes.errorBox} role="alert" data-testid="slo-editor-error">
          <Typography variant="subtitle2">{save.title}</Typography>
          <Typography variant="body2">{save.message}</Typography>
        </div>
      );
    case 'conflict':
      return (
        <ConflictNotice
          theirs={save.theirs}
          theirValues={theirValues}
          mine={mine}
          baseVersion={baseVersion}
          onLoadTheirs={() => onLoadTheirs(save.theirs)}
          onSaveMine={() => onSaveOver(save.theirs)}
        />
      );
    default:
      return null;
  }
}
