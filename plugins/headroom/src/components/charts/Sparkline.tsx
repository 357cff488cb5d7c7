import { useTheme } from '@material-ui/core/styles';
import React from 'react';

export interface SparklinePoint {
  /** Unix milliseconds. */
  t: number;
  value: number | null;
}

/**
 * A small line of values over time (budget remaining, 1 = full). The zero line is drawn when the
 * range crosses it, so an exhausted budget is visible at a glance.
 */
export function Sparkline(props: {
  points: SparklinePoint[];
  label: string;
  width?: number;
  height?: number;
  /** Why there is no line, when fewer than two points have a value. */
  emptyText?: string;
}) {
  const {
    points,
    label,
    width = 120,
    height = 28,
    emptyText = 'not enough evaluations yet',
  } = props;
  const theme = useTheme();
  const known = points.filter((p): p is { t: number; value: number } => p.value !== null);
  if (known.length < 2) {
    return (
      <span role="img" aria-label={`${label}: ${emptyText}`}>
        …
      </span>
    );
  }
  const t0 = known[0]!.t;
  const t1 = known[known.length - 1]!.t;
  const lo = Math.min(0, ...known.map(p => p.value));
  const hi = Math.max(1, ...known.map(p => p.value));
  const x = (t: number) => (t1 === t0 ? 0 : ((t - t0) / (t1 - t0)) * (width - 2) + 1);
  const y = (v: number) => height - 1 - ((v - lo) / (hi - lo)) * (height - 2);
  const path = known.map(p => `${x(p.t).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const last = known[known.length - 1]!.value;
  const color = last <= 0 ? theme.palette.error.main : theme.palette.primary.main;
  return (
    <svg width={width} height={height} role="img" aria-label={label} style={{ display: 'block' }}>
      {lo < 0 && (
        <line
          x1={0}
          x2={width}
          y1={y(0)}
          y2={y(0)}
          stroke={theme.palette.text.secondary}
          strokeDasharray="2 2"
          strokeWidth={1}
        />
      )}
      <polyline points={path} fill="none" stroke={color} strokeWidth={1.5} />
    </svg>
  );
}
