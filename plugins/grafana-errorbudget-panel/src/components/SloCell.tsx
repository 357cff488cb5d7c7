import React from 'react';
import { css } from '@emotion/css';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { formattedValueToString, getDisplayProcessor, type Field, type GrafanaTheme2 } from '@grafana/data';
import type { ErrorBudgetOptions } from '../types';
import { burndownColumns, fieldByName, numberAt, type SloFrames } from '../frames';
import { BurndownChart } from './BurndownChart';
import { BurnRateTable } from './BurnRateTable';

const HEADER = 22;
const NUMBER = 56;
const ROW = 19;

const getStyles = (theme: GrafanaTheme2) => ({
  cell: css({
    display: 'flex',
    flexDirection: 'column',
    overflow: 'hidden',
    padding: theme.spacing(0, 0.5),
    color: theme.colors.text.primary,
  }),
  header: css({
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    height: HEADER,
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    whiteSpace: 'nowrap',
  }),
  title: css({ overflow: 'hidden', textOverflow: 'ellipsis' }),
  state: css({
    padding: theme.spacing(0, 0.75),
    borderRadius: theme.shape.radius.default,
    color: theme.colors.text.maxContrast,
  }),
  numbers: css({ display: 'flex', alignItems: 'baseline', gap: theme.spacing(2), height: NUMBER }),
  big: css({ fontSize: 36, lineHeight: '44px', fontWeight: theme.typography.fontWeightMedium }),
  small: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});

/** Green, orange or red by the panel's thresholds; grey when the number is unknown. */
export function budgetColor(theme: GrafanaTheme2, remaining: number | null, o: ErrorBudgetOptions): string {
  if (remaining === null) {
    return theme.colors.text.secondary;
  }
  if (remaining < o.criticalBelow) {
    return theme.visualization.getColorByName('red');
  }
  if (remaining < o.warningBelow) {
    return theme.visualization.getColorByName('orange');
  }
  return theme.visualization.getColorByName('green');
}

function lastFinite(field: Field | undefined): number | null {
  if (!field) {
    return null;
  }
  for (let i = field.values.length - 1; i >= 0; i--) {
    const v = numberAt(field, i);
    if (v !== null) {
      return v;
    }
  }
  return null;
}

interface Props {
  slo: SloFrames;
  width: number;
  height: number;
  options: ErrorBudgetOptions;
}

export function SloCell({ slo, width, height, options }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const budgetField = fieldByName(slo.status, 'budgetRemaining');
  const cols = slo.burndown ? burndownColumns(slo.burndown) : undefined;
  const remaining = budgetField ? numberAt(budgetField) : lastFinite(cols?.remaining);
  const shownField = budgetField ?? cols?.remaining;
  const text =
    remaining === null || !shownField
      ? 'No data'
      : formattedValueToString((shownField.display ?? getDisplayProcessor({ field: shownField, theme }))(remaining));
  const tteField = fieldByName(slo.status, 'timeToExhaustion');
  const tte = numberAt(tteField);
  const state = fieldByName(slo.status, 'alertState')?.values[0] as string | undefined;
  const color = budgetColor(theme, remaining, options);
  const stateColor = state === 'page' ? 'red' : state === 'ticket' ? 'orange' : state === 'ok' ? 'green' : 'gray';

  const rows = slo.burnRates?.fields[0]?.values.length ?? 0;
  const tableH = options.showBurnRates && slo.burnRates ? (rows + 1) * ROW + 4 : 0;
  let chartH = height - HEADER - NUMBER - tableH;
  const showTable = tableH > 0 && chartH >= 60;
  if (!showTable) {
    chartH = height - HEADER - NUMBER;
  }

  return (
    <div className={styles.cell} style={{ width, height }} data-testid="slo-cell" data-slo={slo.key}>
      <div className={styles.header}>
        <span className={styles.title} title={slo.title}>
          {slo.title}
        </span>
        {state && (
          <span
            className={styles.state}
            data-testid="alert-state"
            style={{ background: theme.visualization.getColorByName(stateColor) }}
          >
            {state}
          </span>
        )}
      </div>
      <div className={styles.numbers}>
        <span className={styles.big} style={{ color }} data-testid="budget-remaining">
          {text}
        </span>
        {options.showTimeToExhaustion && slo.status && (
          <span className={styles.small} data-testid="time-to-exhaustion">
            {tte === null
              ? 'not burning'
              : tte === 0
                ? 'budget spent'
                : `exhausted in ${formattedValueToString((tteField!.display ?? getDisplayProcessor({ field: tteField!, theme }))(tte))}`}
          </span>
        )}
      </div>
      {options.showBurndown && slo.burndown && cols && chartH > 20 && (
        <BurndownChart
          frame={slo.burndown}
          width={width - 8}
          height={chartH}
          windowStartMs={slo.windowStartMs}
          windowEndMs={slo.windowEndMs}
          windowSeconds={slo.windowSeconds}
          showIdeal={options.showIdeal}
          color={color}
        />
      )}
      {showTable && slo.burnRates && <BurnRateTable frame={slo.burnRates} />}
    </div>
  );
}
