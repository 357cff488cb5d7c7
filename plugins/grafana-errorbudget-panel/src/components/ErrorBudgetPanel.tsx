import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { PanelDataErrorView } from '@grafana/runtime';
import type { ErrorBudgetOptions } from '../types';
import { groupSloFrames } from '../frames';
import { SloCell } from './SloCell';

const getStyles = () => ({
  grid: css({ display: 'flex', flexWrap: 'wrap', overflowY: 'auto', overflowX: 'hidden' }),
});

/** One SLO, or a grid of them when the query returns many (a repeat over SLOs inside one panel). */
export function ErrorBudgetPanel({ data, width, height, options, id, fieldConfig }: PanelProps<ErrorBudgetOptions>) {
  const styles = useStyles2(getStyles);
  const slos = useMemo(() => groupSloFrames(data.series), [data.series]);
  if (slos.length === 0) {
    const message = data.errors?.[0]?.message ?? data.error?.message ?? 'No data';
    return (
      <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} message={message} needsTimeField={false} />
    );
  }
  const columns = Math.max(1, Math.min(slos.length, Math.floor(width / Math.max(120, options.minCellWidth))));
  const rows = Math.ceil(slos.length / columns);
  const cellW = Math.floor(width / columns);
  const cellH = Math.max(140, Math.floor(height / rows));
  return (
    <div className={styles.grid} style={{ width, height }}>
      {slos.map((slo) => (
        <SloCell key={slo.key} slo={slo} width={cellW} height={cellH} options={options} />
      ))}
    </div>
  );
}
