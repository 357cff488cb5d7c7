import React from 'react';
import { InlineField, InlineFieldRow, Input, Select } from '@grafana/ui';
import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import type { DataSource } from '../datasource';
import { QUERY_TYPES, type HeadroomDataSourceOptions, type HeadroomQuery, type HeadroomQueryType } from '../types';

type Props = QueryEditorProps<DataSource, HeadroomQuery, HeadroomDataSourceOptions>;

/** Which inputs a query type reads; the others are hidden so that nothing shown is ignored. */
export function fieldsFor(
  type: HeadroomQueryType
): Array<'entity' | 'slo' | 'owner' | 'lineOfBusiness' | 'recordedSeries'> {
  switch (type) {
    case 'slos':
      return ['entity', 'owner', 'lineOfBusiness'];
    case 'unitCost':
      return ['entity', 'lineOfBusiness'];
    case 'recorded':
      return ['entity', 'slo', 'recordedSeries'];
    default:
      return ['entity', 'slo', 'owner', 'lineOfBusiness'];
  }
}

const LABELS = {
  entity: ['Entity', 'component:default/ledger; empty for every entity'],
  slo: ['SLO', 'SLO name; empty for every SLO of the entity'],
  owner: ['Owner', 'group:default/payments'],
  lineOfBusiness: ['Line of business', 'retail'],
  recordedSeries: ['Series', '5m, 1h, 6h, … or budget'],
} as const;

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
      {fieldsFor(type).map((key) => (
        <InlineField key={key} label={LABELS[key][0]} labelWidth={key === 'lineOfBusiness' ? 18 : 10}>
          <Input
            id={`headroom-${key}`}
            aria-label={LABELS[key][0]}
            value={query[key] ?? ''}
            placeholder={LABELS[key][1]}
            width={key === 'entity' ? 36 : 22}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => set({ [key]: e.currentTarget.value })}
            onBlur={onRunQuery}
          />
        </InlineField>
      ))}
    </InlineFieldRow>
  );
}
