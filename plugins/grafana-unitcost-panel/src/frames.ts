import { FieldType, type DataFrame, type Field } from '@grafana/data';

export interface UnitCostSeries {
  key: string;
  title: string;
  time: Field;
  unitCost: Field;
  cost?: Field;
  driver?: Field;
}

export interface BandSeries {
  title: string;
  time: Field;
  p25: Field;
  p50?: Field;
  p75: Field;
}

/**
 * The unit-cost series and the line of business band from the Headroom datasource's frames;
 * a plain time series from another datasource is shown as a unit-cost line.
 */
export function readUnitCostFrames(series: DataFrame[]): { lines: UnitCostSeries[]; band?: BandSeries } {
  const lines: UnitCostSeries[] = [];
  let band: BandSeries | undefined;
  series.forEach((frame, i) => {
    const custom = (frame.meta?.custom ?? {}) as { headroom?: string; key?: string; title?: string };
    const time = frame.fields.find((f) => f.type === FieldType.time);
    if (!time) {
      return;
    }
    const by = (name: string) => frame.fields.find((f) => f.name === name);
    if (custom.headroom === 'unitCostBand') {
      const p25 = by('p25');
      const p75 = by('p75');
      if (p25 && p75) {
        band = { title: custom.title ?? frame.name ?? 'band', time, p25, p50: by('p50'), p75 };
      }
      return;
    }
    const unitCost = by('unitCost') ?? frame.fields.find((f) => f.type === FieldType.number);
    if (!unitCost) {
      return;
    }
    lines.push({
      key: custom.key ?? frame.name ?? `series-${i}`,
      title: unitCost.config.displayName ?? custom.title ?? frame.name ?? `series ${i + 1}`,
      time,
      unitCost,
      cost: by('cost'),
      driver: by('driver'),
    });
  });
  return { lines, band };
}

export function finite(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Index of the value of `time` nearest to `t`, or -1 when the field is empty. */
export function nearestIndex(time: Field, t: number): number {
  let best = -1;
  let dist = Infinity;
  for (let i = 0; i < time.values.length; i++) {
    const d = Math.abs((time.values[i] as number) - t);
    if (d < dist) {
      dist = d;
      best = i;
    }
  }
  return best;
}
