import type { CostGrain, CostView } from '@headroom/plugin-headroom-common';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import React from 'react';

function Toggle<T extends string>(props: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  return (
    <ButtonGroup size="small" aria-label={props.label} style={{ marginRight: 8, marginBottom: 8 }}>
      {props.options.map(o => (
        <Button
          key={o.value}
          aria-pressed={o.value === props.value}
          variant={o.value === props.value ? 'contained' : 'outlined'}
          color={o.value === props.value ? 'primary' : 'default'}
          onClick={() => props.onChange(o.value)}
        >
          {o.label}
        </Button>
      ))}
    </ButtonGroup>
  );
}

/** Month or day periods, and the invoice (billed) or amortised (effective) cost. */
export function CostToggles(props: {
  grain: CostGrain;
  view: CostView;
  onGrain: (grain: CostGrain) => void;
  onView: (view: CostView) => void;
}) {
  return (
    <div>
      <Toggle
        label="Months or days"
        value={props.grain}
        options={[
          { value: 'month', label: 'Monthly' },
          { value: 'day', label: 'Daily' },
        ]}
        onChange={props.onGrain}
      />
      <Toggle
        label="Billed or effective cost"
        value={props.view}
        options={[
          { value: 'billed', label: 'Billed' },
          { value: 'effective', label: 'Effective' },
        ]}
        onChange={props.onView}
      />
    </div>
  );
}
