import type { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { formatDuration, parseDuration } from '@headroom/core';

const DAY = 86_400;

/** No window or range the API accepts may be longer than this, whatever the configuration. */
export const MAX_WINDOW_CAP_SECONDS = 400 * DAY;

/**
 * The least the default bound allows: the incident and change lists read the last 90 days when
 * a request names no period, and those requests must keep working with only 30-day SLOs.
 */
export const DEFAULT_WINDOW_FLOOR_SECONDS = 90 * DAY;

/** How long the longest SLO window in use is kept before it is read again. */
const WINDOWS_IN_USE_TTL_MS = 60_000;

/**
 * `headroom.api.maxWindow`, `headroom.api.maxCostRange` and `headroom.api.maxPointsPerSeries`,
 * checked at start-up.
 */
export interface ApiBoundsSettings {
  /** The configured bound in seconds; undefined: the longest SLO window in use. */
  maxWindowSeconds: number | undefined;
  /**
   * The bound of the cost routes' periods, in seconds. They read stored daily cost cells, not
   * Prometheus, and people read cost by the month: a 6-month trend must pass where a 30-day SLO
   * sets the window bound. Default (and most) 400 days.
   */
  maxCostRangeSeconds?: number;
  /** The configured bound on the samples of one series; undefined: derived from the window. */
  maxPointsPerSeries: number | undefined;
  /** Resolution of the scheduled evaluation's reads, for the default points bound. */
  evaluationStepSeconds: number;
}

export function apiBoundsSettings(
  config: RootConfigService,
  evaluationStepSeconds: number,
): ApiBoundsSettings {
  const text = config.getOptionalString('headroom.api.maxWindow');
  let maxWindowSeconds: number | undefined;
  if (text !== undefined) {
    const seconds = parseDuration(text);
    if (seconds === undefined || !(seconds > 0) || seconds > MAX_WINDOW_CAP_SECONDS) {
      throw new Error(
        `headroom.api.maxWindow must be a duration from 1s to ${formatDuration(MAX_WINDOW_CAP_SECONDS)} such as 90d, got '${text}'`,
      );
    }
    maxWindowSeconds = seconds;
  }
  const costText = config.getOptionalString('headroom.api.maxCostRange');
  let maxCostRangeSeconds: number | undefined;
  if (costText !== undefined) {
    const seconds = parseDuration(costText);
    if (seconds === undefined || !(seconds > 0) || seconds > MAX_WINDOW_CAP_SECONDS) {
      throw new Error(
        `headroom.api.maxCostRange must be a duration from 1s to ${formatDuration(MAX_WINDOW_CAP_SECONDS)} such as 180d, got '${costText}'`,
      );
    }
    maxCostRangeSeconds = seconds;
  }
  const points = config.getOptionalNumber('headroom.api.maxPointsPerSeries');
  if (points !== undefined && !(Number.isInteger(points) && points >= 2)) {
    throw new Error(
      `headroom.api.maxPointsPerSeries must be a whole number of at least 2, got ${points}`,
    );
  }
  return {
    maxWindowSeconds,
    maxCostRangeSeconds,
    maxPointsPerSeries: points,
    evaluationStepSeconds,
  };
}

/**
 * The default bound from the windows of the SLOs in use: the longest of them, at least
 * {@link DEFAULT_WINDOW_FLOOR_SECONDS}, at most {@link MAX_WINDOW_CAP_SECONDS}. Windows that are
 * not durations are left out.
 */
export function defaultMaxWindowSeconds(windowsInUse: readonly string[]): number {
  let longest = DEFAULT_WINDOW_FLOOR_SECONDS;
  for (const w of windowsInUse) {
    const seconds = parseDuration(w);
    if (seconds !== undefined && seconds > longest) longest = seconds;
  }
  return Math.min(longest, MAX_WINDOW_CAP_SECONDS);
}

/** Samples a range read of `spanSeconds` at `stepSeconds` returns per series, both ends counted. */
export function pointsPerSeries(spanSeconds: number, stepSeconds: number): number {
  return Math.floor(spanSeconds / stepSeconds) + 1;
}

/**
 * The bounds every request's windows, ranges and Prometheus reads are held to, so that no single
 * request can take seconds of CPU or hundreds of MB. Each refusal is an InputError (400) naming
 * the field, the request and the bound.
 */
export class ApiBounds {
  private cached: { seconds: number; at: number } | undefined;
  private reading: Promise<number> | undefined;

  constructor(
    private readonly settings: ApiBoundsSettings,
    /** The windows of the stored SLOs, as written (`30d`); read again every minute. */
    private readonly windowsInUse: () => Promise<string[]>,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Resolution of the scheduled evaluation's reads, in seconds. */
  get evaluationStepSeconds(): number {
    return this.settings.evaluationStepSeconds;
  }

  /** The longest window or range accepted now, in seconds. */
  async maxWindowSeconds(): Promise<number> {
    if (this.settings.maxWindowSeconds !== undefined) return this.settings.maxWindowSeconds;
    const now = this.clock();
    if (this.cached && now - this.cached.at < WINDOWS_IN_USE_TTL_MS) return this.cached.seconds;
    // One read for all the requests that arrive while it runs.
    this.reading ??= this.windowsInUse()
      .then(windows => {
        const seconds = defaultMaxWindowSeconds(windows);
        this.cached = { seconds, at: this.clock() };
        return seconds;
      })
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }

  /** The most samples one series of a request may read. */
  async maxPointsPerSeries(): Promise<number> {
    if (this.settings.maxPointsPerSeries !== undefined) return this.settings.maxPointsPerSeries;
    // What the scheduled evaluation reads for the longest window accepted.
    return pointsPerSeries(await this.maxWindowSeconds(), this.settings.evaluationStepSeconds);
  }

  private describeBound(): string {
    return this.settings.maxWindowSeconds !== undefined
      ? 'headroom.api.maxWindow'
      : `headroom.api.maxWindow; by default the longest SLO window in use, from ${formatDuration(DEFAULT_WINDOW_FLOOR_SECONDS)} to ${formatDuration(MAX_WINDOW_CAP_SECONDS)}`;
  }

  /** Refuses a window (an SLO's, or a period in days) longer than the bound. */
  async requireWindow(
    seconds: number,
    field: string,
    where: string,
    written?: string,
  ): Promise<void> {
    const max = await this.maxWindowSeconds();
    if (seconds > max) {
      throw new InputError(
        `${field} of ${where} is ${written ?? formatDuration(seconds)}; the longest window this API accepts is ${formatDuration(max)} (${this.describeBound()})`,
      );
    }
  }

  /**
   * Refuses a range [from, to] (unix seconds) longer than the bound: the window bound, or for
   * the cost routes' stored cells `headroom.api.maxCostRange`.
   */
  async requireRange(
    from: number,
    to: number,
    field: string,
    where: string,
    bound: 'window' | 'cost' = 'window',
  ): Promise<void> {
    const max =
      bound === 'cost'
        ? (this.settings.maxCostRangeSeconds ?? MAX_WINDOW_CAP_SECONDS)
        : await this.maxWindowSeconds();
    if (to - from > max) {
      const described =
        bound === 'cost' ? 'headroom.api.maxCostRange; by default 400d' : this.describeBound();
      throw new InputError(
        `${field} of ${where} span ${formatDuration(Math.round(to - from))}, from ${iso(from)} to ${iso(to)}; the longest range this API accepts is ${formatDuration(max)} (${described})`,
      );
    }
  }

  /** Refuses a range read of more samples per series than the bound. */
  async requirePoints(
    spanSeconds: number,
    stepSeconds: number,
    field: string,
    where: string,
  ): Promise<void> {
    const max = await this.maxPointsPerSeries();
    const points = pointsPerSeries(spanSeconds, stepSeconds);
    if (points > max) {
      throw new InputError(
        `${field} of ${where} would read ${points} samples per series (${formatDuration(Math.round(spanSeconds))} at a ${stepSeconds} s step); the most this API reads is ${max} (headroom.api.maxPointsPerSeries; by default the longest accepted window at headroom.evaluation.stepSeconds)`,
      );
    }
  }
}

function iso(t: number): string {
  return Number.isFinite(t) && Math.abs(t) < 8.64e12 ? new Date(t * 1000).toISOString() : String(t);
}
