import React from 'react';
import { css } from '@emotion/css';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { getDisplayProcessor, type DataFrame, type GrafanaTheme2, formattedValueToString } from '@grafana/data';
import { fieldByName } from '../frames';

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: theme.typography.bodySmall.fontSize,
    'th, td': { padding: theme.spacing(0.25, 0.75), textAlign: 'right' },
    'th:first-child, td:first-child, th:nth-child(2), td:nth-child(2)': { textAlign: 'left' },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
  firing: css({ color: theme.colors.error.text, fontWeight: theme.typography.fontWeightBold }),
});

/** Window, burn rate, the alert's threshold and whether it fires; one row per window of each alert. */
export function BurnRateTable({ frame }: { frame: DataFrame }) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const severity = fieldByName(frame, 'severity');
  const window = fieldByName(frame, 'window');
  const rate = fieldByName(frame, 'rate');
  const threshold = fieldByName(frame, 'threshold');
  const firing = fieldByName(frame, 'firing');
  if (!window || !rate) {
    return null;
  }
  const fmt = (f: typeof rate, v: unknown) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return '–';
    }
    return formattedValueToString((f.display ?? getDisplayProcessor({ field: f, theme }))(v));
  };
  return (
    <table className={styles.table} aria-label="Burn rates">
      <thead>
        <tr>
          <th>Alert</th>
          <th>Window</th>
          <th>Rate</th>
          <th>Threshold</th>
          <th>Firing</th>
        </tr>
      </thead>
      <tbody>
        {window.values.map((w, i) => {
          const on = Boolean(firing?.values[i]);
          return (
            <tr key={i} className={on ? styles.firing : undefined}>
              <td>{String(severity?.values[i] ?? '')}</td>
              <td>{String(w)}</td>
              <td>{fmt(rate, rate.values[i])}</td>
              <td>{threshold ? fmt(threshold, threshold.values[i]) : '–'}</td>
              <td>{on ? 'yes' : 'no'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
