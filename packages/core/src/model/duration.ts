/**
 * Durations as written in Prometheus, Sloth, Pyrra and OpenSLO files, in seconds.
 *
 * Units: ms, s, m (minute), h, d, w, y (365 days), and OpenSLO's calendar units M (month),
 * Q (quarter) and Y (year). A month counts as 30 days and a quarter as 90 days, so that burn-rate
 * factors stay the same as for a 30-day window; calendar alignment is kept apart, in
 * `TimeWindow.calendarUnit`. Compound forms such as `1h30m` are accepted, as in Prometheus.
 */

const DAY = 86_400;

const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3_600,
  d: DAY,
  w: 7 * DAY,
  M: 30 * DAY,
  Q: 90 * DAY,
  y: 365 * DAY,
  Y: 365 * DAY,
};

const TERM = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|M|Q|y|Y)/y;

/** Seconds in a duration such as `5m`, `1h30m`, `30d`, `2w`, `1M`; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  const s = text.trim();
  if (s === '') return undefined;
  let total = 0;
  let pos = 0;
  // Units may not repeat or go back up (`5m1h`), as in Prometheus' own parser.
  let lastUnitSize = Infinity;
  while (pos < s.length) {
    TERM.lastIndex = pos;
    const match = TERM.exec(s);
    if (!match) return undefined;
    const size = UNIT_SECONDS[match[2] as string] as number;
    if (size >= lastUnitSize) return undefined;
    lastUnitSize = size;
    total += Number(match[1]) * size;
    pos = TERM.lastIndex;
  }
  // Sub-millisecond noise from decimal terms (`1.1h`) would break exact comparisons.
  return Math.round(total * 1000) / 1000;
}

const FORMAT_UNITS: [string, number][] = [
  ['y', 365 * DAY],
  ['w', 7 * DAY],
  ['d', DAY],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
];

/**
 * The shortest form with one unit: the largest unit that divides the duration exactly
 * (300 → `5m`, 3600 → `1h`, 2592000 → `30d`, 2419200 → `4w`). Months and quarters are never
 * produced, because they are not exact lengths.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(`formatDuration: ${seconds} is not a non-negative number of seconds`);
  }
  if (seconds === 0) return '0s';
  const millis = Math.round(seconds * 1000);
  for (const [unit, size] of FORMAT_UNITS) {
    if (millis % (size * 1000) === 0) return `${millis / (size * 1000)}${unit}`;
  }
  return `${millis}ms`;
}
