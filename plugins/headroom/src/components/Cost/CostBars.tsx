import type { EntityPeriodCost } from '@headroom/plugin-headroom-common';
import { useTheme } from '@material-ui/core/styles';
import React from 'react';
import { formatMoney, formatPeriod } from '../../lib/format';

/**
 * Cost per period as bars, one currency. Amounts become floats only for bar heights; every
 * number a reader sees is the backend's decimal text.
 */
export function CostBars(props: {
  items: EntityPeriodCost[];
  label: string;
  width?: number;
  height?: number;
}) {
  const { items, label, width = 320, height = 64 } = props;
  const theme = useTheme();
  if (items.length === 0) return null;
  const values = items.map(i => Number(i.cost));
  const hi = Math.max(0, ...values);
  const lo = Math.min(0, ...values);
  const span = hi - lo || 1;
  const slot = width / items.length;
  const y = (v: number) => height - ((v - lo) / span) * height;
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={`${label}: ${items
        .map(i => `${formatPeriod(i.date)} ${formatMoney(i.cost, i.currency)}`)
        .join(', ')}`}
      style={{ display: 'block', margin: '8px 0' }}
    >
      {items.map((item, index) => {
        const v = values[index]!;
        const top = Math.min(y(v), y(0));
        return (
          <rect
            key={item.date}
            x={index * slot + 1}
            width={Math.max(1, slot - 2)}
            y={top}
            height={Math.max(1, Math.abs(y(v) - y(0)))}
            fill={v < 0 ? theme.palette.success.main : theme.palette.primary.main}
          >
            <title>{`${formatPeriod(item.date)}: ${formatMoney(item.cost, item.currency)}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}
