import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  AnomalyDetector,
  moneyToNumber,
  parseMoney,
  unitCosts,
  type DriverValue,
} from '@headroom/core';
import type { CostAnomalySeries } from '@headroom/plugin-headroom-common';
import type { EntityCostReader } from './costData';
import type { OptimisationStore } from './OptimisationStore';
import type { StoredAnomaly } from './types';

const DAY = 86_400;

/** One point of a series to score. */
export interface SeriesPoint {
  t: number;
  value: number;
}

export interface ScoredPoint extends SeriesPoint {
  score: number;
  expected: number;
}

/**
 * The median of the series at t − 1 day … t − 7 days (the previous week of daily points, or the
 * same hour on the previous 7 days): what the point usually is, shown beside an anomaly. NaN
 * when none of those points exists.
 */
export function usualValue(byTime: ReadonlyMap<number, number>, t: number): number {
  const seen: number[] = [];
  for (let k = 1; k <= 7; k++) {
    const v = byTime.get(t - k * DAY);
    if (v !== undefined && Number.isFinite(v)) seen.push(v);
  }
  if (seen.length === 0) return Number.NaN;
  seen.sort((a, b) => a - b);
  const mid = Math.floor(seen.length / 2);
  return seen.length % 2 ? seen[mid]! : (seen[mid - 1]! + seen[mid]!) / 2;
}

/**
 * Runs a fresh `AnomalyDetector` over the series in time order (online: each score depends only
 * on the points up to it) and returns the points scoring at or above `threshold`.
 */
export function scoreSeries(points: SeriesPoint[], threshold: number): ScoredPoint[] {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  if (sorted.length < 2) return [];
  const step = sorted[1]!.t - sorted[0]!.t;
  const detector = new AnomalyDetector({ stepSeconds: step });
  const byTime = new Map(sorted.map(p => [p.t, p.value]));
  const out: ScoredPoint[] = [];
  for (const p of sorted) {
    const score = detector.update(p.t, p.value);
    if (Number.isFinite(score) && score >= threshold) {
      out.push({ ...p, score, expected: usualValue(byTime, p.t) });
    }
  }
  return out;
}

/**
 * The entity's unit-cost driver per period (its `headroom.dev/unit-cost-query` averaged over the
 * period, as the cost API's unit cost reads it); undefined when the entity declares none.
 */
export type UnitCostDrivers = (
  entityRef: string,
  periods: number[],
) => Promise<DriverValue[] | undefined>;

export interface AnomalyScanOptions {
  store: OptimisationStore;
  costs: EntityCostReader;
  logger: LoggerService;
  historyDays: number;
  threshold: number;
  /** Owner and line of business of the entities (from the catalog), read once per run. */
  contexts: () => Promise<
    ReadonlyMap<string, { ownerRef: string | null; lineOfBusiness: string | null }>
  >;
  unitCostDrivers?: UnitCostDrivers;
}

/**
 * The scheduled anomaly scan: for every entity with cost in the history, scores its cost series
 * (and its unit cost when the entity declares a unit-cost driver) and stores the points above the threshold.
 */
export class AnomalyScanner {
  constructor(private readonly options: AnomalyScanOptions) {}

  async run(now: Date): Promise<{ entities: number; series: number; anomalies: number }> {
    const { costs, store, threshold } = this.options;
    const to = new Date(Math.floor(now.getTime() / 1000 / DAY) * DAY * 1000);
    const from = new Date(to.getTime() - this.options.historyDays * DAY * 1000);
    const entities = await costs.entities(from, to);
    const contexts = await this.options.contexts();
    let series = 0;
    let added = 0;
    for (const entityRef of entities) {
      try {
        const points = await costs.costSeries(entityRef, from, to);
        const context = contexts.get(entityRef) ?? {
          ownerRef: null,
          lineOfBusiness: null,
        };
        const drivers = this.options.unitCostDrivers
          ? await this.options.unitCostDrivers(
              entityRef,
              points.map(p => p.start),
            )
          : undefined;
        const currencies = [...new Set(points.map(p => p.currency))];
        for (const currency of currencies) {
          const own = points.filter(p => p.currency === currency);
          const cost = own.map(p => ({
            t: p.start,
            value: moneyToNumber(parseMoney(p.cost) ?? 0n),
            step: p.stepSeconds,
          }));
          const found: Omit<StoredAnomaly, 'id'>[] = [];
          const record = (kind: CostAnomalySeries, scored: ScoredPoint[], step: number) => {
            for (const s of scored) {
              found.push({
                entityRef,
                ...context,
                series: kind,
                at: new Date(s.t * 1000),
                stepSeconds: step,
                value: s.value,
                expected: s.expected,
                score: s.score,
                currency,
                detectedAt: now,
              });
            }
          };
          const step = cost[0]?.step ?? DAY;
          record('cost', scoreSeries(cost, threshold), step);
          series += 1;
          if (drivers) {
            // Core's unit cost, as the cost API computes it: cost ÷ the driver of the period.
            const unit = unitCosts(
              own.map(p => ({
                entityRef,
                period: p.start,
                currency,
                cost: parseMoney(p.cost) ?? 0n,
              })),
              drivers,
            ).map(u => ({ t: u.period, value: u.unitCost ?? Number.NaN }));
            if (unit.some(u => Number.isFinite(u.value))) {
              record('unit-cost', scoreSeries(unit, threshold), step);
              series += 1;
            }
          }
          added += await store.addAnomalies(found);
        }
      } catch (e) {
        this.options.logger.warn(
          `Cost anomaly scan of ${entityRef} failed: ${(e as Error).message}`,
        );
      }
    }
    this.options.logger.info(
      `Cost anomaly scan: ${entities.length} entities, ${series} series, ${added} new anomalies`,
    );
    return { entities: entities.length, series, anomalies: added };
  }
}
