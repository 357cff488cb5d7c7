import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import React from 'react';
import type { SloFormField, SloFormValues } from '../../lib/sloForm';
import { FIELD_LABELS } from './editorModel';
import { useEditorStyles } from './styles';
import type { SloDraft } from './useSloDraft';

type TextFormField = Exclude<SloFormField, 'form' | 'indicatorKind' | 'page' | 'ticket' | 'labels'>;

/** One text field of the form, showing its error in place of its help. */
function FormTextField(props: {
  field: TextFormField;
  help: string;
  draft: SloDraft;
  readOnly: boolean;
  extra?: Partial<React.ComponentProps<typeof TextField>>;
}) {
  const { field, help, draft, readOnly, extra = {} } = props;
  const error = draft.errorAt(field);
  return (
    <TextField
      id={`slo-editor-${field}`}
      label={FIELD_LABELS[field]}
      value={draft.values[field]}
      onChange={e => draft.updateForm({ [field]: e.target.value } as Partial<SloFormValues>, field)}
      onBlur={() => draft.touch(field)}
      error={Boolean(error)}
      helperText={error ?? help}
      disabled={readOnly}
      fullWidth
      margin="dense"
      variant="outlined"
      {...extra}
    />
  );
}

/** The SLO as a form, with its Save/Create, Preview and Cancel buttons. */
export function SloFormSection(props: {
  draft: SloDraft;
  readOnly: boolean;
  /** A stored SLO: its name is fixed and the button says Save. */
  isStored: boolean;
  saving: boolean;
  previewing: boolean;
  onSave: () => void;
  onPreview: () => void;
  onCancel?: () => void;
}) {
  const { draft, readOnly, isStored, saving, previewing, onSave, onPreview, onCancel } = props;
  const { values, updateForm } = draft;
  const classes = useEditorStyles();
  const text = (
    field: TextFormField,
    help: string,
    extra?: Partial<React.ComponentProps<typeof TextField>>,
  ) => <FormTextField field={field} help={help} draft={draft} readOnly={readOnly} extra={extra} />;
  const formError = draft.errorAt('form');
  const alertError = draft.errorAt('page');

  return (
    <Paper className={classes.paper}>
      <form
        aria-label="SLO form"
        // The browser's own bubbles would hide the messages shown at each field.
        noValidate
        onSubmit={e => {
          e.preventDefault();
          if (!readOnly) onSave();
        }}
      >
        <Typography variant="h6" component="h3">
          Form
        </Typography>
        {text('name', 'Lower-case letters, digits and dashes; unique on this entity', {
          disabled: readOnly || isStored,
          required: true,
        })}
        {text('displayName', 'Shown on cards and dashboards')}
        {text('description', 'What the SLO promises, in a sentence', { multiline: true })}
        <Grid container spacing={1}>
          <Grid item xs={6}>
            {text('objectivePercent', 'Share of good events, e.g. 99.9', { required: true })}
          </Grid>
          <Grid item xs={6}>
            {text('window', 'Rolling window: 30d, 4w, 12h', { required: true })}
          </Grid>
        </Grid>
        <FormControl component="fieldset" margin="dense" disabled={readOnly}>
          <FormLabel component="legend">The events counter counts</FormLabel>
          <RadioGroup
            row
            aria-label="The events counter counts"
            value={values.indicatorKind}
            onChange={e =>
              updateForm({ indicatorKind: e.target.value as 'bad' | 'good' }, 'indicatorKind')
            }
          >
            <FormControlLabel value="bad" control={<Radio />} label="bad events (errors)" />
            <FormControlLabel value="good" control={<Radio />} label="good events" />
          </RadioGroup>
        </FormControl>
        {text('eventsQuery', 'Prometheus counter selector, e.g. http_requests_total{code=~"5.."}', {
          required: true,
        })}
        {text('totalQuery', 'Counter selector of all events', { required: true })}
        <FormControl
          component="fieldset"
          margin="dense"
          disabled={readOnly}
          error={Boolean(alertError)}
        >
          <FormLabel component="legend">Burn-rate alerts</FormLabel>
          <FormGroup row>
            <FormControlLabel
              control={
                <Checkbox
                  checked={values.page}
                  onChange={e => updateForm({ page: e.target.checked }, 'page')}
                />
              }
              label="Page (fast burn)"
            />
            <FormControlLabel
              control={
                <Checkbox
                  checked={values.ticket}
                  onChange={e => updateForm({ ticket: e.target.checked }, 'ticket')}
                />
              }
              label="Ticket (slow burn)"
            />
          </FormGroup>
          {alertError && <FormHelperText>{alertError}</FormHelperText>}
        </FormControl>
        {text('evaluationIntervalSeconds', 'Empty for the backend default', {
          inputProps: { inputMode: 'numeric' },
        })}
        {formError && (
          <FormHelperText error role="alert">
            {formError}
          </FormHelperText>
        )}
        {!readOnly && (
          <div className={classes.actions}>
            <Button type="submit" variant="contained" color="primary" disabled={saving}>
              {saving ? 'Saving…' : isStored ? 'Save' : 'Create'}
            </Button>
            <Button variant="outlined" onClick={onPreview} disabled={previewing}>
              Preview on recent data
            </Button>
            {onCancel && <Button onClick={onCancel}>Cancel</Button>}
          </div>
        )}
        {readOnly && onCancel && (
          <div className={classes.actions}>
            <Button onClick={onCancel}>Back</Button>
          </div>
        )}
      </form>
    </Paper>
  );
}
