import { HOURS_PER_MONTH } from '../../capacity/recommend';
import type { CapacityRecommendation, PeakForecast, ResourceFit } from '../../capacity/types';
import { fmt, GIB, memoryQuantity, pct } from '../format';
import { hourlyProfile } from '../profile';
import type {
  Allocation,
  RightSizingInput,
  ScaleDownSchedule,
  ScheduledWindow,
} from '../rightsize';
import type { Need } from './need';
import type { Notes } from './notes';
import type { RightSizingSettings } from './settings';

/**
 * Scale-down windows from the driver's hour profile: in each quiet window, the replicas that the
 * window's share of the forecast peak needs, when fewer than the recommendation's; null when no
 * window saves a replica, when `schedule` is false, or under a freeze. `hourly` is what the
 * recommended allocation costs an hour.
 */
export function scaleDownSchedule(
  input: RightSizingInput,
  s: RightSizingSettings,
  targets: { cpuTarget: number; memTarget: number },
  need: Need,
  rec: Allocation,
  hourly: { cpu: number; memory: number },
  notes: Notes,
): ScaleDownSchedule | null {
  if (input.schedule === false) return null;
  const R = input.current.replicas;
  const { cpuFit, memFit, forecast, capacity } = need;
  const profile = hourlyProfile(input.timestamps, input.driver, input.schedule ?? {});
  if (!profile || !profile.windows.length) return null;
  const windows: ScheduledWindow[] = [];
  // Replicas a window needs: the fit's baseline is the replicas' idle use, so it shrinks with
  // the count, while the load part (perUnit × driver, plus the margin) is shared by them.
  const replicasFor = (
    c: CapacityRecommendation,
    fit: ResourceFit,
    request: number,
    scale: number,
  ) => {
    const base = Math.max(0, fit.baseline) * scale;
    const load = Math.max(0, c.components.usageAtPeak * scale - base) + c.components.margin * scale;
    const room = c.components.utilisation * request - base / R;
    const r = room > 0 ? Math.max(s.minReplicas, Math.ceil(load / room - 1e-9)) : rec.replicas;
    return { r, need: (r: number) => (base * (r / R) + load) / c.components.utilisation };
  };
  for (const w of profile.windows) {
    const f: PeakForecast = {
      ...forecast,
      peak: forecast.peak * w.fractionOfPeak,
      upper: forecast.upper * w.fractionOfPeak,
    };
    const c = replicasFor(
      capacity(cpuFit, 'cores', targets.cpuTarget, f, true),
      cpuFit,
      rec.cpuRequest,
      1,
    );
    const m = replicasFor(
      capacity(memFit, 'GiB', targets.memTarget, f, false),
      memFit,
      rec.memRequest,
      GIB,
    );
    const replicas = Math.max(c.r, m.r);
    if (replicas < rec.replicas) {
      windows.push({
        ...w,
        replicas,
        driverPeak: f.peak,
        neededCpuCores: c.need(replicas),
        neededMemoryBytes: m.need(replicas),
      });
    }
  }
  if (!windows.length) return null;
  const perReplicaHour = (hourly.cpu + hourly.memory) / rec.replicas;
  const monthlySaving = windows.reduce(
    (sum, w) =>
      sum + (rec.replicas - w.replicas) * w.hoursPerWeek * (HOURS_PER_MONTH / 168) * perReplicaHour,
    0,
  );
  for (const w of windows) {
    notes.explanation.push(
      `schedule: ${w.hours} h${profile.period === 'day' ? ' daily' : ' a week'} from ` +
        `${w.start.day === null ? '' : `day ${w.start.day} `}${w.start.hour}:00 ${profile.timeZone}, ${s.driverName} ` +
        `p${fmt(100 * profile.binQuantile)} per hour ≤ ${pct(w.fractionOfPeak)} of the busiest hour → forecast ` +
        `${fmt(w.driverPeak)}, needs ${fmt(w.neededCpuCores)} cores and ${memoryQuantity(w.neededMemoryBytes)}: ` +
        `${w.replicas} replicas instead of ${rec.replicas}`,
    );
  }
  return {
    timeZone: profile.timeZone,
    period: profile.period,
    replicas: rec.replicas,
    windows,
    monthlySaving,
  };
}
