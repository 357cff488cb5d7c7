import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import type { RangeSeries } from '@headroom/prometheus';
import type { HeadroomFrameMeta } from './meta';

/** Prometheus range series as time series frames; NaN and infinities are kept as Prometheus gave them. */
export function recordedFrames(
  series: RangeSeries[],
  displayName: string,
  unit: string,
  refId: string,
  key: string
): DataFrame[] {
  const meta: HeadroomFrameMeta = { headroom: 'recorded', key, title: displayName };
  return series.map((s) =>
    createDataFrame({
      refId,
      name: displayName,
      meta: { custom: meta },
      fields: [
        { name: 'time', type: FieldType.time, values: Array.from(s.timestamps, (t) => t * 1000) },
        {
          name: 'value',
          type: FieldType.number,
          values: Array.from(s.values),
          labels: s.metric,
          config: { displayName, unit },
        },
      ],
    })
  );
}
