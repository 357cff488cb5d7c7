import { z } from 'zod';
import { formatDuration, parseDuration } from './duration';
import { IssueSink, type PathPart } from './issues';
import type { AlertSeverity, AlertWindow, AlertWindowsSpec, SloIssue } from './types';

const DAY = 86_400;
const DAYS_30 = 30 * DAY;
const DAYS_28 = 28 * DAY;

/** The SRE workbook's windows for a 30-day SLO (Sloth's built-in `google-30d`). */
const WORKBOOK: readonly Omit<AlertWindow, 'factor'>[] = [
  {
    severity: 'page',
    speed: 'quick',
    errorBudgetPercent: 2,
    longWindowSeconds: 3_600,
    shortWindowSeconds: 300,
  },
  {
    severity: 'page',
    speed: 'slow',
    errorBudgetPercent: 5,
    longWindowSeconds: 6 * 3_600,
    shortWindowSeconds: 1_800,
  },
  {
    severity: 'ticket',
    speed: 'quick',
    errorBudgetPercent: 10,
    longWindowSeconds: DAY,
    shortWindowSeconds: 2 * 3_600,
  },
  {
    severity: 'ticket',
    speed: 'slow',
    errorBudgetPercent: 10,
    longWindowSeconds: 3 * DAY,
    shortWindowSeconds: 6 * 3_600,
  },
];

/** Sloth's burn-rate factor: the share of the budget spent over the long window, as a rate. */
export function burnRateFactor(
  errorBudgetPercent: number,
  periodSeconds: number,
  longWindowSeconds: number,
): number {
  return ((errorBudgetPercent / 100) * periodSeconds) / longWindowSeconds;
}

/**
 * Multi-window, multi-burn-rate alert windows for an SLO period.
 *
 * 30 and 28 days use the SRE workbook's windows unchanged (Sloth's `google-30d` and `google-28d`:
 * factors 14.4/6/3/1 and 13.44/5.6/2.8/0.933). Any other period keeps the budget percentages and
 * scales both windows by period/30d, as Pyrra does, which keeps the 30-day factors: a 7-day SLO
 * pages on 2 % of its budget over 14 minutes (long) and 70 seconds (short).
 */
export function defaultAlertWindows(periodSeconds: number): AlertWindow[] {
  const keep = periodSeconds === DAYS_28 || periodSeconds === DAYS_30;
  // Multiply before dividing: 3600 * 604800 / 2592000 is exactly 840.
  const scaled = (seconds: number) => (keep ? seconds : (seconds * periodSeconds) / DAYS_30);
  return WORKBOOK.map(w => {
    const longWindowSeconds = scaled(w.longWindowSeconds);
    const shortWindowSeconds = scaled(w.shortWindowSeconds);
    return {
      ...w,
      longWindowSeconds,
      shortWindowSeconds,
      factor: burnRateFactor(w.errorBudgetPercent, periodSeconds, longWindowSeconds),
    };
  });
}

/** The windows an SLO of this period gets: the override for that period if any, else the defaults. */
export function resolveAlertWindows(
  periodSeconds: number,
  overrides: readonly AlertWindowsSpec[] = [],
): AlertWindow[] {
  const override = overrides.find(o => o.periodSeconds === periodSeconds);
  if (!override) return defaultAlertWindows(periodSeconds);
  return override.windows.map(w => ({
    ...w,
    factor: burnRateFactor(w.errorBudgetPercent, periodSeconds, w.longWindowSeconds),
  }));
}

const durationString = z
  .string()
  .refine(s => parseDuration(s) !== undefined, 'must be a duration like 5m, 1h, 30d');

function windowSchema(strict: boolean) {
  const shape = {
    errorBudgetPercent: z.number().gt(0, 'must be > 0').max(100, 'must be <= 100'),
    shortWindow: durationString,
    longWindow: durationString,
  };
  return strict ? z.strictObject(shape) : z.looseObject(shape);
}

function severitySchema(strict: boolean) {
  const shape = { quick: windowSchema(strict), slow: windowSchema(strict) };
  return strict ? z.strictObject(shape) : z.looseObject(shape);
}

/** The `spec` of Sloth's AlertWindows kind (also the value of the `headroom.dev/alert-windows` annotation). */
export function alertWindowsSpecSchema(strict: boolean, periodRequired: boolean) {
  const shape = {
    sloPeriod: periodRequired ? durationString : durationString.optional(),
    page: severitySchema(strict),
    ticket: severitySchema(strict),
  };
  return strict ? z.strictObject(shape) : z.looseObject(shape);
}

