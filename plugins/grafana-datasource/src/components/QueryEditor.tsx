import React from 'react';
import { InlineField, InlineFieldRow, Input, Select } from '@grafana/ui';
import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import type { DataSource } from '../datasource';
import { QUERY_TYPES, type HeadroomDataSourceOptions, type HeadroomQuery, type HeadroomQueryType } from '../types';

type Props = QueryEditorProps<DataSource, HeadroomQuery, HeadroomDataSourceOptions>;

type TextKey = 'entity' | 'slo' | 'owner' | 'lineOfBusiness' | 'recordedSeries';
type ChoiceKey = 'costBy' | 'grain' | 'view' | 'mttxBy' | 'drillsView' | 'changesView';
type FieldKey = TextKey | ChoiceKey | 'minScore';

/** Which inputs a query type reads; the others are hidden so that nothing shown is ignored. */
export function fieldsFor(type: HeadroomQueryType): FieldKey[] {
  switch (type) {
    case 'slos':
      return ['entity', 'owner', 'lineOfBusiness'];
    case 'unitCost':
      return ['entity', 'lineOfBusiness', 'grain', 'view'];
    case 'cost':
      return ['entity', 'costBy', 'owner', 'lineOfBusiness', 'grain', 'view'];
    case 'capacity':
      return ['entity', 'owner', 'lineOfBusiness'];
    case 'anomalies':
      return ['entity', 'lineOfBusiness', 'minScore'];
    case 'incidents':
      return ['entity', 'lineOfBusiness'];
    case 'mttx':
      return ['entity', 'lineOfBusiness', 'mttxBy'];
    case 'drills':
      return ['drillsView', 'entity', 'lineOfBusiness'];
    case 'changes':
      return ['changesView', 'entity', 'lineOfBusiness'];
    case 'recorded':
      return ['entity', 'slo', 'recordedSeries'];
    default:
      return ['entity', 'slo', 'owner', 'lineOfBusiness'];
  }
}

const LABELS: Record<FieldKey, readonly [string, string]> = {
  entity: ['Entity', 'component:default/ledger; empty for every entity'],
  slo: ['SLO', 'SLO name; empty for every SLO of the entity'],
  owner: ['Owner', 'group:default/payments'],
  lineOfBusiness: ['Line of business', 'retail'],
  recordedSeries: ['Series', '5m, 1h, 6h, … or budget'],
  costBy: ['By', ''],
  grain: ['Grain', ''],
  view: ['View', ''],
  minScore: ['Min score', "0..1; the backend's threshold when empty"],
  mttxBy: ['By', ''],
  drillsView: ['Show', ''],
  changesView: ['Show', ''],
};

const CHOICES: Record<ChoiceKey, Array<SelectableValue<string>>> = {
  costBy: [
    { value: 'entity', label: 'Entity' },
    { value: 'owner', label: 'Owner' },
    { value: 'lineOfBusiness', label: 'Line of business' },
  ],
  grain: [
    { value: 'day', label: 'Day' },
    { value: 'month', label: 'Month' },
  ],
  view: [
    { value: 'billed', label: 'Billed', description: 'What the invoice says' },
    { value: 'effective', label: 'Effective', description: 'Commitments amortised over their use' },
  ],
  mttxBy: [
    { value: 'severity', label: 'Severity' },
    { value: 'service', label: 'Service' },
    { value: 'team', label: 'Team' },
    { value: 'lineOfBusiness', label: 'Line of business' },
    { value: 'month', label: 'Month' },
  ],
  drillsView: [
    { value: 'runs', label: 'Runs', description: "An entity's drill runs; usable as annotations" },
    {
      value: 'weakLinks',
      label: 'Weak links',
      description: 'Failed drills, silent alerts, spreading faults, undrilled services',
    },
    { value: 'resilience', label: 'Resilience', description: 'Litmus score over time per service or line of business' },
  ],
  changesView: [
    { value: 'log', label: 'Change log', description: 'Each change with its risk, canary verdict and outcome' },
    { value: 'failureRate', label: 'Failure rate', description: 'Changes and failed changes per line of business' },
  ],
};

const DEFAULT_CHOICE: Record<ChoiceKey, string> = {
  costBy: 'entity',
  grain: 'day',
  view: 'billed',
  mttxBy: 'severity',
  drillsView: 'runs',
  changesView: 'log',
};

const isChoice = (key: FieldKey): key is ChoiceKey => key in CHOICES;

export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  const type = query.queryType ?? 'errorBudget';
  const options: Array<SelectableValue<HeadroomQueryType>> = QUERY_TYPES.map((t) => ({ ...t }));
  const set = (patch: Partial<HeadroomQuery>) => onChange({ ...query, ...patch });

  return (
    <InlineFieldRow>
      <InlineField label="Query" labelWidth={10}>
        <Select
          inputId="headroom-query-type"
          aria-label="Query type"
          options={options}
          value={type}
          width={26}
          onChange={(v) => {
            set({ queryType: v.value });
            onRunQuery();
          }}
        />
      </InlineField>
      {fieldsFor(type).map((key) => {
        const [label, placeholder] = LABELS[key];
        if (isChoice(key)) {
          return (
            <InlineField key={key} label={label} labelWidth={8}>
              <Select
                inputId={`headroom-${key}`}
                aria-label={label}
                options={CHOICES[key]}
                value={query[key] ?? DEFAULT_CHOICE[key]}
                width={20}
                onChange={(v) => {
                  onChange({ ...query, [key]: v.value });
                  onRunQuery();
                }}
              />
            </InlineField>
          );
        }
        if (key === 'minScore') {
          return (
            <InlineField key={key} label={label} labelWidth={12}>
              <Input
                id="headroom-minScore"
                aria-label={label}
                type="number"
                min={0}
                max={1}
                step={0.05}
                value={query.minScore ?? ''}
                placeholder={placeholder}
                width={14}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
                  const text = e.currentTarget.value;
                  set({ minScore: text === '' ? undefined : Number(text) });
                }}
                onBlur={onRunQuery}
              />
            </InlineField>
          );
        }
        return (
          <InlineField key={key} label={label} labelWidth={key === 'lineOfBusiness' ? 18 : 10}>
            <Input
              id={`headroom-${key}`}
              aria-label={label}
              value={query[key] ?? ''}
              placeholder={placeholder}
              width={key === 'entity' ? 36 : 22}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => set({ [key]: e.currentTarget.value })}
              onBlur={onRunQuery}
            />
          </InlineField>
        );
      })}
    </InlineFieldRow>
  );
}
