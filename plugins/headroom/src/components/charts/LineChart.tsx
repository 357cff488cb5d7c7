import { useTheme } from '@material-ui/core/styles';
import React from 'react';

export interface ChartSeries {
  name: string;
  points: { t: number; value: number | null }[];
}

/**
 * A plain SVG line chart with a time axis, a value axis and a legend; readable in light and dark
 * themes through the theme's palette. `format` writes axis values; `references` draws labelled
 * horizontal lines (0 budget, burn rate 1).
 */
export function LineChart(props: {
  title: string;
  series: ChartSeries[];
  format: (value: number) => string;
  references?: { value: number; label: string }[];
  height?: number;
  /** Said instead of the chart when fewer than two points have a value. */
  emptyText?: string;
}) {
  const { title, series, format, references = [], height = 220 } = props;
  const emptyText =
    props.emptyText ?? `Not enough evaluations yet to draw ${title.toLocaleLowerCase()}.`;
  const theme = useTheme();
  const width = 720;
  const pad = { left: 64, right: 16, top: 12, bottom: 28 };
  const all = series.flatMap(s => s.points.filter(p => p.value !== null)) as {
    t: number;
    value: number;
  }[];
  if (all.length < 2) {
    return (
      <div role="img" aria-label={`${title}: ${props.emptyText ?? 'not enough evaluations yet'}`}>
        {emptyText}
      </div>
    );
  }
  const colors = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.warning.main,
    theme.palette.success.main,
    theme.palette.info.main,
    theme.palette.error.main,
  ];
  const t0 = Math.min(...all.map(p => p.t));
  const t1 = Math.max(...all.map(p => p.t));
  const values = [...all.map(p => p.value), ...references.map(r => r.value)];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi === lo) {
    hi += 1;
    lo -= 1;
  }
  const x = (t: number) =>
    pad.left + (t1 === t0 ? 0 : ((t - t0) / (t1 - t0)) * (width - pad.left - pad.right));
  const y = (v: number) => pad.top + (1 - (v - lo) / (hi - lo)) * (height - pad.top - pad.bottom);
  const time = (t: number) =>
    new Date(t).toLocaleString(undefined, {
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
  const text = theme.palette.text.secondary;
  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-label={`${title}, ${time(t0)} to ${time(t1)}`}
      >
        <line x1={pad.left} x2={pad.left} y1={pad.top} y2={height - pad.bottom} stroke={text} />
        <line
          x1={pad.left}
          x2={width - pad.right}
          y1={height - pad.bottom}
          y2={height - pad.bottom}
          stroke={text}
        />
        {[hi, (hi + lo) / 2, lo].map(v => (
          <text key={v} x={pad.left - 6} y={y(v) + 4} fontSize={11} textAnchor="end" fill={text}>
            {format(v)}
          </text>
        ))}
        <text x={pad.left} y={height - 8} fontSize={11} fill={text}>
          {time(t0)}
        </text>
        <text x={width - pad.right} y={height - 8} fontSize={11} fill={text} textAnchor="end">
          {time(t1)}
        </text>
        {references.map(r => (
          <g key={r.label}>
            <line
              x1={pad.left}
              x2={width - pad.right}
              y1={y(r.value)}
              y2={y(r.value)}
              stroke={text}
              strokeDasharray="4 3"
            />
            <text
              x={width - pad.right - 4}
              y={y(r.value) - 4}
              fontSize={11}
              fill={text}
              textAnchor="end"
            >
              {r.label}
            </text>
          </g>
        ))}
        {series.map((s, i) => {
          const pts = s.points
            .filter((p): p is { t: number; value: number } => p.value !== null)
            .sort((a, b) => a.t - b.t);
          return (
            <polyline
              key={s.name}
              points={pts.map(p => `${x(p.t).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')}
              fill="none"
              stroke={colors[i % colors.length]}
              strokeWidth={2}
            />
          );
        })}
      </svg>
      {series.length > 1 && (
        <figcaption style={{ display: 'flex', gap: 16, flexWrap: 'wrap', fontSize: 12 }}>
          {series.map((s, i) => (
            <span key={s.name} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
              <span
                aria-hidden
                style={{
                  width: 12,
                  height: 3,
                  background: colors[i % colors.length],
                  display: 'inline-block',
                }}
              />
              {s.name}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
