import { availabilitySlo } from '../../__fixtures__/slos';
import { emptyForm, type FieldErrors, formFromRecord } from '../../lib/sloForm';
import {
  changedFieldLabels,
  changedFields,
  errorsToShow,
  FIELD_LABELS,
  initialDraft,
  shownError,
} from './editorModel';

describe('initialDraft', () => {
  it('opens a new SLO as the empty form and its YAML', () => {
    const draft = initialDraft(undefined, 'ledger');
    expect(draft.values).toEqual(emptyForm());
    expect(draft.unsupported).toBeUndefined();
    expect(draft.yamlText).toMatch(/^apiVersion: openslo\/v1\nkind: SLO\n/);
    expect(draft.yamlText).toContain('  service: ledger\n');
    expect(draft.yamlText).toContain('    - duration: 30d\n');
  });

  it('opens a stored SLO as its form values and canonical YAML', () => {
    const draft = initialDraft(availabilitySlo(), 'ledger');
    expect(draft.values).toMatchObject({
      name: 'availability',
      objectivePercent: '99.95',
      window: '30d',
      indicatorKind: 'bad',
    });
    expect(draft.yamlText).toContain('  name: availability\n');
    expect(draft.yamlText).toContain('    - target: 0.9995\n');
  });

  it('shows a stored SLO the form cannot represent as its stored document, saying why', () => {
    const slo = availabilitySlo();
    const definition = JSON.parse(JSON.stringify(slo.definition));
    definition.spec.timeWindow = [
      {
        duration: '1M',
        isRolling: false,
        calendar: { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' },
      },
    ];
    const draft = initialDraft({ ...slo, definition }, 'ledger');
    expect(draft.values).toBeUndefined();
    expect(draft.unsupported).toBe(
      'its window is calendar-aligned; the editor writes rolling windows',
    );
    expect(JSON.parse(draft.yamlText)).toEqual(definition);
  });
});

describe('errorsToShow', () => {
  const formErrors: FieldErrors = { name: ['is required'] };

  it("shows the form's errors while the YAML reads", () => {
    expect(errorsToShow({}, formErrors)).toBe(formErrors);
    expect(errorsToShow({ window: [] }, formErrors)).toBe(formErrors);
  });

  it("shows the YAML's errors instead while it does not", () => {
    const yamlErrors: FieldErrors = { window: ['must be a duration like 5m, 1h, 30d'] };
    expect(errorsToShow(yamlErrors, formErrors)).toBe(yamlErrors);
  });
});

describe('shownError', () => {
  const errors: FieldErrors = { name: ['is required', 'is too short'], window: [] };
  const quiet = { submitted: false, touched: new Set<never>(), fromYaml: false };

  it('says nothing about a field nobody touched before a save is tried', () => {
    expect(shownError(errors, 'name', quiet)).toBeUndefined();
  });

  it("joins a field's messages once it was touched, a save was tried, or the YAML is wrong", () => {
    const joined = 'is required; is too short';
    expect(shownError(errors, 'name', { ...quiet, touched: new Set(['name'] as const) })).toBe(
      joined,
    );
    expect(shownError(errors, 'name', { ...quiet, submitted: true })).toBe(joined);
    expect(shownError(errors, 'name', { ...quiet, fromYaml: true })).toBe(joined);
  });

  it('shows nothing for a field without messages', () => {
    const all = { submitted: true, touched: new Set(['window'] as const), fromYaml: true };
    expect(shownError(errors, 'window', all)).toBeUndefined();
    expect(shownError(errors, 'totalQuery', all)).toBeUndefined();
  });

  it('touching another field does not reveal this one', () => {
    expect(
      shownError(errors, 'name', { ...quiet, touched: new Set(['window'] as const) }),
    ).toBeUndefined();
  });
});

describe('changedFields', () => {
  it('lists the fields that differ, labels included', () => {
    const mine = { ...emptyForm(), objectivePercent: '99.5', window: '28d' };
    const theirs = { ...emptyForm(), objectivePercent: '99.9' };
    expect(changedFields(mine, theirs)).toEqual(['objectivePercent', 'window']);
    expect(changedFieldLabels(mine, theirs)).toBe('Objective (%), Window');
  });

  it('compares labels by content, not identity', () => {
    const mine = { ...emptyForm(), labels: { tier: '1' } };
    expect(changedFields(mine, { ...emptyForm(), labels: { tier: '1' } })).toEqual([]);
    expect(changedFieldLabels(mine, { ...emptyForm(), labels: { tier: '2' } })).toBe('Labels');
  });

  it('says none when the stored version reads back as the same form', () => {
    const theirs = formFromRecord(availabilitySlo(), 'ledger').values!;
    expect(changedFieldLabels({ ...theirs }, theirs)).toBe('none');
  });
});

describe('FIELD_LABELS', () => {
  it('names every field of the form, and the form itself', () => {
    for (const field of Object.keys(emptyForm())) {
      expect(FIELD_LABELS[field as keyof typeof FIELD_LABELS]).toMatch(/^[A-Z]/);
    }
    expect(FIELD_LABELS.form).toBe('Definition');
  });
});
