import { parse } from 'yaml';
import {
  emptyForm,
  fieldOfIssuePath,
  formFromRecord,
  formToYaml,
  validateForm,
  yamlToForm,
  type SloFormValues,
} from './sloForm';
import type { SloWithStatus } from '@headroom/plugin-headroom-common';

const service = 'ledger';

function ledgerForm(): SloFormValues {
  return {
    ...emptyForm(),
    name: 'availability',
    displayName: 'Ledger postings succeed',
    objectivePercent: '99.95',
    window: '28d',
    eventsQuery: 'http_requests_total{service="ledger",code=~"5.."}',
    totalQuery: 'http_requests_total{service="ledger"}',
    ticket: false,
    evaluationIntervalSeconds: '120',
  };
}

describe('validateForm', () => {
  it('builds the API body and the SLO core reads from it', () => {
    const v = validateForm(ledgerForm(), { service });
    expect(v.errors).toEqual({});
    expect(v.input).toEqual({
      name: 'availability',
      displayName: 'Ledger postings succeed',
      objective: 0.9995,
      window: '28d',
      indicator: {
        type: 'ratio',
        bad: 'http_requests_total{service="ledger",code=~"5.."}',
        total: 'http_requests_total{service="ledger"}',
      },
      alerting: { page: true, ticket: false },
      evaluationIntervalSeconds: 120,
    });
    expect(v.slo?.window.seconds).toBe(28 * 86400);
    expect(v.slo?.objective.target).toBe(0.9995);
    expect(v.slo?.alerting.ticket.enabled).toBe(false);
  });

  it('puts each problem at its field', () => {
    const v = validateForm(
      {
        ...ledgerForm(),
        name: 'Bad Name',
        objectivePercent: '100',
        window: '30x',
        totalQuery: ' ',
        evaluationIntervalSeconds: '5',
      },
      { service },
    );
    expect(Object.keys(v.errors).sort()).toEqual([
      'evaluationIntervalSeconds',
      'name',
      'objectivePercent',
      'totalQuery',
      'window',
    ]);
    expect(v.errors.objectivePercent).toEqual(['must be above 0% and below 100%']);
    expect(v.slo).toBeUndefined();
  });

  it("places core's issue paths at form fields", () => {
    expect(fieldOfIssuePath('spec.objectives[0].target')).toBe('objectivePercent');
    expect(fieldOfIssuePath('spec.timeWindow[0].duration')).toBe('window');
    expect(fieldOfIssuePath('spec.indicator.spec.ratioMetric.total.metricSource.spec.query')).toBe(
      'totalQuery',
    );
    expect(fieldOfIssuePath('spec.indicator.spec.ratioMetric.bad.metricSource.spec.query')).toBe(
      'eventsQuery',
    );
    expect(fieldOfIssuePath('metadata.name')).toBe('name');
    expect(fieldOfIssuePath('apiVersion')).toBe('form');
  });
});

describe('YAML view', () => {
  it('shows the canonical OpenSLO v1 document of a valid form', () => {
    const doc = parse(formToYaml(ledgerForm(), { service }));
    expect(doc.apiVersion).toBe('openslo/v1');
    expect(doc.kind).toBe('SLO');
    expect(doc.metadata.name).toBe('availability');
    expect(doc.spec.service).toBe('ledger');
    expect(doc.spec.objectives[0].target).toBe(0.9995);
    expect(doc.spec.timeWindow[0].duration).toBe('28d');
    // Only the page policy: ticket alerts are off in the form.
    expect(
      doc.spec.alertPolicies.map(
        (p: { spec: { conditions: { spec: { severity: string } }[] } }) =>
          p.spec.conditions[0].spec.severity,
      ),
    ).toEqual(['page']);
  });

  it('reads back into the same form (round trip)', () => {
    const form = ledgerForm();
    const text = formToYaml(form, { service });
    const back = yamlToForm(text, { service, evaluationIntervalSeconds: '120' });
    expect(back.issues).toEqual([]);
    expect(back.values).toEqual(form);
  });

  it('reads a change made in YAML', () => {
    const text = formToYaml(ledgerForm(), { service }).replace('target: 0.9995', 'target: 0.999');
    const back = yamlToForm(text, { service, evaluationIntervalSeconds: '' });
    expect(back.values?.objectivePercent).toBe('99.9');
  });

  it('gives YAML errors with their line and at the form field', () => {
    const text = formToYaml(ledgerForm(), { service }).replace('duration: 28d', 'duration: soon');
    const back = yamlToForm(text, { service, evaluationIntervalSeconds: '' });
    expect(back.values).toBeUndefined();
    const issue = back.issues.find(i => i.path.startsWith('spec.timeWindow'));
    expect(issue).toBeDefined();
    const line = text.split('\n').findIndex(l => l.includes('duration: soon')) + 1;
    expect(issue?.line).toBe(line);
    expect(back.errors.window?.length).toBeGreaterThan(0);
  });

  it('refuses a document of another service', () => {
    const text = formToYaml(ledgerForm(), { service }).replace(
      'service: ledger',
      'service: wallet-api',
    );
    const back = yamlToForm(text, { service, evaluationIntervalSeconds: '' });
    expect(back.values).toBeUndefined();
    expect(back.errors.form).toEqual(['is wallet-api; SLOs edited here belong to ledger']);
  });
});

describe('formFromRecord', () => {
  it('reads a stored definition into the form', () => {
    const v = validateForm(ledgerForm(), { service });
    const { toOpenSloV1 } = jest.requireActual('@headroom/core');
    const record = {
      name: 'availability',
      evaluationIntervalSeconds: 120,
      definition: toOpenSloV1(v.slo),
    } as unknown as SloWithStatus;
    expect(formFromRecord(record, service).values).toEqual(ledgerForm());
  });

  it('says why a windowed PromQL indicator cannot be edited here', () => {
    const record = {
      name: 'latency',
      evaluationIntervalSeconds: null,
      definition: {
        apiVersion: 'openslo/v1',
        kind: 'SLO',
        metadata: { name: 'latency' },
        spec: {
          service,
          indicator: {
            metadata: { name: 'latency-sli' },
            spec: {
              ratioMetric: {
                counter: false,
                good: {
                  metricSource: {
                    type: 'prometheus',
                    spec: {
                      query:
                        'sum(rate(http_request_duration_seconds_bucket{le="0.25"}[{{.window}}]))',
                    },
                  },
                },
                total: {
                  metricSource: {
                    type: 'prometheus',
                    spec: { query: 'sum(rate(http_request_duration_seconds_count[{{.window}}]))' },
                  },
                },
              },
            },
          },
          timeWindow: [{ duration: '30d', isRolling: true }],
          budgetingMethod: 'Occurrences',
          objectives: [{ target: 0.99 }],
        },
      },
    } as unknown as SloWithStatus;
    const read = formFromRecord(record, service);
    expect(read.values).toBeUndefined();
    expect(read.unsupported).toMatch(/full PromQL expressions/);
  });
});
