import type { SloIssue } from '@headroom/core';
import type { SloInput, SloWithStatus } from '@headroom/plugin-headroom-common';
import { useMemo, useState } from 'react';
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
import { errorsToShow, initialDraft, shownError } from './editorModel';

export interface SloDraft {
  values: SloFormValues;
  yamlText: string;
  yamlIssues: SloIssue[];
  /** Why the form cannot show the stored SLO; the editor is then read-only. */
  unsupported?: string;
  representable: boolean;
  /** The message to show at a field now, if any. */
  errorAt: (field: SloFormField) => string | undefined;
  updateForm: (patch: Partial<SloFormValues>, field: SloFormField) => void;
  updateYaml: (text: string) => void;
  touch: (field: SloFormField) => void;
  /** The API body when the draft is valid; otherwise every error is shown and nothing returned. */
  submit: () => SloInput | undefined;
  /** Replace the draft with a stored version (someone else's, after a conflict). */
  load: (record: SloWithStatus) => void;
}

/**
 * The form and its YAML, kept in sync and validated by @headroom/core as the backend will.
 * `onEdit` runs on every change, so what was computed from the old definition can be dropped.
 */
export function useSloDraft(options: {
  existing?: SloWithStatus;
  service: string;
  onEdit: () => void;
}): SloDraft {
  const { existing, service, onEdit } = options;
  const initial = useMemo(() => initialDraft(existing, service), [existing, service]);

  const [values, setValues] = useState<SloFormValues>(initial.values ?? emptyForm());
  const [yamlText, setYamlText] = useState<string>(initial.yamlText);
  const [yamlIssues, setYamlIssues] = useState<SloIssue[]>([]);
  const [yamlErrors, setYamlErrors] = useState<FieldErrors>({});
  const [touched, setTouched] = useState<Set<SloFormField>>(new Set());
  const [submitted, setSubmitted] = useState(false);

  const validated = useMemo(() => validateForm(values, { service }), [values, service]);
  const errors = errorsToShow(yamlErrors, validated.errors);

  const touch = (field: SloFormField) => setTouched(t => new Set(t).add(field));

  const updateForm = (patch: Partial<SloFormValues>, field: SloFormField) => {
    const next = { ...values, ...patch };
    setValues(next);
    touch(field);
    setYamlText(formToYaml(next, { service }));
    setYamlIssues([]);
    setYamlErrors({});
    onEdit();
  };

  const updateYaml = (text: string) => {
    setYamlText(text);
    onEdit();
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

  const submit = (): SloInput | undefined => {
    setSubmitted(true);
    if (hasErrors(errors) || !validated.slo) return undefined;
    return validated.input;
  };

  const load = (record: SloWithStatus) => {
    const read = formFromRecord(record, service);
    if (read.values) {
      setValues(read.values);
      setYamlText(formToYaml(read.values, { service }));
    }
    setYamlIssues([]);
    setYamlErrors({});
  };

  return {
    values,
    yamlText,
    yamlIssues,
    unsupported: initial.unsupported,
    representable: Boolean(initial.values),
    errorAt: field =>
      shownError(errors, field, { submitted, touched, fromYaml: hasErrors(yamlErrors) }),
    updateForm,
    updateYaml,
    touch,
    submit,
    load,
  };
}
