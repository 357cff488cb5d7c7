import { fitResourceModel } from '../../capacity/fit';
import { forecastPeak } from '../../capacity/forecast';
import { recommendCapacity } from '../../capacity/recommend';
import type { CapacityRecommendation, PeakForecast, ResourceFit } from '../../capacity/types';
import { fmt, GIB } from '../format';
import type { RightSizingInput } from '../rightsize';
import type { Notes } from './notes';
import type { RightSizingSettings } from './settings';
import type { PolicyMargins } from './sloPolicy';

/** The capacity one resource needs for a forecast, at a target, against what runs today. */
export type CapacityFor = (
  fit: ResourceFit,
  unit: 'cores' | 'GiB',
  target: number,
  forecast: PeakForecast,
  withLatency: boolean,
) => CapacityRecommendation;

export interface Need {
  cpuFit: ResourceFit;
  memFit: ResourceFit;
  forecast: PeakForecast;
  cpuCap: CapacityRecommendation;
  memCap: CapacityRecommendation;
  /** Cores and bytes of the whole workload at the forecast peak. */
  cpu: number;
  mem: number;
  capacity: CapacityFor;
}

/**
 * What the SLO needs at the forecast peak: CPU and memory fitted against the driver, the driver's
 * peak forecast, and core's `recommendCapacity` at the targets (the latency objective caps CPU
 * only). A poor fit is not trusted below the observed maximum at the target. Throws when the
 * history cannot be modelled, with every reason.
 */
export function modelNeed(
  input: RightSizingInput,
  s: RightSizingSettings,
  margins: PolicyMargins,
  notes: Notes,
): Need {
  const cur = input.current;
  const R = cur.replicas;
  const { driverName } = s;
  const { cpuTarget, memTarget, marginQuantile } = margins;
  const memGiB = input.memoryBytes.map(v => v / GIB);
  const cpuFit = fitResourceModel(input.driver, input.cpuCores);
  const memFit = fitResourceModel(input.driver, memGiB);
  const forecast = forecastPeak(input.timestamps, input.driver, { horizonSeconds: s.horizon });
  if (
    cpuFit.quality === 'insufficient' ||
    memFit.quality === 'insufficient' ||
    forecast.quality === 'insufficient' ||
    !Number.isFinite(forecast.peak)
  ) {
    throw new Error(
      `recommendRightSizing: not enough history to model usage against ${driverName} ` +
        `(${[
          ...cpuFit.reasons.map(r => `cpu fit: ${r}`),
          ...memFit.reasons.map(r => `memory fit: ${r}`),
          ...forecast.reasons.map(r => `forecast: ${r}`),
        ].join('; ')})`,
    );
  }
  const capacity: CapacityFor = (fit, unit, target, f, withLatency) =>
    recommendCapacity({
      fit,
      forecast: f,
      unit,
      targetUtilisation: target,
      marginQuantile,
      ...(withLatency && input.latency ? { latency: input.latency } : {}),
      current:
        unit === 'cores'
          ? {
              requests: cur.cpuRequest,
              replicas: R,
              ...(cur.cpuLimit ? { limits: cur.cpuLimit } : {}),
            }
          : {
              requests: cur.memRequest / GIB,
              replicas: R,
              ...(cur.memLimit ? { limits: cur.memLimit / GIB } : {}),
            },
    });
  const cpuCap = capacity(cpuFit, 'cores', cpuTarget, forecast, true);
  const memCap = capacity(memFit, 'GiB', memTarget, forecast, false);
  notes.explanation.push(
    `cpu: series cpuCores fitted to ${driverName}: ${fmt(cpuFit.baseline)} + ${fmt(cpuFit.perUnit)} cores per unit ` +
      `(robust R² ${fmt(cpuFit.robustRSquared)}, ${cpuFit.quality})`,
    ...cpuCap.explanation.map(l => `cpu: ${l}`),
    `memory: series memoryBytes fitted to ${driverName}: ${fmt(memFit.baseline)} GiB + ${fmt(memFit.perUnit)} GiB per unit ` +
      `(robust R² ${fmt(memFit.robustRSquared)}, ${memFit.quality})`,
    ...memCap.explanation.map(l => `memory: ${l}`),
  );

  // A poor model is not trusted below what was actually used.
  const floorPoor = (
    fit: ResourceFit,
    need: number,
    target: number,
    what: string,
    unit: string,
  ) => {
    if (fit.quality !== 'poor') return need;
    const floor = fit.usage.max / target;
    notes.risks.push({
      level: 'medium',
      reason: `${what} fit is poor (${fit.reasons.join('; ')})`,
    });
    if (floor > need) {
      notes.explanation.push(
        `${what}: the fit is poor, so not below the observed max ${fmt(fit.usage.max)} ${unit} / target ${fmt(target)} = ${fmt(floor)} ${unit}`,
      );
      return floor;
    }
    return need;
  };
  const cpu = floorPoor(cpuFit, cpuCap.needed, cpuTarget, 'cpu', 'cores');
  const memGiBNeeded = floorPoor(memFit, memCap.needed, memTarget, 'memory', 'GiB');
  if (forecast.quality === 'poor') {
    notes.risks.push({
      level: 'medium',
      reason: `the ${driverName} forecast is poor (${forecast.reasons.join('; ')})`,
    });
  }
  return { cpuFit, memFit, forecast, cpuCap, memCap, cpu, mem: memGiBNeeded * GIB, capacity };
}