type RawWindowsSpec = z.infer<ReturnType<typeof alertWindowsSpecSchema>>;

/**
 * Reads the `spec` of an AlertWindows document into windows for `periodSeconds`
 * (the spec's own `sloPeriod` when it has one). Reports issues under `base`.
 */
export function readAlertWindowsSpec(
  spec: unknown,
  sink: IssueSink,
  base: readonly PathPart[],
  options: { strict?: boolean; periodSeconds?: number },
): AlertWindowsSpec | undefined {
  const parsed = alertWindowsSpecSchema(
    options.strict ?? false,
    options.periodSeconds === undefined,
  ).safeParse(spec, {
    reportInput: true,
  });
  if (!parsed.success) {
    sink.addZod(parsed.error, base);
    return undefined;
  }
  const raw: RawWindowsSpec = parsed.data;
  const periodSeconds =
    raw.sloPeriod !== undefined
      ? (parseDuration(raw.sloPeriod) as number)
      : (options.periodSeconds as number);
  const windows: AlertWindow[] = [];
  const before = sink.count;
  for (const severity of ['page', 'ticket'] as AlertSeverity[]) {
    for (const speed of ['quick', 'slow'] as const) {
      const w = raw[severity][speed];
      const longWindowSeconds = parseDuration(w.longWindow) as number;
      const shortWindowSeconds = parseDuration(w.shortWindow) as number;
      if (shortWindowSeconds >= longWindowSeconds) {
        sink.add([...base, severity, speed, 'shortWindow'], 'must be shorter than longWindow');
      }
      if (longWindowSeconds > periodSeconds) {
        sink.add(
          [...base, severity, speed, 'longWindow'],
          'must not be longer than the SLO period',
        );
      }
      windows.push({
        severity,
        speed,
        errorBudgetPercent: w.errorBudgetPercent,
        longWindowSeconds,
        shortWindowSeconds,
        factor: burnRateFactor(w.errorBudgetPercent, periodSeconds, longWindowSeconds),
      });
    }
  }
  if (sink.count > before) return undefined;
  return { sloPeriod: raw.sloPeriod ?? formatDuration(periodSeconds), periodSeconds, windows };
}

function documentSchema(strict: boolean) {
  const shape = {
    apiVersion: z.literal('sloth.slok.dev/v1'),
    kind: z.literal('AlertWindows'),
    metadata: z.unknown().optional(),
    spec: z.unknown(),
  };
  return strict ? z.strictObject(shape) : z.looseObject(shape);
}

/**
 * Reads one Sloth `AlertWindows` document (`apiVersion: sloth.slok.dev/v1`, `kind: AlertWindows`,
 * `spec.sloPeriod`, `spec.page|ticket.quick|slow.{errorBudgetPercent, shortWindow, longWindow}`).
 */
export function parseAlertWindows(
  doc: unknown,
  file = '<input>',
  docIndex = 0,
  options: { strict?: boolean } = {},
): { spec?: AlertWindowsSpec; issues: SloIssue[] } {
  const sink = new IssueSink(file, docIndex);
  const spec = readAlertWindowsDocument(doc, sink, options);
  return spec ? { spec, issues: sink.issues } : { issues: sink.issues };
}

/** `parseAlertWindows`, reporting into an existing sink. */
export function readAlertWindowsDocument(
  doc: unknown,
  sink: IssueSink,
  options: { strict?: boolean } = {},
): AlertWindowsSpec | undefined {
  const parsed = documentSchema(options.strict ?? false).safeParse(doc, { reportInput: true });
  if (!parsed.success) {
    sink.addZod(parsed.error);
    return undefined;
  }
  return readAlertWindowsSpec(parsed.data.spec, sink, ['spec'], options);
}

/** The windows as the `spec` of an AlertWindows document, for export. */
export function alertWindowsToSpec(
  periodSeconds: number,
  windows: readonly AlertWindow[],
): Record<string, unknown> {
  const out: Record<string, Record<string, Record<string, unknown>>> = { page: {}, ticket: {} };
  for (const w of windows) {
    (out[w.severity] as Record<string, Record<string, unknown>>)[w.speed] = {
      errorBudgetPercent: w.errorBudgetPercent,
      shortWindow: formatDuration(w.shortWindowSeconds),
      longWindow: formatDuration(w.longWindowSeconds),
    };
  }
  return { sloPeriod: formatDuration(periodSeconds), ...out };
}
