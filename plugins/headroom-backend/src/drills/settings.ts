import type { Config } from '@backstage/config';
import { parseRfc3339 } from '@headroom/core';

/** A change freeze: no drill runs in [from, to). */
export interface FreezeWindow {
  from: number;
  to: number;
  reason: string;
}

export interface DrillSettings {
  /** N of "services with SLOs and no drill in the last N days"; also the pages' default period. */
  lookbackDays: number;
  freezes: FreezeWindow[];
  scheduler: {
    /** Runs scheduled drills only when a runner is configured. */
    enabled: boolean;
    intervalSeconds: number;
    /** The `headroom` command the scheduler runs drills with (`drill run … --format json`). */
    command: string[];
    simulatorUrl: string | undefined;
    prometheusUrl: string | undefined;
  };
}

/** `headroom.drills`; a bad value names its key. */
export function drillSettings(config: Config): DrillSettings {
  const c = config.getOptionalConfig('headroom.drills');
  const lookbackDays = c?.getOptionalNumber('lookbackDays') ?? 30;
  if (!(lookbackDays > 0)) {
    throw new Error(`headroom.drills.lookbackDays must be above 0, got ${lookbackDays}`);
  }
  const freezes = (c?.getOptionalConfigArray('freezes') ?? []).map((f, i) => {
    const key = `headroom.drills.freezes[${i}]`;
    const from = parseRfc3339(f.getString('from'));
    const to = parseRfc3339(f.getString('to'));
    if (from === undefined || to === undefined || !(to > from)) {
      throw new Error(`${key}: from and to must be RFC 3339 times with from before to`);
    }
    return { from, to, reason: f.getOptionalString('reason') ?? 'change freeze' };
  });
  const s = c?.getOptionalConfig('scheduler');
  const simulatorUrl = s?.getOptionalString('simulatorUrl');
  const prometheusUrl =
    s?.getOptionalString('prometheusUrl') ??
    config.getOptionalString('headroom.prometheus.baseUrl');
  const intervalSeconds = s?.getOptionalNumber('intervalSeconds') ?? 60;
  if (!(intervalSeconds >= 10)) {
    throw new Error(
      `headroom.drills.scheduler.intervalSeconds must be at least 10, got ${intervalSeconds}`,
    );
  }
  return {
    lookbackDays,
    freezes,
    scheduler: {
      enabled: Boolean(simulatorUrl && prometheusUrl) && (s?.getOptionalBoolean('enabled') ?? true),
      intervalSeconds,
      command: s?.getOptionalStringArray('command') ?? ['headroom'],
      simulatorUrl,
      prometheusUrl,
    },
  };
}

/** The freeze holding at `at`, as a sentence, or undefined. */
export function freezeAt(freezes: readonly FreezeWindow[], at: number): string | undefined {
  const f = freezes.find(w => at >= w.from && at < w.to);
  return f
    ? `${f.reason} (${new Date(f.from * 1000).toISOString()} to ${new Date(f.to * 1000).toISOString()})`
    : undefined;
}
