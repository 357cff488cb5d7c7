import { FieldType, type DataFrame, type Field } from '@grafana/data';

/** Frames of one SLO, as the Headroom datasource returns them (`meta.custom.headroom`). */
export interface SloFrames {
  key: string;
  title: string;
  status?: DataFrame;
  burndown?: DataFrame;
  burnRates?: DataFrame;
  windowStartMs?: number;
  /** The window's real end (a calendar month's next 1st), from core's `windowEnd`. */
  windowEndMs?: number;
  windowSeconds?: number;
}

interface Custom {
  headroom?: string;
  key?: string;
  title?: string;
  windowStartMs?: number;
  windowEndMs?: number;
  windowSeconds?: number;
}

/**
 * Groups frames by SLO. Frames from another datasource (a Prometheus budget series, say) are
 * shown as a burndown of their first number field, one per frame.
 */
export function groupSloFrames(series: DataFrame[]): SloFrames[] {
  const groups = new Map<string, SloFrames>();
  series.forEach((frame, i) => {
    const custom = (frame.meta?.custom ?? {}) as Custom;
    const kind = custom.headroom ?? (isTimeSeries(frame) ? 'burndown' : undefined);
    if (kind !== 'status' && kind !== 'burndown' && kind !== 'burnRates') {
      return;
    }
    const key = custom.key ?? frame.name ?? `${frame.refId ?? 'series'}-${i}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, title: custom.title ?? frame.name ?? key };
      groups.set(key, g);
    }
    g[kind] = frame;
    if (custom.windowStartMs !== undefined) {
      g.windowStartMs = custom.windowStartMs;
    }
    if (custom.windowEndMs !== undefined) {
      g.windowEndMs = custom.windowEndMs;
    }
    if (custom.windowSeconds !== undefined) {
      g.windowSeconds = custom.windowSeconds;
    }
  });
  return [...groups.values()];
}

function isTimeSeries(frame: DataFrame): boolean {
  return frame.fields.some((f) => f.type === FieldType.time) && frame.fields.some((f) => f.type === FieldType.number);
}

export function fieldByName(frame: DataFrame | undefined, name: string): Field | undefined {
  return frame?.fields.find((f) => f.name === name);
}

/** The first value of a field as a finite number, or null (missing, null or NaN). */
export function numberAt(field: Field | undefined, i = 0): number | null {
  const v = field?.values[i];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function burndownColumns(frame: DataFrame): { time: Field; remaining: Field } | undefined {
  const time = frame.fields.find((f) => f.type === FieldType.time);
  const remaining = fieldByName(frame, 'remaining') ?? frame.fields.find((f) => f.type === FieldType.number);
  return time && remaining ? { time, remaining } : undefined;
}
