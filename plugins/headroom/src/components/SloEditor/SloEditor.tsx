import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { SloIssue } from '@headroom/core';
import type { SloInput, SloWithStatus } from '@headroom/plugin-headroom-common';
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
import { makeStyles } from '@material-ui/core/styles';
import React, { useMemo, useRef, useState } from 'react';
import { headroomApiRef, type SloPreview } from '../../api';
import {
  formatBurnRate,
  formatPercent,
  formatTime,
  formatTimeToExhaustion,
} from '../../lib/format';
import {
  emptyForm,
  type FieldErrors,
  formFromRecord,
  formToYaml,
  hasErrors,
  type SloFormField,
  type SloFormValues,
  validateForm,
  yamlToForm,
} from '../../lib/sloForm';
import { AlertStateChip } from '../AlertStateChip';
import { Sparkline } from '../charts/Sparkline';

const useStyles = makeStyles(theme => ({
  paper: { padding: theme.spacing(2), marginBottom: theme.spacing(2) },
  yaml: { fontFamily: 'monospace', fontSize: '0.85rem' },
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
    flexWrap: 'wrap',
  },
  notice: {
    padding: theme.spacing(1.5),
    marginBottom: theme.spacing(2),
    borderLeft: `4px solid ${theme.palette.info.main}`,
    background: theme.palette.background.default,
  },
  errorBox: {
    padding: theme.spacing(1.5),
    marginBottom: theme.spacing(2),
    borderLeft: `4px solid ${theme.palette.error.main}`,
    background: theme.palette.background.default,
  },
  conflict: {
    padding: theme.spacing(1.5),
    marginBottom: theme.spacing(2),
    borderLeft: `4px solid ${theme.palette.warning.main}`,
    background: theme.palette.background.default,
  },
  issues: { margin: 0, paddingLeft: theme.spacing(2.5) },
  numbers: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(1, 0),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, fontVariantNumeric: 'tabular-nums' },
  },
}));

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; slo: SloWithStatus }
  | { kind: 'conflict'; theirs: SloWithStatus }
  | { kind: 'error'; title: string; message: string };

type PreviewState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; preview: SloPreview }
  | { kind: 'error'; title: string; message: string };

const FIELD_LABELS: Record<SloFormField, string> = {
  name: 'Name',
  displayName: 'Display name',
  description: 'Description',
  objectivePercent: 'Objective (%)',
  window: 'Window',
  indicatorKind: 'Counts',
  eventsQuery: 'Events counter',
  totalQuery: 'Total counter',
  page: 'Page alerts',
  ticket: 'Ticket alerts',
  evaluationIntervalSeconds: 'Evaluation interval (s)',
  labels: 'Labels',
  form: 'Definition',
};

function responseMessage(e: unknown): { status?: number; message: string } {
  if (e instanceof ResponseError || (e as Error)?.name === 'ResponseError') {
    const r = e as ResponseError;
    return { status: r.response?.status, message: r.body?.error?.message ?? r.message };
  }
  return { message: e instanceof Error ? e.message : String(e) };
}

/** What a failed preview means for the person editing. */
function previewError(e: unknown): { title: string; message: string } {
  const { status, message } = responseMessage(e);
  switch (status) {
    case 503:
      return { title: 'Prometheus could not be queried', message };
    case 404:
      return {
        title: 'This backend does not offer previews',
        message: `${message}. Save to see the budget after the next evaluation.`,
      };
    case 403:
      return { title: 'You may not preview SLOs of this entity', message };
    case 400:
      return { title: 'The backend rejected the SLO', message };
    default:
      return { title: 'No preview', message };
  }
}

/** Fields whose values differ between two forms, for the conflict notice. */
function changedFields(a: SloFormValues, b: SloFormValues): SloFormField[] {
  return (Object.keys(a) as (keyof SloFormValues)[]).filter(
    k => JSON.stringify(a[k]) !== JSON.stringify(b[k]),
  );
}

