/**
 * What the SLO editor derives from its state, with no I/O: the labels that name each field, which
 * messages are shown where, the first draft of a stored SLO and what a conflict changed. The form
 * values ⇄ SloInput ⇄ YAML model itself, and its validation, are in lib/sloForm.
 */
import type { SloWithStatus } from '@headroom/plugin-headroom-common';
import {
  emptyForm,
  type FieldErrors,
  formFromRecord,
  formToYaml,
  hasErrors,
  type SloFormField,
  type SloFormValues,
} from '../../lib/sloForm';

/** Each field's label, also used to name the fields a conflict changed. */
export const FIELD_LABELS: Record<SloFormField, string> = {
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

export interface InitialDraft {
  /** Absent when the form cannot represent the stored SLO; `unsupported` says why. */
  values?: SloFormValues;
  unsupported?: string;
  yamlText: string;
}

/** The draft the editor opens with: an empty form for a new SLO, else the stored definition. */
export function initialDraft(existing: SloWithStatus | undefined, service: string): InitialDraft {
  if (!existing) {
    const values = emptyForm();
    return { values, yamlText: formToYaml(values, { service }) };
  }
  const read = formFromRecord(existing, service);
  if (!read.values) {
    // The form cannot show it: the stored document is shown as it is, read-only.
    return {
      unsupported: read.unsupported,
      yamlText: JSON.stringify(existing.definition, null, 2),
    };
  }
  return { values: read.values, yamlText: formToYaml(read.values, { service }) };
}

/** While the YAML does not read, its errors stand for the form's: the form shows older values. */
export function errorsToShow(yamlErrors: FieldErrors, formErrors: FieldErrors): FieldErrors {
  return hasErrors(yamlErrors) ? yamlErrors : formErrors;
}

export interface ShownWhen {
  /** A save or preview was tried. */
  submitted: boolean;
  touched: ReadonlySet<SloFormField>;
  /** The errors come from the YAML the person is typing: shown at once. */
  fromYaml: boolean;
}

/**
 * The message shown at a field, its errors joined; nothing before the field was touched or a
 * save was tried, so an empty new form does not open covered in red.
 */
export function shownError(
  errors: FieldErrors,
  field: SloFormField,
  when: ShownWhen,
): string | undefined {
  const list = errors[field];
  if (!list || list.length === 0) return undefined;
  if (!when.submitted && !when.touched.has(field) && !when.fromYaml) return undefined;
  return list.join('; ');
}

/** Fields whose values differ between two forms, for the conflict notice. */
export function changedFields(a: SloFormValues, b: SloFormValues): SloFormField[] {
  return (Object.keys(a) as (keyof SloFormValues)[]).filter(
    k => JSON.stringify(a[k]) !== JSON.stringify(b[k]),
  );
}

/** The labels of the fields that differ, for a sentence: `Objective (%), Window` or `none`. */
export function changedFieldLabels(mine: SloFormValues, theirs: SloFormValues): string {
  return (
    changedFields(mine, theirs)
      .map(f => FIELD_LABELS[f])
      .join(', ') || 'none'
  );
}
