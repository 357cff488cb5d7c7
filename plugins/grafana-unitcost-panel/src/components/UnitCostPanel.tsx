import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import {
  formattedValueToString,
  getDisplayProcessor,
  type Field,
  type GrafanaTheme2,
  type PanelProps,
} from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { PanelDataErrorView } from '@grafana/runtime';
import type { UnitCostOptions } from '../types';
import { finite, nearestIndex, readUnitCostFrames } from '../frames';

const PAD = { left: 64, right: 12, top: 8, bottom: 22 };

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ position: 'relative' }),
  tooltip: css({
    position: 'absolute',
    pointerEvents: 'none',
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z2,
    padding: theme.spacing(0.5, 1),
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
    zIndex: 1,
  }),
  legend: css({
    display: 'flex',
    gap: theme.spacing(2),
    fontSize: theme.typography.bodySmall.fontSize,
    height: 18,
    paddingLeft: PAD.left,
  }),
});

function formatter(field: Field | undefined, theme: GrafanaTheme2) {
  return (v: unknown): string => {
    const n = finite(v);
    if (n === null || !field) {
      return '–';
    }
    return formattedValueToString((field.display ?? getDisplayProcessor({ field, theme }))(n));
  };
}

/** Cost per driver unit over time against its line of business's p25–p75 band; cost and driver on hover. */
export function UnitCostPanel({ data, width, height, options, id, fieldConfig }: PanelProps<UnitCostOptions>) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const { lines, band } = useMemo(() => readUnitCostFrames(data.series), [data.series]);
  const [hover, setHover] = useState<{ x: number; t: number } | null>(null);

  if (lines.length === 0 || lines.every((l) => l.time.values.length === 0)) {
    const message = data.errors?.[0]?.message ?? data.error?.message ?? 'No data';
    return (
      <PanelDataErrorView
        panelId={id}
        fieldConfig={fieldConfig}
        data={data}
        message={message}
        needsTimeField={true}
        needsNumberField={true}
      />
    );
  }

  const chartH = height - 18;
  const plotW = Math.max(1, width - PAD.left - PAD.right);
  const plotH = Math.max(1, chartH - PAD.top - PAD.bottom);
  const tMin = data.timeRange.from.valueOf();
  const tMax = data.timeRange.to.valueOf();
  let lo = Infinity;
  let hi = -Infinity;
  const take = (f?: Field) =>
    f?.values.forEach((v) => {
      const n = finite(v);
      if (n !== null) {
        lo = Math.min(lo, n);
        hi = Math.max(hi, n);
      }
    });
  lines.forEach((l) => take(l.unitCost));
  if (band && options.showBand) {
    take(band.p25);
    take(band.p75);
  }
  if (!(lo <= hi)) {
    lo = 0;
    hi = 1;
  }
  const yMin = Math.min(0, lo);
  const yMax = hi > yMin ? hi * 1.1 : yMin + 1;
  const x = (t: number) => PAD.left + ((t - tMin) / (tMax - tMin)) * plotW;
  const y = (v: number) => PAD.top + ((yMax - v) / (yMax - yMin)) * plotH;
  const path = (time: Field, values: Field) => {
    let d = '';
    let open = false;
    for (let i = 0; i < time.values.length; i++) {
      const v = finite(values.values[i]);
      if (v === null) {
        if (!options.connectGaps) {
          open = false;
        }
        continue;
      }
      d += `${open ? 'L' : 'M'}${x(time.values[i] as number).toFixed(1)},${y(v).toFixed(1)}`;
      open = true;
    }
    return d;
  };
  const bandPath = () => {
    if (!band) {
      return '';
    }
    const up: string[] = [];
    const down: string[] = [];
    for (let i = 0; i < band.time.values.length; i++) {
      const a = finite(band.p25.values[i]);
      const b = finite(band.p75.values[i]);
      if (a === null || b === null) {
        continue;
      }
      const px = x(band.time.values[i] as number).toFixed(1);
      up.push(`${px},${y(b).toFixed(1)}`);
      down.unshift(`${px},${y(a).toFixed(1)}`);
    }
    return up.length ? `M${up.join('L')}L${down.join('L')}Z` : '';
  };
  const palette = ['blue', 'purple', 'yellow', 'green', 'red'];
  const fmtY = formatter(lines[0]!.unitCost, theme);
  const ticks = [yMin, (yMin + yMax) / 2, yMax];

  const tooltip =
    hover &&
    (() => {
      const rows: React.ReactNode[] = [];
      let shownTime = hover.t;
      lines.forEach((l) => {
        const i = nearestIndex(l.time, hover.t);
        if (i < 0) {
          return;
        }
        shownTime = l.time.values[i] as number;
        rows.push(
          <div key={l.key} data-testid="tooltip-row">
            <strong>{l.title}</strong>: {formatter(l.unitCost, theme)(l.unitCost.values[i])} = cost{' '}
            {formatter(l.cost, theme)(l.cost?.values[i])} / driver {formatter(l.driver, theme)(l.driver?.values[i])}
          </div>
        );
      });
      if (band) {
        const i = nearestIndex(band.time, hover.t);
        if (i >= 0) {
          rows.push(
            <div key="band" data-testid="tooltip-band">
              {band.title}: p25 {formatter(band.p25, theme)(band.p25.values[i])} · p75{' '}
              {formatter(band.p75, theme)(band.p75.values[i])}
            </div>
          );
        }
      }
      // Beside the cursor, on the side with more room, and no wider than that side: long
      // service names wrap instead of running out of the panel.
      const onLeft = hover.x > width / 2;
      const place = onLeft ? { right: width - hover.x + 12 } : { left: hover.x + 12 };
      const room = Math.max(120, (onLeft ? hover.x : width - hover.x) - 16);
      return (
        <div
          className={styles.tooltip}
          style={{ ...place, top: PAD.top, maxWidth: room, whiteSpace: 'normal' }}
          role="tooltip"
        >
          <div>{new Date(shownTime).toISOString().slice(0, 10)}</div>
          {rows}
        </div>
      );
    })();

  return (
    <div className={styles.wrap} style={{ width, height }}>
      <svg
        width={width}
        height={chartH}
        role="img"
        aria-label="Unit cost"
        onMouseMove={(e) => {
          const rect = (e.currentTarget as SVGSVGElement).getBoundingClientRect();
          const px = e.clientX - rect.left;
          setHover({ x: px, t: tMin + ((px - PAD.left) / plotW) * (tMax - tMin) });
        }}
        onMouseLeave={() => setHover(null)}
      >
        {ticks.map((v, i) => (
          <g key={i}>
            <line x1={PAD.left} x2={PAD.left + plotW} y1={y(v)} y2={y(v)} stroke={theme.colors.border.weak} />
            <text x={PAD.left - 4} y={y(v) + 4} textAnchor="end" fontSize={10} fill={theme.colors.text.secondary}>
              {fmtY(v)}
            </text>
          </g>
        ))}
        {band && options.showBand && (
          <path
            d={bandPath()}
            fill={theme.visualization.getColorByName('green')}
            fillOpacity={0.15}
            stroke="none"
            data-testid="band"
          />
        )}
        {band && options.showMedian && band.p50 && (
          <path
            d={path(band.time, band.p50)}
            fill="none"
            stroke={theme.visualization.getColorByName('green')}
            strokeDasharray="4 4"
          />
        )}
        {lines.map((l, i) => (
          <path
            key={l.key}
            d={path(l.time, l.unitCost)}
            fill="none"
            strokeWidth={2}
            stroke={theme.visualization.getColorByName(palette[i % palette.length]!)}
            data-testid="unit-cost-line"
          />
        ))}
        {hover && hover.x >= PAD.left && (
          <line x1={hover.x} x2={hover.x} y1={PAD.top} y2={PAD.top + plotH} stroke={theme.colors.text.secondary} />
        )}
        <text x={PAD.left} y={chartH - 6} fontSize={10} fill={theme.colors.text.secondary}>
          {new Date(tMin).toISOString().slice(0, 10)}
        </text>
        <text x={PAD.left + plotW} y={chartH - 6} fontSize={10} textAnchor="end" fill={theme.colors.text.secondary}>
          {new Date(tMax).toISOString().slice(0, 10)}
        </text>
      </svg>
      <div className={styles.legend}>
        {lines.map((l, i) => (
          <span key={l.key} style={{ color: theme.visualization.getColorByName(palette[i % palette.length]!) }}>
            {l.title}
          </span>
        ))}
        {band && options.showBand && (
          <span style={{ color: theme.visualization.getColorByName('green') }}>{band.title} p25–p75</span>
        )}
      </div>
      {tooltip}
    </div>
  );
}