/** What the definition measures now, as the backend evaluated it; nothing is stored. */
function PreviewNumbers(props: { preview: SloPreview }) {
  const { preview } = props;
  const classes = useStyles();
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

export interface SloEditorProps {
  entity: Entity;
  /** The SLO being edited; a new SLO when absent. */
  existing?: SloWithStatus;
  /** False shows the definition read-only, with `readOnlyReason`. */
  canEdit: boolean;
  readOnlyReason?: string;
  onSaved?: (slo: SloWithStatus) => void;
  onCancel?: () => void;
}

/**
 * Create or edit an SLO: a form and its OpenSLO YAML side by side, kept in sync and validated by
 * @headroom/core as the backend will; a preview of the budget on recent data; a conflict notice
 * when someone else saved first.
 */
export function SloEditor(props: SloEditorProps) {
  const { entity, existing, canEdit, readOnlyReason, onSaved, onCancel } = props;
  const classes = useStyles();
  const api = useApi(headroomApiRef);
  const entityRef = stringifyEntityRef(entity);
  const service = entity.metadata.name;

  const initial = useMemo(() => {
    if (!existing) return { values: emptyForm() };
    return formFromRecord(existing, service);
  }, [existing, service]);

  const [values, setValues] = useState<SloFormValues>(initial.values ?? emptyForm());
  const [yamlText, setYamlText] = useState<string>(() =>
    existing && !initial.values
      ? JSON.stringify(existing.definition, null, 2)
      : formToYaml(initial.values ?? emptyForm(), { service }),
  );
  const [yamlIssues, setYamlIssues] = useState<SloIssue[]>([]);
  const [yamlErrors, setYamlErrors] = useState<FieldErrors>({});
  const [touched, setTouched] = useState<Set<SloFormField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [baseVersion, setBaseVersion] = useState<number | undefined>(existing?.version);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [preview, setPreview] = useState<PreviewState>({ kind: 'idle' });
  // Each edit starts a new generation, so an answer to a preview of an older definition that
  // arrives after the edit is dropped instead of being shown as this definition's numbers.
  const previewGeneration = useRef(0);
  const clearPreview = () => {
    previewGeneration.current++;
    setPreview({ kind: 'idle' });
  };

  const readOnly = !canEdit || !initial.values;
  const validated = useMemo(() => validateForm(values, { service }), [values, service]);
  const errors: FieldErrors = hasErrors(yamlErrors) ? yamlErrors : validated.errors;
  const shown = (field: SloFormField): string | undefined => {
    const list = errors[field];
    if (!list || list.length === 0) return undefined;
    if (!submitted && !touched.has(field) && !hasErrors(yamlErrors)) return undefined;
    return list.join('; ');
  };

  const updateForm = (patch: Partial<SloFormValues>, field: SloFormField) => {
    const next = { ...values, ...patch };
    setValues(next);
    setTouched(t => new Set(t).add(field));
    setYamlText(formToYaml(next, { service }));
    setYamlIssues([]);
    setYamlErrors({});
    clearPreview();
  };

  const updateYaml = (text: string) => {
    setYamlText(text);
    clearPreview();
    const read = yamlToForm(text, {
      service,
      evaluationIntervalSeconds: values.evaluationIntervalSeconds,
    });
    setYamlIssues(read.issues);
    setYamlErrors(read.errors);
    if (read.values) {
      // A renamed document would be a different SLO: keep the stored name.
      setValues(existing ? { ...read.values, name: values.name } : read.values);
    }
  };

  const inputOrShowErrors = (): SloInput | undefined => {
    setSubmitted(true);
    if (hasErrors(errors) || !validated.slo) return undefined;
    return validated.input;
  };

  const runPreview = async () => {
    const input = inputOrShowErrors();
    if (!input) return;
    const generation = ++previewGeneration.current;
    setPreview({ kind: 'loading' });
    try {
      const result = await api.previewSlo(entityRef, input);
      if (generation === previewGeneration.current) setPreview({ kind: 'done', preview: result });
    } catch (e) {
      if (generation !== previewGeneration.current) return;
      setPreview({ kind: 'error', ...previewError(e) });
    }
  };

  const runSave = async (version?: number) => {
    const input = inputOrShowErrors();
    if (!input) return;
    setSave({ kind: 'saving' });
    try {
      const saved =
        existing && version !== undefined
          ? await api.updateSlo(entityRef, existing.name, version, input)
          : await api.createSlo(entityRef, input);
      setBaseVersion(saved.version);
      setSave({ kind: 'saved', slo: saved });
      onSaved?.(saved);
    } catch (e) {
      const { status, message } = responseMessage(e);
      if (status === 409 && existing) {
        try {
          const theirs = await api.getSlo(entityRef, existing.name);
          setSave({ kind: 'conflict', theirs });
        } catch (inner) {
          setSave({
            kind: 'error',
            title: 'Conflict',
            message: `${message}; ${responseMessage(inner).message}`,
          });
        }
      } else if (status === 409) {
        setSave({ kind: 'error', title: 'Name taken', message });
      } else if (status === 403) {
        setSave({ kind: 'error', title: 'Refused', message });
      } else if (status === 400) {
        setSave({ kind: 'error', title: 'The backend rejected the SLO', message });
      } else {
        setSave({ kind: 'error', title: 'Not saved', message });
      }
    }
  };

  const loadTheirs = (theirs: SloWithStatus) => {
    const read = formFromRecord(theirs, service);
    if (read.values) {
      setValues(read.values);
      setYamlText(formToYaml(read.values, { service }));
    }
    setYamlIssues([]);
    setYamlErrors({});
    setBaseVersion(theirs.version);
    setSave({ kind: 'idle' });
  };

  const text = (
    field: Exclude<SloFormField, 'form' | 'indicatorKind' | 'page' | 'ticket' | 'labels'>,
    help: string,
    extra: Partial<React.ComponentProps<typeof TextField>> = {},
  ) => {
    const error = shown(field);
    return (
      <TextField
        id={`slo-editor-${field}`}
        label={FIELD_LABELS[field]}
        value={values[field]}
        onChange={e => updateForm({ [field]: e.target.value } as Partial<SloFormValues>, field)}
        onBlur={() => setTouched(t => new Set(t).add(field))}
        error={Boolean(error)}
        helperText={error ?? help}
        disabled={readOnly}
        fullWidth
        margin="dense"
        variant="outlined"
        {...extra}
      />
    );
  };

  const formError = shown('form');
  const theirsValues =
    save.kind === 'conflict' ? formFromRecord(save.theirs, service).values : undefined;

  return (
    <div>
      {readOnly && (
        <div className={classes.notice} role="note" data-testid="slo-editor-readonly">
          <Typography variant="body2">
            <strong>Read-only.</strong>{' '}
            {!initial.values
              ? `The editor cannot show this SLO as a form: ${initial.unsupported}.`
              : (readOnlyReason ?? 'You may not edit these SLOs.')}
          </Typography>
        </div>
      )}
      {existing && (
        <Typography
          variant="body2"
          color="textSecondary"
          paragraph
          data-testid="slo-editor-version"
        >
          Version {existing.version}, saved at {formatTime(existing.updatedAt)} by{' '}
          {existing.updatedBy}.
        </Typography>
      )}
      {save.kind === 'saved' && (
        <div className={classes.notice} role="status" data-testid="slo-editor-saved">
          <Typography variant="body2">
            Saved as version {save.slo.version} at {formatTime(save.slo.updatedAt)} by{' '}
            {save.slo.updatedBy}.
          </Typography>
        </div>
      )}
      {save.kind === 'error' && (
        <div className={classes.errorBox} role="alert" data-testid="slo-editor-error">
          <Typography variant="subtitle2">{save.title}</Typography>
          <Typography variant="body2">{save.message}</Typography>
        </div>
      )}
      {save.kind === 'conflict' && (
        <div className={classes.conflict} role="alert" data-testid="slo-editor-conflict">
          <Typography variant="subtitle2">Someone else saved this SLO first</Typography>
          <Typography variant="body2">
            {save.theirs.updatedBy} saved version {save.theirs.version} at{' '}
            {formatTime(save.theirs.updatedAt)}, after the version {baseVersion} you started from.
            {theirsValues &&
              ` Fields that differ from yours: ${
                changedFields(values, theirsValues)
                  .map(f => FIELD_LABELS[f as SloFormField])
                  .join(', ') || 'none'
              }.`}
          </Typography>
          <div className={classes.actions}>
            <Button variant="outlined" onClick={() => loadTheirs(save.theirs)}>
              Load their version (discard my changes)
            </Button>
            <Button
              variant="contained"
              color="primary"
              onClick={() => runSave(save.theirs.version)}
            >
              Save mine over theirs
            </Button>
          </div>
        </div>
      )}
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <Paper className={classes.paper}>
            <form
              aria-label="SLO form"
              // The browser's own bubbles would hide the messages shown at each field.
              noValidate
              onSubmit={e => {
                e.preventDefault();
                if (!readOnly) runSave(baseVersion);
              }}
            >
              <Typography variant="h6" component="h3">
                Form
              </Typography>
              {text('name', 'Lower-case letters, digits and dashes; unique on this entity', {
                disabled: readOnly || Boolean(existing),
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
              {text(
                'eventsQuery',
                'Prometheus counter selector, e.g. http_requests_total{code=~"5.."}',
                {
                  required: true,
                },
              )}
              {text('totalQuery', 'Counter selector of all events', { required: true })}
              <FormControl
                component="fieldset"
                margin="dense"
                disabled={readOnly}
                error={Boolean(shown('page'))}
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
                {shown('page') && <FormHelperText>{shown('page')}</FormHelperText>}
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
                  <Button
                    type="submit"
                    variant="contained"
                    color="primary"
                    disabled={save.kind === 'saving'}
                  >
                    {save.kind === 'saving' ? 'Saving…' : existing ? 'Save' : 'Create'}
                  </Button>
                  <Button
                    variant="outlined"
                    onClick={runPreview}
                    disabled={preview.kind === 'loading'}
                  >
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
        </Grid>
        <Grid item xs={12} md={6}>
          <Paper className={classes.paper}>
            <Typography variant="h6" component="h3">
              OpenSLO YAML
            </Typography>
            <TextField
              id="slo-editor-yaml"
              label="OpenSLO v1 document"
              value={yamlText}
              onChange={e => updateYaml(e.target.value)}
              multiline
              minRows={18}
              fullWidth
              variant="outlined"
              margin="dense"
              disabled={readOnly}
              error={yamlIssues.length > 0}
              InputProps={{ classes: { input: classes.yaml } }}
              inputProps={{ spellCheck: false, 'aria-describedby': 'slo-editor-yaml-issues' }}
            />
            <div id="slo-editor-yaml-issues" aria-live="polite">
              {yamlIssues.length > 0 && (
                <ul className={classes.issues} data-testid="slo-editor-yaml-issues">
                  {yamlIssues.map((issue, i) => (
                    <li key={i}>
                      <Typography variant="body2" color="error">
                        {issue.line !== undefined ? `Line ${issue.line}: ` : ''}
                        {issue.path ? `${issue.path} ` : ''}
                        {issue.message}
                      </Typography>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </Paper>
          {preview.kind !== 'idle' && (
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
          )}
        </Grid>
      </Grid>
    </div>
  );
}
