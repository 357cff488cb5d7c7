import { HOURS_PER_MONTH } from '../../capacity/recommend';
import { formatMoney, moneyToNumber, parseMoney, type Money } from '../../cost/decimal';
import { fmt, GIB } from '../format';
import type { Allocation, Pricing } from '../rightsize';
import type { Notes } from './notes';

/** Money from a float amount, through 6 decimals (a millionth of a currency unit). */
export function money(v: number): Money {
  return parseMoney(v.toFixed(6)) ?? 0n;
}

/**
 * What an allocation costs an hour, CPU and memory apart: at unit prices, or as its share of the
 * entity's monthly cost by requested amount against the current allocation (CPU's share by
 * `cpuShare`, default the requests weighted 9:1 per core against per GiB).
 */
export function hourlyCost(
  pricing: Pricing,
  cur: Allocation,
  a: Allocation,
): { cpu: number; memory: number } {
  if (pricing.kind === 'unit-prices') {
    return {
      cpu: a.cpuRequest * a.replicas * pricing.cpuCoreHour,
      memory: ((a.memRequest * a.replicas) / GIB) * pricing.memoryGiBHour,
    };
  }
  const curCpuTotal = cur.cpuRequest * cur.replicas;
  const curMemTotal = cur.memRequest * cur.replicas;
  const monthly = moneyToNumber(pricing.monthlyCost);
  const share =
    pricing.cpuShare ?? (9 * cur.cpuRequest) / (9 * cur.cpuRequest + cur.memRequest / GIB);
  return {
    cpu: ((monthly * share) / HOURS_PER_MONTH) * ((a.cpuRequest * a.replicas) / curCpuTotal),
    memory:
      ((monthly * (1 - share)) / HOURS_PER_MONTH) * ((a.memRequest * a.replicas) / curMemTotal),
  };
}

/** The month's saving, exact to a millionth, explained with the prices it came from. */
export function monthlySaving(
  pricing: Pricing,
  saving: { cpu: number; memory: number; schedule: number | null },
  notes: Notes,
): Money {
  const total = money(saving.cpu + saving.memory + (saving.schedule ?? 0));
  const currency = pricing.currency;
  notes.explanation.push(
    `saving a month: cpu ${fmt(saving.cpu, 4)} + memory ${fmt(saving.memory, 4)}` +
      (saving.schedule !== null ? ` + schedule ${fmt(saving.schedule, 4)}` : '') +
      ` = ${formatMoney(total)} ${currency} (${
        pricing.kind === 'unit-prices'
          ? `${pricing.cpuCoreHour} per core-hour, ${pricing.memoryGiBHour} per GiB-hour, × ${HOURS_PER_MONTH} h`
          : `share of the monthly cost ${formatMoney(pricing.monthlyCost)} ${currency} by requested amount`
      })`,
  );
  return total;
}
