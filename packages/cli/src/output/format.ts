import type { Colours } from '../io/console';

/** Percent with enough digits to tell 99.9 % from 99.95 %. */
export function formatPercent(fraction: number | null, digits = 3): string {
  if (fraction === null || !Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits).replace(/\.?0+$/, '')}%`;
}

export function formatBurnRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '–';
  if (rate === 0) return '0×';
  return rate >= 10 ? `${rate.toFixed(1)}×` : `${rate.toFixed(2)}×`;
}

/** 93784 → "1d 2h", 2700 → "45m"; two most significant units. */
export function formatHumanDuration(seconds: number | null): string {
  if (seconds === null) return 'never';
  if (!Number.isFinite(seconds)) return 'never';
  if (seconds <= 0) return 'spent';
  const units: [string, number][] = [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of units) {
    if (rest >= size || (parts.length === 0 && unit === 's')) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** Budget remaining, coloured: red when spent, yellow under a quarter, green otherwise. */
export function colourBudget(pc: Colours, remaining: number | null): string {
  const text = formatPercent(remaining, 1);
  if (remaining === null) return pc.dim(text);
  if (remaining <= 0) return pc.red(pc.bold(text));
  if (remaining < 0.25) return pc.yellow(text);
  return pc.green(text);
}

export function colourBurn(pc: Colours, rate: number | null, threshold: number): string {
  const text = formatBurnRate(rate);
  if (rate === null) return pc.dim(text);
  if (rate > threshold) return pc.red(text);
  if (rate > 1) return pc.yellow(text);
  return text;
}
