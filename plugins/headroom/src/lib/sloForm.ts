/**
 * The SLO editor's model: form values, the API body (`SloInput`) and the OpenSLO YAML view, kept
 * in sync through @headroom/core, which validates the definition exactly as the backend will.
 */
import {
  parseSloDocuments,
  sloFromObject,
  toOpenSloV1,
  type Slo,
  type SloIssue,
} from '@headroom/core';
import {
  inputToOpenSlo,
  type SloInput,
  type SloWithStatus,
} from '@headroom/plugin-headroom-common';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { fractionToPercentText, percentTextToFraction } from './format';

export interface SloFormValues {
  name: string;
  displayName: string;
  description: string;
  /** Objective as a percentage, as typed: `99.9`. */
  objectivePercent: string;
  window: string;
  /** Whether `eventsQuery` counts bad or good events. */
  indicatorKind: 'bad' | 'good';
  eventsQuery: string;
  totalQuery: string;
  page: boolean;
  ticket: boolean;
  /** Seconds as typed; empty for the backend's default. */
  evaluationIntervalSeconds: string;
  labels: Record<string, string>;
}

export type SloFormField = Exclude<keyof SloFormValues, 'labels'> | 'labels' | 'form';

/** Messages per form field; `form` holds what belongs to no field. */
export type FieldErrors = Partial<Record<SloFormField, string[]>>;

export function emptyForm(): SloFormValues {
  return {
    name: '',
    displayName: '',
    description: '',
    objectivePercent: '99.9',
    window: '30d',
    indicatorKind: 'bad',
    eventsQuery: '',
    totalQuery: '',
    page: true,
    ticket: true,
    evaluationIntervalSeconds: '',
    labels: {},
  };
}

function addError(errors: FieldErrors, field: SloFormField, message: string): void {
  (errors[field] ??= []).push(message);
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(list => list && list.length > 0);
}

/** The same rules as the backend's OpenAPI schema for `SloInput`. */
const NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const WINDOW = /^[1-9][0-9]{0,3}(m|h|d|w)$/;
const NO_MARKUP = /^[^<>]*$/;

/**
 * The API body the form stands for, with the errors that stop one being built (text in a
 * number field) and the API schema's own rules, each at its field.
 */
export function formToInput(values: SloFormValues): { input: SloInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  if (!name) addError(errors, 'name', 'is required');
  else if (!NAME.test(name)) {
    addError(
      errors,
      'name',
      'must be lower-case letters, digits and dashes, starting with a letter (at most 63)',
    );
  }
  const objective = percentTextToFraction(values.objectivePercent);
  if (objective === undefined)
    addError(errors, 'objectivePercent', 'must be a percentage, e.g. 99.9');
  else if (!(objective > 0 && objective < 1)) {
    addError(errors, 'objectivePercent', 'must be above 0% and below 100%');
  }
  const window = values.window.trim();
  if (!WINDOW.test(window)) {
    addError(errors, 'window', 'must be a number and a unit m, h, d or w, e.g. 30d or 4w');
  }
  const displayName = values.displayName.trim();
  if (!NO_MARKUP.test(displayName)) addError(errors, 'displayName', 'must not contain < or >');
  const description = values.description.trim();
  if (!NO_MARKUP.test(description)) addError(errors, 'description', 'must not contain < or >');
  const events = values.eventsQuery.trim();
  if (!events) addError(errors, 'eventsQuery', 'is required');
  const total = values.totalQuery.trim();
  if (!total) addError(errors, 'totalQuery', 'is required');
  let evaluationIntervalSeconds: number | undefined;
  const interval = values.evaluationIntervalSeconds.trim();
  if (interval) {
    evaluationIntervalSeconds = Number(interval);
    if (
      !/^\d+$/.test(interval) ||
      evaluationIntervalSeconds < 10 ||
      evaluationIntervalSeconds > 86400
    ) {
      addError(errors, 'evaluationIntervalSeconds', 'must be a whole number from 10 to 86400');
    }
  }
  const input: SloInput = {
    name,
    objective: objective ?? NaN,
    window,
    indicator: {
      type: 'ratio',
      ...(values.indicatorKind === 'bad' ? { bad: events } : { good: events }),
      total,
    },
    alerting: { page: values.page, ticket: values.ticket },
    ...(displayName ? { displayName } : {}),
    ...(description ? { description } : {}),
    ...(evaluationIntervalSeconds !== undefined ? { evaluationIntervalSeconds } : {}),
    ...(Object.keys(values.labels).length > 0 ? { labels: { ...values.labels } } : {}),
  };
  return { input, errors };
}

/** The form field a core issue path points into. */
export function fieldOfIssuePath(path: string): SloFormField {
  if (/^metadata\.name\b/.test(path)) return 'name';
  if (/^metadata\.displayName\b/.test(path)) return 'displayName';
  if (/^metadata\.labels\b/.test(path)) return 'labels';
  if (/^spec\.description\b/.test(path)) return 'description';
  if (/^spec\.objectives\b/.test(path)) return 'objectivePercent';
  if (/^spec\.timeWindow\b/.test(path)) return 'window';
  if (/ratioMetric\.total\b/.test(path)) return 'totalQuery';
  if (/ratioMetric\.(good|bad)\b/.test(path)) return 'eventsQuery';
  if (/^spec\.alertPolicies\b/.test(path)) return 'page';
  return 'form';
}

export interface ValidatedForm {
  input: SloInput;
  /** Set when the definition is valid. */
  slo?: Slo;
  errors: FieldErrors;
}

