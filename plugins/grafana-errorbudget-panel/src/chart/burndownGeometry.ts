import { columnsExtent, type Columns } from './decimate';

export const PADDING = { left: 40, right: 8, top: 6, bottom: 18 };

/** The plot area inside a chart of `width` × `height` px; its width is the number of columns. */
export function plotArea(width: number, height: number) {
  const { left, right, top, bottom } = PADDING;
  return {
    left,
    top,
    width: Math.max(1, Math.floor(width - left - right)),
    height: Math.max(1, height - top - bottom),
  };
}

export interface GridLine {
  value: number;
  /** Pixel row of the line, on a half pixel so that a 1 px line covers one row. */
  y: number;
  label: string;
  /** The 0 % line (budget spent), drawn in the error colour. */
  zero: boolean;
}

/**
 * The burndown's path is written in eighths of a pixel (draw it scaled by 1 / LINE_UNITS):
 * integers print several times faster than decimals, and an eighth is finer than antialiasing shows.
 */
export const LINE_UNITS = 8;

export interface BurndownGeometry {
  /**
   * SVG path data of the burndown in `LINE_UNITS` per pixel, at most four points per pixel
   * column; '' without data.
   */
  line: string;
  /** SVG path data of the even-spend line from (start, 100 %) to (end, 0 %), or null. */
  ideal: string | null;
  grid: GridLine[];
  /** A label for the lowest value when it is well below 0 %, at the value's pixel row. */
  floor: { y: number; label: string } | null;
  plot: ReturnType<typeof plotArea>;
  yMin: number;
  yMax: number;
}

/** Rounds a pixel coordinate to 1/100 px: shorter path text, no visible difference. */
const px = (v: number) => Math.round(v * 100) / 100;

/**
 * Where the burndown and its frame go, from the series reduced to one column per pixel
 * (`decimate` with the plot's width): the value axis is 0..1 widened to the data unless given.
 */
export function burndownGeometry(
  cols: Columns,
  width: number,
  height: number,
  opts: { ideal: boolean; yMin?: number; yMax?: number }
): BurndownGeometry {
  const plot = plotArea(width, height);
  const [lo, hi] = columnsExtent(cols) ?? [0, 1];
  const yMin = opts.yMin ?? Math.min(0, lo);
  const yMax = opts.yMax ?? Math.max(1, hi);
  const scale = plot.height / (yMax - yMin);
  const y = (v: number) => plot.top + (yMax - v) * scale;
  const u = LINE_UNITS;
  const yUnits = (v: number) => Math.round((plot.top + (yMax - v) * scale) * u);

  let line = '';
  let open = false;
  for (let c = 0; c < cols.count.length; c++) {
    const n = cols.count[c]!;
    if (n === 0) {
      // A gap (no traffic, NaN) stays a gap rather than a line across it.
      open = false;
      continue;
    }
    // The middle of the pixel column.
    const x = (plot.left + c) * u + u / 2;
    line += (open ? 'L' : 'M') + x + ' ' + yUnits(cols.first[c]!);
    open = true;
    // Within one column the line spans first → min → max → last; segments shorter than a pixel
    // are left out (they would not change a pixel), which keeps the path near one point per column.
    if (n > 1) {
      const lo = yUnits(cols.min[c]!);
      const hi = yUnits(cols.max[c]!);
      if (Math.abs(lo - hi) >= u) {
        line += 'L' + x + ' ' + lo + 'L' + x + ' ' + hi + 'L' + x + ' ' + yUnits(cols.last[c]!);
      }
    }
  }

  const grid: GridLine[] = [];
  for (const value of [1, 0.5, 0]) {
    if (value < yMin || value > yMax) {
      continue;
    }
    grid.push({ value, y: Math.round(y(value)) + 0.5, label: `${Math.round(value * 100)}%`, zero: value === 0 });
  }
  const right = plot.left + plot.width;
  return {
    line,
    ideal: opts.ideal ? `M${plot.left} ${px(y(1))}L${right} ${px(y(0))}` : null,
    grid,
    floor: yMin < 0 && y(yMin) - y(0) > 12 ? { y: px(y(yMin) - 4), label: `${Math.round(yMin * 100)}%` } : null,
    plot,
    yMin,
    yMax,
  };
}
