import React, { useLayoutEffect, useRef } from 'react';
import { useTheme2 } from '@grafana/ui';
import type { DataFrame } from '@grafana/data';
import { drawBurndown } from '../chart/drawBurndown';
import { burndownColumns } from '../frames';

interface Props {
  frame: DataFrame;
  width: number;
  height: number;
  windowStartMs?: number;
  /** The window's real end from the datasource (core's `windowEnd`), not start + nominal length. */
  windowEndMs?: number;
  /** Only for frames without `windowEndMs` (made by hand): start + seconds, a rolling window's end. */
  windowSeconds?: number;
  showIdeal: boolean;
  color: string;
}

/** Budget remaining against the ideal line, drawn on a canvas at the panel's pixel resolution. */
export function BurndownChart(props: Props) {
  const { frame, width, height, windowStartMs, showIdeal, color } = props;
  const windowEndMs =
    props.windowEndMs ??
    (windowStartMs !== undefined && props.windowSeconds !== undefined
      ? windowStartMs + props.windowSeconds * 1000
      : undefined);
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useTheme2();
  const ratio = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;

  useLayoutEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    const cols = burndownColumns(frame);
    if (!canvas || !ctx || !cols) {
      return;
    }
    const times = cols.time.values as ArrayLike<number>;
    const values = cols.remaining.values as ArrayLike<number | null>;
    // The even-spend line runs corner to corner, from all of the budget at the window start to
    // none at its real end: a calendar month's line reaches 0 on the 1st of the next month.
    const known = windowStartMs !== undefined && windowEndMs !== undefined;
    const tMin = known ? windowStartMs! : (times[0] ?? 0);
    const tMax = known ? windowEndMs! : (times[times.length - 1] ?? 1);
    drawBurndown(ctx, width, height, {
      times,
      remaining: values,
      tMin,
      tMax,
      ideal: known && showIdeal,
      colors: {
        line: color,
        ideal: theme.colors.text.secondary,
        zero: theme.colors.error.text,
        grid: theme.colors.text.disabled,
        fill: theme.colors.background.secondary,
      },
      ratio,
    });
  }, [frame, width, height, windowStartMs, windowEndMs, showIdeal, color, theme, ratio]);

  return (
    <canvas
      ref={ref}
      role="img"
      aria-label="Error budget burndown"
      width={Math.round(width * ratio)}
      height={Math.round(height * ratio)}
      style={{ width, height, display: 'block' }}
    />
  );
}