/** Everything the backend checks, run in the browser: the API schema's rules, then core. */
export function validateForm(
  values: SloFormValues,
  context: { service: string; owner?: string },
): ValidatedForm {
  const { input, errors } = formToInput(values);
  if (hasErrors(errors)) return { input, errors };
  const result = sloFromObject(inputToOpenSlo(input, context.service), 'the form', {
    strict: true,
    defaults: { service: context.service, ...(context.owner ? { owner: context.owner } : {}) },
  });
  for (const issue of result.issues) addError(errors, fieldOfIssuePath(issue.path), issue.message);
  const slo = result.slos[0];
  if (hasErrors(errors) || !slo || result.slos.length !== 1) {
    if (!hasErrors(errors)) addError(errors, 'form', 'does not define exactly one SLO');
    return { input, errors };
  }
  slo.alerting.page.enabled = values.page;
  slo.alerting.ticket.enabled = values.ticket;
  return { input, slo, errors };
}

/** The YAML view of the form: the canonical OpenSLO v1 document when valid, else the raw one. */
export function formToYaml(values: SloFormValues, context: { service: string }): string {
  const validated = validateForm(values, context);
  const doc = validated.slo
    ? toOpenSloV1(validated.slo)
    : inputToOpenSlo(validated.input, context.service);
  return stringifyYaml(doc, { lineWidth: 0 });
}

function queryText(q: { query: string; windowed: boolean } | undefined): string | undefined {
  return q && !q.windowed ? q.query : undefined;
}

/** Form values for an SLO the editor can represent; the reason when it cannot. */
export function formFromSlo(
  slo: Slo,
  extra: { evaluationIntervalSeconds?: number | null } = {},
): { values?: SloFormValues; unsupported?: string } {
  const { indicator } = slo;
  if (indicator.kind !== 'ratio') {
    return {
      unsupported: `its indicator is a ${indicator.kind} indicator; the editor writes ratios`,
    };
  }
  const bad = queryText(indicator.bad);
  const good = queryText(indicator.good);
  const total = queryText(indicator.total);
  if (total === undefined || (bad === undefined && good === undefined)) {
    return {
      unsupported:
        'its queries are full PromQL expressions; the editor writes counter selectors (ratioMetric with counter: true)',
    };
  }
  if (slo.budgetingMethod !== 'Occurrences') {
    return { unsupported: `it budgets by ${slo.budgetingMethod}; the editor writes Occurrences` };
  }
  if (!slo.window.isRolling) {
    return { unsupported: 'its window is calendar-aligned; the editor writes rolling windows' };
  }
  return {
    values: {
      name: slo.name,
      displayName: slo.displayName ?? '',
      description: slo.description ?? '',
      objectivePercent: fractionToPercentText(slo.objective.target),
      window: slo.window.duration,
      indicatorKind: bad !== undefined ? 'bad' : 'good',
      eventsQuery: (bad ?? good) as string,
      totalQuery: total,
      page: slo.alerting.page.enabled,
      ticket: slo.alerting.ticket.enabled,
      evaluationIntervalSeconds:
        extra.evaluationIntervalSeconds !== null && extra.evaluationIntervalSeconds !== undefined
          ? String(extra.evaluationIntervalSeconds)
          : '',
      labels: { ...slo.labels },
    },
  };
}

/** Form values of a stored SLO, read from its OpenSLO v1 definition. */
export function formFromRecord(
  record: SloWithStatus,
  service: string,
): { values?: SloFormValues; unsupported?: string } {
  const result = sloFromObject(record.definition, `SLO '${record.name}'`, {
    defaults: { service },
  });
  const slo = result.slos[0];
  if (!slo) {
    return {
      unsupported: `its stored definition does not read back: ${result.issues.map(i => `${i.path} ${i.message}`).join('; ')}`,
    };
  }
  return formFromSlo(slo, { evaluationIntervalSeconds: record.evaluationIntervalSeconds });
}

export interface YamlReadResult {
  values?: SloFormValues;
  issues: SloIssue[];
  errors: FieldErrors;
}

/**
 * Reads the YAML view back into form values. Issues keep their line numbers for the YAML view
 * and are also placed at the form field they concern.
 */
export function yamlToForm(
  text: string,
  context: { service: string; evaluationIntervalSeconds: string },
): YamlReadResult {
  const errors: FieldErrors = {};
  const result = parseSloDocuments(text, 'YAML', {
    strict: true,
    defaults: { service: context.service },
  });
  for (const issue of result.issues) addError(errors, fieldOfIssuePath(issue.path), issue.message);
  if (result.issues.length > 0) return { issues: result.issues, errors };
  if (result.slos.length !== 1) {
    const issue: SloIssue = {
      file: 'YAML',
      docIndex: 0,
      path: '',
      message: `defines ${result.slos.length} SLOs; the editor edits one at a time`,
    };
    addError(errors, 'form', issue.message);
    return { issues: [issue], errors };
  }
  const slo = result.slos[0]!;
  const service = slo.service;
  if (service !== context.service) {
    const issue: SloIssue = {
      file: 'YAML',
      docIndex: 0,
      path: 'spec.service',
      message: `is ${service}; SLOs edited here belong to ${context.service}`,
    };
    addError(errors, 'form', issue.message);
    return { issues: [issue], errors };
  }
  const read = formFromSlo(slo, {
    evaluationIntervalSeconds: context.evaluationIntervalSeconds
      ? Number(context.evaluationIntervalSeconds)
      : null,
  });
  if (!read.values) {
    const issue: SloIssue = { file: 'YAML', docIndex: 0, path: '', message: read.unsupported! };
    addError(errors, 'form', issue.message);
    return { issues: [issue], errors };
  }
  read.values.evaluationIntervalSeconds = context.evaluationIntervalSeconds;
  return { values: read.values, issues: [], errors };
}

/** Whether YAML text is at least a mapping, so that a half-typed document is not a crash. */
export function isYamlMapping(text: string): boolean {
  try {
    const value: unknown = parseYaml(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}
