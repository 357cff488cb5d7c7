import React from 'react';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';

export interface OutlinedSelectProps {
  /** The select's id; its label gets `<id>-label`, so screen readers name the field. */
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
  /** When set, a first option with the empty value and this text ("All"). */
  allLabel?: string;
  minWidth: number;
  style?: React.CSSProperties;
}

/** A small outlined select with its label, as the filters of the Headroom pages use it. */
export function OutlinedSelect(props: OutlinedSelectProps) {
  const { id, label, value, onChange, options, allLabel, minWidth, style } = props;
  const labelId = `${id}-label`;
  return (
    <FormControl variant="outlined" size="small" style={{ minWidth, ...style }}>
      <InputLabel id={labelId}>{label}</InputLabel>
      <Select
        labelId={labelId}
        id={id}
        value={value}
        onChange={e => onChange(e.target.value as string)}
        label={label}
      >
        {allLabel !== undefined && <MenuItem value="">{allLabel}</MenuItem>}
        {options.map(o => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
