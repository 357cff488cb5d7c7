import React from 'react';
import { render, screen, fireEvent } from '@testing-library/react';
import { QueryEditor, fieldsFor } from './QueryEditor';
import type { DataSource } from '../datasource';
import type { HeadroomQuery } from '../types';

function renderEditor(query: HeadroomQuery) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  render(<QueryEditor query={query} onChange={onChange} onRunQuery={onRunQuery} datasource={{} as DataSource} />);
  return { onChange, onRunQuery };
}

describe('QueryEditor', () => {
  it('shows only the inputs the query type reads', () => {
    renderEditor({ refId: 'A', queryType: 'unitCost' });
    expect(screen.getByLabelText('Entity')).toBeInTheDocument();
    expect(screen.getByLabelText('Line of business')).toBeInTheDocument();
    expect(screen.queryByLabelText('SLO')).not.toBeInTheDocument();
    expect(fieldsFor('recorded')).toEqual(['entity', 'slo', 'recordedSeries']);
  });

  it('offers grouping, grain and view for cost, and a score for anomalies', () => {
    renderEditor({ refId: 'A', queryType: 'cost' });
    expect(screen.getByLabelText('By')).toBeInTheDocument();
    expect(screen.getByLabelText('Grain')).toBeInTheDocument();
    expect(screen.getByLabelText('View')).toBeInTheDocument();
    expect(screen.getByText('Billed')).toBeInTheDocument();
    expect(fieldsFor('capacity')).toEqual(['entity', 'owner', 'lineOfBusiness']);
    expect(fieldsFor('anomalies')).toEqual(['entity', 'lineOfBusiness', 'minScore']);
  });

  it('writes a minimum score as a number and clears it when emptied', () => {
    const { onChange } = renderEditor({ refId: 'A', queryType: 'anomalies', minScore: 0.5 });
    const score = screen.getByLabelText('Min score');
    fireEvent.change(score, { target: { value: '0.8' } });
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'anomalies', minScore: 0.8 });
    fireEvent.change(score, { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'anomalies', minScore: undefined });
  });

  it('writes typed values into the query and runs it on blur', () => {
    const { onChange, onRunQuery } = renderEditor({ refId: 'A', queryType: 'errorBudget', entity: '' });
    const entity = screen.getByLabelText('Entity');
    fireEvent.change(entity, { target: { value: '$service' } });
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', queryType: 'errorBudget', entity: '$service' });
    fireEvent.blur(entity);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('defaults to the error budget query', () => {
    renderEditor({ refId: 'A' });
    expect(screen.getByText('Error budget (all)')).toBeInTheDocument();
  });
});
