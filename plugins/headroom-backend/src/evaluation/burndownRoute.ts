import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { burndown, burndownPoints, prepareSeries } from '@headroom/core';
import { planSloSamples, readPlannedSamples, type PrometheusClient } from '@headroom/prometheus';
import { headroomSloReadPermission, type SloBurndown } from '@headroom/plugin-headroom-common';
import type { Request, Response } from 'express';
import type { ApiBounds } from '../api/bounds';
import type { SloStore, StoredSlo } from '../database/types';
import type { Access } from '../service/access';

export const DEFAULT_BURNDOWN_POINTS = 200;
export const MAX_BURNDOWN_POINTS = 2000;

/** The `points` query parameter: 2 to 2000 (a line needs two points), 200 when absent. */
export function parseBurndownPoints(value: unknown, where: string): number {
  if (value === undefined) return DEFAULT_BURNDOWN_POINTS;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const points = /^[0-9]{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(points >= 2 && points <= MAX_BURNDOWN_POINTS)) {
    throw new InputError(
      `Query parameter points of ${where} must be a whole number from 2 to ${MAX_BURNDOWN_POINTS}, got '${text}'`,
    );
  }
  return points;
}

/**
 * The burndown's step for at most `points` points over `spanSeconds`, never finer than the
 * samples read from Prometheus. Core puts points at start + i·step and always adds the end, so a
 * step of ⌈span / (points − 1)⌉ gives at most `points` of them.
 */
export function burndownStepSeconds(
  spanSeconds: number,
  points: number,
  sampleStepSeconds: number,
): number {
  return Math.max(sampleStepSeconds, Math.ceil(spanSeconds / (points - 1)));
}

/** Core's: `at` for a rolling window, a calendar period's real end (the next period's start). */
export { windowEnd } from '@headroom/core';

/**
 * The SLO's remaining budget through its whole current window at `now`, computed by core on the
 * counters Prometheus holds (the same reads as the scheduled evaluation). A failed query throws.
 */
export async function sloBurndown(
  client: PrometheusClient,
  slo: StoredSlo,
  now: Date,
  options: { points: number; sampleStepSeconds: number },
): Promise<SloBurndown> {
  const definition = slo.definition;
  const plan = planSloSamples(definition, now.getTime() / 1000, options.sampleStepSeconds);
  const { at, windowStart: start } = plan;
  const samples = await readPlannedSamples(client, definition, plan);
  const stepSeconds = burndownStepSeconds(at - start, options.points, plan.stepSeconds);
  const series = burndown(definition, prepareSeries(samples), { at, stepSeconds });
  return {
    entityRef: slo.entityRef,
    sloName: slo.name,
    objective: slo.objective,
    window: slo.window,
    windowSeconds: definition.window.seconds,
    windowStart: start,
    windowEnd: plan.windowEnd,
    evaluatedAt: new Date(at * 1000).toISOString(),
    stepSeconds,
    points: burndownPoints(series),
  };
}

/**
 * `GET /entities/{kind}/{namespace}/{name}/slos/{sloName}/burndown?points=`: read permission as
 * for the status; 404 for an unknown SLO, 503 naming Prometheus when it cannot be read.
 */
export function burndownHandler(deps: {
  store: SloStore;
  access: Access;
  prometheus: PrometheusClient | undefined;
  prometheusUrl: string | undefined;
  sampleStepSeconds: number;
  bounds?: ApiBounds;
}) {
  return async (req: Request, res: Response) => {
    const params = req.params as {
      kind: string;
      namespace: string;
      name: string;
      sloName: string;
    };
    const where = `${req.method} ${req.originalUrl}`;
    const points = parseBurndownPoints(req.query.points, where);
    const credentials = await deps.access.credentials(req);
    const entityRef = stringifyEntityRef({
      kind: params.kind,
      namespace: params.namespace,
      name: params.name,
    });
    const slo = await deps.store.get(entityRef, params.sloName);
    if (!slo) throw new NotFoundError(`${entityRef} has no SLO named '${params.sloName}'`);
    await deps.access.require(credentials, headroomSloReadPermission, {
      entityRef,
      ownerRef: slo.ownerRef,
    });
    // A window from a file may be longer than the API's bound: reading it would be as costly.
    const field = `Window of SLO '${slo.name}'`;
    await deps.bounds?.requireWindow(
      slo.definition.window.seconds,
      field,
      where,
      slo.definition.window.duration,
    );
    await deps.bounds?.requirePoints(
      slo.definition.window.seconds,
      deps.sampleStepSeconds,
      field,
      where,
    );
    if (!deps.prometheus) {
      throw new ServiceUnavailableError(
        'The burndown needs Prometheus, and no headroom.prometheus.baseUrl is configured',
      );
    }
    let body: SloBurndown;
    try {
      body = await sloBurndown(deps.prometheus, slo, new Date(), {
        points,
        sampleStepSeconds: deps.sampleStepSeconds,
      });
    } catch (error) {
      throw new ServiceUnavailableError(
        `Burndown of SLO '${slo.name}' of ${entityRef}: Prometheus at ${deps.prometheusUrl} could not be read: ${(error as Error).message}`,
      );
    }
    res.json(body);
  };
}
