import { columnsExtent, decimate } from './decimate';

export interface BurndownDrawing {
  times: ArrayLike<number>;
  remaining: ArrayLike<number | null | undefined>;
  /** Time axis, unix ms: the SLO window when known, else the data's span. */
  tMin: number;
  tMax: number;
  /** Value axis; by default 0..1 widened to the data. */
  yMin?: number;
  yMax?: number;
  /** Ideal line from (tMin, 1) to (tMax, 0); omitted when the window is unknown. */
  ideal: boolean;
  colors: { line: string; ideal: string; zero: string; grid: string; fill: string };
  /** Device pixel ratio. */
  ratio: number;
}

export const PADDING = { left: 40, right: 8, top: 6, bottom: 18 };

/**
 * Draws the burndown in one pass over the data: the series is reduced to pixel columns first
 * (see `decimate`), so the cost of drawing depends on the width, not on the number of points.
 */
export function drawBurndown(ctx: CanvasRenderingContext2D, width: number, height: number, d: BurndownDrawing): number {
  const { left, right, top, bottom } = PADDING;
  const plotW = Math.max(1, width - left - right);
  const plotH = Math.max(1, height - top - bottom);
  // One pass over the points; the value range comes from the columns, not another pass.
  const cols = decimate(d.times, d.remaining, d.tMin, d.tMax, plotW);
  const [lo, hi] = columnsExtent(cols) ?? [0, 1];
  const yMin = d.yMin ?? Math.min(0, lo);
  const yMax = d.yMax ?? Math.max(1, hi);
  ctx.setTransform(d.ratio, 0, 0, d.ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const y = (v: number) => top + ((yMax - v) / (yMax - yMin)) * plotH;

  // Grid at 100 %, 50 %, 0 % and the labels.
  ctx.lineWidth = 1;
  ctx.strokeStyle = d.colors.grid;
  ctx.fillStyle = d.colors.grid;
  ctx.font = '10px Inter, Helvetica, Arial, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const g of [1, 0.5]) {
    if (g < yMin || g > yMax) {
      continue;
    }
    ctx.beginPath();
    ctx.moveTo(left, Math.round(y(g)) + 0.5);
    ctx.lineTo(left + plotW, Math.round(y(g)) + 0.5);
    ctx.stroke();
    ctx.fillText(`${Math.round(g * 100)}%`, left - 4, y(g));
  }
  ctx.strokeStyle = d.colors.zero;
  ctx.beginPath();
  ctx.moveTo(left, Math.round(y(0)) + 0.5);
  ctx.lineTo(left + plotW, Math.round(y(0)) + 0.5);
  ctx.stroke();
  ctx.fillStyle = d.colors.zero;
  ctx.fillText('0%', left - 4, y(0));
  if (yMin < 0 && y(yMin) - y(0) > 12) {
    ctx.fillText(`${Math.round(yMin * 100)}%`, left - 4, y(yMin) - 4);
  }

  if (d.ideal) {
    ctx.strokeStyle = d.colors.ideal;
    ctx.setLineDash([4, 4]);
    ctx.beginPath();
    ctx.moveTo(left, y(1));
    ctx.lineTo(left + plotW, y(0));
    ctx.stroke();
    ctx.setLineDash([]);
  }

  const path = new Path2D();
  let open = false;
  let lastX = 0;
  let firstX = -1;
  for (let c = 0; c < cols.count.length; c++) {
    if (cols.count[c] === 0) {
      // A gap (no traffic, NaN) stays a gap rather than a line across it.
      open = false;
      continue;
    }
    const x = left + c + 0.5;
    if (!open) {
      path.moveTo(x, y(cols.first[c]!));
      open = true;
      if (firstX < 0) {
        firstX = x;
      }
    } else {
      path.lineTo(x, y(cols.first[c]!));
    }
    // Within one column the line spans first → min → max → last; segments shorter than a pixel
    // are not drawn (they would not change a pixel), which keeps the path near one point per column.
    if (cols.count[c]! > 1) {
      const yMinPx = y(cols.min[c]!);
      const yMaxPx = y(cols.max[c]!);
      if (Math.abs(yMinPx - yMaxPx) >= 1) {
        path.lineTo(x, yMinPx);
        path.lineTo(x, yMaxPx);
        path.lineTo(x, y(cols.last[c]!));
      }
    }
    lastX = x;
  }
  ctx.strokeStyle = d.colors.line;
  ctx.lineWidth = 1.5;
  ctx.lineJoin = 'bevel';
  ctx.stroke(path);

  // Time labels: window start and end.
  ctx.fillStyle = d.colors.grid;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  const fmt = (t: number) => new Date(t).toISOString().slice(5, 10);
  ctx.fillText(fmt(d.tMin), left, height - 4);
  ctx.textAlign = 'right';
  ctx.fillText(fmt(d.tMax), left + plotW, height - 4);
  return firstX < 0 ? 0 : lastX - firstX + 1;
}
